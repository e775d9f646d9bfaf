"""``cofnod export-record`` against a real profile: success, and exit 2 for unknown input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.__main__ import main as cofnod_main
from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.store.orm import DocumentIssued
from tests.integration.documents.builder import build_conference
from tests.unit.documents import pdftools


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    store = open_profile(folder, secrets=KeyringSecretStore(), env={})
    try:
        build_conference(store.sessions, minutes_paragraphs=1)
    finally:
        store.close()
    return folder


def test_export_record_writes_the_pdf_and_logs_it(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "record.pdf"
    code = cofnod_main(
        ["export-record", "CAR-2026-0142", "--profile", str(profile), "--out", str(out), "--language", "en"]
    )
    assert code == 0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest in capsys.readouterr().out
    assert "Record of the child protection conference" in pdftools.text(out)
    store = open_profile(profile, secrets=KeyringSecretStore(), create=False, env={})
    try:
        with store.sessions() as s:
            assert s.scalars(select(DocumentIssued.sha256)).all() == [digest]
    finally:
        store.close()


def test_export_for_a_recipient_by_id_and_kind(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    code = cofnod_main(
        [
            "export-record",
            "conf-CAR-2026-0142",
            "--profile",
            str(profile),
            "--out",
            str(out),
            "--recipient",
            "conf-CAR-2026-0142-dist-mother",
            "--kind",
            "letter",
        ]
    )
    assert code == 0
    assert "Annwyl Catrin Prŷs," in pdftools.flat(out)


def test_unknown_conference_exits_2_with_a_message(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code = cofnod_main(["export-record", "CAR-1999-0001", "--profile", str(profile), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "no conference with reference or id 'CAR-1999-0001'" in err and "Traceback" not in err
    assert not out.exists()


def test_unknown_recipient_exits_2_with_a_message(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    args = ["export-record", "CAR-2026-0142", "--profile", str(profile), "--out", str(out), "--recipient", "nobody"]
    assert cofnod_main(args) == 2
    err = capsys.readouterr().err
    assert "'nobody' is not a recipient or attendee" in err and "Traceback" not in err
    assert not out.exists()


def test_missing_profile_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cofnod_main(
        ["export-record", "CAR-2026-0142", "--profile", str(tmp_path / "none"), "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 1
    assert "cannot open the profile" in capsys.readouterr().err
