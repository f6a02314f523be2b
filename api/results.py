"""SPARQL results writers with a cap on the number of solutions or triples.

Oxigraph's writers cannot stop at a row limit: solutions are counted in their TSV form (see
write_solutions); graphs go through pyoxigraph.serialize fed by a counting iterator, which stops a
runaway CONSTRUCT as soon as it passes the cap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from cskg.graph.namespaces import PREFIXES


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


def write_solutions(solutions: ox.QuerySolutions, media_type: str, cap: int) -> bytes:
    """Written natively: TSV first, whose lines are the rows (it escapes newlines in literals), so the rows
    are counted exactly; then, for another format, the TSV is re-read and written in it, still natively."""
    fmt = _RESULT_FORMATS.get(media_type)
    if fmt is None:
        raise ValueError(f"no solutions writer for {media_type}")
    tsv = solutions.serialize(format=ox.QueryResultsFormat.TSV)
    if tsv.count(b"\n") - 1 > cap:
        raise TooManyResults(cap)
    if fmt == ox.QueryResultsFormat.TSV:
        return tsv
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt)


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
    return ox.serialize(capped(triples, cap), format=fmt, prefixes=PREFIXES)
