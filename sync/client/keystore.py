"""Which OS key stores may hold Cofnod's secrets: one rule for the database key and the sync tokens.

A back end is trusted only when it is one of keyring's own encrypted stores (Secret Service,
libsecret, KWallet, macOS Keychain, Windows Credential Locker; matched against the class and its
bases) or a class that declares ``cofnod_trusted_key_store = True``. ``fail``, ``null`` and an empty
chainer are no key store at all; anything else, and anything whose name says it keeps secrets in
plain text (``keyrings.alt``), is refused. ``desktop.secrets`` and ``sync.client.tokens`` both ask
:func:`classify_backend`. Pure; no import of keyring itself.
"""

from __future__ import annotations

import logging
from typing import Any, Final, Literal

logger = logging.getLogger(__name__)

#: keyring's own back ends that keep secrets in the operating system's encrypted store.
TRUSTED_BACKENDS: Final = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)

#: A class attribute by which a back end outside keyring declares that it keeps secrets safely.
TRUST_ATTRIBUTE: Final = "cofnod_trusted_key_store"

#: Module or class-name fragments of back ends that keep secrets unencrypted (lower case); these
#: are refused even when the class claims trust.
PLAINTEXT_MARKERS: Final = ("keyrings.alt", "plaintext", "uncrypted", "unencrypted", "base64", "basic_text")

Verdict = Literal["ok", "unavailable", "insecure"]


def backend_class_name(backend: object) -> str:
    """``module.Class`` of a keyring back end."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _leaf_backends(backend: Any) -> list[Any]:
    """The back ends a chainer delegates to; the back end itself otherwise."""
    if backend_class_name(backend).startswith("keyring.backends.chainer."):
        return list(getattr(backend, "backends", []) or [])
    return [backend]


def _is_trusted(backend: object) -> bool:
    cls = type(backend)
    if getattr(cls, TRUST_ATTRIBUTE, False) is True:
        return True
    return any(f"{base.__module__}.{base.__qualname__}" in TRUSTED_BACKENDS for base in cls.__mro__)


def classify_backend(backend: object) -> Verdict:
    """``ok`` (a trusted back end), ``unavailable`` (``fail``, ``null``, an empty chainer) or ``insecure``."""
    leaves = _leaf_backends(backend)
    if not leaves:
        return "unavailable"
    names = [backend_class_name(leaf).lower() for leaf in leaves]
    if any(marker in name for name in names for marker in PLAINTEXT_MARKERS):
        return "insecure"
    if any(name.startswith("keyring.backends.null.") for name in names):
        # The null back end silently drops secrets: a key stored there would be lost.
        return "unavailable"
    # keyring's fail back end keeps nothing and refuses loudly: it does not count either way.
    real = [leaf for leaf, name in zip(leaves, names, strict=True) if not name.startswith("keyring.backends.fail.")]
    if not real:
        return "unavailable"
    return "ok" if all(_is_trusted(leaf) for leaf in real) else "insecure"
