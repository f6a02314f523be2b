"""REST lookups, named queries over HTTP, CORS and serving an in-memory store, on the fixture reports."""

from __future__ import annotations

import csv
import importlib.util
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cskg.api.app import create_app
from cskg.api.settings import Settings

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    location = tmp_path_factory.mktemp("rest") / "store"
    fixtures.build_store(location).close()
    with TestClient(create_app(Settings(store=str(location), workers=1))) as c:
        yield c


def test_authorities_by_region_with_latest_grades(client: TestClient) -> None:
    response = client.get("/authorities", params={"region": "West Midlands"})
    assert response.status_code == 200
    by_code = {a["gss"]: a for a in response.json()}
    assert "E10000007" not in by_code  # Derbyshire is East Midlands
    assert by_code["E10000028"]["latest_ilacs"]["overall"] == "good"
    assert by_code["E06000021"]["latest_ilacs"]["overall_rank"] == 4
    assert by_code["E08000025"]["latest_ilacs"] is None  # Birmingham: no report stored
    assert all(a["region"] == "West Midlands" for a in by_code.values())
    assert {a["gss"] for a in client.get("/authorities", params={"region": "E12000005"}).json()} == set(by_code)


def test_authorities_by_latest_grade(client: TestClient) -> None:
    assert [a["name"] for a in client.get("/authorities", params={"grade": "Inadequate"}).json()] == ["Stoke-on-Trent"]
    assert [a["name"] for a in client.get("/authorities", params={"rank": 2}).json()] == ["Derbyshire", "Staffordshire"]
    assert client.get("/authorities", params={"rank": 7}).status_code == 422


@pytest.mark.parametrize("code", ["E10000028", "860", "staffordshire", "Staffordshire"])
def test_authority_by_any_code(client: TestClient, code: str) -> None:
    body = client.get(f"/authorities/{code}").json()
    assert (body["gss"], body["dfe"], body["name"], body["region"]) == ("E10000028", "860", "Staffordshire",
                                                                       "West Midlands")
    assert body["latest_ilacs"]["source"] == "staffordshire/2024-01-10.pdf"
    assert [n["rank"] for n in body["statistical_neighbours"]] == list(range(1, 11))
    derbyshire = body["statistical_neighbours"][5]
    assert (derbyshire["gss"], derbyshire["overall"]) == ("E10000007", "good")
    assert body["inspections_href"] == "/authorities/E10000028/inspections"


def test_unknown_authority_is_404_saying_what_to_give(client: TestClient) -> None:
    response = client.get("/authorities/atlantis")
    assert response.status_code == 404
    assert "GSS code" in response.json()["detail"]
    assert client.get("/authorities/atlantis/inspections").status_code == 404


def test_authority_inspections(client: TestClient) -> None:
    body = client.get("/authorities/stoke-on-trent/inspections").json()
    assert body["gss"] == "E06000021"
    assert [(i["id"], i["overall_grade"], i["judgements"]) for i in body["inspections"]] == [
        ("E06000021/SIF/2016-01-11", "good", 4), ("E06000021/ILACS-standard/2022-02-21", "inadequate", 4)]
    assert body["inspections"][1]["href"] == "/inspections/E06000021/ILACS-standard/2022-02-21"


def test_inspection_with_evidence(client: TestClient) -> None:
    response = client.get("/inspections/E10000028/ILACS-standard/2023-11-06")
    assert response.status_code == 200
    body = response.json()
    assert (body["authority"], body["framework"], body["lead_inspector"], body["team"]) == (
        "Staffordshire", "ILACS-standard", "Alison Smale", ["Team Member"])
    assert [(i["name"], i["role"], i["title"], i["position"]) for i in body["inspectors"]] == [
        ("Alison Smale", "lead", "HMI", None), ("Team Member", "team", None, None)]
    assert body["published"] == "2024-01-10"
    assert [(j["area"], j["grade"], j["rank"]) for j in body["judgements"]] == [
        ("care-leavers", "outstanding", 1), ("children-in-care", "good", 2), ("impact-of-leaders", "good", 2),
        ("overall-effectiveness", "good", 2), ("help-and-protection", "requires improvement to be good", 3)]
    overall = body["judgements"][3]
    assert overall["evidence"] == {"quote": "overall-effectiveness: Good", "page": 1, "paragraph": None,
                                   "section": None}
    assert [(r["number"], r["timescale"]) for r in body["recommendations"]] == [(1, "within-six-months"), (2, None)]
    assert body["recommendations"][0]["evidence"]["page"] == 2
    assert [(f["paragraph"], f["area"]) for f in body["findings"]] == [
        (1, "help-and-protection"), (2, "children-in-care"), (3, None)]
    first = body["findings"][0]
    assert first["evidence_span"][1] - first["evidence_span"][0] == len(first["text"])


