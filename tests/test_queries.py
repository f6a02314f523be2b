"""The named analyst queries (queries/*.rq) on the hand-built fixture reports (tests/test_api_records.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cskg.graph.ingest import ensure_base_graphs
from cskg.graph.stores import OxigraphStore
from cskg.graph.text_index import TextIndex
from cskg.queries import QueryError, list_queries, load_query

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

STAFFS_ILACS = "staffordshire/2024-01-10.pdf"
STOKE_ILACS = "stoke-on-trent/2022-04-26.pdf"
DERBYS_ILACS = "derbyshire/2021-07-30.pdf"
# The analyst queries of this suite (the organisations engineer's board queries are tested with their code).
ANALYST_QUERIES = ("judgements", "stats", "authority-timeline", "latest-judgements", "grade-changes",
                   "judgements-by-grade", "recommendations", "findings", "neighbours", "inspectors")


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return fixtures.build_store(None)


def rows(store: OxigraphStore, query: str, /, **params: str) -> list[dict]:
    index = TextIndex()
    index.sync(store)
    return load_query(query).run(store, params, index).as_dicts()


def test_every_query_has_a_header_and_runs(store: OxigraphStore) -> None:
    required = {"authority-timeline": {"authority": "E10000028"}, "neighbours": {"authority": "E10000028"}}
    names = {q.name for q in list_queries()}
    assert set(ANALYST_QUERIES) <= names
    for query in map(load_query, ANALYST_QUERIES):
        assert query.description, query.name
        given = required.get(query.name, {})
        assert {p.name for p in query.parameters if not p.optional} == set(given), query.name
        result = query.run(store, given)
        assert result.rows, query.name


def test_judgements_columns_and_rows(store: OxigraphStore) -> None:
    result = load_query("judgements").run(store)
    assert result.variables == ("source", "authority_code", "authority", "framework", "inspection_start",
                                "inspection_end", "published", "lead_inspector", "area", "grade", "grade_rank")
    assert len(result.rows) == 22  # 5 + 5 + 4 + 4 + 4 judgements
    stoke = [r for r in result.as_dicts() if r["source"] == STOKE_ILACS]
    assert stoke == [
        {"source": STOKE_ILACS, "authority_code": "E06000021", "authority": "Stoke-on-Trent",
         "framework": "ILACS-standard", "inspection_start": "2022-02-21", "inspection_end": "2022-03-04",
         "published": "2022-04-26", "lead_inspector": "Nick Stacey", "area": area, "grade": grade, "grade_rank": rank}
        for area, grade, rank in [("children-in-care-and-care-leavers", "requires improvement to be good", 3),
                                  ("help-and-protection", "inadequate", 4), ("impact-of-leaders", "inadequate", 4),
                                  ("overall-effectiveness", "inadequate", 4)]]


def test_judgements_order_is_stable(store: OxigraphStore) -> None:
    keys = [(r["authority_code"], r["inspection_start"], r["area"]) for r in rows(store, "judgements")]
    assert keys == sorted(keys)


def test_judgements_filters(store: OxigraphStore) -> None:
    assert {r["source"] for r in rows(store, "judgements", authority="Staffordshire")} == {
        STAFFS_ILACS, "staffordshire/2017-04-20.pdf"}
    assert [r["grade"] for r in rows(store, "judgements", framework="ILACS-short", area="help-and-protection")] == ["good"]


def test_latest_judgements(store: OxigraphStore) -> None:
    result = load_query("latest-judgements").run(store)
    assert result.variables == (
        "authority_code", "authority", "region", "framework", "inspection_start", "inspection_end", "published",
        "lead_inspector", "overall", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers",
        "overall_rank", "source")
    by_code = {r["authority_code"]: r for r in result.as_dicts()}
    assert list(by_code) == ["E06000021", "E10000007", "E10000028"]
    staffs = by_code["E10000028"]  # its 2017 SIF inspection is not ILACS: the 2023 one is the latest
    assert (staffs["source"], staffs["framework"], staffs["overall"], staffs["overall_rank"], staffs["region"]) == (
        STAFFS_ILACS, "ILACS-standard", "good", 2, "West Midlands")
    assert (staffs["children_in_care"], staffs["care_leavers"]) == ("good", "outstanding")
    # Before 2023 one combined judgement grades both.
    stoke = by_code["E06000021"]
    assert (stoke["children_in_care"], stoke["care_leavers"]) == ("requires improvement to be good",) * 2
    assert (stoke["overall"], stoke["impact_of_leaders"], stoke["help_and_protection"]) == ("inadequate",) * 3
    assert by_code["E10000007"]["framework"] == "ILACS-short"
    assert [r["authority_code"] for r in rows(store, "latest-judgements", authority="derbyshire")] == ["E10000007"]


def test_authority_timeline(store: OxigraphStore) -> None:
    timeline = rows(store, "authority-timeline", authority="860")
    assert [(r["framework"], r["inspection_start"], r["overall_grade"], r["overall_rank"], r["judgements"])
            for r in timeline] == [("SIF", "2017-02-06", "requires improvement", 3, 5),
                                   ("ILACS-standard", "2023-11-06", "good", 2, 5)]
    assert timeline[1]["inspection"] == "https://w3id.org/cskg/id/inspection/E10000028/ILACS-standard/2023-11-06"
    with pytest.raises(QueryError, match="needs parameter authority"):
        rows(store, "authority-timeline")


def test_grade_changes(store: OxigraphStore) -> None:
    changes = rows(store, "grade-changes")
    assert [(r["authority_code"], r["previous_framework"], r["previous_grade"], r["previous_rank"], r["framework"],
             r["grade"], r["rank"], r["movement"]) for r in changes] == [
        ("E06000021", "SIF", "good", 2, "ILACS-standard", "inadequate", 4, "declined"),
        ("E10000028", "SIF", "requires improvement", 3, "ILACS-standard", "good", 2, "improved")]
    assert rows(store, "grade-changes", authority="Derbyshire") == []  # one inspection: nothing to compare


def test_grade_changes_pairs_consecutive_inspections_only(store: OxigraphStore) -> None:
    # A third Staffordshire inspection graded good again: one change (2017 -> 2023), none 2023 -> 2025.
    extra = fixtures._record("ILACS-short", fixtures.STAFFS, "Staffordshire", fixtures.date(2025, 3, 3),
                             fixtures.date(2025, 3, 7), fixtures.date(2025, 4, 20), "Alison Smale",
                             {"overall-effectiveness": "Good", "impact-of-leaders": "Good",
                              "help-and-protection": "Good", "children-in-care": "Good", "care-leavers": "Good"})
    local = fixtures.build_store(None)
    mapped = fixtures.map_record(extra)
    local.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
    staffs = rows(local, "grade-changes", authority="E10000028")
    assert [(r["previous_date"], r["date"]) for r in staffs] == [("2017-02-06", "2023-11-06")]


def test_judgements_by_grade(store: OxigraphStore) -> None:
    inadequate = rows(store, "judgements-by-grade", grade="inadequate")
    assert {(r["authority_code"], r["area"]) for r in inadequate} == {
        ("E06000021", "overall-effectiveness"), ("E06000021", "impact-of-leaders"),
        ("E06000021", "help-and-protection")}
    outstanding = rows(store, "judgements-by-grade", grade_rank="1", framework="ILACS-short")
    assert [(r["authority_code"], r["area"], r["grade"]) for r in outstanding] == [
        ("E10000007", "children-in-care-and-care-leavers", "outstanding")]
    newest_first = [r["inspection_start"] for r in rows(store, "judgements-by-grade", area="overall-effectiveness")]
    assert newest_first == sorted(newest_first, reverse=True) and len(newest_first) == 5


def test_recommendations(store: OxigraphStore) -> None:
    found = rows(store, "recommendations", q="SUPERVISION")
    assert [(r["authority_code"], r["number"], r["timescale"]) for r in found] == [
        ("E10000028", 1, "within-six-months"), ("E06000021", 1, "immediately")]
    assert [r["text"] for r in rows(store, "recommendations", timescale="immediately")] == [
        "Ensure that supervision addresses drift and delay for children."]
    assert len(rows(store, "recommendations", authority="Staffordshire")) == 3
    assert rows(store, "recommendations", framework="SIF")[0]["kind"] == "recommendation"
    assert rows(store, "recommendations", q="supervision", timescale="longer-term") == []


def test_findings(store: OxigraphStore) -> None:
    neglect = rows(store, "findings", q="neglect")
    assert [(r["authority_code"], r["paragraph"], r["area"]) for r in neglect] == [
        ("E10000028", 1, "help-and-protection"), ("E06000021", 1, "help-and-protection")]
    assert [r["text"] for r in rows(store, "findings", area="children-in-care")] == [
        "Children in care live in stable homes."]
    # The SSCP is mentioned inside paragraph 1 of Staffordshire's 2023 report only.
    for params in ({"body": "sscp"}, {"body": "Safeguarding Children Partnership"},
                   {"kind": "safeguarding-partnership"}):
        named = rows(store, "findings", **params)
        assert [(r["source"], r["paragraph"]) for r in named] == [(STAFFS_ILACS, 1)], params
    assert rows(store, "findings", body="police") == []


def test_neighbours(store: OxigraphStore) -> None:
    neighbours = rows(store, "neighbours", authority="staffordshire")
    assert [r["neighbour_rank"] for r in neighbours] == list(range(1, 11))
    derbyshire = neighbours[5]
    assert (derbyshire["authority_code"], derbyshire["overall"], derbyshire["overall_rank"],
            derbyshire["framework"]) == ("E10000007", "good", 2, "ILACS-short")
    assert all(r["overall"] is None for r in neighbours if r["authority_code"] != "E10000007")


def test_inspectors(store: OxigraphStore) -> None:
    stacey = rows(store, "inspectors", name="stacey")
    assert [(r["lead_inspector"], r["inspections_led"], r["framework"]) for r in stacey] == [
        ("Nick Stacey", 2, "SIF"), ("Nick Stacey", 2, "ILACS-standard")]
    assert {r["lead_inspector"] for r in rows(store, "inspectors")} == {
        "Alison Smale", "Jansy Kelly", "Lisa Summers", "Nick Stacey"}


def test_stats(store: OxigraphStore) -> None:
    counts = {r["measure"]: r["value"] for r in rows(store, "stats")}
    triples = {m: counts.pop(m) for m in ("report-triples", "reference-triples", "derived-triples")}
    assert counts == {"reports": 5, "inspections": 5, "councils-with-reports": 3, "councils-known": 158,
                      "councils-current": 153, "judgements": 22, "findings": 5, "recommendations": 4, "bodies": 1,
                      "reports:ILACS-short": 1, "reports:ILACS-standard": 2, "reports:SIF": 2}
    assert sum(triples.values()) == store.count_quads()
    assert triples["derived-triples"] == len(store.select(
        "SELECT * WHERE { GRAPH <https://w3id.org/cskg/graph/derived> { ?s ?p ?o } }").rows) > 0
    report_graphs = [g for g in store.graphs() if "/graph/report/" in g]
    assert triples["report-triples"] == store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
        "'https://w3id.org/cskg/graph/report/')) }").rows[0][0] and len(report_graphs) == 5


def test_stats_on_an_empty_store() -> None:
    empty = OxigraphStore(None)
    zero = {"reports": 0, "inspections": 0, "councils-with-reports": 0, "councils-known": 0, "councils-current": 0,
            "judgements": 0, "findings": 0, "recommendations": 0, "bodies": 0, "report-triples": 0,
            "reference-triples": 0, "derived-triples": 0}
    assert {r["measure"]: r["value"] for r in rows(empty, "stats")} == zero
    ensure_base_graphs(empty)  # vocabulary and authorities only: still no reports
    counts = {r["measure"]: r["value"] for r in rows(empty, "stats")}
    assert counts == {**zero, "councils-known": 158, "councils-current": 153, "reference-triples": empty.count_quads()}


def test_bad_parameters_are_query_errors(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="no council matches"):
        rows(store, "judgements", authority="Atlantis")
    with pytest.raises(QueryError, match="has no parameter"):
        rows(store, "judgements", colour="red")
    with pytest.raises(QueryError, match="whole number"):
        rows(store, "judgements-by-grade", grade_rank="two")
    with pytest.raises(QueryError, match="whole number of rows"):
        rows(store, "findings", limit="-1")


def test_paging_follows_the_query_order(store: OxigraphStore) -> None:
    every = rows(store, "findings")
    assert len(every) > 4
    assert rows(store, "findings", limit="2") == every[:2]
    assert rows(store, "findings", limit="2", offset="3") == every[3:5]
    assert rows(store, "findings", offset=str(len(every))) == []


def test_a_header_may_not_declare_a_paging_parameter(tmp_path: Path) -> None:
    query = tmp_path / "paged.rq"
    query.write_text("# name: paged\n# param: limit (integer, optional): rows\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="reserved"):
        load_query(str(query))


def test_every_query_counts_the_rows_it_gives(store: OxigraphStore) -> None:
    """NamedQuery.count, the total of a paged answer, agrees with the rows for every query and some parameters."""
    index = TextIndex()
    index.sync(store)
    given = {"authority-timeline": {"authority": "E10000028"}, "neighbours": {"authority": "E10000028"},
             "boards": {"authority": "E10000028"},
             "board": {"body": "https://w3id.org/cskg/id/body/none"}}
    for query in list_queries():
        for params in (given.get(query.name, {}), {**given.get(query.name, {}), "limit": "1", "offset": "1"}):
            every = len(query.run(store, {k: v for k, v in params.items() if k not in ("limit", "offset")},
                                  index).rows)
            assert query.count(store, params, index) == every, (query.name, params)
    assert load_query("judgements").count(store, {"authority": "Derbyshire"}) == 4


def test_a_parameter_may_bind_several_variables(tmp_path: Path) -> None:
    """`=> ?a, ?authority` binds the pattern's variable (so the store looks up that council's rows) and the
    parameter's own (so the query knows it was given); an absent parameter binds neither."""
    from cskg.queries import parse_query_file

    path = tmp_path / "pairs.rq"
    path.write_text("# name: pairs\n# description: d\n# param: authority (authority, optional) => ?a, ?authority: one council\n"
                    "SELECT ?a WHERE { ?a ?p ?o }\n", encoding="utf-8")
    query = parse_query_file(path)
    assert query.parameters[0].bound_variables == ("a", "authority")
    bound = query.bindings({"authority": "Staffordshire"})
    assert set(bound) == {"a", "authority"} and bound["a"] == bound["authority"]
    assert str(bound["a"]).endswith("/E10000028")
    assert query.bindings({}) == {}


def test_shared_boards_for_one_council_lists_each_of_its_pairs_that_council_first(store: OxigraphStore) -> None:
    query = load_query("shared-boards")
    every = query.run(store, {}).rows
    assert every
    code = every[0][0]
    own = query.run(store, {"authority": code}).rows
    assert own and all(row[0] == code for row in own)
    # each pair of the whole answer with that council, in either column, is one of its rows (turned round)
    expected = sorted({(r[2], r[4]) if r[0] == code else (r[0], r[4]) for r in every if code in (r[0], r[2])})
    assert sorted({(r[2], r[4]) for r in own}) == expected
