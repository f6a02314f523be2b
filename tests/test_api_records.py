"""Hand-built ReportRecords of three councils across frameworks: the data the API, query and CLI tests serve.

They do not depend on any framework parser. Other test modules load this file by path (test modules
are not importable by name under --import-mode=importlib).

Staffordshire (E10000028): SIF 2017 requires improvement -> ILACS-standard 2023 good (improved).
Stoke-on-Trent (E06000021): SIF 2016 good -> ILACS-standard 2022 inadequate, pre-2023 combined judgement.
Derbyshire (E10000007, Staffordshire's 6th statistical neighbour): ILACS-short 2021, combined judgement.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cskg.graph.ingest import ensure_base_graphs, refresh_derived
from cskg.graph.mapping import map_record
from cskg.graph.validate import validate_graph
from cskg.graph.stores import OxigraphStore
from cskg.loaders.parsing import normalise_grade
from cskg.loaders.records import (
    Evidence, Finding, Inspector, Judgement, Member, OrganisationMention, Recommendation, ReportRecord,
)

STAFFS, STOKE, DERBYS = "E10000028", "E06000021", "E10000007"


class _Text:
    """Fake report text: every fact gets its own span, so evidence offsets are distinct and ordered."""

    def __init__(self) -> None:
        self.offset = 0

    def evidence(self, quote: str, page: int = 1, paragraph: int | None = None,
                 section: str | None = None, at: int | None = None) -> Evidence:
        start = self.offset if at is None else at
        if at is None:
            self.offset += len(quote) + 2
        return Evidence(quote, start, start + len(quote), page, paragraph, section)


def _judgements(text: _Text, framework: str, grades: dict[str, str]) -> tuple[Judgement, ...]:
    out = []
    for area, printed in grades.items():
        label, rank = normalise_grade(printed, framework)
        out.append(Judgement(area, area.replace("-", " ").capitalize(), label, rank,
                             text.evidence(f"{area}: {printed}", page=1)))
    return tuple(out)


def _record(framework: str, code: str, name: str, start: date, end: date, published: date, lead: str,
            grades: dict[str, str], recommendations: tuple[tuple[str, str | None], ...] = (),
            findings: tuple[tuple[str, str | None], ...] = (), bodies: tuple[tuple[str, str, str], ...] = (),
            ) -> ReportRecord:
    text = _Text()
    judgements = _judgements(text, framework, grades)
    recs = tuple(Recommendation(n, body, text.evidence(body, page=2), timescale=timescale)
                 for n, (body, timescale) in enumerate(recommendations, start=1))
    found = []
    mentions = []
    for paragraph, (body, area) in enumerate(findings, start=1):
        evidence = text.evidence(body, page=3, paragraph=paragraph, section="Findings")
        found.append(Finding(paragraph, body, evidence, area))
        for board, kind, abbreviation in bodies:
            at = body.find(abbreviation)
            if at >= 0:  # the mention quotes the board's abbreviation inside this finding's paragraph
                mentions.append(OrganisationMention(
                    board, kind, Evidence(abbreviation, evidence.start + at, evidence.start + at + len(abbreviation),
                                          3, paragraph, "Findings"),
                    key=f"{kind}/{code}", abbreviation=abbreviation, members=(Member(code, "member"),)))
    sha = f"{code}{framework}{start.isoformat()}".encode().hex().ljust(64, "0")[:64]
    return ReportRecord(
        source=f"{name.lower()}/{published.isoformat()}.pdf", sha256=sha, media_type="application/pdf",
        framework=framework, authority_code=code, authority_name=name, title=f"Inspection of {name}",
        page_count=12, inspection_start=start, inspection_end=end, published=published,
        inspectors=(Inspector(lead, "lead", "HMI"), Inspector("Team Member", "team")),
        judgements=judgements, recommendations=recs, findings=tuple(found), organisations=tuple(mentions))


def records() -> list[ReportRecord]:
    return [
        _record("SIF", STAFFS, "Staffordshire", date(2017, 2, 6), date(2017, 3, 2), date(2017, 4, 20),
                "Jansy Kelly",
                {"overall-effectiveness": "Requires improvement", "help-and-protection": "Requires improvement",
                 "children-looked-after": "Requires improvement", "care-leavers": "Good",
                 "leadership-management-governance": "Requires improvement"},
                recommendations=(("Improve the timeliness of assessments.", None),),
                findings=(("Thresholds are understood by partners.", "help-and-protection"),)),
        _record("ILACS-standard", STAFFS, "Staffordshire", date(2023, 11, 6), date(2023, 11, 17),
                date(2024, 1, 10), "Alison Smale",
                {"overall-effectiveness": "Good", "impact-of-leaders": "Good",
                 "help-and-protection": "Requires improvement to be good", "children-in-care": "Good",
                 "care-leavers": "Outstanding"},
                recommendations=(("Strengthen management oversight and supervision of social workers.",
                                  "within-six-months"),
                                 ("Improve the quality of pathway plans for care leavers.", None)),
                findings=(("The SSCP has improved multi-agency training on neglect.", "help-and-protection"),
                          ("Children in care live in stable homes.", "children-in-care"),
                          ("Leaders know their services well.", None)),
                bodies=(("Staffordshire Safeguarding Children Partnership", "safeguarding-partnership",
                         "SSCP"),)),
        _record("SIF", STOKE, "Stoke-on-Trent", date(2016, 1, 11), date(2016, 2, 4), date(2016, 3, 15),
                "Nick Stacey",
                {"overall-effectiveness": "Good", "help-and-protection": "Good",
                 "children-looked-after": "Good", "care-leavers": "Requires improvement"}),
        _record("ILACS-standard", STOKE, "Stoke-on-Trent", date(2022, 2, 21), date(2022, 3, 4),
                date(2022, 4, 26), "Nick Stacey",
                {"overall-effectiveness": "Inadequate", "impact-of-leaders": "Inadequate",
                 "help-and-protection": "Inadequate",
                 "children-in-care-and-care-leavers": "Requires improvement to be good"},
                recommendations=(("Ensure that supervision addresses drift and delay for children.",
                                  "immediately"),),
                findings=(("Too many children experience neglect for too long.", "help-and-protection"),)),
        _record("ILACS-short", DERBYS, "Derbyshire", date(2021, 6, 14), date(2021, 6, 18), date(2021, 7, 30),
                "Lisa Summers",
                {"overall-effectiveness": "Good", "impact-of-leaders": "Good", "help-and-protection": "Good",
                 "children-in-care-and-care-leavers": "Outstanding"}),
    ]


def build_store(path: Path | None) -> OxigraphStore:
    """An Oxigraph store (on disk at `path`, or in memory) holding the vocabulary, the authorities and the
    fixture reports, one named graph each."""
    store = OxigraphStore(path)
    ensure_base_graphs(store)
    for record in records():
        mapped = map_record(record)
        store.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
    refresh_derived(store)  # as ingest does after its writes
    store.flush()
    return store


def test_records_map_to_one_graph_each() -> None:
    keys = {map_record(r).key for r in records()}
    assert keys == {
        "E10000028/SIF/2017-02-06", "E10000028/ILACS-standard/2023-11-06", "E06000021/SIF/2016-01-11",
        "E06000021/ILACS-standard/2022-02-21", "E10000007/ILACS-short/2021-06-14"}


def test_fixture_grades_are_on_the_framework_scales() -> None:
    stoke = records()[3]
    assert [(j.area, j.grade, j.rank) for j in stoke.judgements] == [
        ("overall-effectiveness", "inadequate", 4), ("impact-of-leaders", "inadequate", 4),
        ("help-and-protection", "inadequate", 4),
        ("children-in-care-and-care-leavers", "requires improvement to be good", 3)]


def test_fixture_graphs_conform_to_the_shapes() -> None:
    for record in records():
        result = validate_graph(map_record(record).graph)
        assert result.conforms, (record.source, result.violations)
