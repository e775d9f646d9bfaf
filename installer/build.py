"""Build the Cofnod bundle and its packages: ``python -m installer.build`` (``make installer``).

On every OS: check the compiled translations are there, then run PyInstaller on
``installer/cofnod.spec`` (one folder, ``dist/cofnod``). On Linux also: a ``.tar.gz`` of the folder
and a ``.deb`` (``dpkg-deb``; platform-notes.md section 10). Windows and macOS bundles are wrapped
by the WiX source and ``Cofnod.app`` on their own runners (.github/workflows/installers.yml).

The file lists, the ``.deb`` control file and desktop entry, and the version numbers are pure
functions here, so tests/installer checks them without building. The build prints one JSON line
with the time each step took and the sizes, which `make installer` shows.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

logger = logging.getLogger(__name__)

ROOT: Final = Path(__file__).resolve().parent.parent
PACKAGE: Final = "cofnod"
MACOS_BUNDLE_ID: Final = "cymru.cofnod.desktop"

#: Found at run time (Alembic scripts are files; keyring back ends are entry points), so PyInstaller's
#: import analysis cannot see them.
HIDDEN_IMPORTS: Final = [
    "alembic.op",
    "alembic.context",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    "sqlalchemy.dialects.sqlite",
    "keyring.backends.chainer",
    "keyring.backends.fail",
]

#: Qt modules the app never imports, and development-only packages that share its environment.
EXCLUDED_MODULES: Final = [
    *(
        f"PySide6.{m}"
        for m in (
            "QtQml",
            "QtQmlFeatures",
            "QtQuick",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtDesigner",
            "QtHelp",
            "QtSql",
            "QtTest",
            "QtUiTools",
            "QtXml",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtConcurrent",
            "QtSvgWidgets",
            "QtLabsStyleKit",
        )
    ),
    "tkinter",
    # requests guesses a body's character set only for text it cannot decode; the sync client
    # reads JSON bytes (requests then assumes UTF-8), so the guessers stay out (400 KB).
    "charset_normalizer",
    "chardet",
    "sync.service",
    "fastapi",
    "starlette",
    "uvicorn",
    "psycopg",
    "pytest",
    "hypothesis",
    "schemathesis",
    "trustme",
    "httpx",
    "mypy",
    "IPython",
    # reportlab imports PIL.Image, but the documents embed no images: its AVIF, WebP, colour
    # management and font parts (10 MB of libraries) are left out.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL.AvifImagePlugin",
    "PIL.WebPImagePlugin",
    "PIL.ImageCms",
    "PIL.ImageTk",
    "PySide6.QtNetwork",  # the library stays (QtPdf links it); the Python binding is unused
    "PySide6.QtDBus",
    *(f"_codecs_{c}" for c in ("cn", "hk", "jp", "kr", "tw", "iso2022")),
    # Pulled in by optional imports of the libraries; never used by the app.
    "pygments",
    "setuptools",
    "distutils",
    "pkg_resources",
    "pydoc",
    "pydoc_data",
    "doctest",
    "readline",
]

#: Collected by the Qt hooks but not wanted in the bundle (paths as inside the bundle). Qt's own
#: translations (7 MB) have no Welsh; the GTK 3 platform theme drags in 20 MB of GTK, which Qt's
#: Fusion style replaces; the EGLFS, LinuxFB and VNC platforms are for embedded devices.
DROPPED_FILES: Final = (
    "PySide6/Qt/translations/",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/egldeviceintegrations/",
    "PySide6/Qt/lib/libQt6EglFS",
    "PySide6/Qt/lib/libQt6EglFs",
    "PySide6/Qt/lib/libQt6WlShellIntegration",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/imageformats/libqgif.so",
    # Wayland stays (xdg-shell, EGL and the decorations); the rest is for compositors and kiosks.
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libqt-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libfullscreen-shell-v1.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libdrm-egl-server.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libshm-emulation-server.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/generic/",
    "PySide6/Qt/plugins/networkinformation/",
    "PySide6/Qt/plugins/tls/",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqicns.so",
    "PySide6/Qt/plugins/imageformats/libqtga.so",
    "PySide6/Qt/plugins/imageformats/libqwbmp.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
)
#: Shared libraries that only the GTK theme needs (file name prefixes, at the bundle's top level).
DROPPED_LIBRARIES: Final = (
    "libgtk-3.",
    "libgdk-3.",
    "libatk-1.0.",
    "libatk-bridge-2.0.",
    "libatspi.",
    "libcairo-gobject.",
    "libcairo.",
    "libgdk_pixbuf-2.0.",
    "libepoxy.",
    "libpango",
    "libXcomposite.",
    "libXdamage.",
    "libXinerama.",
    "libfribidi.",
    "libthai.",
    "libdatrie.",
    "libpixman-1.",
    # The system's own copies, which the .deb depends on (and the .tar.gz needs likewise):
    # CUPS and its TLS and Kerberos chain, D-Bus and systemd, X11, fonts, GLib.
    "libcups.",
    "libgnutls.",
    "libavahi-",
    "libgssapi_krb5.",
    "libkrb5.",
    "libkrb5support.",
    "libk5crypto.",
    "libkeyutils.",
    "libcom_err.",
    "libp11-kit.",
    "libtasn1.",
    "libhogweed.",
    "libnettle.",
    "libgmp.",
    "libidn2.",
    "libunistring.",
    "libdbus-1.",
    "libsystemd.",
    "libgcrypt.",
    "libgpg-error.",
    "liblz4.",
    "libcap.",
    "libX11.",
    "libX11-xcb.",
    "libXau.",
    "libXdmcp.",
    "libXext.",
    "libXfixes.",
    "libXi.",
    "libXrandr.",
    "libXrender.",
    "libXcursor.",
    "libxcb",
    "libxkbcommon",
    "libfontconfig.",
    "libfreetype.",
    "libharfbuzz.",
    "libgraphite2.",
    "libpng16.",
    "libbrotli",
    "libexpat.",
    "libglib-2.0.",
    "libgio-2.0.",
    "libgobject-2.0.",
    "libgmodule-2.0.",
    "libgthread-2.0.",
    "libpcre2-8.",
    "libmount.",
    "libblkid.",
    "libselinux.",
    "libbsd.",
    "libmd.",
    "libEGL.",
    "libGL",
    "libOpenGL.",
    "libwayland-",
    "libjpeg.",
    # The C++ runtime, compression and small system libraries every Debian/Ubuntu has (the sync
    # protocol's pydantic-core added 5 MB: these keep the bundle under its 160 MB budget).
    "libstdc++.",
    "libgcc_s.",
    "libz.",
    "libbz2.",
    "liblzma.",
    "libzstd.",
    "libffi.",
    "libuuid.",
    "libsqlite3.",
)


def dropped(dest: str) -> bool:
    """Whether a file collected for ``dest`` (its path inside the bundle) is left out."""
    path = dest.replace("\\", "/")
    if any(path.startswith(prefix) for prefix in DROPPED_FILES):
        return True
    return "/" not in path and any(path.startswith(prefix) for prefix in DROPPED_LIBRARIES)


#: The native key store of each platform, beyond what import analysis finds.
_NATIVE_KEYRING: Final = {
    "linux": ["keyring.backends.SecretService", "keyring.backends.libsecret", "secretstorage", "jeepney"],
    "win32": ["keyring.backends.Windows", "win32ctypes.core"],
    "darwin": ["keyring.backends.macOS"],
}

#: What the .deb needs from the system for Qt's xcb plugin, fonts and D-Bus (the Secret Service).
DEB_DEPENDS: Final = (
    "libc6 (>= 2.34), libegl1, libgl1, libglib2.0-0, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, "
    "libxcb-keysyms1, libxcb-image0, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, "
    "libx11-6, libcups2, libexpat1, libpng16-16, libwayland-client0, libwayland-cursor0, libwayland-egl1, "
    "libstdc++6, libgcc-s1, zlib1g, libbz2-1.0, liblzma5, libzstd1, libffi8, libuuid1, libsqlite3-0"
)
DEB_RECOMMENDS: Final = "gnome-keyring | kwalletmanager, fonts-dejavu-core"
#: The machine-wide file inside the .deb; a conffile, so an administrator's edits survive upgrades.
DEB_MACHINE_CONFIG: Final = "etc/xdg/Cofnod/cofnod.toml"

REQUIRED_CATALOGUES: Final = ("cofnod_cy.qm", "documents_cy.qm")


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


def read_version(root: Path = ROOT) -> str:
    """The app version from ``desktop/__init__.py`` (the one place it is written)."""
    text = (root / "desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise BuildError("no __version__ in desktop/__init__.py")
    return found.group(1)


def numeric_version(version: str) -> str:
    """``major.minor.patch`` from a version such as ``0.2.0rc1`` (MSI and macOS take numbers only)."""
    parts = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if parts is None:
        raise BuildError(f"version {version!r} does not start with a number")
    major, minor, patch = (int(p or 0) for p in parts.groups())
    if major > 255 or minor > 255 or patch > 65535:
        raise BuildError(f"version {version!r} is outside the MSI range 255.255.65535")
    return f"{major}.{minor}.{patch}"


def debian_version(version: str) -> str:
    """A Debian version that sorts like the Python one: ``0.2.0rc1`` becomes ``0.2.0~rc1``."""
    return re.sub(r"(\d)((?:a|b|rc|dev)\d*)", r"\1~\2", version.replace(".dev", "dev"))


def bundle_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source relative to root, folder inside the bundle)`` for every file loaded by path.

    Raises:
        BuildError: a compiled translation or the migration scripts are missing.
    """
    datas: list[tuple[str, str]] = []
    fonts = sorted((root / "resources" / "fonts").glob("*"))
    datas += [(str(f.relative_to(root)), "resources/fonts") for f in fonts if f.suffix in (".ttf", ".txt")]
    translations = root / "resources" / "translations"
    missing = [name for name in REQUIRED_CATALOGUES if not (translations / name).is_file()]
    if missing:
        raise BuildError(f"compiled translations missing: {', '.join(missing)} (run `make translations`)")
    datas += [(str(q.relative_to(root)), "resources/translations") for q in sorted(translations.glob("*.qm"))]
    migrations = root / "desktop" / "store" / "migrations"
    versions = sorted((migrations / "versions").glob("*.py"))
    if not versions or not (migrations / "env.py").is_file():
        raise BuildError("desktop/store/migrations has no env.py or no versions")
    datas += [
        (str((migrations / name).relative_to(root)), "desktop/store/migrations")
        for name in ("env.py", "script.py.mako")
    ]
    datas += [(str(v.relative_to(root)), "desktop/store/migrations/versions") for v in versions]
    return datas


