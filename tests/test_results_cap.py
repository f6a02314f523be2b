"""The row cap of /sparql answers is exact in every results format, even when a literal contains what
the cheap row count looks for (a JSON row separator, an XML result tag, a line end)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from cskg.api.results import write_solutions, write_triples
from cskg.errors import TooManyResults

FORMATS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values"]
TRICKY = 'a "},{" row\nand a <result> tag'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for index in range(5):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{index}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(TRICKY if index % 2 else "plain")))
    return store


@pytest.mark.parametrize("media_type", FORMATS)
@pytest.mark.parametrize(("query", "rows"), [("SELECT ?s ?o WHERE { ?s ?p ?o }", 5),
                                             ("SELECT ?s WHERE { ?s ?p ?o FILTER(false) }", 0),
                                             ("SELECT * WHERE { }", 1)])
def test_cap_is_exact(store: ox.Store, media_type: str, query: str, rows: int) -> None:
    body = write_solutions(store.query(query), media_type, rows)  # exactly at the cap: written
    assert body
    if rows:
        with pytest.raises(TooManyResults, match=f"more than {rows - 1} rows"):
            write_solutions(store.query(query), media_type, rows - 1)


def test_json_keeps_the_tricky_literal(store: ox.Store) -> None:
    body = write_solutions(store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"), FORMATS[0], 5)
    values = [row["o"]["value"] for row in json.loads(body)["results"]["bindings"]]
    assert values == [TRICKY] * 2 + ["plain"] * 3


@pytest.fixture(scope="module")
def big() -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.Quad(ox.NamedNode(f"http://example.org/s{index}"), ox.NamedNode("http://example.org/p"),
                              ox.Literal(f"value {index}")) for index in range(50_000))
    return store


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml",
                                        "text/tab-separated-values"])
def test_the_row_cap_stops_the_writing_early(big: ox.Store, media_type: str) -> None:
    """50,000 rows against a cap of 10: refused after the first chunks, not after all of it is written."""
    import tracemalloc

    whole = len(big.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(
        format=ox.QueryResultsFormat.from_media_type(media_type)))
    tracemalloc.start()
    try:
        with pytest.raises(TooManyResults, match="more than 10 rows"):
            write_solutions(big.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), media_type, 10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < whole / 20, (peak, whole)


def test_the_byte_cap_refuses_a_large_answer_while_writing(big: ox.Store) -> None:
    with pytest.raises(TooManyResults, match="larger than 100000 bytes"):
        write_solutions(big.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), "text/csv", 1_000_000, max_bytes=100_000)
    with pytest.raises(TooManyResults, match="larger than 100000 bytes"):
        write_triples(big.query("CONSTRUCT WHERE { ?s ?p ?o }"), "application/n-triples", 1_000_000,
                      max_bytes=100_000)
    assert len(write_solutions(big.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100"), "text/csv", 100,
                               max_bytes=100_000)) < 100_000
