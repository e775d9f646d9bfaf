"""``cofnod export-record`` against a real profile: success, exit 2 for unknown input, private files, and
a key store that keeps secrets in plain text."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from desktop.__main__ import main as cofnod_main
from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.store.orm import DocumentIssued
from tests.integration.documents.builder import build_conference
from tests.support.filekeyring import FileKeyring
from tests.unit.documents import pdftools
from tests.unit.store.helpers import snapshot_files


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


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_export_record_writes_a_private_pdf_and_repairs_the_profile(profile: Path, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        for path in [profile, *profile.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)  # as an older version left them
        out = tmp_path / "record.pdf"
        assert cofnod_main(["export-record", "CAR-2026-0142", "--profile", str(profile), "--out", str(out)]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    for path in [profile, *profile.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_export_record_on_a_machine_whose_key_store_is_plain_text_explains(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot_files(profile)
    plain = FileKeyring(tmp_path / "keyring_pass.json")
    previous = keyring.get_keyring()
    keyring.set_keyring(plain)
    try:
        out = tmp_path / "x.pdf"
        assert cofnod_main(["export-record", "CAR-2026-0142", "--profile", str(profile), "--out", str(out)]) == 1
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert "keeps secrets in a plain file" in err and "keyring_insecure" in err and "Traceback" not in err
    assert plain.calls == [] and not out.exists()
    assert snapshot_files(profile) == before
