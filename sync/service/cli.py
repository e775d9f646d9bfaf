"""``cofnod-register``: serve the register over HTTPS, and administer its database.

    cofnod-register serve --db URL --host 127.0.0.1 --port 8443 --tls-cert server.pem --tls-key server.key
    cofnod-register serve --db URL --host 127.0.0.1 --port 8080 --insecure-dev   # loopback only
    cofnod-register admin --db URL init-db
    cofnod-register admin --db URL add-council "Cyngor Sir Ynys Môn"
    cofnod-register admin --db URL add-user alice --council "Cyngor Sir Ynys Môn" --role chair [--password-stdin]
    cofnod-register admin --db URL reset-password alice [--password-stdin]
    cofnod-register admin --db URL end-membership alice   # leaves the council; scope_removed sent
    cofnod-register admin --db URL list-devices [--user alice]
    cofnod-register admin --db URL revoke-device DEVICE_ID
    cofnod-register admin --db URL verify-audit [--witness FILE --public-key FILE]
    cofnod-register admin --db URL new-epoch   # after a restore from backup: a new server_id (§10)
    cofnod-register admin audit-key --out audit-key.pem   # and audit-key.pem.pub
    cofnod-register serve ... --audit-key audit-key.pem --audit-witness /var/lib/cofnod/witness.jsonl

The audit signing key is a file, or ``--audit-key -`` reads it from stdin; it never goes into the
database. Give admin commands that write (``add-user`` ...) the same ``--audit-key`` (and
witness) before the subcommand, or their appends are unsigned and ``verify-audit --public-key``
reports them.

Plain HTTP is refused unless the host is a loopback address and ``--insecure-dev`` is given.
Passwords are read from stdin or prompted for, never taken from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import logging
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from sync.protocol.enums import Role
from sync.service import audit, auth, scopes
from sync.service.config import Settings
from sync.service.db import Database, now_iso
from sync.service.models import Council, Device, User, UserRole
from sync.service.security import Passwords
from sync.service.signing import HeadSigner, new_key_files, read_witness

logger = logging.getLogger(__name__)

DEFAULT_DB = "sqlite:///cofnod-register.db"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("passwords differ")
    return first


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.service.app import create_app
    from sync.service.httpserver import JsonErrorsH11Protocol

    tls = bool(args.tls_cert and args.tls_key)
    if not tls:
        if not (args.insecure_dev and _is_loopback(args.host)):
            print(
                "refusing to serve plain HTTP: give --tls-cert and --tls-key "
                "(plain HTTP only with --insecure-dev on a loopback address)",
                file=sys.stderr,
            )
            return 2
        print("WARNING: plain HTTP for development on loopback only", file=sys.stderr)
    app = create_app(
        Settings(
            database_url=args.db,
            audit_signer=_signer(args),
            quota_device_bytes_per_day=args.quota_device_mb << 20,
            quota_user_bytes_per_day=args.quota_user_mb << 20,
        )
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert if tls else None,
        ssl_keyfile=args.tls_key if tls else None,
        log_level=args.log_level,
        proxy_headers=False,
        # Errors the HTTP layer answers itself (bad or oversized request line or headers) in JSON.
        http=JsonErrorsH11Protocol,
    )
    return 0


def _signer(args: argparse.Namespace) -> HeadSigner | None:
    """The audit signer from ``--audit-key`` (a PEM file, or ``-`` for stdin) and ``--audit-witness``."""
    witness = Path(args.audit_witness) if args.audit_witness else None
    if not args.audit_key:
        if witness is not None:
            raise SystemExit("--audit-witness needs --audit-key (only signed heads are witnessed)")
        return None
    pem = sys.stdin.buffer.read() if args.audit_key == "-" else Path(args.audit_key).read_bytes()
    try:
        return HeadSigner.from_pem(pem, witness)
    except ValueError as exc:
        raise SystemExit(f"--audit-key: {exc}") from exc


def _db(args: argparse.Namespace) -> Database:
    db = Database(args.db)
    db.signer = _signer(args)
    db.migrate()
    return db


def cmd_init_db(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.read_txn() as s:
        print(f"database ready; server_id {db.server_id(s)}")
    return 0


def cmd_add_council(args: argparse.Namespace) -> int:
    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        if s.scalar(select(Council).where(Council.name == args.name)) is not None:
            print(f"council {args.name!r} exists", file=sys.stderr)
            return 1
        council_id = args.id or "la-" + uuid.uuid4().hex[:12]
        s.add(Council(id=council_id, name=args.name, created_at=now_iso(settings.clock())))
        audit.append(
            s, settings.clock(), action="admin:add_council", outcome="ok", entity="council", entity_id=council_id
        )
    print(council_id)
    return 0


def _council_id(db: Database, ref: str | None) -> str | None:
    if ref is None:
        return None
    with db.read_txn() as s:
        row = s.scalar(select(Council).where((Council.id == ref) | (Council.name == ref)))
        if row is None:
            raise SystemExit(f"no council {ref!r}")
        return row.id


def cmd_add_user(args: argparse.Namespace) -> int:
    db = _db(args)
    settings = Settings(database_url=args.db)
    council_id = _council_id(db, args.council)
    password_hash = Passwords(settings).hash(_password(args))
    with db.write_txn() as s:
        if s.scalar(select(User).where(User.username == args.username)) is not None:
            print(f"user {args.username!r} exists", file=sys.stderr)
            return 1
        user_id = "usr-" + uuid.uuid4().hex[:16]
        s.add(
            User(
                id=user_id,
                username=args.username,
                display_name=args.display_name or args.username,
                password_hash=password_hash,
                council_id=council_id,
                agency=args.agency,
                disabled=False,
                created_at=now_iso(settings.clock()),
            )
        )
        for role in sorted(set(args.role)):
            s.add(UserRole(user_id=user_id, role=Role(role).value))
        audit.append(
            s,
            settings.clock(),
            action="admin:add_user",
            outcome="ok",
            entity="user",
            entity_id=user_id,
            detail={"roles": sorted(set(args.role)), "council_id": council_id},
        )
    print(user_id)
    return 0


def cmd_reset_password(args: argparse.Namespace) -> int:
    db = _db(args)
    settings = Settings(database_url=args.db)
    password_hash = Passwords(settings).hash(_password(args))
    with db.write_txn() as s:
        user = s.scalar(select(User).where(User.username == args.username))
        if user is None:
            print(f"no user {args.username!r}", file=sys.stderr)
            return 1
        user.password_hash = password_hash
        auth.clear_failures(s, f"user:{args.username.casefold()}")
        audit.append(s, settings.clock(), action="admin:reset_password", outcome="ok", entity="user", entity_id=user.id)
    print("password reset")
    return 0


def cmd_end_membership(args: argparse.Namespace) -> int:
    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        user = s.scalar(select(User).where(User.username == args.username))
        if user is None:
            print(f"no user {args.username!r}", file=sys.stderr)
            return 1
        council_id = user.council_id
        now = settings.clock()
        removed = scopes.end_membership(s, now, user)
        audit.append(
            s,
            now,
            action="admin:end_membership",
            outcome="ok",
            entity="user",
            entity_id=user.id,
            detail={"council_id": council_id, "scopes_removed": len(removed)},
        )
    print(f"{args.username} left {council_id or 'no council'}; {len(removed)} scopes removed")
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    db = _db(args)
    with db.read_txn() as s:
        query = select(Device, User).join(User, User.id == Device.user_id).order_by(Device.created_at)
        if args.user:
            query = query.where(User.username == args.user)
        for device, user in s.execute(query).all():
            status = "revoked" if device.revoked_at else "active"
            print(
                f"{device.id}\t{user.username}\t{status}\t{device.name}\t{device.created_at}\t"
                f"last_seen={device.last_seen_at or '-'}\tacked={device.last_acked_device_seq}"
            )
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        device = s.get(Device, args.device_id)
        if device is None:
            print(f"no device {args.device_id!r}", file=sys.stderr)
            return 1
        now = settings.clock()
        if device.revoked_at is None:
            device.revoked_at = now_iso(now)
        auth.revoke_device_tokens(s, device.id, now)
        audit.append(s, now, action="admin:revoke_device", outcome="ok", entity="device", entity_id=device.id)
    print(f"revoked {args.device_id}")
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    """Give the restored database a new ``server_id``, so every device sees that it went back in time."""
    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        old, new = db.new_epoch(s)
        audit.append(
            s, settings.clock(), action="admin:new_epoch", outcome="ok", detail={"old_server_id": old, "server_id": new}
        )
    print(f"server_id {old or '-'} -> {new}; devices will re-send what this database lacks")
    db.dispose()
    return 0


def cmd_audit_key(args: argparse.Namespace) -> int:
    private = Path(args.out)
    public = Path(args.public_out) if args.public_out else private.with_name(private.name + ".pub")
    try:
        kid = new_key_files(private, public)
    except FileExistsError as exc:
        print(f"refusing to overwrite {exc.filename}", file=sys.stderr)
        return 1
    print(f"audit signing key {kid}: private key {private} (keep it off the database host), public key {public}")
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    from sync.protocol.audit_head import load_public_key

    if args.witness and not args.public_key:
        print("--witness needs --public-key", file=sys.stderr)
        return 2
    try:
        key = load_public_key(Path(args.public_key).read_bytes()) if args.public_key else None
        witness = read_witness(Path(args.witness)) if args.witness else []
    except (OSError, ValueError) as exc:
        print(f"cannot read: {exc}", file=sys.stderr)
        return 2
    db = Database(args.db)
    with db.read_txn() as s:
        result = audit.verify(s, witness=witness, public_key=key)
    if result.ok:
        checked = f"; {len(witness)} witnessed heads agree" if witness else ""
        signed = "; newest head validly signed" if key is not None and result.count else ""
        print(f"audit chain intact: {result.count} entries{signed}{checked}")
        return 0
    print(f"AUDIT CHAIN BROKEN at entry {result.first_bad_index}: {result.reason}", file=sys.stderr)
    return 1


def cmd_quality_report(args: argparse.Namespace) -> int:
    """The council's quality figures (the same as ``GET /v1/reports/quality``), as JSON or CSV."""
    import csv
    import datetime as dt

    from sync.protocol.quality import Period
    from sync.service import quality

    try:
        period = Period(dt.date.fromisoformat(args.period_from), dt.date.fromisoformat(args.period_to))
        if args.today:
            dt.date.fromisoformat(args.today)
    except ValueError:
        print("--from, --to and --today must be dates (YYYY-MM-DD)", file=sys.stderr)
        return 2
    if period.end < period.start or (period.end - period.start).days > quality.MAX_PERIOD_DAYS:
        print(f"the period must run forwards and last at most {quality.MAX_PERIOD_DAYS} days", file=sys.stderr)
        return 2
    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        if s.get(Council, args.council) is None:
            print(f"no council {args.council!r}", file=sys.stderr)
            return 1
        now = settings.clock()
        suppressed = args.board or quality.council_suppresses(s, args.council)
        today = dt.date.fromisoformat(args.today) if args.today else quality.wales_today(now)
        report = quality.council_report(s, period, args.council, today=today, suppressed=suppressed)
        audit.append(
            s,
            now,
            action="admin:quality_report",
            outcome="ok",
            detail={"council_id": args.council, "from": args.period_from, "to": args.period_to},
        )
    answer = quality.response(report, args.council)
    if args.format == "json":
        print(answer.model_dump_json(indent=2))
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["code", "breakdown", "count", "denominator"])
        for row in answer.rows:
            count = "fewer than 5" if row.fewer_than_five else row.count
            denominator = "" if row.denominator is None else row.denominator
            writer.writerow([row.code, row.breakdown or "", count, denominator])
    db.dispose()
    return 0


