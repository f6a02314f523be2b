"""Parameters bind by VALUES blocks: at the head of the outermost WHERE group and of every sub-SELECT
that uses the variable without computing it; a store gives the same answers as with the value written in."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from cskg.graph.stores.binding import bind_values

EX = "http://example.org/"
QUERY = """PREFIX ex: <http://example.org/>
SELECT ?council ?total ?label WHERE {
  { SELECT ?council (COUNT(?i) AS ?total) WHERE { ?i ex:of ?council } GROUP BY ?council }
  { SELECT ?council ?label WHERE { ?council ex:label ?raw BIND(UCASE(?raw) AS ?label) } }
  # a comment naming ?council { SELECT ?council }
  FILTER(?label != "{ SELECT ?council WHERE")
}"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for council, inspections, label in (("a", 3, "alpha"), ("b", 1, "beta")):
        store.add(ox.Quad(ox.NamedNode(EX + council), ox.NamedNode(EX + "label"), ox.Literal(label)))
        for n in range(inspections):
            store.add(ox.Quad(ox.NamedNode(f"{EX}{council}/i{n}"), ox.NamedNode(EX + "of"), ox.NamedNode(EX + council)))
    return store


def values_blocks(query: str) -> list[str]:
    return [line.strip() for line in query.splitlines() if line.strip().startswith("VALUES")]


def test_values_go_to_the_outer_group_and_to_each_subselect_using_the_variable() -> None:
    bound = bind_values(QUERY, {"council": URIRef(EX + "a")})
    assert values_blocks(bound) == [f"VALUES (?council) {{ (<{EX}a>) }}"] * 3


def test_a_subselect_computing_the_variable_is_joined_outside() -> None:
    bound = bind_values(QUERY, {"label": Literal("ALPHA")})
    assert values_blocks(bound) == ['VALUES (?label) { ("ALPHA") }']


def test_bound_answers_equal_the_filtered_answers(store: ox.Store) -> None:
    def answers(query: str) -> list[tuple[str, ...]]:
        return sorted(tuple(str(term.value) for term in solution) for solution in store.query(query))

    everything = answers(QUERY)
    assert len(everything) == 2
    assert answers(bind_values(QUERY, {"council": URIRef(EX + "a")})) == [r for r in everything if r[0] == EX + "a"]
    assert answers(bind_values(QUERY, {"label": Literal("BETA")})) == [r for r in everything if r[2] == "BETA"]


def test_no_bindings_leave_the_text_alone() -> None:
    assert bind_values(QUERY, {}) == QUERY
    with pytest.raises(ValueError, match="no WHERE group"):
        bind_values("ASK", {"x": Literal(1)})
