"""A Qt-free reader of the app's translation catalogue, for code that runs without Qt (documents).

The catalogue is the set of Qt Linguist ``.ts`` files under ``resources/translations``; the Qt UI
loads the ``.qm`` files compiled from the very same sources, so a document and the screen always use
the same words. English is the source language: an English lookup returns the source text.

Placeholders follow Qt (``%1``, ``%2``); a translation whose placeholders differ from its source is
ignored and the source used instead, so a bad translation can never break a document (Electrum's rule).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from desktop.resources import translations_dir

_PLACEHOLDER = re.compile(r"%(\d+|n)")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``source`` for translation in ``context`` and return it unchanged.

    Qt-free and typed (PySide6's own returns ``object``), so documents and the UI mark text the same
    way; lupdate finds the calls by name wherever the function comes from.
    """
    return source


def placeholders(text: str) -> list[str]:
    """The sorted placeholders (``%1``, ``%n``...) used in ``text``."""
    return sorted(_PLACEHOLDER.findall(text))


class Catalog:
    """Translations for one language: ``(context, source) -> translation``."""

    def __init__(self, language: str, entries: dict[tuple[str, str], str]) -> None:
        self.language = language
        self._entries = entries

    def tr(self, context: str, source: str, *args: object) -> str:
        """Translate ``source`` in ``context`` and fill ``%1``, ``%2``... with ``args``."""
        text = self._entries.get((context, source), source)
        for i, arg in enumerate(args, start=1):
            text = text.replace(f"%{i}", str(arg))
        return text

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._entries


def parse_ts(path: Path) -> dict[tuple[str, str], str]:
    """Finished translations in one ``.ts`` file whose placeholders match their source."""
    entries: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name", default="")
        for msg in ctx.iter("message"):
            source = msg.findtext("source", default="")
            tr_el = msg.find("translation")
            if tr_el is None or tr_el.get("type") in {"unfinished", "obsolete", "vanished"}:
                continue
            numerus = tr_el.findall("numerusform")
            text = numerus[0].text or "" if numerus else tr_el.text or ""
            if text and placeholders(text) == placeholders(source):
                entries[(name, source)] = text
    return entries


@lru_cache(maxsize=8)
def load_catalog(language: str, folder: Path | None = None) -> Catalog:
    """The catalogue for ``language`` ("cy" or "en"), merged from every ``*_<language>.ts`` file."""
    folder = folder or translations_dir()
    entries: dict[tuple[str, str], str] = {}
    if language != "en":
        for ts in sorted(folder.glob(f"*_{language}.ts")):
            entries.update(parse_ts(ts))
    return Catalog(language, entries)
