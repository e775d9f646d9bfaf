"""Create and open a profile: key custody, encrypted engine, migrations; the idle-lock verifier; identity.

A profile is a folder (see :mod:`desktop.config`) holding:

* ``cofnod.db`` (+ ``-wal``/``-shm``): the SQLCipher database;
* ``cofnod.db.keycheck``: tells a wrong key from a damaged file (reveals nothing about the key);
* ``profile.json``: non-secret facts: how the key is kept (``keyring`` or ``passphrase``), the key's
  name in the key store, and for a passphrase the Argon2id salt and cost parameters;
* ``backups/``: encrypted copies made before each schema upgrade.

**Key custody.** Where the OS key store works, a random 256-bit key is made and kept there. Where
there is none (keyring's ``fail`` back end, e.g. Linux without a Secret Service), the user gives a
passphrase and the key is derived from it with Argon2id; it is never written anywhere. A key store
that keeps secrets in plain text (or one Cofnod does not know, see :mod:`desktop.secrets`) is
treated as no key store: nothing is put in it, and a new profile is a passphrase profile, the
request saying why (:attr:`PassphraseRequest.key_store`, :attr:`OpenProfile.fallback`). An
existing keyring profile on such a machine is refused with ``keyring_insecure`` and left as it was.
A locked key store is reported as locked.

**Private files.** The folder is 0700 and every file in it 0600 on POSIX, however the profile is
made, and opening repairs the modes an older version left (:mod:`desktop.private_files`). A new
profile whose creation fails leaves no folder behind.

**Never an empty database over an old one.** If the key cannot be had for an existing database
(missing from the key store, cancelled passphrase, wrong key), opening stops with a typed error
and the files are left exactly as they were (security-reliability.md AR-2, AR-5, AR-6).

``COFNOD_PASSPHRASE``: for automation only (the CLI sub-commands, tests, CI). When set, it is used
as the passphrase instead of asking; a person should never put a real passphrase in the
environment, where other processes of the same user can read it.

Qt-free. The UI passes ``ask_passphrase``, which shows a dialog and returns the text or None.
"""

from __future__ import annotations

import json
import logging
import os
import secrets as pysecrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.config import check_safe_location
from desktop.private_files import make_private_folder, private_umask, secure_profile_folder
from desktop.secrets import SecretState, SecretStore, SecretStoreError
from desktop.store.engine import (
    create_store_engine,
    is_plaintext_sqlite,
    key_check_path,
    make_session_factory,
    unit_of_work,
)
from desktop.store.errors import (
    InsecureKeyringError,
    KeyMissingError,
    KeyringLockedError,
    KeyringUnavailableError,
    PassphraseRequiredError,
    PlaintextDatabaseError,
    ProfileDamagedError,
    StoreError,
    WrongKeyError,
    WrongPassphraseError,
)
from desktop.store.meta import get_meta, set_meta
from desktop.store.migrate import DEFAULT_KEEP_BACKUPS, MigrationResult, migrate

logger = logging.getLogger(__name__)

PROFILE_FILE: Final = "profile.json"
DATABASE_FILE: Final = "cofnod.db"
BACKUP_FOLDER: Final = "backups"
PASSPHRASE_ENV: Final = "COFNOD_PASSPHRASE"
PROFILE_FORMAT: Final = 1
#: How many wrong passphrases the dialog may be shown for before opening gives up.
MAX_PASSPHRASE_ATTEMPTS: Final = 5

# profile_meta keys
META_UNLOCK_VERIFIER: Final = "unlock.verifier"
META_USER_ID: Final = "identity.user_id"
META_DISPLAY_NAME: Final = "identity.display_name"
META_COUNCIL_ID: Final = "identity.council_id"
META_ROLES: Final = "identity.roles"