def native_keyring_imports(platform: str) -> list[str]:
    """The keyring modules to force into a bundle built on ``platform`` (``sys.platform``)."""
    key = "linux" if platform.startswith("linux") else platform
    return list(_NATIVE_KEYRING.get(key, []))


def icon_for(root: Path, platform: str) -> str | None:
    """The icon file PyInstaller takes on ``platform``, when the repository has one."""
    name = {"win32": "windows/cofnod.ico", "darwin": "macos/cofnod.icns"}.get(platform)
    if name is None:
        return None
    path = root / "installer" / name
    return str(path) if path.is_file() else None


def macos_info_plist(version: str) -> dict[str, Any]:
    """Extra ``Info.plist`` keys for ``Cofnod.app``."""
    return {
        "CFBundleName": "Cofnod",
        "CFBundleDisplayName": "Cofnod",
        "CFBundleShortVersionString": numeric_version(version),
        "CFBundleVersion": numeric_version(version),
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "cy"],
        "LSMinimumSystemVersion": "12.0",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
    }


def deb_control(version: str, installed_kib: int, arch: str = "amd64") -> str:
    """The ``DEBIAN/control`` file."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {debian_version(version)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Recommends: {DEB_RECOMMENDS}\n"
        "Maintainer: Cofnod maintainers <cofnod@example.org>\n"
        "Description: record Welsh child protection conferences, offline\n"
        " Cofnod records child protection conferences in Wales, in Welsh or English,\n"
        " into an encrypted local database, and syncs them with the council's register.\n"
    )


def desktop_entry() -> str:
    """The freedesktop ``.desktop`` file (English and Welsh)."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Cofnod\n"
        "GenericName=Child protection conferences\n"
        "GenericName[cy]=Cynadleddau amddiffyn plant\n"
        "Comment=Record child protection conferences, offline\n"
        "Comment[cy]=Cofnodi cynadleddau amddiffyn plant, all-lein\n"
        "Exec=cofnod\n"
        "Icon=cofnod\n"
        "Terminal=false\n"
        "Categories=Office;\n"
        "StartupWMClass=cofnod\n"
    )


