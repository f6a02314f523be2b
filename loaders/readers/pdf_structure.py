"""Is a PDF whole? Its last cross-reference section must point at the objects it names.

PDFium repairs a damaged file silently, by scanning for objects: bytes inserted into a report (or cut
out of it) still open, but pages and text can be lost, and a report read that way was stored under a
wrong date with two of its seven judgements missing. Every offset in a PDF's cross-reference table
counts bytes from the start of the file, so inserted or removed bytes move the objects away from the
offsets the table gives; a whole file's offsets all land on "N G obj". Only the last section (the one
`startxref` names) is checked: it is the one a reader starts from, and it covers what the file holds now.
"""

from __future__ import annotations

import re

from cskg.loaders.errors import RejectedInput

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_TABLE_HEAD = re.compile(rb"xref[ \t\r\n]+")
_SUBSECTION = re.compile(rb"(\d+)[ \t]+(\d+)[ \t]*\r?\n?")
_ENTRY = re.compile(rb"(\d{10})[ \t](\d{5})[ \t]([nf])")
_OBJECT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_TAIL = 4096  # startxref sits in the last bytes of the file


def check_cross_references(path: str, data: bytes) -> None:
    """RejectedInput when the file's last cross-reference section does not match where its objects are."""
    found = list(_STARTXREF.finditer(data, max(0, len(data) - _TAIL)))
    if not found:
        _damaged(path, "no 'startxref' at its end (the file is truncated)")
    offset = int(found[-1].group(1))
    if offset >= len(data):
        _damaged(path, f"its cross-reference offset {offset:,} lies beyond the end of the file")
    table = _TABLE_HEAD.match(data, offset)
    if table is None:
        if _OBJECT.match(data, offset) is None:  # a cross-reference stream is an object of its own
            _damaged(path, f"no cross-reference section at offset {offset:,}, where 'startxref' says it is")
        return
    position = table.end()
    while (subsection := _SUBSECTION.match(data, position)) is not None:
        first, count = int(subsection.group(1)), int(subsection.group(2))
        position = subsection.end()
        for number in range(first, first + count):
            entry = _ENTRY.search(data, position, position + 24)
            if entry is None:
                _damaged(path, f"its cross-reference table is cut short at object {number}")
            position = entry.end()
            if entry.group(3) != b"n":
                continue
            at = int(entry.group(1))
            obj = _OBJECT.match(data, at)
            if obj is None or int(obj.group(1)) != number:
                _damaged(path, f"object {number} is not at offset {at:,}, where its cross-reference table says")


def _damaged(path: str, what: str) -> None:
    raise RejectedInput(path, f"corrupt PDF: {what}; bytes were inserted, removed or changed, so pages may be "
                              "lost or misread; download the report again")
