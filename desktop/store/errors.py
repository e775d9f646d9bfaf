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
