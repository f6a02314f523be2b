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

from cskg.graph.namespaces import FLAT_PREFIXES


class TooManyResults(Exception):
    def __init__(self, cap: int) -> None:
        super().__init__(f"the result has more than {cap} rows; add LIMIT (and OFFSET to page) "
                         f"or narrow the pattern")
        self.cap = cap


def capped(items: Iterable, cap: int) -> Iterator:
    for count, item in enumerate(items, start=1):
        if count > cap:
            raise TooManyResults(cap)
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


def write_solutions(solutions: ox.QuerySolutions, media_type: str, cap: int) -> bytes:
    """Written natively in the format asked for. The rows are counted from the bytes: a cheap upper
    bound first, and only when that passes the cap an exact count by re-reading them."""
    fmt = _RESULT_FORMATS.get(media_type)
    if fmt is None:
        raise ValueError(f"no solutions writer for {media_type}")
    body = solutions.serialize(format=fmt)
    if _row_bound(body, fmt) > cap and _row_count(body, fmt) > cap:
        raise TooManyResults(cap)
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


def write_triples(triples: Iterable[ox.Triple], media_type: str, cap: int) -> bytes:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF writer for {media_type}")
    # JSON-LD and RDF/XML writers of pyoxigraph take the prefixes too; they make every format shorter.
    return ox.serialize(capped(triples, cap), format=fmt, prefixes=FLAT_PREFIXES)