def test_unknown_inspection_is_404(client: TestClient) -> None:
    response = client.get("/inspections/E10000028/ILACS-standard/1999-01-01")
    assert response.status_code == 404
    assert "ids look like" in response.json()["detail"]


def test_search(client: TestClient) -> None:
    body = client.get("/search", params={"q": "Neglect"}).json()
    assert body["total"] == 2
    assert [(h["type"], h["authority_code"]) for h in body["hits"]] == [("finding", "E10000028"),
                                                                       ("finding", "E06000021")]
    supervision = client.get("/search", params={"q": "supervision", "limit": 1}).json()
    assert supervision["total"] == 2 and len(supervision["hits"]) == 1
    assert supervision["hits"][0]["type"] == "recommendation"
    assert supervision["hits"][0]["inspection_href"] == "/inspections/E10000028/ILACS-standard/2023-11-06"
    assert client.get("/search", params={"q": "supervision", "authority": "861"}).json()["total"] == 1
    assert client.get("/search", params={"q": "n"}).status_code == 422


def test_queries_list_and_run(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert {"judgements", "stats", "latest-judgements", "neighbours"} <= set(listed)
    assert [p["name"] for p in listed["authority-timeline"]["parameters"]] == ["authority", "limit", "offset"]
    body = client.get("/queries/judgements", params={"authority": "Derbyshire"}).json()
    assert body["variables"][:3] == ["source", "authority_code", "authority"]
    assert len(body["rows"]) == 4 and {r["authority"] for r in body["rows"]} == {"Derbyshire"}
    # Pages follow the query's own order.
    every = client.get("/queries/judgements").json()["rows"]
    page = client.get("/queries/judgements", params={"limit": 3, "offset": 2}).json()["rows"]
    assert len(every) > 5 and page == every[2:5]
    assert client.get("/queries/judgements", params={"limit": "ten"}).status_code == 400
    table = client.get("/queries/stats", params={"format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(table.text)))[:3] == [["measure", "value"], ["reports", "5"],
                                                            ["inspections", "5"]]
    assert client.get("/queries/stats", headers={"Accept": "text/csv"}).text == table.text


def test_query_errors(client: TestClient) -> None:
    assert client.get("/queries/no-such-query").status_code == 404
    missing = client.get("/queries/neighbours")
    assert missing.status_code == 400 and "needs parameter authority" in missing.json()["detail"]
    assert client.get("/queries/judgements", params={"colour": "red"}).status_code == 400
    assert client.get("/queries/judgements", params={"authority": "Atlantis"}).status_code == 400


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["graphs"] == 9  # five reports, three base graphs, the derived graph


def test_cors_is_off_unless_configured(client: TestClient) -> None:
    preflight = {"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in client.options("/sparql", headers=preflight).headers
    with TestClient(create_app(Settings(store=":memory:", workers=1, cors_origins=("https://yasgui.example",)))) as c:
        response = c.options("/sparql", headers=preflight)
        assert response.headers["access-control-allow-origin"] == "https://yasgui.example"
        assert c.get("/health", headers={"Origin": "https://other.example"}).headers.get(
            "access-control-allow-origin") is None


def test_serving_an_in_memory_store() -> None:
    # Workers cannot share memory with the server: they read a copy, and see the same data.
    store = fixtures.build_store(None)
    with TestClient(create_app(Settings(store=store, workers=1))) as c:
        response = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a "
                                                     "<https://w3id.org/cskg/ontology#Inspection> }"})
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "5"
        assert len(c.get("/authorities/E10000028/inspections").json()["inspections"]) == 2
    assert store.count_quads() > 0  # the caller's store stays open


def test_serving_a_missing_store_fails_at_start(tmp_path: Path) -> None:
    from cskg.graph.stores import StoreError

    with pytest.raises(StoreError, match="no store at"):
        with TestClient(create_app(Settings(store=str(tmp_path / "absent")))):
            pass


def test_cached_store_answers_repeated_selects_from_its_cache() -> None:
    from rdflib import Literal

    from cskg.api.cache import CachedStore
    from cskg.graph.stores import OxigraphStore

    inner = OxigraphStore(None)
    inner.replace_graph("http://example.org/g", '<http://example.org/a> <http://example.org/p> "x" .')
    cached = CachedStore(inner)
    query = "SELECT ?s WHERE { ?s <http://example.org/p> ?o }"
    first = cached.select(query, {"o": Literal("x")})
    assert first.rows == (("http://example.org/a",),)
    # The served store is a snapshot: a repeated query is not evaluated again.
    inner.drop_graph("http://example.org/g")
    assert cached.select(query, {"o": Literal("x")}) is first
    assert cached.select(query, {"o": Literal("y")}).rows == ()
    assert cached.graphs() == []  # everything else goes to the store itself


def test_the_results_cache_stays_within_its_byte_budget() -> None:
    from cskg.api.cache import CachedStore, result_bytes
    from cskg.graph.stores import open_store

    inner = open_store(":memory:")
    inner.replace_graph("https://example.org/g", "".join(
        f'<https://example.org/s{i}> <https://example.org/p> "{"x" * 2000}{i}" .\n' for i in range(200)))
    cached = CachedStore(inner, max_bytes=400_000)
    # Forty different pages of one large query, as forty `limit` values would ask for them.
    results = [cached.select(f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} LIMIT {n}") for n in range(1, 41)]
    assert all(len(r.rows) == n for n, r in enumerate(results, start=1))
    assert cached.held_bytes <= 400_000
    assert cached.held_bytes == sum(size for _, size, _ in cached._entries.values())
    # An answer larger than an eighth of the budget is served but not kept.
    whole = cached.select("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert result_bytes(whole) > 400_000 // 8 and "SELECT ?s ?o WHERE { ?s ?p ?o }" not in cached._entries
    # The most recently used pages that fit are the ones kept; the oldest went first.
    fitting = [n for n, r in enumerate(results, start=1) if result_bytes(r) <= 400_000 // 8]
    assert f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} LIMIT {fitting[-1]}" in cached._entries
    assert "SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 1" not in cached._entries


def test_answers_nobody_reads_expire_and_pinned_ones_stay() -> None:
    """A server left alone drops what it cached under load (and its memory), keeping the answers read at start."""
    from cskg.api.cache import CachedStore
    from cskg.graph.stores import open_store

    inner = open_store(":memory:")
    inner.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .\n')
    cached = CachedStore(inner)
    home, busy, recent = ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?o WHERE { ?s ?p ?o }",
                          "SELECT ?p WHERE { ?s ?p ?o }")
    cached.select(home)
    cached.pin({home})
    cached.select(busy)
    time.sleep(0.3)
    cached.select(recent)
    assert cached.expire(0.2) == 1
    assert cached.keys() == {home, recent}
    assert cached.held_bytes == sum(size for _, size, _ in cached._entries.values())
    time.sleep(0.3)
    assert cached.expire(0.2) == 1 and cached.keys() == {home}
    assert cached.select(busy).rows == (("o",),)  # asked again, answered from the store


def test_a_server_left_alone_closes_the_text_index_connections_a_search_burst_opened(tmp_path: Path) -> None:
    """The search side gives its memory back too: the index's kept answers and read connections (each with its
    page cache) go once nobody has searched for --cache-idle seconds."""
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    with TestClient(create_app(Settings(store=str(location), workers=1, cache_idle=2))) as c:
        index = c.app.state.text_index
        for _ in range(100):  # an answer read while the start-up check of the index writes is not kept
            assert c.get("/search", params={"q": "supervision"}).status_code == 200
            if index._answers:
                break
            time.sleep(0.05)
        assert index._idle_readers and index._answers  # what the search took, still there
        deadline = time.monotonic() + 15
        while (index._idle_readers or index._answers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not index._idle_readers and not index._answers
        again = c.get("/search", params={"q": "supervision"})
        assert again.status_code == 200 and again.json() == c.get("/search", params={"q": "supervision"}).json()


def test_a_copy_of_the_same_data_starts_with_the_answers_already_cached() -> None:
    """The memory copy of the store folder just read in place keeps what was cached from the folder, pins too."""
    from cskg.api.cache import CachedStore
    from cskg.graph.stores import open_store

    folder, copy = open_store(":memory:"), open_store(":memory:")
    folder.replace_graph("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .\n')
    in_place = CachedStore(folder)
    first = in_place.select("SELECT ?o WHERE { ?s ?p ?o }")
    in_place.pin({"SELECT ?o WHERE { ?s ?p ?o }"})
    from_memory = CachedStore(copy, answers=in_place)  # the copy is empty: an answer from it would have no rows
    assert from_memory.select("SELECT ?o WHERE { ?s ?p ?o }") is first
    assert from_memory.held_bytes == in_place.held_bytes
    assert from_memory.expire(0) == 0 and from_memory.keys() == {"SELECT ?o WHERE { ?s ?p ?o }"}


def test_the_same_uncached_query_asked_at_once_runs_once() -> None:
    """Sixteen requests for one uncached answer wait for the first instead of each running it."""
    import threading

    from cskg.api.cache import CachedStore
    from cskg.graph.stores import OxigraphStore

    inner = OxigraphStore(None)
    inner.replace_graph("http://example.org/g", '<http://example.org/a> <http://example.org/p> "x" .')
    release, runs = threading.Event(), []

    class Slow:
        def select(self, query: str, bindings=None):
            runs.append(query)
            release.wait(5)
            return inner.select(query)

    cached = CachedStore(Slow())
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(cached.select("SELECT ?s WHERE { ?s ?p ?o }")))
               for _ in range(16)]
    for thread in threads:
        thread.start()
    while not runs:
        threading.Event().wait(0.01)
    threading.Event().wait(0.2)  # the other fifteen are waiting by now
    release.set()
    for thread in threads:
        thread.join()
    assert len(runs) == 1
    assert len(answers) == 16 and all(a is answers[0] for a in answers)


def test_a_sparql_answer_asked_again_is_sent_without_running_the_query_again() -> None:
    """/sparql answers are kept per snapshot as the bytes sent, per Accept and dataset; errors are not kept."""
    from cskg.api.cache import CachedExecutor
    from cskg.api.negotiation import parse_accept
    from cskg.api.worker import Job, Outcome

    runs: list[Job] = []

    class Executor:
        busy = 0

        def run(self, job: Job) -> Outcome:
            runs.append(job)
            if "BROKEN" in job.query:
                return Outcome.error(400, "not SPARQL")
            return Outcome(200, f"{len(runs)} {job.accept[0].type}".encode(), job.accept[0].type)

    cached = CachedExecutor(Executor(), max_bytes=4096)
    json_page = Job("SELECT * WHERE { ?s ?p ?o } LIMIT 100", parse_accept("application/sparql-results+json"))
    csv_page = Job("SELECT * WHERE { ?s ?p ?o } LIMIT 100", parse_accept("text/csv"))
    assert cached.run(json_page).body == b"1 application/sparql-results+json"
    assert cached.run(json_page).body == b"1 application/sparql-results+json"
    assert cached.run(csv_page).body == b"2 text/csv"
    assert cached.run(Job(json_page.query, json_page.accept, ("https://example.org/g",), ())).body.startswith(b"3 ")
    broken = Job("BROKEN", json_page.accept)
    assert cached.run(broken).status == 400 and cached.run(broken).status == 400
    assert len(runs) == 5 and broken not in cached.keys()
    assert cached.busy == 0  # the rest is the executor's
    # A copy of the same data (the memory copies of the folder read in place) starts with these answers.
    copy = CachedExecutor(Executor(), answers=cached)
    assert copy.run(csv_page).body == b"2 text/csv" and len(runs) == 5
    # An answer larger than an eighth of the budget is sent but not kept.
    large = Job("SELECT * WHERE { ?s ?p ?o } LIMIT 100" + " " * 600, json_page.accept)
    cached.run(large)
    assert large not in cached.keys() and cached.held_bytes <= 4096


def test_a_sparql_page_asked_again_through_the_server_is_the_kept_answer(tmp_path: Path) -> None:
    """Through the server: the second request for a page is the first one's bytes, a malformed query is not kept.
    (A new snapshot starts with no answers: test_api's ingest-while-serving test asks one query throughout.)"""
    from cskg.api.worker import Job

    location = tmp_path / "store"
    fixtures.build_store(location).close()
    query = ("PREFIX cskg: <https://w3id.org/cskg/ontology#> "
             "SELECT ?i WHERE { ?i a cskg:Inspection } ORDER BY ?i LIMIT 100")
    with TestClient(create_app(Settings(store=str(location), workers=1, spare_workers=0))) as c:
        first = c.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
        assert first.status_code == 200 and first.text.count("\n") > 1
        executor = c.app.state.executor
        assert [job.query for job in executor.keys() if job.query == query]
        again = c.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
        assert again.content == first.content
        assert c.post("/sparql", data={"query": query + " OFFSET 1"},
                      headers={"Accept": "text/csv"}).text.splitlines()[1:] == first.text.splitlines()[2:]
        assert c.post("/sparql", data={"query": "SELEC nothing"}).status_code == 400
        assert not [job for job in executor.keys() if job.query == "SELEC nothing"]
        assert isinstance(next(iter(executor.keys())), Job)


def _follow(client: TestClient, path: str, params: dict) -> tuple[list, list[int]]:
    """Every item of a paged list, following the Link headers; and the size of each page."""
    items, sizes = [], []
    response = client.get(path, params=params)
    while True:
        assert response.status_code == 200
        body = response.json()
        page = body["rows"] if isinstance(body, dict) else body
        items += page
        sizes.append(len(page))
        link = response.headers.get("link")
        if link is None:
            return items, sizes
        assert link.endswith('>; rel="next"')
        response = client.get(link[1:link.index(">")])


def test_lists_answer_a_first_page_with_the_total_and_the_next_page(client: TestClient) -> None:
    first = client.get("/authorities")
    assert first.headers["x-total-count"] == "153" and len(first.json()) == 100
    assert first.headers["link"] == '<http://testserver/authorities?offset=100&limit=100>; rel="next"'
    everyone = client.get("/authorities", params={"limit": "all"})
    assert len(everyone.json()) == 153 and "link" not in everyone.headers
    items, sizes = _follow(client, "/authorities", {"limit": 40, "region": ""})
    assert sizes == [40, 40, 40, 33] and items == everyone.json()
    boards = client.get("/boards", params={"limit": 1})
    assert len(boards.json()) == 1 and int(boards.headers["x-total-count"]) >= 1
    inspections = client.get("/authorities/E10000028/inspections", params={"limit": 1})
    assert inspections.headers["x-total-count"] == "2" and len(inspections.json()["inspections"]) == 1
    later = client.get(inspections.headers["link"][1:inspections.headers["link"].index(">")]).json()
    assert later["inspections"][0]["inspection_start"] == "2023-11-06" and later["gss"] == "E10000028"
    for bad in ({"limit": "0"}, {"limit": "many"}, {"offset": "-1"}, {"offset": "x"}):
        assert client.get("/authorities", params=bad).status_code == 422, bad
    assert client.get("/boards", params={"limit": "20000"}).status_code == 400


def test_named_queries_page_by_default_and_stream_the_whole_answer(client: TestClient) -> None:
    page = client.get("/queries/judgements", params={"limit": 5}).json()
    assert (page["total"], page["offset"], page["limit"], len(page["rows"])) == (22, 0, 5, 5)
    assert page["next"] == "http://testserver/queries/judgements?limit=5&offset=5"
    rows, sizes = _follow(client, "/queries/judgements", {"limit": 5})
    whole = client.get("/queries/judgements", params={"limit": "all"}).json()
    assert sizes == [5, 5, 5, 5, 2] and rows == whole["rows"] and (whole["total"], whole["next"]) == (22, None)
    default = client.get("/queries/judgements")
    assert default.json()["limit"] == 100 and default.headers["x-total-count"] == "22"
    table = client.get("/queries/judgements", params={"limit": "all", "format": "csv"})
    assert table.headers["x-total-count"] == "22" and len(list(csv.reader(io.StringIO(table.text)))) == 23
    counted = client.get("/queries/judgements", params={"limit": 2, "offset": 21, "authority": "Derbyshire"})
    assert counted.json()["total"] == 4 and counted.json()["rows"] == []
    assert client.get("/queries/judgements", params={"offset": "-3"}).status_code == 400
