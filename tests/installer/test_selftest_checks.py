"""The self-test checks added for installed bundles: the native keyring back end bundled, both
Welsh catalogues loading (a failure in a frozen build), and the machine-wide file's validity."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import selftest
from desktop.config import MACHINE_CONFIG_ENV


def test_the_native_keyring_back_end_is_importable_here() -> None:
    result = selftest.check_keyring_backends()
    assert result.status == selftest.OK, result
    assert "keyring.backends.SecretService" in result.details["native_modules"]


def test_both_catalogues_load_from_the_source_tree() -> None:
    result = selftest.check_catalogues()
    assert result.status == selftest.OK, result
    assert result.details["loaded"] == ["cofnod_cy.qm", "documents_cy.qm"]


def test_a_frozen_build_without_a_catalogue_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    source = Path(__file__).resolve().parents[2] / "resources" / "translations" / "cofnod_cy.qm"
    (folder / "cofnod_cy.qm").write_bytes(source.read_bytes())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    result = selftest.check_catalogues()
    assert (result.status, result.error) == (selftest.FAIL, "catalogue_missing")
    assert result.details["missing"] == ["documents_cy.qm"]


def test_an_invalid_machine_file_fails_the_self_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cofnod.toml"
    path.write_text("idle_lock_minutes = 0\n", encoding="utf-8")
    monkeypatch.setenv(MACHINE_CONFIG_ENV, str(path))
    result = selftest.check_machine_config()
    assert (result.status, result.error) == (selftest.FAIL, "config_invalid")
    assert "idle_lock_minutes" in result.details["message"]
    path.write_text("idle_lock_minutes = 3\n", encoding="utf-8")
    result = selftest.check_machine_config()
    assert result.status == selftest.OK and result.details["fixed"] == ["idle_lock_minutes"]
