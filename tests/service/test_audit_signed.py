"""Signed audit heads: someone who can write the database cannot forge, cut or rewrite the log unseen.

The tampering kinds of issue 14 (a forged append with a rewritten head, truncation, re-chaining,
hiding an event from a record's history by changing a row's ``entity_id`` or ``created_at``), each
1,000 rounds on copies of a log that the real service wrote to SQLite and to PostgreSQL, run through
the verifier's pure function; all are detected given the witness from before the tampering, and
1,000 intact copies raise no alarm. The real databases are then tampered with over SQL, once per
kind, and ``verify-audit`` catches it. ``COFNOD_AUDIT_LONG=1`` runs the rounds on 1,000-event logs
with every witnessed head, several minutes per kind (the default keeps ``make test`` fast: a
40-event log and the witness's newest head plus two earlier ones).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import text

from sync.protocol.audit_head import SignedHead, load_public_key, sign_head
from sync.service import audit
from sync.service.audit import AuditRow, StoredHead
from sync.service.cli import main as cli_main
from sync.service.context import dumps
from sync.service.db import Database
from sync.service.signing import HeadSigner, new_key_files, read_witness
from tests.service.conftest import BACKENDS, _fresh_url
from tests.service.harness import Clock, Service, make_case, make_settings, new_id

LONG = os.environ.get("COFNOD_AUDIT_LONG") == "1"
ROUNDS = 1000
KINDS = ("forged_append", "truncate", "rechain", "hide")


@dataclass
class Log:
    rows: list[AuditRow]
    heads: list[StoredHead]
    witness: list[SignedHead]
    public_key: Ed25519PublicKey
    url: str


def _signed_service(url: str, directory: Path) -> tuple[Service, Path, Path]:
    key_file, pub_file, witness = directory / "audit.pem", directory / "audit.pub", directory / "witness.jsonl"
    new_key_files(key_file, pub_file)
    signer = HeadSigner.from_pem(key_file.read_bytes(), witness)
    db = Database(url)
    if url.startswith("sqlite"):
        db.migrate()
    clock = Clock()
    return Service(db, make_settings(url, clock, audit_signer=signer), clock), pub_file, witness


def _write_some_history(svc: Service, events: int) -> None:
    """Real requests until the chain has at least ``events`` events (pushes, pulls, refusals)."""
    case = make_case(svc)
    while svc.audit_count() < events:
        case.chair.push1("create", "child", new_id(), {"given_names": "Dafydd"})
        case.chair.pull_all()
        case.minute_taker.get(f"/v1/records/child/{case.child_id}/history")  # refused: audited


@pytest.fixture(scope="module", params=BACKENDS)
def written_log(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Log]:
    """A log written by the real service on SQLite / PostgreSQL, read back with its witness."""
    directory = tmp_path_factory.mktemp("audit")
    url = _fresh_url(request, str(request.param), directory)
    svc, pub_file, witness_file = _signed_service(url, directory)
    _write_some_history(svc, 1000 if LONG else 40)
    with svc.db.read_txn() as s:
        rows, heads = audit.read_rows(s)
    witness = read_witness(witness_file)
    assert {h.count for h in witness} == {h.count for h in heads} and len(witness) > 10
    yield Log(rows, heads, witness, load_public_key(pub_file.read_bytes()), url)
    svc.client.close()
    svc.db.dispose()


def _witness_for(log: Log, rng: random.Random) -> list[SignedHead]:
    if LONG:
        return log.witness
    return [*rng.sample(log.witness[:-1], 2), log.witness[-1]]


def _rechain(rows: list[AuditRow], start: int) -> list[AuditRow]:
    """Recompute every hash from ``start`` on, as an attacker with write access would."""
    out = rows[:start]
    prev = out[-1].hash if out else audit.GENESIS
    for i, row in enumerate(rows[start:], start):
        event = audit.json.loads(row.event_json)
        event["index"] = i
        event_json = dumps(event)
        digest = audit.chain_hash(prev, event_json)
        out.append(row._replace(idx=i, hash=digest, event_json=event_json))
        prev = digest
    return out


def _rewrite_heads(heads: list[StoredHead], rows: list[AuditRow], rng: random.Random) -> list[StoredHead]:
    """The attacker's heads for the new chain: dropped, re-hashed unsigned, or with stale or own signatures."""
    n = len(rows)
    end = rows[-1].hash if rows else audit.GENESIS
    kept = [h for h in heads if 0 < h.count < n and rows[h.count - 1].hash == h.head_hash]
    how = rng.choice(["unsigned", "stale_signature", "own_key"])
    at = rows[-1].created_at if rows else "2026-02-11T09:00:00.000000Z"
    if how == "unsigned":
        forged = StoredHead(n, end, at, None, None)
    elif how == "stale_signature":
        old = heads[-1]
        forged = StoredHead(n, end, at, old.key_id, old.signature)
    else:
        mine = sign_head(Ed25519PrivateKey.generate(), n, end, at)
        forged = StoredHead(n, end, at, mine.key_id, mine.signature)
    return [*kept, forged]


