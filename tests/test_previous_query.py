"""queries/previous-inspections.rq: the one definition of an inspection's previous stored inspection."""

from __future__ import annotations

import pytest

from cskg.graph.ingest import ingest
from cskg.graph.stores import open_store
from cskg.queries import load_query
from tests.conftest import CORPUS, SEEDS

COLUMNS = ("authority_code", "framework", "date", "source", "previous_framework", "previous_date", "previous_source",
           "stated_date", "stated_grade")


@pytest.fixture(scope="module")
def store():
    store = open_store(":memory:")
    ingest([CORPUS / "bromley", CORPUS / "surrey", SEEDS], store, jobs=2)
    return store


def _rows(store, **params: str) -> list[tuple]:
    return [tuple(row[c] for c in COLUMNS) for row in load_query("previous-inspections").run(store, params).as_dicts()]


def test_each_inspection_with_the_councils_previous_stored_one(store) -> None:
    assert _rows(store, authority="Bromley") == [
        ("E09000006", "SIF", "2016-04-11", "2016-06-27.pdf", None, None, None, "2012-07", "adequate"),
        ("E09000006", "ILACS-standard", "2018-11-19", "2019-01-07.pdf", "SIF", "2016-04-11", "2016-06-27.pdf",
         "2016", "inadequate"),
        ("E09000006", "ILACS-short", "2023-11-13", "2024-01-12.pdf", "ILACS-standard", "2018-11-19",
         "2019-01-07.pdf", "2018", None),
    ]


def test_stand_alone_lscb_reviews_are_left_out_on_both_sides(store) -> None:
    rows = _rows(store, authority="Surrey")
    assert [(r[1], r[2], r[4], r[5]) for r in rows] == [
        ("SIF", "2014-10-21", None, None), ("SIF", "2018-02-26", "SIF", "2014-10-21"),
        ("ILACS-standard", "2022-01-17", "SIF", "2018-02-26")]


def test_every_stored_inspection_has_one_row(store) -> None:
    rows = _rows(store)
    inspections = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?i <https://w3id.org/cskg/ontology#framework> ?f "
                               "FILTER(?f != <https://w3id.org/cskg/id/framework/LSCB-review>) }").as_dicts()
    assert len(rows) == int(inspections[0]["n"]) == len({r[3] for r in rows})
