"""Windows packaging: the WiX source generator (wix.py)."""
