"""The machine-wide configuration: parsing and validation, locked keys, where each value came from,
the idle lock honouring an administrator's fixed value, and ``cofnod --check-config``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.__main__ import main as cofnod_main
from desktop.config import (
    MACHINE_CONFIG_ENV,
    MachineConfigError,
    Source,
    effective_settings,
    load_machine_config,
    machine_config_or_none,
    machine_config_path,
    parse_machine_config,
    system_config_dir,
)
from desktop.profile import OpenProfile, open_profile
from desktop.secrets import KeyringSecretStore
from desktop.services.base import CurrentUser, ServiceContext
from desktop.services.errors import ServiceError
from desktop.services.settings import SettingsService
from sync.protocol.enums import Role

WHERE = Path("/etc/xdg/Cofnod/cofnod.toml")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cofnod.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_file_sets_every_value_and_fixes_what_it_sets(tmp_path: Path) -> None:
    ca = tmp_path / "council-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    text = f"""
service_url = "https://register.example.org/"
ca_bundle = "{ca}"
council = " CDF "
idle_lock_minutes = 3

[user_may_change]
council = true
"""
    machine = parse_machine_config(text, WHERE)
    assert machine.values == {
        "service_url": "https://register.example.org",
        "ca_bundle": ca,
        "council": "CDF",
        "idle_lock_minutes": 3,
    }
    assert machine.locked == {"service_url", "ca_bundle", "idle_lock_minutes"}


def test_user_may_change_false_fixes_a_default(tmp_path: Path) -> None:
    machine = parse_machine_config("[user_may_change]\nidle_lock_minutes = false\n", WHERE)
    merged = effective_settings(machine, {"idle_lock_minutes": 12})
    assert merged.idle_lock_minutes.value == 5
    assert merged.idle_lock_minutes.source is Source.DEFAULT
    assert not merged.idle_lock_minutes.user_may_change


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("service_url = ", "not valid TOML"),
        ("idle_lock_minutes = 30", "from 1 to 15, not 30"),
        ("idle_lock_minutes = true", "whole number"),
        ('idle_lock_minutes = "5"', "whole number"),
        ('service_url = "http://register.example.org"', "https:// address"),
        ('service_url = "https://user:pw@register.example.org"', "user name, password"),
        ("service_url = 5", "must be a string"),
        ('ca_bundle = "council-ca.pem"', "absolute path"),
        ('ca_bundle = "/nonexistent/council-ca.pem"', "does not exist"),
        ('council = ""', "council code"),
        ('idle_lock = "5"', "unknown key 'idle_lock'"),
        ("[user_may_change]\nservice = false", "unknown key 'service' in [user_may_change]"),
        ('[user_may_change]\ncouncil = "no"', "user_may_change.council must be true or false"),
        ("user_may_change = 1", "must be a table"),
    ],
)
def test_an_invalid_file_is_refused_with_a_message_naming_the_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(MachineConfigError) as caught:
        load_machine_config(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_file_means_defaults_and_nothing_fixed(tmp_path: Path) -> None:
    machine = load_machine_config(tmp_path / "absent.toml")
    assert not machine.found
    merged = effective_settings(machine)
    assert [(s.key, s.value, s.source, s.user_may_change) for s in merged.all()] == [
        ("service_url", None, Source.DEFAULT, True),
        ("ca_bundle", None, Source.DEFAULT, True),
        ("council", None, Source.DEFAULT, True),
        ("idle_lock_minutes", 5, Source.DEFAULT, True),
    ]


def test_the_running_app_ignores_an_invalid_file_and_logs_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _write(tmp_path, "idle_lock_minutes = 99\n")
    machine = machine_config_or_none(path)
    assert machine.values == {} and machine.locked == frozenset()
    assert "from 1 to 15" in caplog.text


def test_a_user_value_wins_only_where_the_user_may_change_it() -> None:
    machine = parse_machine_config('council = "CDF"\nidle_lock_minutes = 3\n[user_may_change]\ncouncil = true\n', WHERE)
    merged = effective_settings(machine, {"council": "SWA", "idle_lock_minutes": 15})
    assert (merged.council.value, merged.council.source) == ("SWA", Source.USER)
    assert (merged.idle_lock_minutes.value, merged.idle_lock_minutes.source) == (3, Source.MACHINE)
    assert (merged.service_url.value, merged.service_url.source) == (None, Source.DEFAULT)


def test_the_env_override_is_for_source_runs_only(tmp_path: Path) -> None:
    env = {MACHINE_CONFIG_ENV: str(tmp_path / "mine.toml")}
    assert machine_config_path(env, frozen=False) == tmp_path / "mine.toml"
    # An installed (frozen) app reads only the administrator's file.
    assert machine_config_path(env, frozen=True) == system_config_dir(frozen=True) / "cofnod.toml"
    assert system_config_dir(platform="linux", frozen=True) == Path("/etc/xdg/Cofnod")


@pytest.fixture
def settings_store(tmp_path: Path) -> Iterator[OpenProfile]:
    store = open_profile(tmp_path / "profile", secrets=KeyringSecretStore(), env={})
    yield store
    store.close()


def _service(store: OpenProfile, machine_text: str) -> SettingsService:
    ctx = ServiceContext(store.sessions, user=lambda: CurrentUser(None, "", Role.CHAIR))
    return SettingsService(ctx, parse_machine_config(machine_text, WHERE))


def test_the_idle_lock_takes_the_administrators_fixed_value_over_the_profiles(settings_store: OpenProfile) -> None:
    _service(settings_store, "").set_idle_lock_minutes(12)
    fixed = _service(settings_store, "idle_lock_minutes = 2\n")
    assert fixed.idle_lock_minutes() == 2
    assert fixed.idle_lock_setting().source is Source.MACHINE
    with pytest.raises(ServiceError) as caught:
        fixed.set_idle_lock_minutes(10)
    assert caught.value.code == "setting_fixed_by_administrator"
    # The refused change left the profile's own choice untouched.
    assert _service(settings_store, "").idle_lock_minutes() == 12


def test_a_changeable_preset_is_the_default_until_the_user_chooses(settings_store: OpenProfile) -> None:
    service = _service(settings_store, "idle_lock_minutes = 4\n[user_may_change]\nidle_lock_minutes = true\n")
    assert (service.idle_lock_minutes(), service.idle_lock_setting().source) == (4, Source.MACHINE)
    service.set_idle_lock_minutes(9)
    assert (service.idle_lock_minutes(), service.idle_lock_setting().source) == (9, Source.USER)


def test_check_config_prints_each_value_and_its_source(
    settings_store: OpenProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _service(settings_store, "").set_idle_lock_minutes(11)
    settings_store.close()
    path = _write(tmp_path, 'service_url = "https://register.example.org"\ncouncil = "CDF"\n')
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(path))
    assert cofnod_main(["--check-config", "--profile", str(tmp_path / "profile")]) == 0
    out = capsys.readouterr().out
    assert f"Machine-wide file: {path} (found)" in out
    assert "(user settings read)" in out
    rows = {line.split()[0]: line for line in out.splitlines()[3:]}
    assert "https://register.example.org" in rows["service_url"] and "from machine file" in rows["service_url"]
    assert "fixed by administrator" in rows["service_url"]
    assert "(not set)" in rows["ca_bundle"] and "from default" in rows["ca_bundle"]
    assert " 11 " in rows["idle_lock_minutes"] and "from user setting" in rows["idle_lock_minutes"]
    assert "user may change" in rows["idle_lock_minutes"]


def test_check_config_without_a_profile_shows_what_a_new_one_would_get(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(_write(tmp_path, "idle_lock_minutes = 7\n")))
    assert cofnod_main(["--check-config", "--profile", str(tmp_path / "nobody")]) == 0
    out = capsys.readouterr().out
    assert "(no profile there yet)" in out
    assert any(line.startswith("idle_lock_minutes") and " 7 " in line and "fixed by administrator" in line
               for line in out.splitlines())  # fmt: skip


def test_check_config_fails_clearly_on_an_invalid_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, 'service_url = "http://register.example.org"\n')
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(path))
    assert cofnod_main(["--check-config", "--profile", str(tmp_path / "nobody")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"not valid: {path}: service_url must be an https:// address" in captured.err


def test_preset_refuses_a_bad_value_and_keeps_the_old_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cofnod.toml"
    assert cofnod_main(["preset", "--idle-lock-minutes", "4", "--user-may-change", "idle_lock_minutes",
                        "--out", str(out)]) == 0  # fmt: skip
    before = out.read_text(encoding="utf-8")
    machine = load_machine_config(out)
    assert machine.values == {"idle_lock_minutes": 4} and machine.locked == frozenset()
    assert cofnod_main(["preset", "--service-url", "http://plain.example.org", "--out", str(out)]) == 2
    assert "https:// address" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == before
    assert cofnod_main(["preset", "--council", "it's", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == before
