"""Canonical JSON and the hashes both sides compute over it.

The client hashes an op's payload before sending it and the server recomputes the hash, so the two
must agree byte for byte: keys sorted, every string (keys included) in Unicode NFC, compact
separators, UTF-8, no NaN or Infinity. The audit chain and the digest use the same form.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

logger = logging.getLogger(__name__)

#: Integers outside this range are refused on the wire (they do not survive a round trip through
#: many JSON implementations or a 64-bit database column).
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1

#: Fields of a decision that the server sets; they are excluded from its content hash.
DECISION_SERVER_FIELDS: frozenset[str] = frozenset(
    {
        "state",
        "decision_number",
        "finalised_at",
        "finalised_by",
        "transition_applied",
        "concurrent_with",
        "contested",
        "quorum",  # what the service counted at finalise, with the device's claim for the record
        "voided",
        "void_reason",
        "voided_by",
    }
)


def nfc(value: Any) -> Any:
    """Return ``value`` with every string, including mapping keys, normalised to NFC.

    Runs on any thread; pure. Input depth is bounded by the caller (the service refuses JSON
    nested deeper than 32 levels before parsing it).
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {unicodedata.normalize("NFC", str(k)): nfc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [nfc(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    """Serialise ``value`` canonically: NFC strings, sorted keys, compact, UTF-8, finite numbers."""
    return json.dumps(nfc(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def payload_sha256(payload: Mapping[str, Any]) -> str:
    """The hex SHA-256 of an op payload's canonical JSON: the envelope's ``payload_sha256``."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def decision_content_sha256(decision: Mapping[str, Any]) -> str:
    """Hash of a decision's content, without the fields the server sets (``finalise_decision``).

    The client sends it as ``content_sha256`` when finalising; the server compares it with the
    draft it holds, so a chair can only finalise exactly the wording they saw.
    """
    return payload_sha256({k: v for k, v in decision.items() if k not in DECISION_SERVER_FIELDS})


def digest_item(entity: str, entity_id: str, version: int) -> int:
    """One record's contribution to a scope digest: SHA-256 of ``entity:id:version`` as an int."""
    raw = f"{entity}:{entity_id}:{version}".encode()
    return int.from_bytes(hashlib.sha256(raw).digest(), "big")


def scope_digest(items: Iterable[tuple[str, str, int]]) -> tuple[int, str]:
    """Count and XOR-of-hashes over ``(entity, entity_id, version)`` heads (sync-protocol.md §6).

    XOR makes the digest independent of order, so client and server need not sort.
    """
    count = 0
    acc = 0
    for entity, entity_id, version in items:
        count += 1
        acc ^= digest_item(entity, entity_id, version)
    return count, f"{acc:064x}"
