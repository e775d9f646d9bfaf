"""Private files (issue 14, section 5): a profile folder is 0700 and every file in it 0600 on POSIX,
however the profile is made, and opening an older profile repairs the modes it finds.

Each test runs under the usual umask 022, so a file that is private is private because Cofnod
made it so. Checked with ``os.stat``.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.private_files import make_private_folder, private_umask
from desktop.profile import KdfSettings, open_profile
from desktop.secrets import InMemorySecretStore, SecretState
from desktop.store.orm import Council
from tests.unit.store.helpers import add_council

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

REPO = Path(__file__).resolve().parents[2]
CHEAP = KdfSettings(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def modes(folder: Path) -> dict[str, int]:
    """Every entry under ``folder`` (the folder itself as ".") with its permission bits."""
    out = {".": mode(folder)}
    out.update({str(p.relative_to(folder)): mode(p) for p in sorted(folder.rglob("*"))})
    return out


def assert_private(folder: Path, *, expect: tuple[str, ...]) -> None:
    found = modes(folder)
    for name in expect:
        assert name in found, (name, sorted(found))
    for name, bits in found.items():
        wanted = 0o700 if (folder / name).is_dir() else 0o600
        assert bits == wanted, f"{name}: {oct(bits)}"


def test_a_new_keyring_profile_is_private_while_open_and_after(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    folder = home / "profile"
    profile = open_profile(folder, secrets=InMemorySecretStore(), env={})
    with profile.sessions.begin() as s:
        add_council(s)
    # While open the WAL and shared-memory files exist: they take the database's mode.
    assert_private(folder, expect=("cofnod.db", "cofnod.db-wal", "cofnod.db-shm", "cofnod.db.keycheck", "profile.json"))
    profile.close()
    assert_private(folder, expect=("cofnod.db", "cofnod.db.keycheck", "profile.json"))
    assert mode(home) == 0o755  # only the profile folder is ours to close


def test_a_new_passphrase_profile_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    profile = open_profile(
        folder, secrets=InMemorySecretStore(state=SecretState.UNAVAILABLE),
        env={"COFNOD_PASSPHRASE": "hir a diogel ŵ"}, kdf=CHEAP,
    )  # fmt: skip
    assert_private(folder, expect=("cofnod.db", "cofnod.db-wal", "profile.json"))
    profile.close()


def test_opening_an_old_profile_repairs_its_modes_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    secrets = InMemorySecretStore()
    profile = open_profile(folder, secrets=secrets, env={})
    with profile.sessions.begin() as s:
        add_council(s)
    profile.close()
    # What an older version left: everything readable by everyone.
    (folder / "logs").mkdir()
    for name in ("settings.ini", "running.lock", "logs/cofnod.log", "logs/cofnod.log.1", "logs/crash.log"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "backups").mkdir(exist_ok=True)
    (folder / "backups" / "cofnod-0002.db").write_bytes(b"\0" * 16)
    elsewhere = tmp_path / "notes.txt"
    elsewhere.write_text("the user's own file", encoding="utf-8")
    (folder / "notes.txt").write_text("the user's own file", encoding="utf-8")
    (folder / "logs" / "cofnod.log.2").symlink_to(elsewhere)  # a link is never followed
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)

    again = open_profile(folder, secrets=secrets, env={})
    with again.sessions() as s:
        assert s.query(Council).count() == 1
    again.close()
    found = modes(folder)
    for name in ("cofnod.db", "cofnod.db.keycheck", "profile.json", "settings.ini", "running.lock",
                 "logs/cofnod.log", "logs/cofnod.log.1", "logs/crash.log", "backups/cofnod-0002.db"):  # fmt: skip
        assert found[name] == 0o600, name
    assert found["."] == found["logs"] == found["backups"] == 0o700
    # Not a name a profile holds: a file the user keeps there, and a link, are left alone.
    assert found["notes.txt"] == 0o644 and mode(elsewhere) == 0o644


def test_private_umask_is_put_back(tmp_path: Path) -> None:
    with private_umask():
        (tmp_path / "inside").write_text("x", encoding="utf-8")
    (tmp_path / "outside").write_text("x", encoding="utf-8")
    assert mode(tmp_path / "inside") == 0o600 and mode(tmp_path / "outside") == 0o644
    existing = tmp_path / "open"
    existing.mkdir(mode=0o755)
    make_private_folder(existing)
    make_private_folder(tmp_path / "a" / "b")
    assert mode(existing) == mode(tmp_path / "a" / "b") == 0o700


def test_demo_data_cli_makes_a_private_profile(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "demo-data", "--profile", str(folder), "--children", "3"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert_private(folder, expect=("cofnod.db", "cofnod.db.keycheck", "profile.json"))