def _forged_append(log: Log, rng: random.Random) -> tuple[list[AuditRow], list[StoredHead]]:
    rows = list(log.rows)
    for _ in range(rng.randint(1, 3)):
        prev = rows[-1]
        event = {
            "index": len(rows),
            "at": prev.created_at,
            "action": "op:finalise_decision",
            "outcome": "applied",
            "actor_user_id": "usr-forged",
            "device_id": "dev-forged",
            "entity": "decision",
            "entity_id": new_id(),
            "detail": {},
        }
        event_json = dumps(event)
        rows.append(
            AuditRow(
                len(rows),
                audit.chain_hash(prev.hash, event_json),
                event_json,
                event["at"],
                "decision",
                event["entity_id"],
            )
        )
    return rows, _rewrite_heads(log.heads, rows, rng)


def _truncate(log: Log, rng: random.Random) -> tuple[list[AuditRow], list[StoredHead]]:
    cut = rng.randint(1, min(40, len(log.rows) - 1))
    rows = log.rows[:-cut]
    # The neatest cover: cut back to a real, validly signed earlier head and drop the later ones.
    boundary = [h for h in log.heads if h.count <= len(rows)]
    if boundary and rng.random() < 0.5:
        rows = rows[: boundary[-1].count]
        return rows, boundary
    return rows, _rewrite_heads(log.heads, rows, rng)


def _rechain_kind(log: Log, rng: random.Random) -> tuple[list[AuditRow], list[StoredHead]]:
    rows = list(log.rows)
    i = rng.randrange(0, len(rows))
    how = rng.choice(["alter", "remove", "insert", "swap"])
    if how == "alter":
        event = audit.json.loads(rows[i].event_json)
        event["outcome"] = "denied:forbidden" if event.get("outcome") == "ok" else "ok"
        rows[i] = rows[i]._replace(event_json=dumps(event))
    elif how == "remove":
        del rows[i]
    elif how == "insert":
        rows.insert(i, rows[i])
    else:
        j = rng.randrange(0, len(rows))
        while j == i or rows[j].event_json == rows[i].event_json:
            j = rng.randrange(0, len(rows))
        rows[i], rows[j] = rows[j], rows[i]
    rows = _rechain(rows, max(0, min(i, len(rows) - 1)))
    return rows, _rewrite_heads(log.heads, rows, rng)


def _hide(log: Log, rng: random.Random) -> tuple[list[AuditRow], list[StoredHead]]:
    rows = list(log.rows)
    candidates = [i for i, r in enumerate(rows) if r.entity_id is not None]
    i = rng.choice(candidates)
    how = rng.choice(["entity_id", "entity", "created_at"])
    if how == "entity_id":
        rows[i] = rows[i]._replace(entity_id=new_id())
    elif how == "entity":
        rows[i] = rows[i]._replace(entity="council" if rows[i].entity != "council" else "child")
    else:
        rows[i] = rows[i]._replace(created_at="2025-01-01T00:00:00.000000Z")
    return rows, list(log.heads)


TAMPER: dict[str, Callable[[Log, random.Random], tuple[list[AuditRow], list[StoredHead]]]] = {
    "forged_append": _forged_append,
    "truncate": _truncate,
    "rechain": _rechain_kind,
    "hide": _hide,
}


