"""Every error the store and the key store can raise has a sentence, and what to do next, in English and
Welsh (issue 14, section 5).

The codes are found, not listed: every subclass of ``StoreError`` in the ``desktop.store`` modules and
the profile layer, and every ``SecretStoreError`` state. A new error class without a sentence fails
here instead of showing "Something went wrong (code)".
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from PySide6.QtWidgets import QApplication

import desktop.store
from desktop.i18n import LanguageManager
from desktop.secrets import SecretState, SecretStoreError
from desktop.store.errors import StoreError
from desktop.ui.labels import all_problem_codes, problem_text
from desktop.ui.messages import error_text

#: Modules outside desktop.store that raise store errors (and could define their own).
_PROFILE_LAYER = ("desktop.profile", "desktop.config", "desktop.secrets", "desktop.private_files")


def _error_classes() -> list[type[StoreError]]:
    for module in pkgutil.walk_packages(desktop.store.__path__, "desktop.store."):
        importlib.import_module(module.name)
    for name in _PROFILE_LAYER:
        importlib.import_module(name)
    found: list[type[StoreError]] = []
    todo: list[type[StoreError]] = [StoreError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _codes() -> list[str]:
    store = {cls.code for cls in _error_classes()}
    secrets = {SecretStoreError(state).code for state in SecretState if state is not SecretState.OK}
    return sorted(store | secrets)


def test_the_walk_finds_every_code() -> None:
    codes = _codes()
    # The 21 store codes of issue 14 and the three key-store states, at least.
    assert len(codes) >= 24
    for code in ("keyring_locked", "keyring_unavailable", "keyring_insecure", "passphrase_wrong",
                 "database_key_missing", "database_wrong_key", "database_corrupt", "profile_damaged",
                 "secret_store_locked"):  # fmt: skip
        assert code in codes


@pytest.mark.parametrize("code", _codes())
def test_each_code_has_a_sentence_and_what_to_do_next(code: str) -> None:
    assert code in all_problem_codes()
    text = problem_text(code)
    assert code not in text and "Something went wrong" not in text
    # What happened, then what to do: at least two clauses.
    assert len([part for part in re.split(r"(?<=[.;:])\s+", text) if part]) >= 2, text


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda c: c.__name__)
def test_each_error_class_reaches_the_user_as_its_sentence(cls: type[StoreError]) -> None:
    assert error_text(cls()) == problem_text(cls.code)


def test_each_sentence_is_in_welsh(qapp: QApplication, lang: LanguageManager) -> None:
    english = {code: problem_text(code) for code in _codes()}
    lang.set_language("cy")
    for code, text in english.items():
        welsh = problem_text(code)
        assert welsh and welsh != text, code
        assert len([part for part in re.split(r"(?<=[.;:])\s+", welsh) if part]) >= 2, (code, welsh)
