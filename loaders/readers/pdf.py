"""PDF reader: pypdfium2 text per page, joined with offsets kept."""

from __future__ import annotations

import pypdfium2 as pdfium

from cskg.loaders.document import Document, Page
from cskg.loaders.errors import RejectedInput
from cskg.loaders.readers.blocks import segment

PAGE_SEPARATOR = "\n\n"


def read(path: str, data: bytes, digest: str) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise RejectedInput(path, "the PDF is encrypted with a password; save an unprotected copy") from exc
        raise RejectedInput(path, f"corrupt or unreadable PDF ({message})") from exc
    try:
        parts: list[str] = []
        pages: list[Page] = []
        offset = 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            page_text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            pages.append(Page(index + 1, offset, offset + len(page_text)))
            parts.append(page_text)
            offset += len(page_text) + len(PAGE_SEPARATOR)
    finally:
        pdf.close()
    full_text = PAGE_SEPARATOR.join(parts)
    if not full_text.strip():
        raise RejectedInput(path, "the PDF has no text layer (scanned images?); run OCR first")
    doc = Document(path, "application/pdf", digest, full_text, tuple(pages))
    return Document(path, doc.media_type, digest, full_text, doc.pages, segment(doc), True)
