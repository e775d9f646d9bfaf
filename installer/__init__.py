"""Packaging: the PyInstaller spec, the build script and the smoke test (see installer/README.md)."""