class KeyMode(StrEnum):
    """Where the database key comes from."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


@dataclass(frozen=True, slots=True)
class KdfSettings:
    """Argon2id cost parameters (RFC 9106's second recommended set by default: t=3, 64 MiB, p=4)."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF: Final = KdfSettings()


@dataclass(frozen=True, slots=True)
class KdfParams:
    """The stored (non-secret) salt and parameters that turn a passphrase into the database key."""

    salt: bytes
    settings: KdfSettings
    version: int = 19

    def derive(self, passphrase: str) -> bytes:
        """The 32-byte key for ``passphrase`` (about 0.1 s with the default costs)."""
        from argon2.low_level import Type, hash_secret_raw

        key: bytes = hash_secret_raw(
            secret=passphrase.encode("utf-8"),
            salt=self.salt,
            time_cost=self.settings.time_cost,
            memory_cost=self.settings.memory_cost_kib,
            parallelism=self.settings.parallelism,
            hash_len=32,
            type=Type.ID,
            version=self.version,
        )
        return key

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "salt": self.salt.hex(),
            "time_cost": self.settings.time_cost,
            "memory_cost_kib": self.settings.memory_cost_kib,
            "parallelism": self.settings.parallelism,
            "version": self.version,
            "hash_len": 32,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> KdfParams:
        if data.get("algorithm") != "argon2id" or int(data.get("hash_len", 32)) != 32:
            raise ProfileDamagedError("kdf_unsupported")
        return cls(
            salt=bytes.fromhex(str(data["salt"])),
            settings=KdfSettings(
                time_cost=int(data["time_cost"]),
                memory_cost_kib=int(data["memory_cost_kib"]),
                parallelism=int(data["parallelism"]),
            ),
            version=int(data.get("version", 19)),
        )


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    """The contents of ``profile.json``: nothing here is secret."""

    profile_id: str
    key_mode: KeyMode
    database: str = DATABASE_FILE
    kdf: KdfParams | None = None

    @property
    def key_name(self) -> str:
        """The database key's name in the key store."""
        return f"database-key:{self.profile_id}"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": PROFILE_FORMAT,
            "profile_id": self.profile_id,
            "key_mode": self.key_mode.value,
            "database": self.database,
        }
        if self.kdf is not None:
            data["kdf"] = self.kdf.to_json()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProfileInfo:
        if int(data.get("format", 0)) != PROFILE_FORMAT:
            raise ProfileDamagedError("profile_format", found=data.get("format"))
        mode = KeyMode(str(data["key_mode"]))
        kdf = KdfParams.from_json(data["kdf"]) if mode is KeyMode.PASSPHRASE else None
        database = str(data.get("database", DATABASE_FILE))
        if Path(database).name != database:
            # The database must live inside the profile folder; a path here is tampering.
            raise ProfileDamagedError("database_name")
        return cls(profile_id=str(data["profile_id"]), key_mode=mode, database=database, kdf=kdf)


