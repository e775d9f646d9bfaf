"""Profiles: keyring and passphrase key custody, refusals that leave files untouched, the idle-lock
verifier, identity; the secrets wrapper's verdict on keyring back ends; profile location rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import SecretService, fail, null

from desktop.config import check_safe_location, resolve_profile_dir, unsafe_reason
from desktop.profile import (
    KdfSettings,
    KeyMode,
    PassphraseReason,
    PassphraseRequest,
    ProfileIdentity,
    get_identity,
    has_unlock_secret,
    open_profile,
    set_identity,
    set_unlock_secret,
    verify_unlock_secret,
)
from desktop.secrets import (
    InMemorySecretStore,
    KeyringSecretStore,
    SecretState,
    SecretStoreError,
    classify_backend,
)
from desktop.store.errors import (
    InsecureKeyringError,
    KeyMissingError,
    KeyringLockedError,
    PassphraseRequiredError,
    PlaintextDatabaseError,
    ProfileDamagedError,
    UnsafeLocationError,
    WrongKeyError,
    WrongPassphraseError,
)
from desktop.store.orm import Council
from tests.support.filekeyring import FileKeyring
from tests.support.memkeyring import MemoryKeyring
from tests.unit.store.helpers import add_council, snapshot_files

CHEAP = KdfSettings(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)
NO_ENV: dict[str, str] = {}


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (never installed); counts every call.

    It inherits the in-memory back end's claim of trust, which its name must override.
    """

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        super().set_password(service, username, password)


PlaintextKeyring.__module__ = "keyrings.alt.file"


class SecretServiceLike(SecretService.Keyring):
    """A subclass of keyring's Secret Service back end is trusted like it (no D-Bus is touched)."""


class ChainerBackend:
    """Stands in for keyring's chainer that resolves to the given back ends."""

    def __init__(self, *backends: Any) -> None:
        self.backends = list(backends)


ChainerBackend.__module__ = "keyring.backends.chainer"


def _add_data(profile: Any) -> None:
    with profile.sessions.begin() as s:
        add_council(s)


# ---- secrets -------------------------------------------------------------------------------


def test_backend_classification() -> None:
    assert classify_backend(MemoryKeyring()) is SecretState.OK
    assert classify_backend(fail.Keyring()) is SecretState.UNAVAILABLE
    assert classify_backend(PlaintextKeyring()) is SecretState.INSECURE
    assert classify_backend(ChainerBackend(PlaintextKeyring())) is SecretState.INSECURE
    assert classify_backend(ChainerBackend(MemoryKeyring(), PlaintextKeyring())) is SecretState.INSECURE
    assert classify_backend(ChainerBackend()) is SecretState.UNAVAILABLE
    assert classify_backend(ChainerBackend(MemoryKeyring())) is SecretState.OK
    # An allow-list: a back end nobody vouched for is not trusted, whatever its name.
    assert classify_backend(FileKeyring()) is SecretState.INSECURE
    assert classify_backend(ChainerBackend(MemoryKeyring(), FileKeyring())) is SecretState.INSECURE
    assert classify_backend(SecretServiceLike()) is SecretState.OK
    assert classify_backend(ChainerBackend(SecretServiceLike(), fail.Keyring())) is SecretState.OK
    assert classify_backend(null.Keyring()) is SecretState.UNAVAILABLE


def test_keyring_store_round_trip_and_caches() -> None:
    backend = MemoryKeyring()
    store = KeyringSecretStore(backend=backend)
    assert store.state() is SecretState.OK
    store.set("database-key:x", "ab" * 32)
    backend._store.clear()  # the value is held in memory once read or written
    assert store.get("database-key:x") == "ab" * 32
    store.delete("database-key:x")
    assert store.get("database-key:x") is None
    store.delete("database-key:x")  # absent: no error
    assert "MemoryKeyring" in store.describe()


