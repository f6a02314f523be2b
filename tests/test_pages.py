"""Content negotiation of the web pages, linked data and the SPARQL page without its editor, over the app in
process on the fixture reports (tests/test_api_records.py). The pages in a real browser: tests/test_browser.py."""

from __future__ import annotations

import csv
import html
import importlib.util
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from cskg.api.app import create_app
from cskg.api.pages import sparql_page
from cskg.api.settings import Settings

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ROOT = Path(__file__).resolve().parent.parent
SIF = "https://w3id.org/cskg/id/framework/SIF"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = tmp_path_factory.mktemp("pages") / "store"
    fixtures.build_store(location).close()
    return str(location)


@pytest.fixture(scope="module")
def client(store_dir: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=store_dir, workers=1, spare_workers=0))) as c:
        yield c


@pytest.mark.parametrize("path", ["/authorities/E10000028", "/inspections/E10000028/ILACS-standard/2023-11-06",
                                  "/search?q=neglect", "/authorities"])
def test_browsers_get_html_and_other_clients_the_json_they_always_had(client: TestClient, path: str) -> None:
    json_answer = client.get(path)
    assert json_answer.status_code == 200 and json_answer.headers["content-type"] == "application/json"
    assert client.get(path, headers={"Accept": "application/json"}).json() == json_answer.json()
    page = client.get(path, headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html" if path != "/authorities" else "application/json")


def test_home_redirects_clients_to_the_docs_and_shows_browsers_the_map(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/docs"
    page = client.get("/", headers=BROWSER)
    assert page.status_code == 200
    assert page.text.count("<path data-gss=") == 153


def test_boards_page_lists_what_the_json_lists(client: TestClient) -> None:
    for shared in ("true", "false"):
        bodies = client.get("/boards", params={"shared": shared}).json()
        page = client.get("/boards", params={"shared": shared}, headers=BROWSER).text
        assert f"<caption>{len(bodies)} bodies</caption>" in page
        assert all(f'href="{b["href"]}"' in page for b in bodies)
    # a page at a time, as the JSON pages: the rows of the JSON's page, and a link to the next
    everything = client.get("/boards", params={"shared": "false", "limit": "all"}).json()
    second = client.get("/boards", params={"shared": "false", "limit": "2", "offset": "2"}).json()
    page = client.get("/boards", params={"shared": "false", "limit": "2", "offset": "2"}, headers=BROWSER).text
    assert f"<caption>{len(everything)} bodies: 3 to 4 shown</caption>" in page
    assert [b["href"] for b in second] == re.findall(r'<td><a href="([^"]+)">', page)
    assert 'rel="next" href="http://testserver/boards?shared=false&amp;limit=2&amp;offset=4"' in page


def test_map_shapes_are_the_current_councils_and_small() -> None:
    shapes = json.loads((ROOT / "ontology" / "england.json").read_text())
    current = {a["gss"] for a in json.loads((ROOT / "ontology" / "authorities.json").read_text())
               if a["status"] == "current"}
    assert set(shapes["councils"]) == current
    assert all(path.startswith("M") and path.endswith("Z") for path in shapes["councils"].values())
    assert (ROOT / "ontology" / "england.json").stat().st_size < 300_000


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/authorities/nowhere", 404, "no council matches 'nowhere'"),
    ("/inspections/E10000028/ILACS-short/1999-01-01", 404, "no inspection"),
    ("/boards/lscb/nothing", 404, "no body"),
    ("/?as_of=2020-13-45", 400, "as_of must be a date YYYY-MM-DD"),
    ("/?area=nonsense", 400, "no judgement area"),
    ("/search?q=x", 400, "give 2 to 200 characters"),
    ("/id/nothing/here", 404, "the graph says nothing about"),
])
def test_bad_page_requests_get_the_reason_as_a_page(client: TestClient, path: str, status: int, words: str) -> None:
    page = client.get(path, headers=BROWSER)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert words in page.text.replace("&#39;", "'")


def test_map_grades_follow_area_and_date(client: TestClient) -> None:
    # The fixture's Staffordshire was inspected in 2023 (good) and by SIF in 2017 (requires improvement).
    now = client.get("/", headers=BROWSER).text
    assert 'data-gss="E10000028" data-rank="2"' in now
    before = client.get("/?as_of=2018-01-01", headers=BROWSER).text
    assert 'data-gss="E10000028" data-rank="3"' in before
    earlier = client.get("/?as_of=2016-01-01", headers=BROWSER).text
    assert 'data-gss="E10000028" data-rank=""' in earlier


