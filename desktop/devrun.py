"""``make run``: start the app on its embedded default, a local encrypted demo profile, signed in
to a local reference register service (:mod:`desktop.devservice`) that stops when the app exits.

The profile lives in ``./profile`` (or ``$COFNOD_PROFILE``). On first start the app creates it —
asking for a passphrase where the machine has no OS keyring — and fills it with fictional demo data
(``COFNOD_DEMO=1``), off the GUI thread with progress. Without a display the app runs offscreen and
says so, so that ``make run`` still proves the installation works on a headless machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    """Entry for ``python -m desktop.devrun``."""
    root = Path(__file__).resolve().parent.parent
    profile = Path(os.environ.get("COFNOD_PROFILE", root / "profile"))
    os.environ["COFNOD_DEMO"] = "1"
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        print("No display found: Cofnod runs offscreen (set DISPLAY to see the window).", file=sys.stderr)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import app, devservice
    from desktop.__main__ import main as cofnod_main

    if os.environ.get("COFNOD_NO_SERVICE") == "1":
        return cofnod_main(["--profile", str(profile)])
    service = devservice.start(profile)
    print(f"Local register service on {service.url} (user {service.username}).", file=sys.stderr)
    app.DEV_SERVICE = service
    try:
        return cofnod_main(["--profile", str(profile)])
    finally:
        app.DEV_SERVICE = None
        service.stop()


if __name__ == "__main__":
    sys.exit(main())
