"""The Welsh catalogues: complete, placeholders and mnemonics kept, up to date with the code, compiled.

Any developer who adds a string without translating it makes ``test_cofnod_cy_is_up_to_date`` fail:
run ``python -m desktop.i18n_update`` and fill in the Welsh.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPlainTextEdit

from desktop.i18n import LanguageManager
from desktop.i18n_update import TS_NAME, update
from desktop.resources import translations_dir
from desktop.ui.qt_strings import QT_STRINGS

TS_FILES = sorted(translations_dir().glob("*_cy.ts"))
PLACEHOLDER = re.compile(r"%L?(?:\d+|n)")
MNEMONIC = re.compile(r"&([^&\s])")
WELSH_NUMERUS_FORMS = 5  # what lupdate writes for cy: 0, 1, 2, 8 or 11, other

#: Sources whose Welsh is rightly the same text (proper nouns, codes, a title built round the app's name).
SAME_IN_WELSH = {"CAFCASS Cymru", "%1 — Cofnod", "%1 (%2)", "%1"}


@dataclass(frozen=True)
class Message:
    ts: str
    context: str
    source: str
    kind: str | None  # the translation's type attribute (None when finished)
    forms: tuple[str, ...]  # the translation, or each numerus form

    def __str__(self) -> str:
        return f"{self.ts} [{self.context}] {self.source!r}"


def read(path: Path) -> list[Message]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name", default="")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None, (path.name, name, msg.findtext("source"))
            numerus = tr.findall("numerusform")
            forms = tuple(f.text or "" for f in numerus) if numerus else (tr.text or "",)
            out.append(Message(path.name, name, msg.findtext("source", default=""), tr.get("type"), forms))
    return out


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def mnemonics(text: str) -> list[str]:
    return MNEMONIC.findall(text.replace("&&", ""))


def test_the_catalogues_exist() -> None:
    names = {p.name for p in TS_FILES}
    assert {TS_NAME, "documents_cy.ts"} <= names
    assert len(read(translations_dir() / TS_NAME)) > 400


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_finished_with_placeholders_and_mnemonic_kept(path: Path) -> None:
    problems = []
    for m in read(path):
        if m.kind is not None:
            problems.append(f"{m}: translation type={m.kind}")
            continue
        for form in m.forms:
            if not form.strip():
                problems.append(f"{m}: empty translation")
            elif placeholders(form) != placeholders(m.source):
                problems.append(f"{m}: placeholders {placeholders(form)} != {placeholders(m.source)}")
            if mnemonics(m.source) and len(mnemonics(form)) != 1:
                problems.append(f"{m}: the source has a mnemonic, the translation {form!r} needs exactly one")
            if not mnemonics(m.source) and mnemonics(form):
                problems.append(f"{m}: the translation {form!r} adds a mnemonic")
        if len(m.forms) > 1 and len(m.forms) != WELSH_NUMERUS_FORMS:
            problems.append(f"{m}: {len(m.forms)} plural forms, Welsh needs {WELSH_NUMERUS_FORMS}")
        if m.forms == (m.source,) and m.source not in SAME_IN_WELSH and re.search(r"[A-Za-z]{3}", m.source):
            problems.append(f"{m}: the 'translation' is the English text")
    assert problems == []


def test_cofnod_cy_is_up_to_date(tmp_path: Path) -> None:
    """lupdate over the code finds no string that cofnod_cy.ts lacks or leaves untranslated."""
    committed = translations_dir() / TS_NAME
    copy = tmp_path / TS_NAME
    shutil.copy(committed, copy)
    update(copy)
    before = {(m.context, m.source) for m in read(committed)}
    fresh = read(copy)
    added = sorted(f"[{m.context}] {m.source!r}" for m in fresh if (m.context, m.source) not in before)
    unfinished = sorted(str(m) for m in fresh if m.kind is not None)
    assert added == [], "new strings: run `python -m desktop.i18n_update` and translate them"
    assert unfinished == []
    assert len(fresh) > 400


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_each_catalogue_compiles_and_answers_through_a_qtranslator(qapp: QApplication, compiled: Path,
                                                                   path: Path) -> None:  # fmt: skip
    qm = compiled / f"{path.stem}.qm"
    assert qm.stat().st_size > 0
    tr = QTranslator()
    assert tr.load(str(qm)) and not tr.isEmpty()
    wrong = []
    for m in read(path):
        if len(m.forms) == 1:
            if tr.translate(m.context, m.source) != m.forms[0]:
                wrong.append(str(m))
        else:
            for n in (0, 1, 2, 3, 8, 11, 20):
                if not tr.translate(m.context, m.source, None, n):
                    wrong.append(f"{m} n={n}")
    assert wrong == []


def test_qt_strings_are_qts_own_contexts_and_texts(qapp: QApplication) -> None:
    """Each of Qt's words collected for Welsh really is one Qt translates (checked against German)."""
    de = QTranslator()
    assert de.load(QLocale(QLocale.Language.German), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))  # fmt: skip
    unknown = [f"[{ctx}] {src!r}" for ctx, src in QT_STRINGS if not de.translate(ctx, src)]
    assert unknown == []


def test_qt_standard_buttons_and_context_menus_speak_welsh(qapp: QApplication, lang: LanguageManager) -> None:
    lang.set_language("cy")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Iawn"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Canslo"
    for editor in (QLineEdit(), QPlainTextEdit()):
        menu = editor.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert "&Copïo" in texts and "&Copy" not in texts and "Select All" not in texts, texts
        menu.deleteLater()
        editor.deleteLater()
    box.deleteLater()
