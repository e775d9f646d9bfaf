"""The frozen app's entry script: PyInstaller starts here and hands over to ``desktop.__main__``."""

from __future__ import annotations

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
