"""Test-wide set-up: offscreen Qt, no real keychain, no proxy or CA settings from the environment."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The machines set these to the system bundle; product code ignores them (trust_env=False) and so
# must every test client. Removing them here makes a forgotten trust_env fail loudly.
for _var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
    os.environ.pop(_var, None)
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.memkeyring.MemoryKeyring"
# A machine-wide file installed on this machine (/etc/xdg/Cofnod) must not change any test; this
# path does not exist, so tests start with no presets unless they point it elsewhere.
os.environ["COFNOD_MACHINE_CONFIG"] = os.path.join(os.path.dirname(__file__), "support", "no-machine-config.toml")
