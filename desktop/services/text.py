"""Text helpers shared by services: the folded search form of a name."""

from __future__ import annotations

import unicodedata


def fold_name(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form stored in ``child.search_name``.

    "Siân ap Dafydd" and "sian ap dafydd" fold to the same text, so searching ignores accents
    (ŵ, ŷ, â...) as Welsh users expect.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
