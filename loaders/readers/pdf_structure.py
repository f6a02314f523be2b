"""Is a PDF whole? Its last cross-reference section must point at the objects it names, and every stream it
compresses must decompress.

PDFium repairs a damaged file silently, by scanning for objects: bytes inserted into a report (or cut
out of it) still open, but pages and text can be lost, and a report read that way was stored under a
wrong date with two of its seven judgements missing. Every offset in a PDF's cross-reference table
counts bytes from the start of the file, so inserted or removed bytes move the objects away from the
offsets the table gives; a whole file's offsets all land on "N G obj". Only the last section (the one
`startxref` names) is checked: it is the one a reader starts from, and it covers what the file holds now.

Bytes overwritten in place move nothing, and PDFium reads a damaged compressed stream as far as it can: a report
read so lost 60 of its 132 findings without a word. A deflated stream carries its own checksum (zlib's Adler-32),
so a stream that does not inflate to its end, checksum included, is damage, whatever the file's offsets say.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from cskg.loaders.errors import RejectedInput

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_TABLE_HEAD = re.compile(rb"xref[ \t\r\n]+")
_SUBSECTION = re.compile(rb"(\d+)[ \t]+(\d+)[ \t]*\r?\n?")
_ENTRY = re.compile(rb"(\d{10})[ \t](\d{5})[ \t]([nf])")
_OBJECT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_TAIL = 4096  # startxref sits in the last bytes of the file
# The keyword that opens a stream's data (not the "endstream" that closes one), and the object head before it.
_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_OBJECT_HEAD = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])")
_DICTIONARY = 4096  # bytes before "stream" searched for its object's dictionary
_SLICE = 4096  # compressed bytes inflated at a time
_ENDSTREAM = b"endstream"


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


def check_compressed_streams(path: str, data: bytes) -> None:
    """RejectedInput when a stream the file deflates does not inflate to its end with its checksum right."""
    for keyword in _stream_keywords(data):
        before = data[max(0, keyword.start() - _DICTIONARY):keyword.start()]
        heads = list(_OBJECT_HEAD.finditer(before))
        if not heads or not _FLATE_ONLY.search(before, heads[-1].end()):
            continue
        number = int(heads[-1].group(1))
        end = data.find(_ENDSTREAM, keyword.end())
        inflater = zlib.decompressobj()
        stream = memoryview(data)[keyword.end():end if end >= 0 else len(data)]
        try:
            # Fed in small slices: deflate expands at most ~1,000-fold, so no slice's output takes much memory
            # (a stream may claim gigabytes); only whether it ends, checksum right, matters.
            for start in range(0, len(stream), _SLICE):
                inflater.decompress(stream[start:start + _SLICE])
                if inflater.eof:
                    break
        except zlib.error as exc:
            _damaged(path, f"the compressed stream of object {number} is damaged ({exc})")
        if not inflater.eof:
            _damaged(path, f"the compressed stream of object {number} is cut short")


def _stream_keywords(data: bytes) -> Iterator[re.Match[bytes]]:
    # bytes.find runs at memory speed; a regular expression over a megabyte of binary streams does not.
    position = data.find(b"stream")
    while position >= 0:
        keyword = _STREAM.match(data, position)  # the look-behind sees the byte before `position`
        if keyword is not None:
            yield keyword
        position = data.find(b"stream", position + 6)


def _damaged(path: str, what: str) -> None:
    raise RejectedInput(path, f"corrupt PDF: {what}; bytes were inserted, removed or changed, so pages may be "
                              "lost or misread; download the report again")
