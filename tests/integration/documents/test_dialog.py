"""The documents dialog, offscreen: produce a summary, preview it with QtPdf, save it, print it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QAccessible, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.documents import DocumentService
from desktop.store.testing import OpenStore, open_test_store
from desktop.ui.documents import DocumentsDialog
from desktop.ui.tasks import TaskRunner
from tests.integration.documents.builder import Built, build_conference, make_service
from tests.unit.documents import pdftools


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[OpenStore, Built, DocumentService]]:
    store = open_test_store(tmp_path)
    built = build_conference(store.sessions, minutes_paragraphs=2)
    yield store, built, make_service(store.sessions)
    store.engine.dispose()


def _dialog(qtbot: QtBot, built: Built, service: DocumentService) -> DocumentsDialog:
    runner = TaskRunner(immediate=True)
    dialog = DocumentsDialog(built.conference_id, service, runner)
    qtbot.addWidget(dialog)
    runner.setParent(dialog)
    return dialog


def test_produce_preview_and_save_a_summary(
    qtbot: QtBot, setup: tuple[OpenStore, Built, DocumentService], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store, built, service = setup
    dialog = _dialog(qtbot, built, service)
    dialog.show()
    assert not dialog._save_button.isEnabled() and not dialog._print_button.isEnabled()
    # The recipient list was loaded through the task runner: a full copy first, then the list.
    assert dialog._recipient_combo.count() == 9
    assert any("(partial copy)" in dialog._recipient_combo.itemText(i) for i in range(9))

    dialog.select(kind="summary", recipient=built.police_distribution_id)
    with qtbot.waitSignal(dialog.document_produced, timeout=10000):
        qtbot.mouseClick(dialog._produce_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pdf_document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert dialog.pdf_document.pageCount() >= 1
    assert dialog.pdf_view.document() is dialog.pdf_document
    assert dialog.document is not None and dialog.document.language == "en"
    assert "Produced:" in dialog._status_label.text()
    assert dialog._save_button.isEnabled() and dialog._print_button.isEnabled()
    assert not dialog._progress.isVisible()

    target = tmp_path / "saved-summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    with qtbot.waitSignal(dialog.document_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog._save_button, Qt.MouseButton.LeftButton)
    path = Path(saved.args[0])
    assert path == target.with_suffix(".pdf")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == dialog.document.sha256
    assert "Summary of decisions and outline plan" in pdftools.text(path)


def test_print_renders_every_page_to_the_printer(
    qtbot: QtBot, setup: tuple[OpenStore, Built, DocumentService], tmp_path: Path
) -> None:
    _store, built, service = setup
    dialog = _dialog(qtbot, built, service)
    dialog.select(kind="letter", recipient=built.mother_attendance_id)
    dialog._on_produce_clicked()
    qtbot.waitUntil(lambda: dialog.pdf_document.status() == QPdfDocument.Status.Ready, timeout=5000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QSizeF(210, 297), QPageSize.Unit.Millimeter))
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = dialog.print_to(printer)
    assert pages == dialog.pdf_document.pageCount() >= 4  # one letter per child at least
    assert out.exists() and out.stat().st_size > 10000


def test_errors_are_shown_as_words_not_codes(qtbot: QtBot, setup: tuple[OpenStore, Built, DocumentService]) -> None:
    _store, _built, service = setup
    runner = TaskRunner(immediate=True)
    dialog = DocumentsDialog("CAR-1999-0001", service, runner)
    qtbot.addWidget(dialog)
    assert dialog._status_label.text() == "This conference could not be found."
    dialog._on_produce_clicked()
    assert dialog.document is None and dialog._status_label.text() == "This conference could not be found."
    assert dialog._produce_button.isEnabled()


def test_every_control_has_an_accessible_name(qtbot: QtBot, setup: tuple[OpenStore, Built, DocumentService]) -> None:
    _store, built, service = setup
    dialog = _dialog(qtbot, built, service)
    controls: list[Any] = [
        dialog._kind_combo,
        dialog._recipient_combo,
        dialog._language_combo,
        dialog._produce_button,
        dialog._print_button,
        dialog._save_button,
        dialog._close_button,
        dialog._view,
    ]
    for widget in controls:
        assert isinstance(widget, QWidget)
        assert widget.accessibleName(), widget
        assert QAccessible.queryAccessibleInterface(widget) is not None
    assert dialog._kind_label.buddy() is dialog._kind_combo
