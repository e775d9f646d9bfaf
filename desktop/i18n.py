"""Installs the Welsh or English interface translations, and the pseudo-locale used for layout checks.

Every window implements ``retranslate_ui()`` and connects it to :attr:`LanguageManager.language_changed`,
so the language can change while the app runs without losing any typed text (Frescobaldi's pattern).

``COFNOD_PSEUDO_LOCALE=200`` makes every string twice as long (``-200`` also flips the layout right to
left), after Vorta's ``TRANS_SCALE``: it shows at once which layouts clip longer Welsh text.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from desktop.catalog import placeholders
from desktop.resources import translations_dir

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("cy", "en")


class PseudoTranslator(QTranslator):
    """Lengthens every string by ``scale`` percent, keeping placeholders and mnemonics intact."""

    def __init__(self, scale: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scale = abs(scale)

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not source:
            return source
        extra = max(0, len(source) * (self._scale - 100) // 100)
        # Words of filler, not one long run: longer text has more words, and labels may wrap between them.
        filler = (" ~~~~" * (extra // 5 + 1))[:extra]
        return f"[{source}{filler}]"

    def isEmpty(self) -> bool:  # noqa: D102 - Qt override
        return False


class CheckedTranslator(QTranslator):
    """Drops any translation whose placeholders differ from the source (the source is shown instead)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) means "not here": Qt asks the next translator, then shows the source.
        # An empty string would be taken as the translation: with two catalogues installed (cofnod
        # and documents), every string the later one lacks came out blank.
        text = super().translate(context, source, disambiguation, n) or ""
        if text and placeholders(text) != placeholders(source):
            logger.warning("translation placeholders differ in context %s; using the source", context)
            return None
        return text or None


class LanguageManager(QObject):
    """Owns the installed translators and announces language changes."""

    # ---- Signals
    language_changed = Signal(str)
    """The interface language changed to the given code; windows call their retranslate_ui()."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def set_language(self, language: str) -> None:
        """Install the translators for ``language`` ("cy" or "en") and emit ``language_changed``."""
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed.clear()
        pseudo = os.environ.get("COFNOD_PSEUDO_LOCALE", "").strip()
        if pseudo:
            tr = PseudoTranslator(int(pseudo), self)
            self._install(tr)
            if int(pseudo) < 0 and isinstance(self._app, QApplication):
                self._app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        else:
            if language != "en":
                # Qt's own strings (standard buttons) first, then Cofnod's.
                qt_tr = QTranslator(self)
                if qt_tr.load(
                    QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
                ):
                    self._install(qt_tr)
                for qm in sorted(translations_dir().glob(f"*_{language}.qm")):
                    tr = CheckedTranslator(self)
                    if tr.load(str(qm)):
                        self._install(tr)
                    else:
                        logger.error("could not load translation %s", qm.name)
        self.language = language
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Welsh if language == "cy" else QLocale.Language.English, QLocale.Country.UnitedKingdom
            )
        )
        self.language_changed.emit(language)

    def _install(self, tr: QTranslator) -> None:
        self._app.installTranslator(tr)
        self._installed.append(tr)
