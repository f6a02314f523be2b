"""The REST views over the whole corpus as ingested (the session's corpus_store), served by the app."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cskg.api.app import create_app
from cskg.api.settings import Settings

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SCILLY_2016 = "/inspections/E06000053/SIF/2016-04-11"


@pytest.fixture(scope="module")
def client(corpus_store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=corpus_store.store, workers=1, spare_workers=0))) as c:
        yield c


def test_an_inspection_lists_each_inspector_with_the_position_the_report_gives_them(client: TestClient) -> None:
    """The Isles of Scilly's 2016 SIF report prints its team of three, each with a place in it."""
    response = client.get(SCILLY_2016)
    assert response.status_code == 200
    body = response.json()
    assert [(i["name"], i["role"], i["position"], i["title"]) for i in body["inspectors"]] == [
        ("Emmy Tomsett", "lead", "lead inspector", None),
        ("Stephanie Murray", "team", "deputy lead inspector", None),
        ("Christopher Sands", "team", "quality assurance manager", "Senior Her Majesty's Inspector")]
    assert (body["lead_inspector"], body["team"]) == ("Emmy Tomsett", ["Christopher Sands", "Stephanie Murray"])
    page = client.get(SCILLY_2016, headers=BROWSER)
    assert page.status_code == 200
    assert ("<dt>Team</dt><dd>Stephanie Murray (deputy lead inspector), Christopher Sands (quality assurance "
            "manager)</dd>") in html.unescape(page.text)


def test_a_large_sparql_answer_arrives_whole_and_the_same_again_after_its_memory_is_released(client: TestClient) -> None:
    """Answers of a mebibyte or more are dropped and their memory handed back once sent: the next one is intact."""
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 30000"  # index order: the same each time
    answers = [client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"}) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert len(answers[0].content) >= 1 << 20
    rows = list(csv.reader(io.StringIO(answers[0].text)))
    assert rows[0] == ["s", "p", "o"] and len(rows) == 30001
    assert answers[1].content == answers[0].content
