"""DocumentsDialog: choose a document, a recipient and a language; produce it off the GUI thread,
preview it with QtPdf, print it or save it.

Producing goes through the :class:`~desktop.ui.tasks.TaskRunner` (the document service reads the
store, renders with reportlab and logs the document issued); the dialog only ever holds the
resulting immutable :class:`~desktop.services.documents.ProducedDocument`. Saving writes the same
bytes (so the same SHA-256 as logged), also off the GUI thread.

Every string goes through ``self.tr`` in the ``DocumentsDialog`` context of
``resources/translations/documents_cy.ts``; every control has an accessible name.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.documents import DocumentService, ProducedDocument, RecipientOption
from desktop.ui.tasks import TaskRunner

logger = logging.getLogger(__name__)


class DocumentsDialog(QDialog):
    """Produce, preview, print and save one conference's documents.

    Args:
        conference_id: The conference's id (or reference).
        document_service: The profile's :class:`DocumentService`.
        task_runner: The app's TaskRunner; all service calls go through it.
        parent: The owning window.
    """

    # ---- Signals
    document_produced = Signal(object)
    """A document was produced and logged (payload: ProducedDocument)."""
    document_saved = Signal(str)
    """A produced document was saved (payload: the path)."""

    def __init__(
        self,
        conference_id: str,
        document_service: DocumentService,
        task_runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._conference_id = conference_id
        self._service = document_service
        self._tasks = task_runner
        self._document: ProducedDocument | None = None
        self._buffer: QBuffer | None = None
        self._busy = 0
        self._build_ui()
        self._connect_signals()
        self._retranslate()
        self._update_buttons()
        self._load_recipients()

    # ---- construction

    def _build_ui(self) -> None:
        self.setObjectName("documentsDialog")
        self.resize(900, 760)
        self._kind_combo = QComboBox(self)
        self._recipient_combo = QComboBox(self)
        self._language_combo = QComboBox(self)
        self._kind_label = QLabel(self)
        self._recipient_label = QLabel(self)
        self._language_label = QLabel(self)
        self._kind_label.setBuddy(self._kind_combo)
        self._recipient_label.setBuddy(self._recipient_combo)
        self._language_label.setBuddy(self._language_combo)
        form = QFormLayout()
        form.addRow(self._kind_label, self._kind_combo)
        form.addRow(self._recipient_label, self._recipient_combo)
        form.addRow(self._language_label, self._language_combo)

        self._produce_button = QPushButton(self)
        self._produce_button.setDefault(True)
        self._print_button = QPushButton(self)
        self._save_button = QPushButton(self)
        self._close_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self._produce_button)
        buttons.addWidget(self._print_button)
        buttons.addWidget(self._save_button)
        buttons.addStretch(1)
        buttons.addWidget(self._close_button)

        self._progress = QProgressBar(self)
        self._progress.setRange(0, 0)  # busy indicator: the work has no measurable steps
        self._progress.setVisible(False)
        self._status_label = QLabel(self)
        self._status_label.setWordWrap(True)
        self._status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self._pdf = QPdfDocument(self)
        self._view = QPdfView(self)
        self._view.setDocument(self._pdf)
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self._progress)
        layout.addWidget(self._status_label)
        layout.addWidget(self._view, 1)

        self._close_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        self._print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conference documents"))
        self._kind_label.setText(self.tr("&Document:"))
        self._recipient_label.setText(self.tr("&Recipient:"))
        self._language_label.setText(self.tr("&Language:"))
        self._fill_combo(
            self._kind_combo,
            [
                (self.tr("Conference record"), "record"),
                (self.tr("Summary of decisions and outline plan"), "summary"),
                (self.tr("Letter to the family"), "letter"),
                (self.tr("Register change notice"), "notice"),
            ],
        )
        self._fill_combo(
            self._language_combo,
            [
                (self.tr("The recipient's language"), None),
                (self.tr("Welsh (Cymraeg)"), "cy"),
                (self.tr("English (Saesneg)"), "en"),
            ],
        )
        self._produce_button.setText(self.tr("&Produce"))
        self._print_button.setText(self.tr("P&rint…"))
        self._save_button.setText(self.tr("&Save as…"))
        self._close_button.setText(self.tr("Close"))
        self._kind_combo.setAccessibleName(self.tr("Document"))
        self._recipient_combo.setAccessibleName(self.tr("Recipient"))
        self._language_combo.setAccessibleName(self.tr("Language"))
        self._produce_button.setAccessibleName(self.tr("Produce the document"))
        self._print_button.setAccessibleName(self.tr("Print the document"))
        self._save_button.setAccessibleName(self.tr("Save the document as a PDF file"))
        self._close_button.setAccessibleName(self.tr("Close"))
        self._progress.setAccessibleName(self.tr("Working"))
        self._status_label.setAccessibleName(self.tr("Status"))
        self._view.setAccessibleName(self.tr("Document preview"))
        self._view.setAccessibleDescription(self.tr("The produced document, page by page"))

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentIndex()
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(current, 0))

    def _connect_signals(self) -> None:
        self._produce_button.clicked.connect(self._on_produce_clicked)
        self._print_button.clicked.connect(self._on_print_clicked)
        self._save_button.clicked.connect(self._on_save_clicked)
        self._close_button.clicked.connect(self.reject)
        self._close_shortcut.activated.connect(self.reject)
        self._print_shortcut.activated.connect(self._on_print_clicked)
        self._save_shortcut.activated.connect(self._on_save_clicked)
        self._kind_combo.currentIndexChanged.connect(self._on_choice_changed)
        self._recipient_combo.currentIndexChanged.connect(self._on_choice_changed)
        self._language_combo.currentIndexChanged.connect(self._on_choice_changed)

    # ---- state

    @property
    def document(self) -> ProducedDocument | None:
        """The document on show, if one was produced."""
        return self._document

    @property
    def pdf_document(self) -> QPdfDocument:
        """The QPdfDocument behind the preview."""
        return self._pdf

    @property
    def pdf_view(self) -> QPdfView:
        """The preview widget."""
        return self._view

    def select(self, *, kind: str | None = None, recipient: str | None = None, language: str | None = None) -> None:
        """Choose the kind, recipient (id) and language by value, as a user would in the combos."""
        for combo, value in ((self._kind_combo, kind), (self._recipient_combo, recipient)):
            if value is not None:
                index = combo.findData(value)
                if index >= 0:
                    combo.setCurrentIndex(index)
        if language is not None:
            index = self._language_combo.findData(language)
            if index >= 0:
                self._language_combo.setCurrentIndex(index)

    def _set_busy(self, busy: bool) -> None:
        self._busy += 1 if busy else -1
        self._progress.setVisible(self._busy > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self._busy == 0
        self._produce_button.setEnabled(idle)
        self._print_button.setEnabled(idle and self._document is not None)
        self._save_button.setEnabled(idle and self._document is not None)
        for combo in (self._kind_combo, self._recipient_combo, self._language_combo):
            combo.setEnabled(idle)

    def _show_status(self, text: str) -> None:
        self._status_label.setText(text)

    def _error_text(self, exc: BaseException) -> str:
        code = getattr(exc, "code", None)
        texts = {
            "document_unknown_conference": self.tr("This conference could not be found."),
            "document_unknown_recipient": self.tr("This recipient is no longer on the conference's list."),
            "document_unknown_kind": self.tr("This kind of document cannot be produced."),
            "document_unsupported_language": self.tr("Documents can be produced in Welsh or English only."),
            "document_write_failed": self.tr("The file could not be saved. Check the folder and the free space."),
            "document_font_missing": self.tr("The fonts for documents are missing; please reinstall Cofnod."),
        }
        if isinstance(code, str) and code in texts:
            return texts[code]
        logger.error("document task failed", exc_info=exc)
        return self.tr("The document could not be produced. The details are in the log.")

    # ---- recipients

    def _load_recipients(self) -> None:
        self._set_busy(True)
        conference = self._conference_id
        self._tasks.submit(
            lambda: self._service.recipients(conference),
            self._on_recipients_loaded,
            self._on_task_failed,
            lane="db",
        )

    def _on_recipients_loaded(self, recipients: tuple[RecipientOption, ...]) -> None:
        self._set_busy(False)
        self._recipient_combo.clear()
        self._recipient_combo.addItem(self.tr("Full copy, no addressee"), None)
        for r in recipients:
            label = r.name
            if r.partial:
                label = self.tr("%1 (partial copy)").replace("%1", r.name)
            self._recipient_combo.addItem(label, r.id)

    # ---- slots

    def _on_choice_changed(self, _index: int) -> None:
        if self._document is not None:
            self._show_status(self.tr("The choice has changed: press Produce for the new document."))

    def _on_produce_clicked(self) -> None:
        if self._busy:
            return
        kind = str(self._kind_combo.currentData())
        recipient = self._recipient_combo.currentData()
        language = self._language_combo.currentData()
        conference = self._conference_id
        service = self._service
        self._set_busy(True)
        self._show_status(self.tr("Producing the document…"))
        self._tasks.submit(
            lambda: service.produce(conference, kind=kind, recipient=recipient, language=language),
            self._on_produced,
            self._on_task_failed,
            lane="db",
        )

    def _on_produced(self, document: ProducedDocument) -> None:
        self._set_busy(False)
        self._document = document
        self._pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(document.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        state = self.tr("draft") if document.draft else self.tr("approved")
        self._show_status(
            self.tr("Produced: %1 pages, %2. Logged in the distribution record.")
            .replace("%1", str(document.page_count))
            .replace("%2", state)
        )
        self._update_buttons()
        self._view.setFocus()
        self.document_produced.emit(document)

    def _on_task_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_status(self._error_text(exc))

    def _on_save_clicked(self) -> None:
        document = self._document
        if document is None or self._busy:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the document"), document.suggested_file_name, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        service = self._service
        self._set_busy(True)
        self._tasks.submit(
            lambda: str(service.save_copy(document, path)),
            self._on_saved,
            self._on_task_failed,
            lane="general",
        )

    def _on_saved(self, path: str) -> None:
        self._set_busy(False)
        self._show_status(self.tr("Saved to %1").replace("%1", path))
        self.document_saved.emit(path)

    def _on_print_clicked(self) -> None:
        if self._document is None or self._busy:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._document.suggested_file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the document"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: Any) -> int:
        """Draw every page of the preview onto ``printer`` (a QPrinter); returns the pages printed."""
        pages = self._pdf.pageCount()
        if pages <= 0:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            self._show_status(self.tr("The printer could not be started."))
            return 0
        try:
            for index in range(pages):
                if index:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                size_pt = self._pdf.pagePointSize(index)
                scale = min(target.width() / size_pt.width(), target.height() / size_pt.height())
                size = QSize(int(size_pt.width() * scale), int(size_pt.height() * scale))
                image = self._pdf.render(index, size)
                painter.drawImage(QRect(QPoint(0, 0), size), image)
        finally:
            painter.end()
        self._show_status(self.tr("Sent %1 pages to the printer.").replace("%1", str(pages)))
        return pages
