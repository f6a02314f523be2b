"""The derived analytics graph (graph/derived.py) and the named queries rewritten over it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from cskg.graph.derived import DERIVED_GRAPH, InspectionFacts, derive
from cskg.graph.ingest import refresh_derived
from cskg.graph.namespaces import CSKG
from cskg.graph.text_index import TextIndex
from cskg.queries import load_query, parse_query_file

_spec = importlib.util.spec_from_file_location("cskg_query_cases", Path(__file__).with_name("query_cases.py"))
query_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(query_cases)

A, B = "https://w3id.org/cskg/id/authority/A", "https://w3id.org/cskg/id/authority/B"


def facts(council: str, framework: str, date: str | None, rank: int | None = None, grade: str | None = None,
          name: str = "") -> InspectionFacts:
    iri = f"https://w3id.org/cskg/id/inspection/{council[-1]}/{framework}/{date}{name}"
    return InspectionFacts(iri, council, framework, date, rank, grade)


def objects(graph, subject: InspectionFacts | str, prop) -> set:
    node = URIRef(subject.iri if isinstance(subject, InspectionFacts) else subject)
    return set(graph.objects(node, prop))


def test_sequence_previous_and_next_leave_board_reviews_out() -> None:
    sif = facts(A, "SIF", "2015-01-05", 3, "requires improvement to be good")
    review = facts(A, "LSCB-review", "2016-03-01", 2, "good")
    ilacs = facts(A, "ILACS-standard", "2019-02-04", 2, "good")
    short = facts(A, "ILACS-short", "2022-06-13", 1, "outstanding")
    g = derive([short, review, ilacs, sif])
    assert [next(iter(objects(g, f, CSKG.sequenceNumber)), None) for f in (sif, review, ilacs, short)] == [
        Literal(1), None, Literal(2), Literal(3)]
    assert objects(g, ilacs, CSKG.previousStoredInspection) == {URIRef(sif.iri)}
    assert objects(g, sif, CSKG.nextStoredInspection) == {URIRef(ilacs.iri)}
    assert objects(g, sif, CSKG.previousStoredInspection) == set()
    # The graded sequence takes every framework, the board review too.
    assert objects(g, ilacs, CSKG.previousGradedInspection) == {URIRef(review.iri)}
    assert objects(g, review, CSKG.overallRank) == {Literal(2)}
    assert objects(g, review, CSKG.inspectionDate) == {Literal("2016-03-01", datatype=XSD.date)}


def test_latest_per_council_and_family() -> None:
    old = facts(A, "ILACS-standard", "2018-01-08", 4, "inadequate")
    new = facts(A, "ILACS-short", "2021-05-10", 3, "requires improvement to be good")
    jar = facts(A, "JAR", "2023-01-09")  # no overall grade
    other = facts(B, "SIF", "2014-01-06", 2, "good")
    g = derive([jar, new, other, old])
    assert objects(g, A, CSKG.latestInspection) == {URIRef(jar.iri)}
    assert objects(g, A, CSKG.latestGradedInspection) == {URIRef(new.iri)}
    assert objects(g, B, CSKG.latestInspection) == {URIRef(other.iri)}
    assert {s for s in g.subjects(CSKG.latestOfFamily, Literal(True))} == {URIRef(f.iri) for f in (new, jar, other)}
    assert objects(g, new, CSKG.frameworkFamily) == {Literal("ILACS")}
    assert objects(g, jar, CSKG.overallRank) == set()


def test_same_day_inspections_share_their_previous_and_latest_is_broken_by_iri() -> None:
    first = facts(A, "SIF", "2014-01-06", 3, "requires improvement to be good")
    one = facts(A, "ILACS-standard", "2019-02-04", 2, "good", name="a")
    two = facts(A, "ILACS-standard", "2019-02-04", 4, "inadequate", name="b")
    later = facts(A, "ILACS-short", "2022-06-13", 2, "good")
    undated = facts(A, "LAC", None, 1, "outstanding")
    g = derive([later, two, first, one, undated])
    assert objects(g, one, CSKG.previousStoredInspection) == objects(g, two, CSKG.previousStoredInspection) == {
        URIRef(first.iri)}
    assert objects(g, first, CSKG.nextStoredInspection) == {URIRef(one.iri), URIRef(two.iri)}
    # Of two graded inspections on one day, the worse grade is the previous one; of two stored, the greater IRI.
    assert objects(g, later, CSKG.previousGradedInspection) == {URIRef(two.iri)}
    assert objects(g, later, CSKG.previousStoredInspection) == {URIRef(two.iri)}
    # An undated inspection is the earliest: never latest, first in the sequence, linked to nothing.
    assert objects(g, undated, CSKG.sequenceNumber) == {Literal(1)}
    assert objects(g, undated, CSKG.previousStoredInspection) == objects(g, undated, CSKG.nextStoredInspection) == set()
    assert objects(g, A, CSKG.latestGradedInspection) == {URIRef(later.iri)}


def test_latest_judgement_per_area_comes_from_the_latest_inspection_that_graded_it() -> None:
    """The map's facts: per area, the judgement of the latest dated inspection grading it, the worse of two."""
    from dataclasses import replace

    j = "https://w3id.org/cskg/id/judgement/"
    sif = replace(facts(A, "SIF", "2015-01-05"), judgements=(
        ("overall-effectiveness", 3, j + "sif-overall"), ("adoption", 2, j + "sif-adoption")))
    ilacs = replace(facts(A, "ILACS-standard", "2019-02-04"), judgements=(
        ("overall-effectiveness", 2, j + "ilacs-overall"), ("care-leavers", 1, j + "ilacs-leavers-a"),
        ("care-leavers", 3, j + "ilacs-leavers-b")))
    undated = replace(facts(A, "LAC", None), judgements=(("overall-effectiveness", 1, j + "lac-overall"),))
    g = derive([ilacs, undated, sif])
    assert objects(g, A, CSKG.latestJudgement) == {
        URIRef(j + "ilacs-overall"), URIRef(j + "sif-adoption"), URIRef(j + "ilacs-leavers-b")}


