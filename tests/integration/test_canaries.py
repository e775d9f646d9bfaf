"""Canary scan (security-reliability.md AR-1, AR-4, AUTH-6; harness section 3.3).

Unique random canaries stand in for a child's name and wishes, the user's and a practitioner's names, minutes
text, a decision's rationale, a dissent, the unlock PIN and the profile passphrase; the raw database
key is taken from the opened profile. A child process (``tests.support.canary_session``) runs the
real ``run_app`` on a real passphrase profile and drives a session with one refused action and one
unhandled exception. Then every file the app could have written is searched for every canary, in
several encodings: the profile folder (database and its ``-wal``/``-shm``, key check,
``profile.json``, ``settings.ini``, backups, logs and the faulthandler file), and the process's
temp, home, config, cache, data and runtime folders (all pointed at the test's sandbox), as well
as the child's stdout, stderr, environment and command line.

Expected: **0** hits anywhere, the database files included (they are encrypted); the database does
not start with the SQLite header and stdlib ``sqlite3`` cannot read it. To show the absence means
something, the decrypted database must hold every record canary, the log must hold the crash
report, and a planted canary in each encoding must be found by the same scanner.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.profile import read_profile_info
from desktop.store.engine import SQLITE_HEADER, raw_connect

ROOT = Path(__file__).resolve().parents[2]
DB_FILES = ("cofnod.db", "cofnod.db-wal", "cofnod.db-shm", "cofnod.db-journal")
#: Canaries that are record text: the decrypted database must hold each of them.
RECORD_CANARIES = ("child_name", "user_name", "practitioner", "wishes", "minutes", "rationale", "dissent")


# ---- the scanner ----------------------------------------------------------------------------------


def _b64_forms(data: bytes) -> set[bytes]:
    """``data`` as it shows inside any base64 text, at each of the three alignments (std and URL-safe)."""
    forms: set[bytes] = set()
    for shift in range(3):
        enc = base64.b64encode(b"\0" * shift + data)
        start = -(-shift * 8 // 6)  # the first character made only of data bits
        end = (shift + len(data)) * 8 // 6  # the last one not mixed with what follows
        core = enc[start:end]
        forms |= {core, core.replace(b"+", b"-").replace(b"/", b"_")}
    return forms


def text_needles(text: str) -> dict[str, bytes]:
    """A text canary encoded as UTF-8, UTF-16 (LE and BE), base64 and JSON with ASCII escapes."""
    needles = {
        "utf-8": text.encode("utf-8"),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "json-ascii": json.dumps(text).strip('"').encode("ascii"),
    }
    for i, form in enumerate(sorted(_b64_forms(text.encode("utf-8")))):
        needles[f"base64-{i}"] = form
    return needles


def token_needles(token: str) -> dict[str, bytes]:
    """The canary's random ASCII token alone (found whatever the normalisation or escaping around it)."""
    return {
        "token": token.encode("ascii"),
        "token-upper": token.upper().encode("ascii"),
        "token-utf-16-le": token.encode("utf-16-le"),
        "token-utf-16-be": token.encode("utf-16-be"),
    }


def key_needles(key: bytes) -> dict[str, bytes]:
    """The raw database key as bytes, hex (both cases, also in UTF-16) and base64."""
    needles = {
        "raw": key,
        "hex": key.hex().encode("ascii"),
        "HEX": key.hex().upper().encode("ascii"),
        "hex-utf-16-le": key.hex().encode("utf-16-le"),
    }
    for i, form in enumerate(sorted(_b64_forms(key))):
        needles[f"base64-{i}"] = form
    return needles


@dataclass(frozen=True, slots=True)
class Hit:
    where: str
    canary: str
    encoding: str


def scan_bytes(where: str, data: bytes, needles: dict[str, dict[str, bytes]]) -> list[Hit]:
    return [Hit(where, name, enc) for name, forms in needles.items() for enc, n in forms.items() if n and n in data]


