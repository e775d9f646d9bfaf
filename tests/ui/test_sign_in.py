"""The sign-in dialog against the real register service over HTTPS: provisioning locks the address,
a wrong password and an untrusted certificate are worded, and a right one enrols the device."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.config import MachineConfig, effective_settings
from desktop.profile import get_identity
from desktop.ui.sign_in import SignInDialog
from desktop.ui.tasks import TaskRunner
from sync.client.http import ClientConfig, RegisterClient
from tests.service.harness import PASSWORD
from tests.sync_engine.conftest import FAST, Env, env  # noqa: F401 - the real service fixture
from tests.sync_engine.test_engine import _people


def _dialog(qtbot: Any, env: Env, machine: MachineConfig) -> tuple[SignInDialog, list[RegisterClient]]:  # noqa: F811
    lap = env.laptop("p1", direct=True)
    clients: list[RegisterClient] = []

    def attempt(url: str, ca: str | None, user: str, password: str) -> object:
        client = RegisterClient(ClientConfig(base_url=url, ca_file=ca, **FAST), lap.tokens)
        clients.append(client)
        return lap.sync.sign_in(client, user, password, "laptop")

    dialog = SignInDialog(effective_settings(machine), attempt, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.store = lap.store  # type: ignore[attr-defined]
    return dialog, clients


def _try(qtbot: Any, dialog: SignInDialog, user: str, password: str) -> None:
    dialog.username.setText(user)
    dialog.password.setText(password)
    dialog.submit()
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_provisioned_address_is_read_only_and_a_wrong_then_right_password_signs_in(
    qtbot: Any,
    env: Env,  # noqa: F811
    tmp_path: Path,
) -> None:
    _people(env)
    machine = MachineConfig(tmp_path / "cofnod.toml", True, {"service_url": env.url, "ca_bundle": Path(env.ca)},
                            frozenset({"service_url", "ca_bundle"}))  # fmt: skip
    dialog, clients = _dialog(qtbot, env, machine)
    assert dialog.address.text() == env.url and dialog.address.isReadOnly() and dialog.ca_file.isReadOnly()
    assert dialog.provisioned.text() == "Your administrator has set the register for this computer."
    _try(qtbot, dialog, "eluned", "not the password")
    assert dialog.error.text() == "The user name or password is not right. Try again."
    assert dialog.result() == 0 and dialog.username.text() == "eluned" and dialog.password.text() == ""
    _try(qtbot, dialog, "eluned", PASSWORD)
    assert dialog.result() == SignInDialog.DialogCode.Accepted and dialog.error.text() == ""
    ident = get_identity(dialog.store)  # type: ignore[attr-defined]
    assert ident is not None and "chair" in ident.roles
    for c in clients:
        c.close()


def test_an_untrusted_certificate_and_an_unreachable_register_are_worded(
    qtbot: Any,
    env: Env,  # noqa: F811
    tmp_path: Path,
) -> None:
    _people(env)
    dialog, clients = _dialog(qtbot, env, MachineConfig(tmp_path / "none.toml", False, {}, frozenset()))
    assert not dialog.address.isReadOnly() and not dialog.provisioned.isVisibleTo(dialog)
    dialog.address.setText(env.url)  # no CA file: the system store does not trust the test CA
    _try(qtbot, dialog, "eluned", PASSWORD)
    assert dialog.error.text().startswith("The register's certificate is not trusted")
    dialog.address.setText("https://127.0.0.1:9")
    dialog.ca_file.setText(env.ca)
    _try(qtbot, dialog, "eluned", PASSWORD)
    assert dialog.error.text().startswith("The register could not be reached")
    dialog.address.setText("http://example.org")
    dialog.submit()
    assert not dialog.busy and dialog.error.text() == "Enter the register's address, starting https://."
    assert dialog.result() == 0
    for c in clients:
        c.close()
