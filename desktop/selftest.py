"""``cofnod --self-test``: check this installation without opening a window, print JSON, exit 0 or 1.

What a frozen build most often gets wrong is checked here (style.md section 6): which keyring back
end was found, that SQLCipher really encrypts, that the Alembic scripts were bundled and migrate an
empty database to head, that the bundled fonts load, which Qt platform plugin starts, and which
translations were found; and for an installed bundle, that the native keyring back end was
bundled, both Welsh catalogues load, and the machine-wide configuration is valid. The JSON report
goes to stdout (``installer/smoke_test.py`` and the tests parse it); a short human summary goes to
stderr.

Everything is done in temporary folders; the profile folder is only resolved and checked, never
written. This is the one module outside ``desktop.ui`` that imports Qt, lazily inside its check.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

OK = "ok"
WARN = "warn"
FAIL = "fail"


@dataclass(slots=True)
class CheckResult:
    """One check: its status (ok / warn / fail), facts found, and an error code when it failed."""

    name: str
    status: str
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


#: What the self-test says where there is no OS key store and profiles use a passphrase.
KEYRING_NONE_NOTE = "keyring: none; this profile uses a passphrase"


def check_keyring() -> CheckResult:
    """The keyring back end class and whether Cofnod may keep its key there."""
    from desktop.secrets import KeyringSecretStore, SecretState

    store = KeyringSecretStore()
    state = store.state()
    details = {"backend": store.describe(), "state": state.value}
    if state is SecretState.OK:
        return CheckResult("keyring", OK, details)
    if state is SecretState.UNAVAILABLE:
        # No key store at all (no Secret Service): the app derives the key from a passphrase,
        # which is a supported way to run, so this passes with a note. A plaintext back end
        # (INSECURE) or a store that refuses (LOCKED) still fails.
        details["note"] = KEYRING_NONE_NOTE
        return CheckResult("keyring", WARN, details, error=KEYRING_NONE_NOTE)
    return CheckResult("keyring", FAIL, details, error=f"keyring_{state.value}")


def check_encryption() -> CheckResult:
    """A temporary database is encrypted (no SQLite header) and reports the SQLCipher version."""
    from desktop.store.engine import SQLITE_HEADER, create_store_engine, engine_pragmas

    with tempfile.TemporaryDirectory(prefix="cofnod-selftest-") as tmp:
        path = Path(tmp) / "check.db"
        engine = create_store_engine(path, os.urandom(32))
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("CREATE TABLE canary (x TEXT)")
                conn.exec_driver_sql("INSERT INTO canary VALUES ('Tŷ Dŵr')")
            pragmas = engine_pragmas(engine)
        finally:
            engine.dispose()
        data = path.read_bytes()
    encrypted = not data.startswith(SQLITE_HEADER) and b"canary" not in data
    details = {
        "cipher_version": pragmas.cipher_version,
        "journal_mode": pragmas.journal_mode,
        "synchronous": pragmas.synchronous,
        "foreign_keys": pragmas.foreign_keys,
        "secure_delete": pragmas.secure_delete,
        "header_encrypted": encrypted,
    }
    if not encrypted or not pragmas.cipher_version:
        return CheckResult("encryption", FAIL, details, error="not_encrypted")
    return CheckResult("encryption", OK, details)


def check_migrations() -> CheckResult:
    """The bundled Alembic scripts upgrade an empty encrypted database to the head this build expects."""
    from desktop.store.engine import create_store_engine
    from desktop.store.migrate import HEAD_REVISION, current_revision, migrate, script_head, script_location

    with tempfile.TemporaryDirectory(prefix="cofnod-selftest-") as tmp:
        path = Path(tmp) / "check.db"
        key = os.urandom(32)
        engine = create_store_engine(path, key)
        try:
            result = migrate(engine, path, key)
            reached = current_revision(engine)
        finally:
            engine.dispose()
    head = script_head()
    details = {
        "expected_head": HEAD_REVISION,
        "script_head": head,
        "reached": reached,
        "from_empty": result.from_revision is None,
        "script_location": script_location(),
    }
    if reached != HEAD_REVISION or head != HEAD_REVISION:
        return CheckResult("migrations", FAIL, details, error="head_mismatch")
    return CheckResult("migrations", OK, details)


FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")


def check_fonts() -> CheckResult:
    """The bundled DejaVu fonts are present and reportlab can load them (they carry ŵ and ŷ)."""
    from desktop.resources import fonts_dir

    folder = fonts_dir()
    present = [name for name in FONT_FILES if (folder / name).is_file()]
    details: dict[str, Any] = {"folder": str(folder), "present": present}
    if "DejaVuSans.ttf" not in present:
        return CheckResult("fonts", FAIL, details, error="font_missing")
    try:
        from reportlab.pdfbase.ttfonts import TTFont

        font = TTFont("CofnodSelfTest", str(folder / "DejaVuSans.ttf"))
        covered = all(ord(ch) in font.face.charToGlyph for ch in "ŵŷâ")
    except Exception as exc:  # noqa: BLE001 - any failure to load is the finding
        details["reportlab_error"] = type(exc).__name__
        return CheckResult("fonts", FAIL, details, error="font_unloadable")
    details["reportlab"] = True
    details["welsh_glyphs"] = covered
    if not covered:
        return CheckResult("fonts", FAIL, details, error="font_lacks_welsh")
    if len(present) < len(FONT_FILES):
        return CheckResult("fonts", WARN, details, error="font_variants_missing")
    return CheckResult("fonts", OK, details)


def check_qt() -> CheckResult:
    """A QGuiApplication starts; reports the platform plugin, the Qt version and SVG support."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        # Without a display Qt would abort the whole process; the offscreen plugin proves the
        # bundle's plugins load all the same.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QCoreApplication, qVersion
    from PySide6.QtGui import QGuiApplication, QImageReader

    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication(["cofnod-self-test"])
    platform = QGuiApplication.platformName() if isinstance(app, QGuiApplication) else ""
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    details = {
        "platform": platform,
        "qt_version": qVersion(),
        "pyside_version": pyside_version,
        "svg": "svg" in formats,
    }
    if not platform:
        return CheckResult("qt", FAIL, details, error="no_platform_plugin")
    return CheckResult("qt", OK, details)