@pytest.mark.parametrize(("accept", "media", "syntax"), [
    ("text/turtle", "text/turtle", "turtle"), ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt")])
def test_graph_iris_dereference_to_rdf(client: TestClient, accept: str, media: str, syntax: str) -> None:
    answer = client.get("/id/framework/SIF", headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    graph = Graph().parse(data=answer.text, format=syntax)
    assert (URIRef(SIF), SKOS.notation, Literal("SIF")) in graph
    assert {s for s, _, _ in graph} == {URIRef(SIF)}


def test_graph_iris_redirect_browsers_to_their_page(client: TestClient) -> None:
    answer = client.get("/id/authority/E10000028", headers=BROWSER, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/authorities/E10000028"
    assert client.get("/id/framework/SIF", headers=BROWSER).status_code == 200


def test_unknown_or_unsayable_graph_iris(client: TestClient) -> None:
    assert client.get("/id/framework/NOPE", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/framework/a%20b", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/framework/SIF", headers={"Accept": "image/png"}).status_code == 406


def test_sparql_protocol_clients_are_unchanged(client: TestClient) -> None:
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert description.headers["content-type"].startswith("text/turtle")
    results = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert results.json() == {"head": {}, "boolean": True}


def test_sparql_page_runs_a_linked_query_and_pages_it(client: TestClient) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 130"
    first = client.get("/sparql", params={"query": query}, headers=BROWSER)
    assert first.status_code == 200
    assert "130 rows, page 1 of 2" in first.text
    assert first.text.count("<tr><td>") == 100
    second = client.get("/sparql", params={"query": query, "page": 2}, headers=BROWSER)
    assert second.text.count("<tr><td>") == 30


def test_sparql_page_shows_endpoint_errors_as_worded(client: TestClient) -> None:
    page = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"}, headers=BROWSER)
    protocol = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert page.status_code == protocol.status_code == 400
    assert html.escape(protocol.text).replace("&#x27;", "&#39;").replace("&quot;", "&#34;") in page.text
    update = client.get("/sparql", params={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, headers=BROWSER)
    assert update.status_code == 403 and "read-only" in update.text


def test_sparql_page_offers_every_named_query_with_its_parameters(client: TestClient) -> None:
    from cskg.queries import list_queries

    page = client.get("/sparql", headers=BROWSER).text
    for query in list_queries():
        assert f'data-example="{query.name}"' in page
        for parameter in query.parameters:
            assert f"<code>{parameter.name}</code>" in page
    example = client.get("/sparql", params={"example": "neighbours"}, headers=BROWSER).text
    assert "# name: neighbours" in example
    assert "PREFIX cskg: &lt;https://w3id.org/cskg/ontology#&gt;" in client.get("/sparql", headers=BROWSER).text


def test_downloads_are_the_endpoint_results_as_files(client: TestClient) -> None:
    query = "SELECT ?code WHERE { ?a <https://w3id.org/cskg/ontology#gssCode> ?code } ORDER BY ?code LIMIT 3"
    download = client.get("/sparql/download", params={"query": query, "format": "csv"})
    assert download.headers["content-disposition"] == 'attachment; filename="results.csv"'
    protocol = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(download.text))) == list(csv.reader(io.StringIO(protocol.text)))
    as_json = client.get("/sparql/download", params={"query": query, "format": "json"}).json()
    assert len(as_json["results"]["bindings"]) == 3
    assert client.get("/sparql/download", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}).status_code == 400
    assert client.get("/sparql/download", params={"query": query, "format": "xls"}).status_code == 422


def test_without_the_editor_the_sparql_page_is_a_plain_form(store_dir: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparql_page, "YASGUI_BUILD", tmp_path / "not-installed")
    with TestClient(create_app(Settings(store=store_dir, workers=1, spare_workers=0))) as c:
        page = c.get("/sparql", headers=BROWSER).text
        assert "npm ci" in page and '<form id="query-form" method="get" action="/sparql">' in page
        assert "yasgui.min.js" not in page
        assert c.get("/vendor/yasgui/yasgui.min.js").status_code == 404
        ran = c.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"}, headers=BROWSER).text
        assert "2 rows" in ran


def test_docs_assets_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "cdn" not in docs and "/static-offline-docs/swagger-ui-bundle.js" in docs
    redoc = client.get("/redoc").text
    assert "cdn" not in redoc and "fonts.googleapis" not in redoc
    bundle = client.get("/static/redoc.standalone.js")
    assert bundle.status_code == 200 and b"cdn.redoc.ly" not in bundle.content