def read_profile_info(folder: Path) -> ProfileInfo | None:
    """``profile.json`` of ``folder``, or None when there is none. Raises ProfileDamagedError."""
    path = Path(folder) / PROFILE_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return ProfileInfo.from_json(json.loads(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise ProfileDamagedError("profile_json_unreadable") from exc


def _write_profile_info(folder: Path, info: ProfileInfo) -> None:
    path = folder / PROFILE_FILE
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(info.to_json(), f, indent=2, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class PassphraseReason(StrEnum):
    """Why the passphrase is being asked for; the dialog words it."""

    CREATE = "create"  # new profile: ask twice, explain there is no recovery
    UNLOCK = "unlock"
    RETRY = "wrong_passphrase"


@dataclass(frozen=True, slots=True)
class PassphraseRequest:
    """What the passphrase dialog needs to know."""

    profile_dir: Path
    reason: PassphraseReason
    attempt: int = 1
    #: For a new profile, why there is no key store to use: UNAVAILABLE (none) or INSECURE (one that
    #: keeps secrets in plain text, which Cofnod will not use).
    key_store: SecretState = SecretState.UNAVAILABLE


AskPassphrase = Callable[[PassphraseRequest], str | None]


@dataclass(frozen=True, slots=True)
class OpenProfile:
    """An open profile: the same fields as :class:`desktop.store.testing.OpenStore` and more.

    The engine is shared; sessions are made per unit of work. Call :meth:`close` when done.
    """

    path: Path
    key: bytes = field(repr=False)
    engine: Engine
    sessions: sessionmaker[Session]
    folder: Path
    info: ProfileInfo
    migration: MigrationResult
    #: Set when this open created a passphrase profile because the key store was UNAVAILABLE or
    #: INSECURE (the CLI says so; the app said so in the passphrase dialog).
    fallback: SecretState | None = None

    @property
    def key_mode(self) -> KeyMode:
        return self.info.key_mode

    def close(self) -> None:
        """Close every pooled connection (the lock screen and shutdown call this)."""
        self.engine.dispose()


def _db_has_content(db: Path) -> bool:
    for candidate in (db, db.with_name(db.name + "-wal")):
        try:
            if candidate.stat().st_size > 0:
                return True
        except FileNotFoundError:
            continue
    return False


def _secret_state_error(state: SecretState) -> StoreError:
    if state is SecretState.INSECURE:
        return InsecureKeyringError()
    if state is SecretState.LOCKED:
        return KeyringLockedError()
    return KeyringUnavailableError()


def _passphrase(
    folder: Path,
    reason: PassphraseReason,
    attempt: int,
    ask: AskPassphrase | None,
    env: Mapping[str, str],
    key_store: SecretState = SecretState.UNAVAILABLE,
) -> tuple[str, bool]:
    """The passphrase and whether it came from the environment (then it is never re-asked)."""
    from_env = env.get(PASSPHRASE_ENV)
    if from_env:
        return from_env, True
    if ask is None:
        raise PassphraseRequiredError(key_store=key_store.value)
    given = ask(PassphraseRequest(profile_dir=folder, reason=reason, attempt=attempt, key_store=key_store))
    if not given:
        raise PassphraseRequiredError("cancelled")
    return given, False


def open_profile(
    folder: Path | str,
    *,
    secrets: SecretStore,
    ask_passphrase: AskPassphrase | None = None,
    create: bool = True,
    env: Mapping[str, str] | None = None,
    kdf: KdfSettings = DEFAULT_KDF,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
) -> OpenProfile:
    """Open the profile in ``folder`` (creating it when allowed), migrated to head.

    Runs on the start-up thread, before any window needs data; may call ``ask_passphrase`` on that
    thread (the UI shows a modal dialog).

    Args:
        folder: The profile folder (already resolved by :func:`desktop.config.resolve_profile_dir`).
        secrets: The key store; its state decides keyring or passphrase for a new profile.
        ask_passphrase: Asks the user for the passphrase; returns None when cancelled.
        create: Make a new profile when there is none.
        env: Environment to read ``COFNOD_PASSPHRASE`` from (``os.environ`` by default).
        kdf: Argon2id costs for a new passphrase profile (tests use cheap ones).
        keep_backups: How many pre-upgrade backups to keep.

    Raises:
        UnsafeLocationError, PlaintextDatabaseError, ProfileDamagedError, KeyMissingError,
        InsecureKeyringError, KeyringLockedError, KeyringUnavailableError, PassphraseRequiredError,
        WrongKeyError, WrongPassphraseError, CorruptDatabaseError, DatabaseTooNewError,
        DiskFullError and the other :mod:`desktop.store.errors`.
    """
    folder = Path(folder).expanduser().absolute()
    environ = os.environ if env is None else env
    check_safe_location(folder)
    fresh = not folder.exists()
    # Born private (database, -wal/-shm, key check, profile.json, backups), and repaired if not.
    with private_umask():
        try:
            opened = _open(folder, secrets, ask_passphrase, create, environ, kdf, keep_backups)
        except BaseException:
            if fresh:
                _remove_if_empty(folder)
            raise
    secure_profile_folder(folder, opened.info.database)
    return opened


def _open(
    folder: Path,
    secrets: SecretStore,
    ask_passphrase: AskPassphrase | None,
    create: bool,
    environ: Mapping[str, str],
    kdf: KdfSettings,
    keep_backups: int,
) -> OpenProfile:
    info = read_profile_info(folder)
    secure_profile_folder(folder, info.database if info else DATABASE_FILE)
    db = folder / (info.database if info else DATABASE_FILE)
    if is_plaintext_sqlite(db):
        raise PlaintextDatabaseError(path=str(db))

    fallback: SecretState | None = None
    if info is None:
        if _db_has_content(db):
            # A database without its profile.json: we cannot know how its key is kept.
            raise ProfileDamagedError("profile_json_missing")
        if not create:
            raise ProfileDamagedError("profile_missing")
        info, key, fallback = _create_profile(folder, secrets, ask_passphrase, environ, kdf)
        engine = create_store_engine(db, key)
    elif info.key_mode is KeyMode.KEYRING:
        key = _keyring_key(info, db, secrets)
        engine = create_store_engine(db, key)
    else:
        engine, key = _passphrase_engine(folder, info, db, ask_passphrase, environ)

    try:
        result = migrate(engine, db, key, backup_dir=folder / BACKUP_FOLDER, keep_backups=keep_backups)
    except BaseException:
        engine.dispose()
        raise
    return OpenProfile(
        path=db,
        key=key,
        engine=engine,
        sessions=make_session_factory(engine),
        folder=folder,
        info=info,
        migration=result,
        fallback=fallback,
    )


def _remove_if_empty(folder: Path) -> None:
    """Take away a folder this open made when making the profile failed before anything was kept."""
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (or already gone): what is there stays


def _create_profile(
    folder: Path,
    secrets: SecretStore,
    ask: AskPassphrase | None,
    env: Mapping[str, str],
    kdf: KdfSettings,
) -> tuple[ProfileInfo, bytes, SecretState | None]:
    profile_id = pysecrets.token_hex(16)
    state = secrets.state()
    fallback: SecretState | None = None
    if state is SecretState.OK:
        info = ProfileInfo(profile_id=profile_id, key_mode=KeyMode.KEYRING)
        key = os.urandom(32)
        try:
            secrets.set(info.key_name, key.hex())
            stored = secrets.get(info.key_name)
        except SecretStoreError as exc:
            raise _secret_state_error(exc.state) from exc
        if stored != key.hex():
            # A store that accepts but does not keep the key would strand the database.
            raise KeyringUnavailableError("not_kept")
    elif state in (SecretState.UNAVAILABLE, SecretState.INSECURE):
        # No key store, or one that would keep the key in plain text: nothing goes into it, and
        # the key comes from a passphrase instead (the request says which, for the dialog's words).
        params = KdfParams(salt=os.urandom(16), settings=kdf)
        info = ProfileInfo(profile_id=profile_id, key_mode=KeyMode.PASSPHRASE, kdf=params)
        passphrase, _ = _passphrase(folder, PassphraseReason.CREATE, 1, ask, env, key_store=state)
        key = params.derive(passphrase)
        fallback = state
    else:
        raise _secret_state_error(state)
    # Only now, with a key in hand: a cancelled or refused creation leaves no folder behind.
    make_private_folder(folder)
    # A stale key check from a deleted database would call the new key wrong.
    key_check_path(folder / info.database).unlink(missing_ok=True)
    _write_profile_info(folder, info)
    logger.info("profile created", extra={"key_mode": info.key_mode.value})
    return info, key, fallback


def _keyring_key(info: ProfileInfo, db: Path, secrets: SecretStore) -> bytes:
    state = secrets.state()
    if state is not SecretState.OK:
        raise _secret_state_error(state)
    try:
        stored = secrets.get(info.key_name)
    except SecretStoreError as exc:
        raise _secret_state_error(exc.state) from exc
    if stored is None:
        if _db_has_content(db):
            raise KeyMissingError()
        # No database yet (first start was interrupted before it was made): a new key is safe.
        key = os.urandom(32)
        try:
            secrets.set(info.key_name, key.hex())
        except SecretStoreError as exc:
            raise _secret_state_error(exc.state) from exc
        key_check_path(db).unlink(missing_ok=True)
        return key
    try:
        key = bytes.fromhex(stored)
    except ValueError as exc:
        raise WrongKeyError("key_malformed") from exc
    if len(key) != 32:
        raise WrongKeyError("key_malformed")
    return key


def _passphrase_engine(
    folder: Path, info: ProfileInfo, db: Path, ask: AskPassphrase | None, env: Mapping[str, str]
) -> tuple[Engine, bytes]:
    if info.kdf is None:
        raise ProfileDamagedError("kdf_missing")
    reason = PassphraseReason.UNLOCK
    for attempt in range(1, MAX_PASSPHRASE_ATTEMPTS + 1):
        passphrase, from_env = _passphrase(folder, reason, attempt, ask, env)
        key = info.kdf.derive(passphrase)
        try:
            return create_store_engine(db, key), key
        except WrongKeyError as exc:
            if from_env:
                raise WrongPassphraseError() from exc
            reason = PassphraseReason.RETRY
    raise WrongPassphraseError("too_many_attempts")


#: One line for the command line (English, like the rest of the CLI's output) when a new profile
#: was protected by a passphrase because the key store could not be used.
_CLI_FALLBACK: Final = {
    SecretState.UNAVAILABLE: "this computer has no key store, so the new profile is protected by the passphrase "
    "in COFNOD_PASSPHRASE; it cannot be recovered if it is lost",
    SecretState.INSECURE: "this computer's key store keeps secrets in a plain file, so Cofnod keeps nothing in it; "
    "the new profile is protected by the passphrase in COFNOD_PASSPHRASE instead, and it cannot be recovered "
    "if it is lost",
}


def cli_fallback_notice(profile: OpenProfile) -> str | None:
    """What the CLI says when this open made a passphrase profile for want of a usable key store."""
    return _CLI_FALLBACK.get(profile.fallback) if profile.fallback is not None else None


def cli_open_failure(exc: StoreError) -> str:
    """Why the CLI could not open a profile, and what to do next (English; the code in brackets)."""
    if isinstance(exc, PassphraseRequiredError) and exc.params.get("key_store") == SecretState.INSECURE.value:
        return (
            "this computer's key store keeps secrets in a plain file, so Cofnod will not use it; "
            f"set {PASSPHRASE_ENV} to protect the new profile with a passphrase instead ({exc.code})"
        )
    if isinstance(exc, PassphraseRequiredError):
        return f"this profile is protected by a passphrase; set {PASSPHRASE_ENV} ({exc.code})"
    if isinstance(exc, InsecureKeyringError):
        return (
            "this profile's key is in the key store, but the key store in use now keeps secrets in a plain "
            f"file, so Cofnod will not read it; start the system key store and try again ({exc.code})"
        )
    return f"cannot open the profile ({exc.code})"


# ---- Idle-lock verifier -----------------------------------------------------------------------


class HasSessions(Protocol):
    """Anything with a session factory (OpenProfile, OpenStore)."""

    @property
    def sessions(self) -> sessionmaker[Session]: ...


def set_unlock_secret(store: HasSessions, secret: str) -> None:
    """Keep an Argon2id verifier of the unlock PIN/passphrase (never the secret) in profile_meta.

    Runs on the database lane.
    """
    if not secret:
        raise ValueError("unlock secret must not be empty")
    from argon2 import PasswordHasher

    verifier = PasswordHasher().hash(secret)
    with unit_of_work(store.sessions) as session:
        set_meta(session, META_UNLOCK_VERIFIER, verifier)


def has_unlock_secret(store: HasSessions) -> bool:
    """True once an unlock PIN/passphrase has been set."""
    with unit_of_work(store.sessions) as session:
        return get_meta(session, META_UNLOCK_VERIFIER) is not None


def verify_unlock_secret(store: HasSessions, secret: str) -> bool:
    """True when ``secret`` matches the stored verifier; False when it does not or none is set.

    Takes about 0.1 s by design. Runs on the database lane (or a task), never on the GUI thread.
    """
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    with unit_of_work(store.sessions) as session:
        verifier = get_meta(session, META_UNLOCK_VERIFIER)
    if verifier is None or not secret:
        return False
    hasher = PasswordHasher()
    try:
        hasher.verify(verifier, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(verifier):
        with unit_of_work(store.sessions) as session:
            set_meta(session, META_UNLOCK_VERIFIER, hasher.hash(secret))
    return True


# ---- Who the profile's user is ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProfileIdentity:
    """The profile's user and the seat they act in (their council and roles)."""

    user_id: str
    display_name: str
    council_id: str | None
    roles: tuple[str, ...] = ()


def get_identity(store: HasSessions) -> ProfileIdentity | None:
    """The profile's user, or None before enrolment."""
    with unit_of_work(store.sessions) as session:
        user_id = get_meta(session, META_USER_ID)
        if user_id is None:
            return None
        roles_raw = get_meta(session, META_ROLES) or "[]"
        return ProfileIdentity(
            user_id=user_id,
            display_name=get_meta(session, META_DISPLAY_NAME) or "",
            council_id=get_meta(session, META_COUNCIL_ID) or None,
            roles=tuple(str(r) for r in json.loads(roles_raw)),
        )


def set_identity(store: HasSessions, identity: ProfileIdentity) -> None:
    """Record who the profile's user is (on enrolment, or when their seat changes)."""
    with unit_of_work(store.sessions) as session:
        write_identity(session, identity)


def write_identity(session: Session, identity: ProfileIdentity) -> None:
    """:func:`set_identity` inside a caller's unit of work."""
    set_meta(session, META_USER_ID, identity.user_id)
    set_meta(session, META_DISPLAY_NAME, identity.display_name)
    set_meta(session, META_COUNCIL_ID, identity.council_id or "")
    set_meta(session, META_ROLES, json.dumps(sorted(identity.roles), separators=(",", ":")))


__all__ = [
    "DATABASE_FILE",
    "PASSPHRASE_ENV",
    "PROFILE_FILE",
    "AskPassphrase",
    "KdfParams",
    "KdfSettings",
    "KeyMode",
    "OpenProfile",
    "PassphraseReason",
    "PassphraseRequest",
    "ProfileIdentity",
    "cli_fallback_notice",
    "cli_open_failure",
    "ProfileInfo",
    "get_identity",
    "has_unlock_secret",
    "open_profile",
    "read_profile_info",
    "set_identity",
    "set_unlock_secret",
    "verify_unlock_secret",
    "write_identity",
]