def test_keyring_store_refuses_fail_and_plaintext() -> None:
    for backend, state in ((fail.Keyring(), SecretState.UNAVAILABLE), (PlaintextKeyring(), SecretState.INSECURE)):
        store = KeyringSecretStore(backend=backend)
        assert store.state() is state
        with pytest.raises(SecretStoreError) as info:
            store.set("k", "v")
        assert info.value.state is state


def test_default_keyring_in_tests_is_the_memory_backend() -> None:
    assert KeyringSecretStore().describe() == "tests.support.memkeyring.MemoryKeyring"


# ---- keyring profiles ----------------------------------------------------------------------


def test_keyring_profile_create_and_reopen(tmp_path: Path) -> None:
    secrets = InMemorySecretStore()
    profile = open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    assert profile.key_mode is KeyMode.KEYRING
    assert profile.migration.from_revision is None
    info = json.loads((tmp_path / "profile.json").read_text())
    assert info["key_mode"] == "keyring" and "kdf" not in info
    assert profile.key.hex() not in (tmp_path / "profile.json").read_text()
    _add_data(profile)
    profile.close()
    again = open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    with again.sessions() as s:
        assert s.query(Council).one().name_cy == "Sir Gâr"
    assert not again.migration.upgraded
    again.close()


def test_key_missing_from_keyring_leaves_database_byte_for_byte(tmp_path: Path) -> None:
    secrets = InMemorySecretStore()
    profile = open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    _add_data(profile)
    profile.close()
    before = snapshot_files(tmp_path)
    empty = InMemorySecretStore()  # e.g. the user moved from GNOME to KDE
    with pytest.raises(KeyMissingError) as info:
        open_profile(tmp_path, secrets=empty, env=NO_ENV)
    assert info.value.code == "database_key_missing"
    assert snapshot_files(tmp_path) == before


def test_wrong_key_in_keyring_is_refused(tmp_path: Path) -> None:
    secrets = InMemorySecretStore()
    profile = open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    _add_data(profile)
    profile.close()
    name = f"database-key:{profile.info.profile_id}"
    secrets.set(name, "00" * 32)
    before = snapshot_files(tmp_path)
    with pytest.raises(WrongKeyError):
        open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    assert snapshot_files(tmp_path) == before


@pytest.mark.parametrize("backend", [PlaintextKeyring, FileKeyring], ids=["keyrings.alt-named", "unknown"])
def test_plaintext_keyring_gets_nothing_and_a_new_profile_uses_a_passphrase(tmp_path: Path, backend: type[Any]) -> None:
    folder = tmp_path / "p"
    plain = backend() if backend is PlaintextKeyring else backend(tmp_path / "keyring_pass.json")
    asked: list[PassphraseRequest] = []

    def ask(request: PassphraseRequest) -> str | None:
        asked.append(request)
        return "Cyfrinair hir iawn ŵ"

    store = KeyringSecretStore(backend=ChainerBackend(plain))
    profile = open_profile(folder, secrets=store, ask_passphrase=ask, env=NO_ENV, kdf=CHEAP)
    assert profile.key_mode is KeyMode.PASSPHRASE and profile.fallback is SecretState.INSECURE
    assert [(r.reason, r.key_store) for r in asked] == [(PassphraseReason.CREATE, SecretState.INSECURE)]
    _add_data(profile)
    profile.close()
    assert plain.calls == (0 if backend is PlaintextKeyring else [])  # never asked, never written
    assert not (tmp_path / "keyring_pass.json").exists()
    assert json.loads((folder / "profile.json").read_text())["key_mode"] == "passphrase"
    again = open_profile(folder, secrets=store, ask_passphrase=ask, env=NO_ENV)
    assert again.fallback is None and [r.reason for r in asked][-1] is PassphraseReason.UNLOCK
    with again.sessions() as s:
        assert s.query(Council).one().name_cy == "Sir Gâr"
    again.close()