def test_the_written_log_verifies(written_log: Log) -> None:
    result = audit.verify_entries(
        written_log.rows, written_log.heads, witness=written_log.witness, public_key=written_log.public_key
    )
    assert result.ok, result
    assert written_log.heads[-1].count == len(written_log.rows) and written_log.heads[-1].signature


@pytest.mark.timeout(7200 if LONG else 300)
@pytest.mark.parametrize("kind", KINDS)
def test_every_tampering_is_detected_given_a_witness_from_before(written_log: Log, kind: str) -> None:
    rng = random.Random(f"{kind}-{written_log.url[:10]}")
    missed = []
    for round_ in range(ROUNDS):
        rows, heads = TAMPER[kind](written_log, rng)
        result = audit.verify_entries(
            rows, heads, witness=_witness_for(written_log, rng), public_key=written_log.public_key
        )
        if result.ok:
            missed.append(round_)
    assert missed == [], f"{kind}: {len(missed)} of {ROUNDS} rounds not detected"


@pytest.mark.timeout(7200 if LONG else 300)
def test_no_false_alarms_on_intact_copies(written_log: Log) -> None:
    rng = random.Random(7)
    alarms = 0
    for _ in range(ROUNDS):
        result = audit.verify_entries(
            list(written_log.rows),
            list(written_log.heads),
            witness=_witness_for(written_log, rng),
            public_key=written_log.public_key,
        )
        alarms += not result.ok
    assert alarms == 0


def test_without_signatures_a_forged_append_with_a_rewritten_head_passes(written_log: Log) -> None:
    """Why the heads are signed: the unsigned check alone is fooled (the issue's 0 of 572)."""
    rng = random.Random(1)
    rows, heads = _forged_append(written_log, rng)
    heads = [*heads[:-1], heads[-1]._replace(key_id=None, signature=None)]
    assert audit.verify_entries(rows, heads).ok
    assert not audit.verify_entries(rows, heads, public_key=written_log.public_key).ok


# ---- the real databases, tampered with over SQL


def _drop_triggers(conn: object) -> None:
    c = conn  # a privileged connection: the owner can drop the append-only triggers
    if c.dialect.name == "sqlite":  # type: ignore[attr-defined]
        for t in ("audit_log_no_update", "audit_log_no_delete", "audit_heads_no_update", "audit_heads_no_delete"):
            c.exec_driver_sql(f"DROP TRIGGER IF EXISTS {t}")  # type: ignore[attr-defined]
    else:
        c.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")  # type: ignore[attr-defined]
        c.exec_driver_sql("DROP TRIGGER IF EXISTS audit_heads_append_only ON audit_heads")  # type: ignore[attr-defined]


def _apply_to_database(db: Database, rows: list[AuditRow], heads: list[StoredHead]) -> None:
    with db.engine.begin() as conn:
        _drop_triggers(conn)
        conn.execute(text("DELETE FROM audit_log"))
        conn.execute(text("DELETE FROM audit_heads"))
        if rows:
            conn.execute(
                text(
                    "INSERT INTO audit_log (idx, hash, event_json, created_at, entity, entity_id) "
                    "VALUES (:idx, :hash, :event_json, :created_at, :entity, :entity_id)"
                ),
                [r._asdict() for r in rows],
            )
        if heads:
            conn.execute(
                text(
                    "INSERT INTO audit_heads (count, head_hash, signed_at, key_id, signature) "
                    "VALUES (:count, :head_hash, :signed_at, :key_id, :signature)"
                ),
                [h._asdict() for h in heads],
            )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", KINDS)
def test_tampering_in_the_real_database_fails_verify_audit(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str, kind: str
) -> None:
    url = _fresh_url(request, backend, tmp_path)
    svc, pub_file, witness_file = _signed_service(url, tmp_path)
    try:
        _write_some_history(svc, 40)
        argv = ["admin", "--db", url, "verify-audit", "--witness", str(witness_file), "--public-key", str(pub_file)]
        assert cli_main(argv) == 0
        with svc.db.read_txn() as s:
            rows, heads = audit.read_rows(s)
        log = Log(rows, heads, read_witness(witness_file), load_public_key(pub_file.read_bytes()), url)
        tampered_rows, tampered_heads = TAMPER[kind](log, random.Random(kind))
        _apply_to_database(svc.db, tampered_rows, tampered_heads)
        assert cli_main(argv) == 1
    finally:
        svc.client.close()
        svc.db.dispose()


