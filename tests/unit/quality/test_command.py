"""``cofnod quality-report`` as a script runs it: a real profile, a process, the CSV read back."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.commands.common import services_for
from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.services.quality import QualityService
from sync.protocol.quality import Period, report_rows
from tests.support.sharedkeyring import SharedTestKeyring

ROOT = Path(__file__).resolve().parents[3]
YEAR = ("2025-12-01", "2026-11-30")


class Cli:
    def __init__(self, tmp: Path) -> None:
        self.keyring_file = tmp / "shared-keyring.json"
        self.env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "tests.support.sharedkeyring.SharedTestKeyring",
            "COFNOD_TEST_KEYRING_FILE": str(self.keyring_file),
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("COFNOD_PASSPHRASE", None)

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Path]:
    tmp = tmp_path_factory.mktemp("quality_cli")
    cli = Cli(tmp)
    folder = tmp / "profile"
    done = cli("demo-data", "--profile", str(folder), "--children", "120", "--seed", "4")
    assert done.returncode == 0, done.stderr
    return cli, folder


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_csv_holds_every_figure_with_its_label(made: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, folder = made
    out = tmp_path / "quality.csv"
    done = cli("quality-report", "--profile", str(folder), "--from", YEAR[0], "--to", YEAR[1], "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "your conferences'" in done.stdout  # the demo's user is a chair
    assert out.stat().st_mode & 0o777 == 0o600
    rows = _read(out)
    assert rows[0] == ["code", "breakdown", "measure", "slice", "count", "out of", "value"]
    profile = open_profile(folder, secrets=KeyringSecretStore(backend=SharedTestKeyring(cli.keyring_file)), env={})
    try:
        services = services_for(profile)
        period = Period(dt.date.fromisoformat(YEAR[0]), dt.date.fromisoformat(YEAR[1]))
        report = QualityService(services.ctx).report(period, user=services.ctx.user)
    finally:
        profile.close()
    expected = [
        [code, breakdown or "", str(count), "" if denominator is None else str(denominator)]
        for code, breakdown, count, denominator in report_rows(report)
    ]
    assert [[r[0], r[1], r[4], r[5]] for r in rows[1:]] == expected
    labels = {r[0]: r[2] for r in rows[1:]}
    assert labels["voice.recorded"] == "Decisions with the child's voice recorded"
    assert labels["timeliness.icpc_held.late"].endswith(": late")


def test_a_board_csv_in_welsh_shows_fewer_than_5(made: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, folder = made
    out = tmp_path / "bwrdd.csv"
    args = ("--from", YEAR[0], "--to", YEAR[1], "--out", str(out), "--language", "cy", "--board")
    done = cli("quality-report", "--profile", str(folder), *args)
    assert done.returncode == 0, done.stderr
    rows = _read(out)
    assert rows[0][0] == "cod" and rows[0][4] == "nifer"
    counts = [r[4] for r in rows[1:]] + [r[5] for r in rows[1:]]
    assert "llai na 5" in counts
    assert not any(c in {"1", "2", "3", "4"} for c in counts)
    assert {r[0]: r[2] for r in rows[1:]}["decisions.registrations"] == "Cofrestriadau"


def test_bad_arguments_are_refused_and_nothing_is_written(made: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, folder = made
    out = tmp_path / "x.csv"
    done = cli("quality-report", "--profile", str(folder), "--from", "2026-13-01", "--to", YEAR[1], "--out", str(out))
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr and not out.exists()
    done = cli("quality-report", "--profile", str(folder), "--from", YEAR[1], "--to", YEAR[0], "--out", str(out))
    assert done.returncode == 2 and "before" in done.stderr and not out.exists()
    txt = tmp_path / "x.txt"
    done = cli("quality-report", "--profile", str(folder), "--from", YEAR[0], "--to", YEAR[1], "--out", str(txt))
    assert done.returncode == 2 and ".csv or .pdf" in done.stderr and not txt.exists()


def test_the_pdf_is_written_by_the_documents_renderer_or_refused(made: tuple[Cli, Path], tmp_path: Path) -> None:
    cli, folder = made
    out = tmp_path / "quality.pdf"
    done = cli("quality-report", "--profile", str(folder), "--from", YEAR[0], "--to", YEAR[1], "--out", str(out))
    if importlib.util.find_spec("desktop.documents.quality") is None:
        # Until the board PDF's renderer is installed, the command says so and writes nothing.
        assert done.returncode == 1 and "cannot write the PDF" in done.stderr and not out.exists()
    else:
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
