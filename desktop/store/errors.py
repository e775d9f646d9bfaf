"""Typed errors of the local store. Each carries a stable ``code``; only the UI turns it into words."""

from __future__ import annotations


class StoreError(Exception):
    """Base class; ``code`` is stable and translated by the UI."""

    code = "store_error"

    def __init__(self, message: str = "", **params: object) -> None:
        super().__init__(message or self.code)
        self.params = params


class PlaintextDatabaseError(StoreError):
    """The file at the database path is an unencrypted SQLite file; it is left untouched."""

    code = "database_not_encrypted"


class WrongKeyError(StoreError):
    """The key does not open the database (the key check says it is a different key)."""

    code = "database_wrong_key"


class CorruptDatabaseError(StoreError):
    """The database cannot be read with what looks like the right key: the file is damaged."""

    code = "database_corrupt"


class DatabaseTooNewError(StoreError):
    """A newer version of Cofnod wrote this database; this version refuses to touch it."""

    code = "database_too_new"


class KeyMissingError(StoreError):
    """A database exists but its key is not in the key store: never start an empty one over it."""

    code = "database_key_missing"


class UnsafeLocationError(StoreError):
    """The database path is on a network or synced folder, where SQLite locking is unreliable."""

    code = "database_unsafe_location"


class DiskFullError(StoreError):
    """The disk is full or the folder read-only; the last change was not saved."""

    code = "disk_full"


class RecordFinalisedError(StoreError):
    """A finalised decision never changes; corrections are addenda."""

    code = "record_finalised"


class ReadOnlyStorageError(DiskFullError):
    """The database folder or file cannot be written (read-only medium or permissions)."""

    code = "storage_read_only"


class StorageIOError(StoreError):
    """The operating system reported an I/O error while reading or writing the database."""

    code = "storage_io_error"


class DurabilitySettingsError(StoreError):
    """A connection did not take WAL, synchronous=FULL, foreign_keys or secure_delete."""

    code = "database_durability_settings"


class SchemaUnknownError(StoreError):
    """The file holds tables but no migration revision: not a database this app made."""

    code = "database_schema_unknown"


class BackupFailedError(StoreError):
    """The pre-upgrade backup could not be made or did not verify; the upgrade was not attempted."""

    code = "database_backup_failed"


class MigrationFailedError(StoreError):
    """An upgrade step failed; the transaction was rolled back and the database is unchanged."""

    code = "database_migration_failed"


# ---- Key custody (keyring / passphrase) -----------------------------------------------------


class KeyringUnavailableError(StoreError):
    """No OS key store is available (keyring's ``fail`` backend or no Secret Service)."""

    code = "keyring_unavailable"


class KeyringLockedError(StoreError):
    """The OS key store is locked; the user has to unlock it (not a wrong password)."""

    code = "keyring_locked"


class InsecureKeyringError(StoreError):
    """The key store keeps secrets in plain text (e.g. keyrings.alt); Cofnod refuses to use it."""

    code = "keyring_insecure"


class PassphraseRequiredError(StoreError):
    """The profile's key comes from a passphrase and none was given (dialog cancelled)."""

    code = "passphrase_required"


class WrongPassphraseError(WrongKeyError):
    """The passphrase did not derive the database's key."""

    code = "passphrase_wrong"


class ProfileDamagedError(StoreError):
    """``profile.json`` is missing beside an existing database, or cannot be read."""

    code = "profile_damaged"
