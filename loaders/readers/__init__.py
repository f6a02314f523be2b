"""Readers: bytes on disk -> Document. The format is decided from the content, never the name."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.readers import pdf, text

__all__ = ["read_document", "sniff"]


def sniff(head: bytes) -> str:
    """Media type from the first bytes of a file."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in stripped[:1024]:
        return "text/html"
    if b"\x00" in head[:4096]:
        return "application/octet-stream"
    return "text/plain"


def read_document(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RejectedInput(str(path), f"cannot read the file ({exc.strerror})") from exc
    if not data.strip():
        raise RejectedInput(str(path), "the file is empty")
    media_type = sniff(data[:8192])
    digest = hashlib.sha256(data).hexdigest()
    if media_type == "application/pdf":
        return pdf.read(str(path), data, digest)
    if media_type == "text/html":
        raise RejectedInput(str(path), "this is an HTML page saved with a report's name, not a report; "
                                       "download the PDF from the Ofsted report page again")
    if media_type == "application/octet-stream":
        raise RejectedInput(str(path), "binary file that is neither PDF nor text")
    return text.read(str(path), data, digest)
