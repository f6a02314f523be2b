"""Readers: bytes on disk -> Document. The format is decided from the content, never the name."""

from __future__ import annotations

import hashlib
import os
import stat
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


# Ofsted's reports run to about 1 MB; a file hundreds of times larger is no report, and reading it
# whole would take the memory the other reports need. CSKG_MAX_FILE_BYTES raises the cap.
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024


def max_file_bytes() -> int:
    raw = os.environ.get("CSKG_MAX_FILE_BYTES", "")
    return int(raw) if raw.isdigit() else DEFAULT_MAX_FILE_BYTES


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a pipe would block for ever, a device
    such as /dev/zero never ends) and what is larger than the cap."""
    limit = max_file_bytes()
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise RejectedInput(str(path), "not a regular file (a pipe, device, socket or folder); give report files")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise RejectedInput(str(path), f"cannot read the file ({exc.strerror})") from exc
    if len(data) > limit:
        raise RejectedInput(str(path), f"larger than {limit:,} bytes, so not one report; split it, or set "
                                       "CSKG_MAX_FILE_BYTES to a larger number of bytes")
    return data


def read_document(path: Path) -> Document:
    data = _read_bounded(path)
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