def folder_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symlinks not followed)."""
    total = 0
    for folder, _dirs, files in os.walk(path):  # does not follow symlinked folders
        total += sum(os.lstat(os.path.join(folder, f)).st_size for f in files
                     if not os.path.islink(os.path.join(folder, f)))  # fmt: skip
    return total


def deb_tree(pkg: Path, bundle: Path, version: str, root: Path = ROOT) -> None:
    """Lay out the package root ``pkg`` for ``dpkg-deb`` from the PyInstaller folder ``bundle``.

    No maintainer scripts: installing and removing touch only the package's own files, so a
    user's profile (under their home folder) is never removed; the machine-wide file is a
    conffile, kept on ``dpkg -r`` and removed only on purge.
    """
    if pkg.exists():
        shutil.rmtree(pkg)
    lib = pkg / "usr" / "lib" / PACKAGE
    lib.parent.mkdir(parents=True)
    shutil.copytree(bundle, lib, symlinks=True)
    (pkg / "usr" / "bin").mkdir(parents=True)
    (pkg / "usr" / "bin" / PACKAGE).symlink_to(f"../lib/{PACKAGE}/{PACKAGE}")
    apps = pkg / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / f"{PACKAGE}.desktop").write_text(desktop_entry(), encoding="utf-8")
    icons = pkg / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(root / "installer" / "linux" / "cofnod.svg", icons / "cofnod.svg")
    doc = pkg / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(root / "installer" / "README.md", doc / "README.md")
    conf = pkg / DEB_MACHINE_CONFIG
    conf.parent.mkdir(parents=True)
    shutil.copy2(root / "installer" / "linux" / "cofnod.toml", conf)
    meta = pkg / "DEBIAN"
    meta.mkdir()
    installed_kib = (folder_size(pkg) + 1023) // 1024
    (meta / "control").write_text(deb_control(version, installed_kib), encoding="utf-8")
    (meta / "conffiles").write_text(f"/{DEB_MACHINE_CONFIG}\n", encoding="utf-8")
    for path in [pkg, *pkg.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif os.access(path, os.X_OK):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _step(name: str, timings: dict[str, float], func: Any, *args: Any) -> Any:
    started = time.perf_counter()
    result = func(*args)
    timings[name] = round(time.perf_counter() - started, 1)
    logger.info("%s took %.1f s", name, timings[name])
    return result


def _pyinstaller(root: Path, dist: Path, work: Path) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    cmd += ["--distpath", str(dist), "--workpath", str(work), str(root / "installer" / "cofnod.spec")]
    done = subprocess.run(cmd, cwd=root, check=False)
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {done.returncode})")
    return dist / PACKAGE


def _tarball(bundle: Path, out: Path, version: str) -> Path:
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{PACKAGE}-{version}")
    return out


def _deb(root: Path, bundle: Path, version: str, out: Path, work: Path) -> Path:
    pkg = work / "deb-root"
    deb_tree(pkg, bundle, version, root)
    cmd = ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(pkg), str(out)]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"dpkg-deb failed: {done.stderr.strip()}")
    return out


def build(root: Path = ROOT, *, out_dir: Path | None = None, packages: bool = True) -> dict[str, Any]:
    """Build the bundle (and on Linux the .tar.gz and .deb); returns timings and sizes."""
    dist = (out_dir or root / "dist").absolute()
    work = root / "build" / "installer"
    version = read_version(root)
    bundle_datas(root)  # fails early, before a two-minute build, when translations are missing
    timings: dict[str, float] = {}
    started = time.perf_counter()
    bundle = _step("pyinstaller", timings, _pyinstaller, root, dist, work)
    report: dict[str, Any] = {"version": version, "bundle": str(bundle), "bundle_mb": _mb(folder_size(bundle))}
    if packages and sys.platform.startswith("linux"):
        tar = _step("tar_gz", timings, _tarball, bundle, dist / f"{PACKAGE}-{version}-linux-x86_64.tar.gz", version)
        deb = _step(
            "deb", timings, _deb, root, bundle, version, dist / f"{PACKAGE}_{debian_version(version)}_amd64.deb", work
        )
        report.update(tar_gz=str(tar), tar_gz_mb=_mb(tar.stat().st_size), deb=str(deb), deb_mb=_mb(deb.stat().st_size))
    timings["total"] = round(time.perf_counter() - started, 1)
    report["seconds"] = timings
    return report


def _mb(size: int) -> float:
    return round(size / 1_000_000, 1)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m installer.build [--out DIR] [--bundle-only]``."""
    parser = argparse.ArgumentParser(prog="installer.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: dist/)")
    parser.add_argument("--bundle-only", action="store_true", help="only the PyInstaller folder, no packages")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="installer.build: %(message)s")
    try:
        report = build(out_dir=args.out, packages=not args.bundle_only)
    except BuildError as exc:
        print(f"installer.build: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