def check_translations() -> CheckResult:
    """Which compiled translations (.qm) and sources (.ts) were found."""
    from desktop.resources import translations_dir

    folder = translations_dir()
    compiled = sorted(p.name for p in folder.glob("*.qm")) if folder.is_dir() else []
    sources = sorted(p.name for p in folder.glob("*.ts")) if folder.is_dir() else []
    details = {"folder": str(folder), "compiled": compiled, "sources": sources}
    if not compiled:
        # `make translations` builds them; a source checkout without them still runs in English.
        return CheckResult("translations", WARN, details, error="translations_not_built")
    return CheckResult("translations", OK, details)


def check_profile_location(profile_dir: str | os.PathLike[str] | None) -> CheckResult:
    """Where the profile would live and whether that place is safe (nothing is written)."""
    from desktop.config import resolve_profile_dir, unsafe_reason

    folder = resolve_profile_dir(profile_dir)
    reason = unsafe_reason(folder)
    details = {"folder": str(folder), "exists": folder.exists()}
    if reason is not None:
        return CheckResult("profile_location", FAIL, details, error=f"unsafe_location:{reason}")
    return CheckResult("profile_location", OK, details)


#: The keyring back end modules a bundle must carry for its platform (PyInstaller's hooks find them
#: through entry points, which a frozen app can lose).
NATIVE_KEYRING_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "win32": ("keyring.backends.Windows", "win32ctypes.core"),
    "darwin": ("keyring.backends.macOS",),
}


