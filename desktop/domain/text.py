"""Text helpers shared by services and the store: NFC for stored free text, and the folded search form of a name."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the form all free text is stored in (security-reliability.md IN-5).

    "Siân" typed with a combining circumflex and with the precomposed "â" are then the same text.
    """
    return unicodedata.normalize("NFC", text)


def nfc_values(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with every text value in NFC (other values untouched)."""
    return {k: nfc(v) if isinstance(v, str) else v for k, v in changes.items()}


def fold_name(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form stored in ``child.search_name``.

    "Siân ap Dafydd" and "sian ap dafydd" fold to the same text, so searching ignores accents
    (ŵ, ŷ, â...) as Welsh users expect.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
