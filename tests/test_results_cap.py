"""The row cap of /sparql answers is exact in every results format, even when a literal contains what
the cheap row count looks for (a JSON row separator, an XML result tag, a line end)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from cskg.api.results import TooManyResults, write_solutions

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
