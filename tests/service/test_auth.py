"""Sign-in, token rotation and reuse, revocation, expiry, throttling and rate limits."""

from __future__ import annotations

from sync.protocol.enums import Role
from tests.service.harness import PASSWORD, Service, make_case


def test_enrol_gives_short_lived_tokens(svc: Service) -> None:
    from sync.service.db import parse_iso

    svc.add_user("ann", None, Role.CHAIR)
    now = svc.clock.now
    r = svc.client.post("/v1/devices", json={"username": "ann", "password": PASSWORD})
    body = r.json()
    assert r.status_code == 201 and body["device_id"].startswith("dev-")
    assert (parse_iso(body["access_expires_at"]) - now).total_seconds() <= 300 + 1
    assert (parse_iso(body["refresh_expires_at"]) - now).total_seconds() <= 12 * 3600 + 1


def test_wrong_password_and_unknown_user_look_the_same(svc: Service) -> None:
    svc.add_user("ann", None, Role.CHAIR)
    r1 = svc.client.post("/v1/devices", json={"username": "ann", "password": "nope"})
    r2 = svc.client.post("/v1/devices", json={"username": "nobody", "password": "nope"})
    assert r1.status_code == r2.status_code == 401
    assert r1.json() == r2.json() == {"error": "invalid_credentials", "detail": "user name or password is wrong"}


def test_repeated_failures_are_slowed_down(svc: Service) -> None:
    svc.add_user("ann", None, Role.CHAIR)
    svc.clock.frozen = True
    codes = [svc.client.post("/v1/devices", json={"username": "ann", "password": "bad"}).status_code for _ in range(5)]
    assert codes[:4] == [401, 401, 401, 401] and codes[4] == 429
    r = svc.client.post("/v1/devices", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"] == "too_many_attempts" and int(r.headers["Retry-After"]) >= 1
    svc.clock.advance(seconds=60)
    assert svc.client.post("/v1/devices", json={"username": "ann", "password": PASSWORD}).status_code == 201


def test_refresh_rotates_and_reuse_revokes_the_family(svc: Service) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    rt1 = dev.refresh_token
    r = svc.client.post("/v1/auth/token", json={"refresh_token": rt1})
    assert r.status_code == 200
    rt2, at2 = r.json()["refresh_token"], r.json()["access_token"]
    assert rt2 != rt1
    assert svc.client.get("/v1/sync/meta", headers={"Authorization": f"Bearer {at2}"}).status_code == 200
    svc.clock.advance(seconds=61)  # past the grace window for a lost answer (test_protocol_fixes)
    r = svc.client.post("/v1/auth/token", json={"refresh_token": rt1})
    assert r.status_code == 401 and r.json()["error"] == "refresh_reused"
    # The whole family is gone: the new refresh token and the access tokens too.
    assert svc.client.post("/v1/auth/token", json={"refresh_token": rt2}).status_code == 401
    assert svc.client.get("/v1/sync/meta", headers={"Authorization": f"Bearer {at2}"}).status_code == 401
    assert any(e["action"] == "refresh_reuse" for e in svc.audit_events())


def test_access_token_expires_after_five_minutes(svc: Service) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    assert dev.get("/v1/sync/meta").status_code == 200
    svc.clock.advance(minutes=5, seconds=1)
    r = dev.get("/v1/sync/meta")
    assert r.status_code == 401 and r.json()["error"] == "token_expired"
    r = svc.client.post("/v1/auth/token", json={"refresh_token": dev.refresh_token})
    assert r.status_code == 200


def test_refresh_token_expires_absolutely(svc: Service) -> None:
    dev = svc.user_device("ann", None, Role.CHAIR)
    rt = dev.refresh_token
    for _ in range(3):  # rotation does not extend the 12-hour family lifetime
        svc.clock.advance(hours=4)
        r = svc.client.post("/v1/auth/token", json={"refresh_token": rt})
        if r.status_code != 200:
            break
        rt = r.json()["refresh_token"]
    assert r.status_code == 401 and r.json()["error"] == "token_expired"


def test_revoked_device_gets_401_device_revoked(svc: Service) -> None:
    case = make_case(svc)
    admin = svc.user_device("admin", case.council_id, Role.ADMINISTRATOR)
    r = case.chair.svc.client.delete(f"/v1/devices/{case.minute_taker.device_id}", headers=case.chair.headers)
    assert r.status_code == 403 and r.json()["error"] == "forbidden"
    assert svc.audit_events()[-1]["outcome"] == "denied:forbidden"
    listed = admin.get("/v1/devices").json()["devices"]
    assert case.minute_taker.device_id in {d["device_id"] for d in listed}
    r = svc.client.delete(f"/v1/devices/{case.minute_taker.device_id}", headers=admin.headers)
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    r = case.minute_taker.get("/v1/sync/meta")
    assert r.status_code == 401 and r.json()["error"] == "device_revoked"
    r = svc.client.post("/v1/auth/token", json={"refresh_token": case.minute_taker.refresh_token})
    assert r.status_code == 401 and r.json()["error"] == "device_revoked"


def test_missing_or_bad_token(svc: Service) -> None:
    r = svc.client.get("/v1/sync/meta")
    assert r.status_code == 401 and r.json()["error"] == "unauthenticated"
    r = svc.client.get("/v1/sync/meta", headers={"Authorization": "Bearer cat_nope"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_token"


def test_device_rate_limit(db_url: str, clock: object) -> None:
    from sync.service.db import Database
    from tests.service.harness import Clock, Service, make_settings

    assert isinstance(clock, Clock)
    db = Database(db_url)
    if db_url.startswith("sqlite"):
        db.migrate()
    svc = Service(db, make_settings(db_url, clock, rate_limit=5), clock)
    clock.frozen = True
    dev = svc.user_device("ann", None, Role.CHAIR)
    codes = [dev.get("/v1/sync/meta").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    r = dev.get("/v1/sync/meta")
    assert r.json()["error"] == "rate_limited" and "Retry-After" in r.headers
    db.dispose()


def test_only_hashes_of_passwords_and_tokens_are_stored(svc: Service) -> None:
    from sqlalchemy import text

    dev = svc.user_device("ann", None, Role.CHAIR)
    r = svc.client.post("/v1/auth/token", json={"refresh_token": dev.refresh_token})
    secrets_given = [dev.access_token, dev.refresh_token, r.json()["access_token"], r.json()["refresh_token"], PASSWORD]
    with svc.db.read_txn() as s:
        assert str(s.scalar(text("SELECT password_hash FROM users WHERE username = 'ann'"))).startswith("$argon2id$")
        dump = "\n".join(
            str(row)
            for table in ("users", "devices", "access_tokens", "refresh_tokens", "audit_log", "changes")
            for row in s.execute(text(f"SELECT * FROM {table}"))
        )
    for secret in secrets_given:
        assert secret not in dump
