"""Check a built Cofnod: ``python -m installer.smoke_test bundle DIR`` or ``deb FILE.deb``.

``bundle`` runs the frozen app's ``--self-test`` offscreen and checks the JSON it prints
(style.md section 6); on Linux it also checks with ``ldd`` that every bundled library's
dependencies resolve, from the bundle or this system. ``deb`` (root, Debian) installs the package
with dpkg, runs the installed ``cofnod --self-test`` (offscreen, and on the xcb plugin under Xvfb)
and ``--check-config``, fills a user's profile with demonstration data, starts the installed app
offscreen until its window is ready, then removes and purges the package and checks that the
program went and the user's profile stayed, byte for byte.

Both need a Secret Service for the keyring check; ``installer/linux/with-keyring.sh`` runs a
command inside a private D-Bus session with an unlocked gnome-keyring (what `make installer` does).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: Checks a bundle must pass outright (a warning is not good enough for an installed app).
REQUIRED_OK = (
    "keyring",
    "keyring_backends",
    "encryption",
    "migrations",
    "qt",
    "fonts",
    "translations",
    "catalogues",
    "machine_config",
)


class SmokeError(RuntimeError):
    """The built app failed a check; the message lists what."""


def report_problems(report: Mapping[str, Any], platform: str = "offscreen") -> list[str]:
    """What is wrong with a ``--self-test`` report of a frozen build (empty when all is well)."""
    problems: list[str] = []
    if not report.get("frozen"):
        problems.append("the report is not from a frozen build")
    checks = report.get("checks", {})
    for name in REQUIRED_OK:
        check = checks.get(name)
        if check is None:
            problems.append(f"{name}: missing from the report")
        elif check.get("status") != "ok":
            problems.append(f"{name}: {check.get('status')} ({check.get('error')})")
    if checks.get("qt", {}).get("details", {}).get("platform") not in (None, platform):
        problems.append(f"qt: not started on the {platform} platform")
    if not report.get("ok"):
        problems.append("the report says the self-test failed")
    return problems


def _env(platform: str = "offscreen", **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "COFNOD_MACHINE_CONFIG")}
    env.update(QT_QPA_PLATFORM=platform, **extra)
    return env


def not_found(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` could not resolve."""
    return [line.split("=>")[0].strip() for line in ldd_output.splitlines() if "=> not found" in line]


def missing_libraries(bundle: Path) -> dict[str, list[str]]:
    """Shared objects in a Linux bundle whose dependencies are neither bundled nor on this system."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}
    missing: dict[str, list[str]] = {}
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True, check=False)
        lost = not_found(done.stdout)
        if lost:
            missing[str(path.relative_to(bundle))] = lost
    return missing


def self_test(
    executable: str | Path, profile: Path, *, platform: str = "offscreen", prefix: Sequence[str] = ()
) -> dict[str, Any]:
    """Run ``executable --self-test`` on ``platform``; its JSON report (raises SmokeError on any problem)."""
    done = subprocess.run(
        [*prefix, str(executable), "--self-test", "--profile", str(profile)],
        env=_env(platform),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SmokeError(f"--self-test printed no JSON (exit {done.returncode}): {done.stderr[-2000:]}") from None
    problems = report_problems(report, platform)
    if done.returncode != 0 and not problems:
        problems.append(f"exit status {done.returncode}")
    if problems:
        raise SmokeError("; ".join(problems))
    return report


def _run(cmd: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: int = 180) -> str:
    done = subprocess.run(list(cmd), env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise SmokeError(f"{' '.join(cmd)} failed (exit {done.returncode}): {(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".db", ".json")
    }


def deb_cycle(deb: Path) -> dict[str, Any]:
    """Install, check, start, remove and purge ``deb``; the user's profile must survive."""
    binary = Path("/usr/bin/cofnod")
    if binary.exists():
        raise SmokeError("cofnod is already installed here; remove it first (dpkg -r cofnod)")
    home = Path(tempfile.mkdtemp(prefix="cofnod-smoke-home-"))
    profile = home / "profile"
    env = _env(HOME=str(home))
    facts: dict[str, Any] = {}
    _run(["dpkg", "-i", str(deb)])
    try:
        facts["self_test_ok"] = self_test(binary, profile)["ok"]
        if shutil.which("xvfb-run"):
            # The xcb plugin a desktop uses, with the system libraries the package depends on.
            facts["self_test_xcb_ok"] = self_test(binary, profile, platform="xcb", prefix=("xvfb-run", "-a"))["ok"]
        config = _run([str(binary), "--check-config", "--profile", str(profile)], env=env)
        if "/etc/xdg/Cofnod/cofnod.toml (found)" not in config:
            raise SmokeError(f"--check-config did not find the packaged machine-wide file:\n{config}")
        _run([str(binary), "demo-data", "--profile", str(profile), "--children", "3"], env=env)
        started = _run([str(binary), "--profile", str(profile)], env={**env, "COFNOD_BENCH_EXIT_WHEN_READY": "1"})
        if "READY" not in started:
            raise SmokeError(f"the installed app did not reach its main window:\n{started}")
        facts["started_offscreen"] = True
        before = _digest(profile)
        if not any(name.endswith(".db") for name in before):
            raise SmokeError("the installed app wrote no database into the profile")
    finally:
        _run(["dpkg", "-r", "cofnod"])
    if binary.exists() or Path("/usr/lib/cofnod").exists():
        raise SmokeError("dpkg -r left the program behind")
    if not Path("/etc/xdg/Cofnod/cofnod.toml").is_file():
        raise SmokeError("dpkg -r removed the machine-wide configuration (a conffile, kept until purge)")
    _run(["dpkg", "-P", "cofnod"])
    if Path("/etc/xdg/Cofnod/cofnod.toml").exists():
        raise SmokeError("dpkg -P left the machine-wide configuration behind")
    if _digest(profile) != before:
        raise SmokeError("removing the package changed or removed the user's profile")
    facts["profile_kept"] = sorted(before)
    shutil.rmtree(home, ignore_errors=True)
    return facts


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``bundle DIR`` or ``deb FILE``; prints what was checked, exit 1 on a failure."""
    parser = argparse.ArgumentParser(prog="installer.smoke_test")
    parser.add_argument("kind", choices=("bundle", "deb"))
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.kind == "bundle":
            exe = args.target / ("cofnod-cli.exe" if sys.platform == "win32" else "cofnod")
            with tempfile.TemporaryDirectory(prefix="cofnod-smoke-") as tmp:
                report = self_test(exe, Path(tmp) / "profile")
            facts: dict[str, Any] = {name: c["status"] for name, c in report["checks"].items()}
            if sys.platform.startswith("linux"):
                lost = missing_libraries(args.target)
                if lost:
                    raise SmokeError(f"libraries not found for: {lost}")
                facts["libraries_resolved"] = True
        else:
            facts = deb_cycle(args.target)
    except (SmokeError, subprocess.TimeoutExpired) as exc:
        print(f"installer.smoke_test: FAILED: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"kind": args.kind, "passed": True, **facts}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