def cmd_quality_suppression(args: argparse.Namespace) -> int:
    """Whether a council's quality reports hide counts of 1 to 4 (small-number suppression)."""
    from sync.service import quality

    db = _db(args)
    settings = Settings(database_url=args.db)
    with db.write_txn() as s:
        if s.get(Council, args.council) is None:
            print(f"no council {args.council!r}", file=sys.stderr)
            return 1
        quality.set_council_suppression(s, args.council, args.state == "on")
        audit.append(
            s,
            settings.clock(),
            action="admin:quality_suppression",
            outcome="ok",
            detail={"council_id": args.council, "state": args.state},
        )
    print(f"quality reports of {args.council}: small numbers {'hidden' if args.state == 'on' else 'shown'}")
    db.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cofnod-register", description="Cofnod central register service")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the /v1 API")
    serve.add_argument("--db", default=DEFAULT_DB, help="SQLAlchemy URL (sqlite:///file or postgresql+psycopg://...)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument("--insecure-dev", action="store_true", help="allow plain HTTP on a loopback address")
    serve.add_argument("--log-level", default="info")
    _signing_options(serve)
    serve.add_argument("--quota-device-mb", type=int, default=100, help="MiB a device may store per UTC day")
    serve.add_argument("--quota-user-mb", type=int, default=250, help="MiB a user may store per UTC day")
    serve.set_defaults(func=cmd_serve)

    admin = sub.add_parser("admin", help="administer the database")
    admin.add_argument("--db", default=DEFAULT_DB)
    _signing_options(admin)
    asub = admin.add_subparsers(dest="admin_command", required=True)
    asub.add_parser("init-db", help="create or upgrade the database").set_defaults(func=cmd_init_db)
    p = asub.add_parser("add-council", help="add a council (local authority)")
    p.add_argument("name")
    p.add_argument("--id")
    p.set_defaults(func=cmd_add_council)
    p = asub.add_parser("add-user", help="add a user with roles and council membership")
    p.add_argument("username")
    p.add_argument("--council")
    p.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    p.add_argument("--agency")
    p.add_argument("--display-name")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_add_user)
    p = asub.add_parser("reset-password", help="set a new password")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_reset_password)
    p = asub.add_parser("end-membership", help="remove a user from their council (their scopes are removed)")
    p.add_argument("username")
    p.set_defaults(func=cmd_end_membership)
    p = asub.add_parser("list-devices", help="list enrolled devices")
    p.add_argument("--user")
    p.set_defaults(func=cmd_list_devices)
    p = asub.add_parser("revoke-device", help="revoke a device and all its tokens")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke_device)
    p = asub.add_parser("verify-audit", help="check the audit hash chain (against signed heads and a witness)")
    p.add_argument("--witness", help="witness file written by serve --audit-witness")
    p.add_argument("--public-key", help="the audit signing key's public half (PEM)")
    p.set_defaults(func=cmd_verify_audit)
    p = asub.add_parser("audit-key", help="make a new audit signing key pair (Ed25519)")
    p.add_argument("--out", required=True, help="private key file to create (mode 0600)")
    p.add_argument("--public-out", help="public key file (default: OUT.pub)")
    p.set_defaults(func=cmd_audit_key)
    p = asub.add_parser("quality-report", help="a council's quality figures (counts only) as JSON or CSV")
    p.add_argument("--council", required=True)
    p.add_argument("--from", dest="period_from", required=True, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", required=True, help="last day, YYYY-MM-DD")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--board", action="store_true", help="hide counts of 1 to 4 (for a board or a region)")
    p.add_argument("--today", help="the day the figures are taken on, YYYY-MM-DD (default: today in Wales)")
    p.set_defaults(func=cmd_quality_report)
    p = asub.add_parser("quality-suppression", help="hide counts of 1 to 4 in every quality report of a council")
    p.add_argument("--council", required=True)
    p.add_argument("state", choices=["on", "off"])
    p.set_defaults(func=cmd_quality_suppression)
    asub.add_parser(
        "new-epoch", help="give the database a new server_id; run after restoring it from a backup"
    ).set_defaults(func=cmd_new_epoch)
    return parser


def _signing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--audit-key", help="Ed25519 private key (PEM file, or - for stdin) that signs audit heads")
    parser.add_argument("--audit-witness", help="append every signed audit head to this file")


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