@pytest.mark.parametrize("state", [SecretState.INSECURE, SecretState.UNAVAILABLE])
def test_a_new_profile_without_a_passphrase_leaves_no_folder(tmp_path: Path, state: SecretState) -> None:
    folder = tmp_path / "new" / "profile"
    with pytest.raises(PassphraseRequiredError) as info:
        open_profile(folder, secrets=InMemorySecretStore(state=state), env=NO_ENV)
    assert info.value.params["key_store"] == state.value
    assert not folder.exists()
    with pytest.raises(PassphraseRequiredError):
        open_profile(folder, secrets=InMemorySecretStore(state=state), ask_passphrase=lambda _r: None, env=NO_ENV)
    assert not folder.exists()


def test_existing_keyring_profile_on_a_plaintext_only_machine_is_refused_untouched(tmp_path: Path) -> None:
    profile = open_profile(tmp_path, secrets=InMemorySecretStore(), env=NO_ENV)
    _add_data(profile)
    profile.close()
    before = snapshot_files(tmp_path)
    plain = PlaintextKeyring()
    with pytest.raises(InsecureKeyringError) as info:
        open_profile(tmp_path, secrets=KeyringSecretStore(backend=plain), env={"COFNOD_PASSPHRASE": "x"})
    assert info.value.code == "keyring_insecure"
    assert plain.calls == 0 and plain._store == {}
    assert snapshot_files(tmp_path) == before


def test_locked_keyring_is_reported_as_locked(tmp_path: Path) -> None:
    secrets = InMemorySecretStore()
    open_profile(tmp_path, secrets=secrets, env=NO_ENV).close()
    secrets.set_state(SecretState.LOCKED)
    with pytest.raises(KeyringLockedError):
        open_profile(tmp_path, secrets=secrets, env=NO_ENV)


