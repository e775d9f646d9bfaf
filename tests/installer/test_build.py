"""The installer build script's pure parts, the .deb layout built with the real dpkg-deb from a
stand-in bundle, and the smoke test's reading of a ``--self-test`` report."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from installer import build, smoke_test

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_comes_from_the_package() -> None:
    from desktop import __version__

    assert build.read_version(ROOT) == __version__


@pytest.mark.parametrize(
    ("version", "numeric", "debian"),
    [("0.1.0", "0.1.0", "0.1.0"), ("1.2", "1.2.0", "1.2"), ("0.2.0rc1", "0.2.0", "0.2.0~rc1"), ("3", "3.0.0", "3")],
)
def test_versions_for_msi_macos_and_debian(version: str, numeric: str, debian: str) -> None:
    assert build.numeric_version(version) == numeric
    assert build.debian_version(version) == debian


def test_a_version_outside_the_msi_range_is_refused() -> None:
    with pytest.raises(build.BuildError, match="MSI range"):
        build.numeric_version("256.0.0")
    with pytest.raises(build.BuildError, match="number"):
        build.numeric_version("v1")


def test_the_bundle_carries_migrations_fonts_and_both_catalogues() -> None:
    datas = build.bundle_datas(ROOT)
    dests = {(Path(src).name, dest) for src, dest in datas}
    assert ("env.py", "desktop/store/migrations") in dests
    assert ("script.py.mako", "desktop/store/migrations") in dests
    versions = sorted(p.name for p in (ROOT / "desktop/store/migrations/versions").glob("*.py"))
    assert versions and all((v, "desktop/store/migrations/versions") in dests for v in versions)
    assert ("cofnod_cy.qm", "resources/translations") in dests
    assert ("documents_cy.qm", "resources/translations") in dests
    assert ("DejaVuSans.ttf", "resources/fonts") in dests
    assert all((ROOT / src).is_file() for src, _ in datas)


def test_a_build_without_compiled_translations_stops_before_pyinstaller(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "resources" / "fonts", tmp_path / "resources" / "fonts")
    (tmp_path / "resources" / "translations").mkdir()
    (tmp_path / "resources" / "translations" / "cofnod_cy.qm").write_bytes(b"qm")
    with pytest.raises(build.BuildError, match=r"documents_cy\.qm.*make translations"):
        build.bundle_datas(tmp_path)


@pytest.mark.parametrize(
    ("dest", "gone"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("libgtk-3.so.0", True),
        ("libcups.so.2", True),
        ("libssl.so.3", False),
        ("libpython3.11.so.1.0", False),
        ("pillow.libs/libxcb-9065bb12.so.1.1.0", False),  # Pillow's own copy, not the system's
        ("sqlcipher3/_sqlite3.cpython-311-x86_64-linux-gnu.so", False),
    ],
)
def test_dropped_files(dest: str, gone: bool) -> None:
    assert build.dropped(dest) is gone


def test_the_native_keyring_is_forced_in_on_each_platform() -> None:
    assert "keyring.backends.SecretService" in build.native_keyring_imports("linux")
    assert "keyring.backends.Windows" in build.native_keyring_imports("win32")
    assert build.native_keyring_imports("darwin") == ["keyring.backends.macOS"]


def test_the_desktop_entry_is_valid_and_bilingual() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(build.desktop_entry())
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "cofnod" and entry["Type"] == "Application" and entry["Icon"] == "cofnod"
    assert entry["GenericName[cy]"] == "Cynadleddau amddiffyn plant"


def test_the_macos_plist_names_both_languages() -> None:
    plist = build.macos_info_plist("0.2.0rc1")
    assert plist["CFBundleShortVersionString"] == "0.2.0"
    assert plist["CFBundleLocalizations"] == ["en", "cy"]


def _stand_in_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    exe = bundle / "cofnod"
    exe.write_text("#!/bin/sh\necho stand-in\n", encoding="ascii")
    exe.chmod(0o700)
    (bundle / "_internal" / "resources" / "x.txt").write_text("x", encoding="ascii")
    (bundle / "_internal" / "libx.so").symlink_to("resources/x.txt")
    return bundle


def test_the_deb_tree_and_package(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    build.deb_tree(pkg, _stand_in_bundle(tmp_path), "0.3.0rc2", ROOT)
    assert (pkg / "usr/bin/cofnod").is_symlink()
    assert (pkg / "usr/bin/cofnod").resolve() == (pkg / "usr/lib/cofnod/cofnod").resolve()
    assert (pkg / "usr/lib/cofnod/_internal/libx.so").is_symlink()
    assert (pkg / "usr/lib/cofnod/cofnod").stat().st_mode & 0o777 == 0o755
    assert (pkg / "usr/share/applications/cofnod.desktop").stat().st_mode & 0o777 == 0o644
    assert (pkg / "DEBIAN/conffiles").read_text() == "/etc/xdg/Cofnod/cofnod.toml\n"
    # No maintainer scripts: nothing outside the package's own files is ever removed.
    assert sorted(p.name for p in (pkg / "DEBIAN").iterdir()) == ["conffiles", "control"]
    # The packaged machine-wide file is valid as shipped (everything commented out).
    from desktop.config import parse_machine_config

    shipped = pkg / "etc/xdg/Cofnod/cofnod.toml"
    assert parse_machine_config(shipped.read_text(encoding="utf-8"), shipped).values == {}

    deb = tmp_path / "cofnod.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "--build", str(pkg), str(deb)], check=True, capture_output=True)
    info = subprocess.run(["dpkg-deb", "-f", str(deb)], check=True, capture_output=True, text=True).stdout
    assert "Package: cofnod" in info and "Version: 0.3.0~rc2" in info
    assert "libxcb-cursor0" in info and "Installed-Size:" in info
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert "./usr/bin/cofnod -> ../lib/cofnod/cofnod" in listing
    assert "root/root" in listing and "./usr/share/icons/hicolor/scalable/apps/cofnod.svg" in listing


def _report(**overrides: Any) -> dict[str, Any]:
    checks = {name: {"status": "ok", "error": None, "details": {}} for name in smoke_test.REQUIRED_OK}
    checks["qt"]["details"] = {"platform": "offscreen"}
    report = {"frozen": True, "ok": True, "checks": checks}
    report.update(overrides)
    return report


def test_a_good_report_has_no_problems() -> None:
    assert smoke_test.report_problems(_report()) == []


def test_the_smoke_test_refuses_warnings_missing_checks_and_unfrozen_reports() -> None:
    report = _report(frozen=False)
    report["checks"]["catalogues"] = {"status": "warn", "error": "catalogue_missing", "details": {}}
    del report["checks"]["keyring_backends"]
    problems = smoke_test.report_problems(report)
    assert "the report is not from a frozen build" in problems
    assert "catalogues: warn (catalogue_missing)" in problems
    assert "keyring_backends: missing from the report" in problems


def test_unresolved_libraries_are_read_from_ldd() -> None:
    output = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibQt6Core.so.6 => /opt/cofnod/_internal/libQt6Core.so.6 (0x00007f)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
    )
    assert smoke_test.not_found(output) == ["libxcb-cursor.so.0"]
    assert smoke_test.not_found("\tstatically linked\n") == []


def test_the_report_must_come_from_the_platform_asked_for() -> None:
    report = _report()
    assert smoke_test.report_problems(report, "xcb") == ["qt: not started on the xcb platform"]
