"""Runs inside ``dbus-run-session`` with an unlocked gnome-keyring: creates a keyring profile,
writes a record, forgets the in-memory key cache, reopens through the real Secret Service, and
prints a JSON line for the parent test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.profile import open_profile
from desktop.secrets import KeyringSecretStore
from desktop.store.orm import Council


def main() -> None:
    folder = Path(sys.argv[1])
    store = KeyringSecretStore()
    report: dict[str, object] = {"backend": store.describe(), "state": store.state().value}
    profile = open_profile(folder, secrets=store, env={})
    with profile.sessions.begin() as s:
        s.add(Council(id="c-1", code="GWY", name_en="Gwynedd", name_cy="Gwynedd Ŵ"))
    key = profile.key
    profile.close()
    fresh = KeyringSecretStore()  # a new cache: the key really comes from the Secret Service
    again = open_profile(folder, secrets=fresh, env={})
    with again.sessions() as s:
        report["name_cy"] = s.get(Council, "c-1").name_cy  # type: ignore[union-attr]
    report["same_key"] = again.key == key
    report["key_mode"] = again.key_mode.value
    again.close()
    fresh.delete(again.info.key_name)
    print("RESULT " + json.dumps(report, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
