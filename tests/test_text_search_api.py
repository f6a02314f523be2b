"""Text search over HTTP, on the seeds served from an on-disk store by a real server on loopback:
`cskg:matches` in /sparql, /search and the q= of named queries, and a 400 for every malformed search."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest

from cskg.api.settings import Settings
from cskg.graph.ingest import ingest
from cskg.graph.stores import open_store
from tests.conftest import SEEDS
from tests.test_api import Server

PREFIX = "PREFIX cskg: <https://w3id.org/cskg/ontology#>\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    location = tmp_path_factory.mktemp("text") / "store"
    store = open_store(str(location))
    assert not ingest([SEEDS], store, jobs=1).rejected  # no index built: the server builds it at start
    store.close()
    server = Server(Settings(store=str(location), workers=1, spare_workers=0))
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c
    server.stop()


def rows(client: httpx.Client, query: str) -> list[tuple[str, ...]]:
    response = client.post("/sparql", content=query.encode(),
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return sorted(tuple(row) for row in list(csv.reader(io.StringIO(response.text)))[1:])


@pytest.mark.parametrize("search, condition", [
    ("neglect", 'REGEX(?text, "\\\\bneglect\\\\b", "i")'),
    ('"private fostering"', 'CONTAINS(LCASE(?text), "private fostering")'),
    ("LADO", 'CONTAINS(?text, "LADO")'),
    ("exploitation", 'CONTAINS(LCASE(?text), "exploitation")'),
    ("supervis*", 'REGEX(?text, "\\\\bsupervis", "i")'),
])
def test_matches_returns_the_rows_of_the_filter_it_stands_for(client: httpx.Client, search: str,
                                                              condition: str) -> None:
    indexed = rows(client, PREFIX + f"""SELECT ?council ?item ?text WHERE {{
        ?item cskg:matches '{search}' .
        ?inspection cskg:hasFinding|cskg:hasRecommendation ?item ; cskg:inspectedAuthority ?council .
        ?item cskg:text ?text }}""")
    scanned = rows(client, PREFIX + f"""SELECT ?council ?item ?text WHERE {{
        ?inspection cskg:hasFinding|cskg:hasRecommendation ?item ; cskg:inspectedAuthority ?council .
        ?item cskg:text ?text FILTER({condition}) }}""")
    assert indexed == scanned and len(indexed) > 0


def test_matches_combines_with_graph_patterns_optional_and_minus(client: httpx.Client) -> None:
    both = rows(client, PREFIX + """SELECT ?f WHERE { ?f cskg:matches "neglect" . ?f cskg:matches "children" }""")
    neglect = rows(client, PREFIX + """SELECT ?f WHERE { ?f cskg:matches "neglect" }""")
    assert 0 < len(both) < len(neglect)
    assert rows(client, PREFIX + """SELECT ?f WHERE { ?f cskg:matches "neglect children" }""") == both
    without = rows(client, PREFIX + """SELECT ?f WHERE {
        ?f cskg:matches "neglect" MINUS { ?f cskg:matches "children" } }""")
    assert sorted(both + without) == neglect
    # The full IRI, another prefix name, and more predicates of the same subject after `;`.
    full = rows(client, """SELECT ?f WHERE { ?f <https://w3id.org/cskg/ontology#matches> "neglect" }""")
    other = rows(client, """PREFIX o: <https://w3id.org/cskg/ontology#>
        SELECT ?f WHERE { ?f o:matches "neglect" ; a o:Finding . }""")
    findings = rows(client, PREFIX + """SELECT ?f WHERE {
        ?f a cskg:Finding FILTER EXISTS { ?f cskg:matches "neglect" } }""")
    assert full == neglect and other == findings and 0 < len(findings) < len(neglect) + 1
    # A string that merely holds the predicate's IRI is no pattern.
    assert rows(client, PREFIX + """SELECT ?s WHERE { BIND("?x cskg:matches 'neglect'" AS ?s) }""") == [
        ("?x cskg:matches 'neglect'",)]
    assert rows(client, PREFIX + """SELECT ?f WHERE { ?f cskg:matches "zzqxnotaword" }""") == []


@pytest.mark.parametrize("query, complaint", [
    ('SELECT ?f WHERE { ?f cskg:matches "\\"private fostering" }', "unbalanced quote"),
    ('SELECT ?f WHERE { ?f cskg:matches "*" }', "a * must follow"),
    ('SELECT ?f WHERE { ?f cskg:matches "NEAR(neglect abuse)" }', "operators are not supported"),
    ('SELECT ?f WHERE { ?f cskg:matches ?q VALUES ?q { "neglect" } }', "takes one string"),
    ('SELECT ?f WHERE { ?f cskg:matches "a", "b" }', "takes one string"),
    ('SELECT ?f WHERE { ?f a cskg:Finding ; cskg:matches "neglect" }', "needs a variable as its subject"),
    ('SELECT ?f WHERE { ?f cskg:text|cskg:matches "neglect" }', "needs a variable as its subject"),
    ('SELECT ?f WHERE { <https://w3id.org/cskg/id/x> cskg:matches "neglect" }', "needs a variable"),
])
def test_malformed_matches_is_400_with_a_message(client: httpx.Client, query: str, complaint: str) -> None:
    response = client.get("/sparql", params={"query": PREFIX + query})
    assert response.status_code == 400
    assert complaint in response.text


@pytest.mark.parametrize("q", ['"private fostering', "* *", "NEAR(neglect abuse)", "neglect OR abuse", "(neglect)",
                               "text:neglect"])
def test_malformed_searches_are_400_on_rest(client: httpx.Client, q: str) -> None:
    for path in ("/search", "/queries/findings", "/queries/recommendations"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 400, (path, q, response.text)
        assert "search" in response.json()["detail"]


def test_search_pages_and_orders_by_relevance(client: httpx.Client) -> None:
    newest = client.get("/search", params={"q": "neglect", "limit": 500}).json()
    assert newest["total"] == len(newest["hits"]) > 3
    dates = [h["inspection_start"] or h["published"] for h in newest["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert all("neglect" in h["text"].lower() for h in newest["hits"])
    relevant = client.get("/search", params={"q": "neglect", "order": "relevance", "limit": 500}).json()
    assert sorted(h["iri"] for h in relevant["hits"]) == sorted(h["iri"] for h in newest["hits"])
    page = client.get("/search", params={"q": "neglect", "order": "relevance", "limit": 2, "offset": 1}).json()
    assert [h["iri"] for h in page["hits"]] == [h["iri"] for h in relevant["hits"][1:3]]
    assert client.get("/search", params={"q": "neglect", "order": "best"}).status_code == 422


def test_named_query_q_uses_the_index(client: httpx.Client) -> None:
    found = client.get("/queries/findings", params={"q": '"private fostering"'}).json()["rows"]
    assert found and all("private fostering" in r["text"].lower() for r in found)
    prefix = client.get("/queries/recommendations", params={"q": "supervis*"}).json()["rows"]
    assert prefix and all("supervis" in r["text"].lower() for r in prefix)



@pytest.mark.parametrize("q", ["neglect", "supervis*", '"private fostering"'])
def test_search_hits_hold_what_the_named_queries_say_of_each_item(client: httpx.Client, q: str) -> None:
    hits = client.get("/search", params={"q": q, "limit": 500}).json()["hits"]
    findings = {r["finding"]: r for r in client.get("/queries/findings", params={"q": q}).json()["rows"]}
    recommendations = {r["recommendation"]: r
                       for r in client.get("/queries/recommendations", params={"q": q}).json()["rows"]}
    assert len(hits) == len(findings) + len(recommendations) > 0
    shared = ("text", "authority_code", "authority", "framework", "inspection_start", "published", "paragraph",
              "page", "source")
    for hit in hits:
        row = findings.get(hit["iri"]) or recommendations[hit["iri"]]
        assert {k: hit[k] for k in shared} == {k: row[k] for k in shared}
        if hit["iri"] in findings:
            assert (hit["type"], hit["area"]) == ("finding", row["area"])
        else:
            assert (hit["type"], hit["timescale"]) == (row["kind"], row["timescale"])


def test_the_term_itself_can_still_be_described(client: httpx.Client) -> None:
    described = rows(client, PREFIX + "SELECT ?label WHERE { cskg:matches "
                                      "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert described == [("matches",)]
    # Comments and strings naming the pattern are no patterns.
    assert rows(client, PREFIX + 'SELECT ?x WHERE { # ?f cskg:matches "neglect"\n BIND(1 AS ?x) }') == [("1",)]