def test_the_maps_grades_from_the_derived_graph_are_those_of_every_judgement(corpus_store) -> None:
    """Up to today the home page reads each council's latest grade in an area from the derived graph; computed
    from every judgement instead, the map of every area is the same."""
    from datetime import date

    from cskg.api import lookups
    from cskg.api.pages import home

    store, today = corpus_store.store, date.today()
    areas = home.graded_areas(store)
    assert len(areas) > 20
    for area in areas:
        rows = lookups.named_query("judgements").run(store, {"area": area}).as_dicts()
        every = home._latest_in_area(rows, area, today.isoformat())
        derived = home.latest_grades(store, area, today)
        assert {code: (when, row["grade"], row["grade_rank"], row["framework"], row["source"])
                for code, (when, row) in derived.items()} == {
            code: (when, row["grade"], row["grade_rank"], row["framework"], row["source"])
            for code, (when, row) in every.items()}, area


def test_a_shared_bodys_ties_keep_one_piece_of_evidence_each_report_sentences_first() -> None:
    """Each council's tie to a body shows its first report sentence (by file, page, sentence), a reference-list
    source only where no report states it; a body only one council is tied to is not shared."""
    from types import SimpleNamespace

    from cskg.graph.derived import read_ties

    body, lonely, a, b = "id/body/lscb/A+B", "id/body/lscb/A", "id/authority/A", "id/authority/B"
    rows = ((body, a, "x/2016.pdf", 9, "Second sentence.", None), (body, a, "x/2016.pdf", 3, "First.", None),
            (body, a, None, None, None, "a council decision"), (body, b, None, None, None, "a council decision"),
            (lonely, a, "x/2016.pdf", 3, "Its own board.", None))
    ties = {(t.body, t.council): t for t in read_ties(SimpleNamespace(select=lambda query: SimpleNamespace(rows=rows)))}
    assert set(ties) == {(body, a), (body, b)}
    assert (ties[body, a].source, ties[body, a].page, ties[body, a].evidence) == ("x/2016.pdf", 3, "First.")
    assert (ties[body, b].source, ties[body, b].page, ties[body, b].evidence) == (
        "reference list: a council decision", None, "")


def test_derived_graph_of_the_fixture_reports(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("cskg_test_api_records",
                                                  Path(__file__).with_name("test_api_records.py"))
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    store = fixtures.build_store(None)
    assert str(DERIVED_GRAPH) in store.graphs()
    rows = store.select("""PREFIX cskg: <https://w3id.org/cskg/ontology#>
        SELECT ?code ?date ?rank ?number ?combined WHERE {
          ?i cskg:inspectedAuthority/cskg:gssCode ?code ; cskg:inspectionDate ?date ; cskg:overallRank ?rank ;
             cskg:sequenceNumber ?number .
          OPTIONAL { ?i cskg:combinedCareJudgement ?combined }
        } ORDER BY ?code ?date""").rows
    assert rows == (("E06000021", "2016-01-11", 2, 1, None), ("E06000021", "2022-02-21", 4, 2, True),
                    ("E10000007", "2021-06-14", 2, 1, True), ("E10000028", "2017-02-06", 3, 1, None),
                    ("E10000028", "2023-11-06", 2, 2, None))
    assert refresh_derived(store) is False  # unchanged: not written again


@pytest.fixture(scope="module")
def corpus_index(corpus_store) -> TextIndex:
    index = TextIndex()
    index.sync(corpus_store.store)
    return index


def test_rewritten_queries_return_the_rows_of_the_queries_before(corpus_store, corpus_index) -> None:
    """Every named query over the derived graph gives exactly the rows its former text (tests/data/queries_before,
    computing everything per request) gives, in the same order where it has an ORDER BY."""
    store = corpus_store.store
    checked = 0
    for name, params in query_cases.cases(store):
        before = parse_query_file(query_cases.BEFORE_DIR / f"{name}.rq").run(store, params, corpus_index)
        now = load_query(name).run(store, params, corpus_index)
        assert now.variables == before.variables, name
        if "ORDER BY" in load_query(name).sparql:
            assert now.rows == before.rows, (name, params)
        else:
            assert sorted(map(repr, now.rows)) == sorted(map(repr, before.rows)), (name, params)
        checked += bool(now.rows)
    assert checked > 300


def test_the_derived_graph_conforms_to_its_shapes() -> None:
    from pyshacl import validate

    from cskg.graph.validate import shapes_graph

    first = facts(A, "SIF", "2015-01-05", 3, "requires improvement to be good")
    graph = derive([first, facts(A, "ILACS-standard", "2019-02-04", 2, "good"), facts(B, "JAR", None)])
    conforms, _, _ = validate(graph, shacl_graph=shapes_graph())
    assert conforms
    graph.add((URIRef(first.iri), CSKG.overallRank, Literal(7)))  # a second rank, and off the scale
    graph.add((URIRef(A), CSKG.latestInspection, URIRef(first.iri)))  # a second latest
    conforms, results, _ = validate(graph, shacl_graph=shapes_graph())
    assert not conforms
    focus = {str(o) for o in results.objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode"))}
    assert focus == {first.iri, A}