def test_signed_heads_reach_the_witness_file_and_every_pull(tmp_path: Path) -> None:
    svc, pub_file, witness_file = _signed_service(f"sqlite:///{tmp_path / 'r.db'}", tmp_path)
    try:
        case = make_case(svc)
        key = load_public_key(pub_file.read_bytes())
        r = case.chair.get("/v1/sync/pull", params={"cursor": 0})
        head = SignedHead.model_validate(r.json()["audit_head"])
        # The pull's own audit event is inside the head it hands out.
        assert head.count == svc.audit_count()
        assert read_witness(witness_file)[-1] == head
        from sync.protocol.audit_head import HeadCheck, check_head

        assert check_head(head, key, None) is HeadCheck.OK
        case.chair.push1("create", "child", new_id(), {"given_names": "Nia"})
        later = SignedHead.model_validate(case.chair.get("/v1/sync/pull", params={"cursor": 0}).json()["audit_head"])
        assert later.count > head.count and check_head(later, key, head) is HeadCheck.OK
        private = (tmp_path / "audit.pem").read_bytes()
        from sync.protocol.audit_head import load_private_key

        signer = load_private_key(private)
        rolled_back = sign_head(signer, head.count - 1, head.head_hash, head.signed_at)
        fork = sign_head(signer, later.count, "e" * 64, later.signed_at)
        assert check_head(rolled_back, key, later) is HeadCheck.FORKED
        assert check_head(fork, key, later) is HeadCheck.FORKED
        forged = later.model_copy(update={"head_hash": "f" * 64})
        assert check_head(forged, key, head) is HeadCheck.BAD_SIGNATURE
    finally:
        svc.client.close()
        svc.db.dispose()


def test_audit_key_and_witness_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "k.pem"
    assert cli_main(["admin", "audit-key", "--out", str(key)]) == 0
    assert (key.stat().st_mode & 0o777) == 0o600 and (tmp_path / "k.pem.pub").exists()
    assert "keep it off the database host" in capsys.readouterr().out
    assert cli_main(["admin", "audit-key", "--out", str(key)]) == 1  # never overwrites a key
    with pytest.raises(SystemExit, match="needs --audit-key"):
        cli_main(
            [
                "serve",
                "--insecure-dev",
                "--db",
                f"sqlite:///{tmp_path / 'x.db'}",
                "--audit-witness",
                str(tmp_path / "w"),
            ]
        )
    signer = HeadSigner.from_pem(key.read_bytes(), tmp_path / "w.jsonl")
    first, second = signer.sign(1, "a" * 64, "t1"), signer.sign(2, "b" * 64, "t2")
    signer.witness([second, first])
    signer.close()
    assert read_witness(tmp_path / "w.jsonl") == [first, second]  # in count order
    with (tmp_path / "w.jsonl").open("a") as f:
        f.write('{"count": 3, "head_ha')  # a crash mid-line
    assert read_witness(tmp_path / "w.jsonl") == [first, second]
    with (tmp_path / "w.jsonl").open("a") as f:
        f.write("\nnot a head\n" + second.model_dump_json() + "\n")
    with pytest.raises(ValueError, match="line 3"):
        read_witness(tmp_path / "w.jsonl")
    # Admin writes sign with the key given before the subcommand.
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli_main(["admin", "--db", db, "--audit-key", str(key), "add-council", "Gwynedd"]) == 0
    pub = str(tmp_path / "k.pem.pub")
    assert cli_main(["admin", "--db", db, "verify-audit", "--public-key", pub]) == 0
    assert cli_main(["admin", "--db", db, "add-council", "Powys"]) == 0  # unsigned append
    assert cli_main(["admin", "--db", db, "verify-audit", "--public-key", pub]) == 1
    assert "not validly signed" in capsys.readouterr().err
