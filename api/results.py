"""SPARQL results writers with a cap on the number of solutions or triples.

Oxigraph's writers cannot stop at a row limit: solutions are written whole and counted from the
bytes (see write_solutions); graphs go through pyoxigraph.serialize fed by a counting iterator, which stops a
runaway CONSTRUCT as soon as it passes the cap.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from cskg.errors import TooManyResults
from cskg.graph.namespaces import FLAT_PREFIXES


DEFAULT_MAX_BYTES = 256 * 1024**2  # an answer bigger than this is a download: /export serves those


def too_many_rows(cap: int) -> TooManyResults:
    return TooManyResults(f"the result has more than {cap} rows; add LIMIT (and OFFSET to page) "
                          "or narrow the pattern")


def capped(items: Iterable, cap: int) -> Iterator:
    for count, item in enumerate(items, start=1):
        if count > cap:
            raise too_many_rows(cap)
        yield item


_RESULT_FORMATS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "text/csv": ox.QueryResultsFormat.CSV,
                   "text/tab-separated-values": ox.QueryResultsFormat.TSV}


def _row_bound(body: bytes, fmt: ox.QueryResultsFormat) -> int:
    """At least the number of rows of a serialised result, and exactly it unless a literal happens to
    contain the separator counted: "},{" between JSON rows, "<result>" in XML, line ends otherwise."""
    if fmt == ox.QueryResultsFormat.JSON:
        return 0 if b'"bindings":[]' in body else body.count(b"},{") + 1
    if fmt == ox.QueryResultsFormat.XML:
        return body.count(b"<result>") + body.count(b"<result/>")
    return body.count(b"\n") - 1  # the header line; TSV escapes newlines, CSV may quote them: an upper bound


def _row_count(body: bytes, fmt: ox.QueryResultsFormat) -> int:
    if fmt == ox.QueryResultsFormat.CSV:  # lossy for Oxigraph's reader, exact for csv's
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    return sum(1 for _ in ox.parse_query_results(body, format=fmt))


# Text that stands only between two rows, never inside a value: JSON escapes the quote of `},{"` inside a
# string, XML escapes the `<` of a tag, TSV escapes line ends. (CSV may quote a line end: no such text.)
_ROW_BREAKS = {ox.QueryResultsFormat.JSON: b'},{"', ox.QueryResultsFormat.XML: b"<result>",
               ox.QueryResultsFormat.TSV: b"\n"}


class _CappedSink:
    """Where the serialiser writes, a chunk at a time: it stops the writing as soon as the answer passes the
    byte cap, or holds more rows than the row cap by a count that is never too high, so a huge result is
    refused before it is built in memory rather than after."""

    def __init__(self, fmt: ox.QueryResultsFormat | None, cap: int, max_bytes: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.breaks = 0
        self._break = _ROW_BREAKS.get(fmt) if fmt is not None else None
        self._tail = b""
        self._cap, self._max_bytes = cap, max_bytes

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self._max_bytes:
            raise TooManyResults(f"the result is larger than {self._max_bytes} bytes; add LIMIT (and OFFSET to "
                                 "page), select fewer columns or narrow the pattern")
        if self._break:
            window = self._tail + chunk  # a break may straddle two chunks
            self.breaks += window.count(self._break)
            self._tail = chunk[-(len(self._break) - 1):] if len(self._break) > 1 else b""
            # rows >= breaks - 1 in every format (a header line; no break after the last row)
            if self.breaks - 1 > self._cap:
                raise too_many_rows(self._cap)
        self.chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass  # the chunks are kept in memory; nothing to push further

    def body(self) -> bytes:
        return b"".join(self.chunks)


def write_solutions(solutions: ox.QuerySolutions, media_type: str, cap: int,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Written natively in the format asked for, stopped while writing once past either cap. The rows are
    counted from the bytes: a cheap upper bound first, and only when that passes the cap an exact count by
    re-reading them."""
    fmt = _RESULT_FORMATS.get(media_type)
    if fmt is None:
        raise ValueError(f"no solutions writer for {media_type}")
    sink = _CappedSink(fmt, cap, max_bytes)
    solutions.serialize(sink, format=fmt)
    body = sink.body()
    if _row_bound(body, fmt) > cap and _row_count(body, fmt) > cap:
        raise too_many_rows(cap)
    return body


def write_boolean(value: bool, media_type: str) -> bytes:
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media_type == "application/sparql-results+xml":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if media_type == "text/csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if media_type == "text/tab-separated-values":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"no boolean writer for {media_type}")


def write_triples(triples: Iterable[ox.Triple], media_type: str, cap: int,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF writer for {media_type}")
    sink = _CappedSink(None, cap, max_bytes)
    # JSON-LD and RDF/XML writers of pyoxigraph take the prefixes too; they make every format shorter.
    ox.serialize(capped(triples, cap), sink, format=fmt, prefixes=FLAT_PREFIXES)
    return sink.body()