def test_plaintext_database_at_profile_path_untouched(tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cofnod.db")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = snapshot_files(tmp_path)
    with pytest.raises(PlaintextDatabaseError):
        open_profile(tmp_path, secrets=InMemorySecretStore(), env=NO_ENV)
    assert snapshot_files(tmp_path) == before


def test_database_without_profile_json_is_not_replaced(tmp_path: Path) -> None:
    secrets = InMemorySecretStore()
    profile = open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    _add_data(profile)
    profile.close()
    (tmp_path / "profile.json").unlink()
    before = snapshot_files(tmp_path)
    with pytest.raises(ProfileDamagedError):
        open_profile(tmp_path, secrets=secrets, env=NO_ENV)
    assert snapshot_files(tmp_path) == before


# ---- passphrase profiles (no OS key store) ---------------------------------------------------


def test_no_keyring_falls_back_to_passphrase(tmp_path: Path) -> None:
    asked: list[PassphraseRequest] = []

    def ask(request: PassphraseRequest) -> str | None:
        asked.append(request)
        return "Cyfrinair hir iawn ŵ"

    store = KeyringSecretStore(backend=fail.Keyring())
    profile = open_profile(tmp_path, secrets=store, ask_passphrase=ask, env=NO_ENV, kdf=CHEAP)
    assert profile.key_mode is KeyMode.PASSPHRASE
    assert [r.reason for r in asked] == [PassphraseReason.CREATE]
    _add_data(profile)
    key = profile.key
    profile.close()
    info = json.loads((tmp_path / "profile.json").read_text())
    assert info["kdf"]["algorithm"] == "argon2id" and len(bytes.fromhex(info["kdf"]["salt"])) == 16
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert key.hex().encode() not in path.read_bytes() and key not in path.read_bytes()

    again = open_profile(tmp_path, secrets=store, ask_passphrase=ask, env=NO_ENV)
    assert again.key == key
    again.close()


def test_wrong_passphrase_is_asked_again_then_refused(tmp_path: Path) -> None:
    store = KeyringSecretStore(backend=fail.Keyring())
    env = {"COFNOD_PASSPHRASE": "iawn"}
    open_profile(tmp_path, secrets=store, env=env, kdf=CHEAP).close()
    before = snapshot_files(tmp_path)

    answers = iter(["anghywir", "iawn"])
    reasons: list[PassphraseReason] = []

    def ask(request: PassphraseRequest) -> str | None:
        reasons.append(request.reason)
        return next(answers)

    opened = open_profile(tmp_path, secrets=store, ask_passphrase=ask, env=NO_ENV)
    assert reasons == [PassphraseReason.UNLOCK, PassphraseReason.RETRY]
    opened.close()
    with pytest.raises(WrongPassphraseError):
        open_profile(tmp_path, secrets=store, env={"COFNOD_PASSPHRASE": "anghywir"})
    with pytest.raises(PassphraseRequiredError):
        open_profile(tmp_path, secrets=store, ask_passphrase=lambda _r: None, env=NO_ENV)
    with pytest.raises(PassphraseRequiredError):
        open_profile(tmp_path, secrets=store, env=NO_ENV)
    assert snapshot_files(tmp_path).keys() == before.keys()


# ---- idle-lock verifier and identity ----------------------------------------------------------


def test_unlock_secret_and_identity(tmp_path: Path) -> None:
    profile = open_profile(tmp_path, secrets=InMemorySecretStore(), env=NO_ENV)
    assert not has_unlock_secret(profile)
    assert not verify_unlock_secret(profile, "1234")
    set_unlock_secret(profile, "2468ŵ")
    assert has_unlock_secret(profile)
    assert verify_unlock_secret(profile, "2468ŵ")
    assert not verify_unlock_secret(profile, "2468")
    assert not verify_unlock_secret(profile, "")
    with profile.sessions() as s:
        from desktop.store.meta import get_meta

        stored = get_meta(s, "unlock.verifier") or ""
    assert stored.startswith("$argon2id$") and "2468" not in stored

    assert get_identity(profile) is None
    me = ProfileIdentity(user_id="u-1", display_name="Eluned Prys", council_id=None, roles=("chair", "coordinator"))
    set_identity(profile, me)
    assert get_identity(profile) == me
    profile.close()


# ---- profile location ---------------------------------------------------------------------------


def test_profile_dir_resolution_order(tmp_path: Path) -> None:
    env = {"COFNOD_PROFILE": str(tmp_path / "env")}
    assert resolve_profile_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_profile_dir(None, env) == tmp_path / "env"
    default = resolve_profile_dir(None, {})
    assert default.is_absolute() and "ofnod" in str(default)


@pytest.mark.parametrize(
    ("path", "mounts", "unsafe"),
    [
        ("/home/siwan/.local/share/Cofnod", [("/", "ext4")], False),
        ("/mnt/share/Cofnod", [("/", "ext4"), ("/mnt/share", "cifs")], True),
        ("/net/home/u/Cofnod", [("/", "ext4"), ("/net/home", "nfs4")], True),
        ("/home/u/gdrive/Cofnod", [("/", "ext4"), ("/home/u/gdrive", "fuse.rclone")], True),
        ("/home/u/OneDrive - Cyngor Sir Gâr/Cofnod", [("/", "ext4")], True),
        ("/home/u/Dropbox/Cofnod", [("/", "ext4")], True),
        ("//server/share/Cofnod", [], True),
    ],
)
def test_unsafe_locations(path: str, mounts: list[tuple[str, str]], unsafe: bool) -> None:
    assert (unsafe_reason(Path(path), mounts) is not None) is unsafe


def test_unsafe_location_refused_before_anything_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive" / "Cofnod"
    with pytest.raises(UnsafeLocationError):
        check_safe_location(folder)
    with pytest.raises(UnsafeLocationError):
        open_profile(folder, secrets=InMemorySecretStore(), env=NO_ENV)
    assert not folder.exists()
