"""Conference documents (record, summary, family letter, register notice) as PDF, without Qt.

:mod:`model` holds the immutable data a document is drawn from, :mod:`render` draws it with
reportlab (imported lazily), :mod:`strings` holds every printed word for the translation catalogue,
and :mod:`cli` is ``cofnod export-record``. The service that loads the data from the store and logs
each document issued is :mod:`desktop.services.documents`.
"""

from __future__ import annotations

from desktop.documents.model import ConferenceDocumentData, DocumentKind, DocumentMeta

__all__ = ["ConferenceDocumentData", "DocumentKind", "DocumentMeta"]