def check_keyring_backends() -> CheckResult:
    """The platform's native keyring back end is bundled and importable (whether or not it is running)."""
    import importlib

    import keyring.backend

    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    wanted = NATIVE_KEYRING_MODULES.get(platform, ())
    missing = []
    for name in wanted:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - any failure to import means the bundle lacks it
            missing.append(name)
    viable = sorted(f"{type(k).__module__}.{type(k).__name__}" for k in keyring.backend.get_all_keyring())
    details = {"native_modules": list(wanted), "missing": missing, "viable": viable}
    if missing:
        return CheckResult("keyring_backends", FAIL, details, error="keyring_backend_not_bundled")
    return CheckResult("keyring_backends", OK, details)


#: The compiled catalogues a build must ship; English is the source language and needs none.
REQUIRED_CATALOGUES = ("cofnod_cy.qm", "documents_cy.qm")


def check_catalogues() -> CheckResult:
    """Both Welsh catalogues (interface and documents) are present and Qt loads them."""
    from PySide6.QtCore import QTranslator

    from desktop.resources import translations_dir

    folder = translations_dir()
    loaded = []
    for name in REQUIRED_CATALOGUES:
        translator = QTranslator()
        if (folder / name).is_file() and translator.load(str(folder / name)) and not translator.isEmpty():
            loaded.append(name)
    missing = [n for n in REQUIRED_CATALOGUES if n not in loaded]
    details = {"languages": ["en", "cy"] if not missing else ["en"], "loaded": loaded, "missing": missing}
    if missing:
        # A source checkout before `make translations` runs in English; a bundle never may.
        status = FAIL if getattr(sys, "frozen", False) else WARN
        return CheckResult("catalogues", status, details, error="catalogue_missing")
    return CheckResult("catalogues", OK, details)


def check_machine_config() -> CheckResult:
    """The machine-wide configuration, when there is one, is valid (``cofnod --check-config`` shows it)."""
    from desktop.config import MachineConfigError, load_machine_config

    try:
        machine = load_machine_config()
    except MachineConfigError as exc:
        return CheckResult("machine_config", FAIL, {"path": str(exc.path), "message": exc.message}, "config_invalid")
    details = {"path": str(machine.path), "found": machine.found, "fixed": sorted(machine.locked)}
    return CheckResult("machine_config", OK, details)


def _run(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - a crashing check is a failed check, reported by type
        code = getattr(exc, "code", None) or type(exc).__name__
        result = CheckResult(name, FAIL, {}, error=str(code))
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def collect(profile_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Run every check and return the report (the JSON printed by :func:`run_self_test`)."""
    from desktop import __version__

    checks = [
        _run("keyring", check_keyring),
        _run("encryption", check_encryption),
        _run("migrations", check_migrations),
        _run("fonts", check_fonts),
        _run("qt", check_qt),
        _run("translations", check_translations),
        _run("profile_location", lambda: check_profile_location(profile_dir)),
        _run("keyring_backends", check_keyring_backends),
        _run("catalogues", check_catalogues),
        _run("machine_config", check_machine_config),
    ]
    return {
        "app": "cofnod",
        "version": __version__,
        "python": sys.version.split()[0],
        "frozen": bool(getattr(sys, "frozen", False)),
        "ok": all(c.status != FAIL for c in checks),
        "checks": {c.name: asdict(c) for c in checks},
    }


def run_self_test(profile_dir: str | os.PathLike[str] | None) -> int:
    """``cofnod --self-test``: print the JSON report and a summary; 0 when no check failed, else 1."""
    report = collect(profile_dir)
    print(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
    for name, check in report["checks"].items():
        mark = {"ok": "OK  ", "warn": "WARN", "fail": "FAIL"}[check["status"]]
        extra = f" ({check['error']})" if check["error"] else ""
        print(f"{mark} {name}{extra}", file=sys.stderr)
    print("Self-test passed." if report["ok"] else "Self-test FAILED.", file=sys.stderr)
    return 0 if report["ok"] else 1
