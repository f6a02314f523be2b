"""Malformed requests get a 4xx with a message, never a 500: paging beyond any store's count, ids
and IRIs that cannot stand in a query, named queries only from the project's own library."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from cskg.api.app import create_app
from cskg.api.settings import Settings

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

HOSTILE_IDS = ["a>b", "x{y}", 'q"uote', "with space", "tab\there", "nl\nx", "bell\x07", "back\\slash", "pipe|x",
               "caret^x", "tick`x", "E10000028/SIF/2017-02-06>", "<http://example.org/>"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    location = tmp_path_factory.mktemp("malformed") / "store"
    fixtures.build_store(location).close()
    with TestClient(create_app(Settings(store=str(location), workers=1)), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("value", [str(2**63), str(2**64), str(2**64 + 5), "9" * 40, "-1", "1e3", "ten"])
@pytest.mark.parametrize("name", ["limit", "offset"])
def test_paging_out_of_range_is_a_400(client: TestClient, name: str, value: str) -> None:
    response = client.get("/queries/findings", params={name: value})
    assert response.status_code == 400, response.text
    assert name in response.json()["detail"]


def test_the_largest_page_numbers_still_answer(client: TestClient) -> None:
    response = client.get("/queries/findings", params={"limit": str(2**63 - 1), "offset": str(2**63 - 1)})
    assert response.status_code == 200 and response.json()["rows"] == []


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_ids_that_cannot_be_iris_are_a_404_with_a_message(client: TestClient, bad: str) -> None:
    for path in (f"/boards/{quote(bad, safe='/')}", f"/inspections/{quote(bad, safe='/')}"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.status_code, response.text)
        assert response.json()["detail"]  # says what is wrong (a newline matches no route at all)


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_iri_parameters_that_cannot_be_iris_are_a_400(client: TestClient, bad: str) -> None:
    response = client.get("/queries/board", params={"body": f"https://w3id.org/cskg/id/body/{bad}"})
    assert response.status_code == 400, response.text
    assert "IRI" in response.json()["detail"]


def test_named_queries_come_only_from_the_library(client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "evil.rq").write_text("# name: evil\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "evil2.rq").write_text("# name: evil2\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        for name in ("evil.rq", "evil", "queries/evil2.rq", "evil2.rq", "..%2Fevil.rq"):
            response = client.get(f"/queries/{name}")
            assert response.status_code == 404, (name, response.text)
    finally:
        os.chdir(before)
    assert client.get("/queries/boards", params={"authority": "E10000028"}).status_code == 200


@pytest.mark.parametrize("path,params,allowed", [
    ("/boards", {"kind": "nope"}, ["lscb", "cdop", "regional-adoption-agency"]),
    ("/authorities", {"region": "Londn"}, ["London", "West Midlands", "E12000007"]),
    ("/authorities", {"grade": "excellent"}, ["outstanding", "requires improvement to be good", "inadequate"]),
    ("/authorities", {"status": "abolished"}, ["current", "predecessor"]),
])
def test_unknown_filter_values_are_a_422_naming_the_allowed_ones(client: TestClient, path: str, params: dict,
                                                                 allowed: list[str]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    (name, value), = params.items()
    assert f"unknown {name} {value!r}: use one of " in detail
    assert all(a in detail for a in allowed)


@pytest.mark.parametrize("path,params", [
    ("/boards", {"kind": "LSCB"}), ("/authorities", {"region": "london"}), ("/authorities", {"region": "E12000005"}),
    ("/authorities", {"grade": "Good"}), ("/authorities", {"status": ""})])
def test_known_filter_values_in_any_case_answer(client: TestClient, path: str, params: dict) -> None:
    assert client.get(path, params=params).status_code == 200


@pytest.mark.parametrize("query,name,value,allowed", [
    ("judgements", "framework", "ILACS", ["ILACS-standard", "SIF", "monitoring-visit"]),
    ("judgements", "area", "leadership", ["help-and-protection", "impact-of-leaders"]),
    ("judgements-by-grade", "grade", "excellent", ["outstanding", "requires improvement to be good"]),
    ("recommendations", "timescale", "soon", ["immediately", "within-three-months", "longer-term"]),
    ("bodies", "kind", "nope", ["lscb", "cdop"]),
])
def test_unknown_named_query_parameter_values_are_a_422(client: TestClient, query: str, name: str, value: str,
                                                        allowed: list[str]) -> None:
    response = client.get(f"/queries/{query}", params={name: value})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert f"parameter unknown {name} {value!r}: use one of " in detail and all(a in detail for a in allowed)
    spelled = client.get(f"/queries/{query}", params={name: allowed[0]})
    shouted = client.get(f"/queries/{query}", params={name: allowed[0].upper()})  # read as the vocabulary spells it
    assert spelled.status_code == shouted.status_code == 200 and spelled.json() == shouted.json()
