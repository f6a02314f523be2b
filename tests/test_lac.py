"""Looked after children inspection (2012-13) parser, on the one such report in the corpus."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from cskg.loaders.frameworks import detect, lac, sif
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord
from tests.conftest import CORPUS, seed

SANDWELL = CORPUS / "sandwell" / "2013-08-02.pdf"


@lru_cache(maxsize=1)
def _sandwell() -> ReportRecord:
    return lac.parse(read_document(SANDWELL), SANDWELL.name)


def test_detects_only_looked_after_children_inspections() -> None:
    assert lac.detect(read_document(SANDWELL)) == "LAC"
    assert detect(read_document(SANDWELL))[0] == "LAC"
    assert sif.detect(read_document(SANDWELL)) is None
    for number in ("000", "003", "004"):  # SLAC reports mention looked after children services too
        assert lac.detect(read_document(seed(number))) is None


def test_sandwell_facts() -> None:
    record = _sandwell()
    assert record.framework == "LAC"
    assert record.authority_code == "E08000028"
    assert (record.inspection_start, record.inspection_end) == (date(2013, 6, 24), date(2013, 6, 28))
    assert record.published == date(2013, 8, 2)
    assert record.lead_inspector == "Christopher Sands"
    assert record.warnings == ()


def test_sandwell_judgements_from_the_record_of_main_findings() -> None:
    record = _sandwell()
    assert {j.area: (j.grade, j.rank) for j in record.judgements} == {
        "overall-effectiveness": ("inadequate", 4), "capacity-to-improve": ("adequate", 3),
        "outcomes": ("adequate", 3), "quality-of-provision": ("inadequate", 4),
        "leadership-and-management": ("inadequate", 4)}
    assert {j.evidence.section for j in record.judgements} == {"Record of main findings"}
    assert {j.evidence.page for j in record.judgements} == {24}


def test_sandwell_areas_for_improvement_with_timescales() -> None:
    recs = _sandwell().recommendations
    assert [r.number for r in recs] == list(range(1, 19))
    assert [r.timescale for r in recs] == ["immediately"] * 8 + ["within-three-months"] * 8 + \
        ["within-six-months"] * 2
    assert recs[0].text.startswith("Ensure that a clear plan is in")
    assert recs[0].text.endswith("support practice improvements")
    assert {r.kind for r in recs} == {"area-for-improvement"}


def test_sandwell_findings_numbered_with_sections() -> None:
    findings = _sandwell().findings
    assert [f.paragraph for f in findings] == list(range(1, 86))
    area = {f.paragraph: f.area for f in findings}
    assert area[13] == "overall-effectiveness"
    assert area[22] == "capacity-to-improve"
    assert area[29] == "outcomes"
    assert area[85] == "leadership-and-management"
    assert findings[12].evidence.page == 7
    assert not findings[1].text.endswith("what they")  # the next heading is not part of paragraph 2


def test_area_notations_match_the_vocabulary() -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS

    from cskg.graph.namespaces import area_uri

    graph = Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "areas-lac.ttl")
    for area in lac.AREAS:
        assert (area_uri("LAC", area), SKOS.notation, None) in graph
    assert {str(o) for o in graph.objects(None, SKOS.notation)} - {"LAC"} == set(lac.AREAS)
    assert (URIRef(area_uri("LAC", "overall-effectiveness")), SKOS.inScheme, None) in graph