def all_files(roots: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        found += sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    return found


def scan_files(files: Iterable[Path], needles: dict[str, dict[str, bytes]]) -> list[Hit]:
    hits: list[Hit] = []
    for path in files:
        hits += scan_bytes(str(path), path.read_bytes(), needles)
    return hits


def make_canaries(vault: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The canaries (what the child is given) and each one's random token.

    Long texts carry their token at both ends, so a log line that cuts the text short still shows it.
    """
    tokens = {name: secrets.token_hex(8) for name in (*RECORD_CANARIES, "passphrase")}
    pin = "".join(secrets.choice("0123456789") for _ in range(14))
    canaries = {
        "child_name": f"Gwŷn{tokens['child_name']}",
        "user_name": f"Siôn{tokens['user_name']}",
        "practitioner": f"Nyrs Ffŵr{tokens['practitioner']}",
        "wishes": f"{tokens['wishes']} Mae hi eisiau aros gyda'i mam-gu ym Mhontypŵl {tokens['wishes']}",
        "minutes": f"{tokens['minutes']} Trafodwyd y cynllun â'r teulu; mae Ŵyn yn ddiogel {tokens['minutes']}.",
        "rationale": f"{tokens['rationale']} Mae'r risg o esgeulustod yn parhau ŵ {tokens['rationale']}",
        "dissent": f"{tokens['dissent']} Mae'r teulu'n ymgysylltu â'r ymwelydd iechyd ŷ {tokens['dissent']}",
        "passphrase": f"cyfrinair-ŵŷ-{tokens['passphrase']}",
        "pin": pin,
        "key_out": str(vault / "database-key.hex"),
    }
    return canaries, {**tokens, "pin": pin}


def needles_for(canaries: dict[str, str], tokens: dict[str, str], key: bytes | None) -> dict[str, dict[str, bytes]]:
    needles = {name: {**text_needles(canaries[name]), **token_needles(tokens[name])} for name in tokens}
    if key is not None:
        needles["database_key"] = key_needles(key)
    return needles


# ---- the self-check ---------------------------------------------------------------------------------


def test_scanner_finds_a_planted_canary_in_every_encoding(tmp_path: Path) -> None:
    """The scanner is not vacuous: canaries planted in a second folder's log files are all found."""
    canaries, tokens = make_canaries(tmp_path)
    key = os.urandom(32)
    needles = needles_for(canaries, tokens, key)
    folder = tmp_path / "planted"
    logs = folder / "logs"
    logs.mkdir(parents=True)
    (folder / "settings.ini").write_text("[ui]\ntheme=dark\n", encoding="utf-8")
    (logs / "cofnod.log").write_text(f"2026-03-10 INFO x: saved {canaries['minutes']}\n", encoding="utf-8")
    (logs / "cofnod.log.1").write_bytes(b"\xff\xfe" + f"child {canaries['child_name']}".encode("utf-16-le"))
    blob = base64.b64encode(b"xy" + canaries["dissent"].encode("utf-8") + b"tail")  # off the 3-byte grid
    (logs / "report.b64").write_bytes(blob)
    (logs / "event.json").write_text(json.dumps({"rationale": canaries["rationale"]}), encoding="ascii")
    nfd = canaries["child_name"].replace("ŷ", "y\u0302")  # decomposed: only the token matches
    (logs / "nfd.log").write_text(nfd, encoding="utf-8")
    (logs / "crash.log").write_bytes(b"\x00" * 7 + key + b"\x00")
    (logs / "hex.log").write_text(f"key={key.hex().upper()}\n", encoding="ascii")
    (logs / "pin.log").write_text(f"pin {canaries['pin']}\n", encoding="utf-8")

    hits = scan_files(all_files([folder]), needles)
    found = {(Path(h.where).name, h.canary, h.encoding) for h in hits}
    assert ("cofnod.log", "minutes", "utf-8") in found
    assert ("cofnod.log.1", "child_name", "utf-16-le") in found
    assert any(n == "report.b64" and c == "dissent" and e.startswith("base64") for n, c, e in found)
    assert ("event.json", "rationale", "json-ascii") in found
    assert ("nfd.log", "child_name", "token") in found
    assert ("nfd.log", "child_name", "utf-8") not in found
    assert ("crash.log", "database_key", "raw") in found
    assert ("hex.log", "database_key", "HEX") in found
    assert ("pin.log", "pin", "utf-8") in found
    assert not [h for h in hits if Path(h.where).name == "settings.ini"]
    # Nothing planted, nothing found: every hit is one of the planted ones.
    assert {c for _n, c, _e in found} == {"minutes", "child_name", "dissent", "rationale", "database_key", "pin"}


# ---- the session ------------------------------------------------------------------------------------


def _proc_bytes(pid: int, name: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return b""


@pytest.mark.timeout(120)
def test_no_canary_outside_the_key_store_after_a_full_session(tmp_path: Path) -> None:
    vault = tmp_path / "vault"  # the stand-in OS key store: the one place the key may be
    sandbox = tmp_path / "sandbox"
    folder = sandbox / "profile"
    dirs = {name: sandbox / name for name in ("tmp", "home", "config", "cache", "data", "runtime")}
    for d in (vault, *dirs.values()):
        d.mkdir(parents=True, mode=0o700)
    canaries, tokens = make_canaries(vault)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("COFNOD_", "XDG_"))}
    env.update({
        "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "LANG": "en_GB.UTF-8",
        "TMPDIR": str(dirs["tmp"]), "TEMP": str(dirs["tmp"]), "TMP": str(dirs["tmp"]), "HOME": str(dirs["home"]),
        "XDG_CONFIG_HOME": str(dirs["config"]), "XDG_CACHE_HOME": str(dirs["cache"]),
        "XDG_DATA_HOME": str(dirs["data"]), "XDG_RUNTIME_DIR": str(dirs["runtime"]),
    })  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.canary_session", str(folder)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(canaries).encode("utf-8") + b"\n")
    proc.stdin.flush()
    out = b""
    try:
        for line in proc.stdout:  # bounded by the test's timeout
            out += line
            if line.strip() == b"OPENED":
                break
        assert b"OPENED" in out, out
        environ, cmdline = _proc_bytes(proc.pid, "environ"), _proc_bytes(proc.pid, "cmdline")
        assert environ and cmdline
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
        for line in proc.stdout:
            out += line
            if line.strip() == b"SESSION_DONE":
                break
        if b"SESSION_DONE" not in out:  # the script failed: its traceback is on stderr
            proc.wait(timeout=30)
            assert proc.stderr is not None
            pytest.fail(f"the session did not finish: {out!r}\n{proc.stderr.read().decode('utf-8', 'replace')}")
        # The live WAL holds the session's pages until the clean exit checkpoints it away.
        live = sandbox / "wal-snapshot"
        live.mkdir()
        for suffix in ("-wal", "-shm"):
            shutil.copyfile(folder / f"cofnod.db{suffix}", live / f"cofnod.db{suffix}")
        assert (live / "cofnod.db-wal").stat().st_size > 0
        rest, err = proc.communicate(b"go\n", timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    out += rest
    lines = out.decode("utf-8", "replace").splitlines()
    assert proc.returncode == 0, (proc.returncode, lines, err.decode("utf-8", "replace")[-4000:])
    assert "EXIT 0" in lines
    for kind in ("passphrase", "pin", "name", "seat", "new_conference", "message_box", "finalise", "error_dialog"):
        assert f"SEEN {kind}" in lines, (kind, lines)
    assert "HOOK_REPORTS 1" in lines, lines

    # The key from the opened profile is the passphrase's Argon2id key.
    key = bytes.fromhex((vault / "database-key.hex").read_text(encoding="ascii"))
    info = read_profile_info(folder)
    assert info is not None and info.kdf is not None and info.key_mode.value == "passphrase"
    assert info.kdf.derive(canaries["passphrase"]) == key

    # The session really happened: the crash report is in the log, the canaries in the database.
    log = (folder / "logs" / "cofnod.log").read_text(encoding="utf-8")
    assert "unhandled exception" in log and "OperationalError: database is locked" in log
    assert not (folder / "running.lock").exists()  # a clean exit
    db = folder / "cofnod.db"
    conn = raw_connect(db, key)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        dump = "\n".join(str(v) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row)
    finally:
        conn.close()
    for name in RECORD_CANARIES:
        assert canaries[name] in dump, f"{name} never reached the database: the scan would prove nothing"

    # Encrypted at rest: no SQLite header, and stdlib sqlite3 cannot read it.
    assert db.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER
    with pytest.raises(sqlite3.DatabaseError):
        plain = sqlite3.connect(db)
        try:
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            plain.close()

    # The scan: every file under the sandbox (profile, temp, home, config, cache, data, runtime).
    needles = needles_for(canaries, tokens, key)
    files = all_files([sandbox])
    names = {p.relative_to(folder).as_posix() for p in files if folder in p.parents}
    expected = {"cofnod.db", "cofnod.db.keycheck", "profile.json", "settings.ini", "logs/cofnod.log", "logs/crash.log"}
    assert expected <= names, names
    assert (folder / "logs" / "crash.log").stat().st_size > 0  # the faulthandler dump
    file_hits = scan_files(files, needles)
    db_hits = [h for h in file_hits if Path(h.where).name in DB_FILES]
    other_hits = [h for h in file_hits if Path(h.where).name not in DB_FILES]
    stream_hits = scan_bytes("stdout", out, needles) + scan_bytes("stderr", err, needles)
    process_hits = scan_bytes("environ", environ, needles) + scan_bytes("cmdline", cmdline, needles)
    assert other_hits == [], other_hits
    assert db_hits == [], db_hits
    assert stream_hits == [], stream_hits
    assert process_hits == [], process_hits
