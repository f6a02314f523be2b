"""Field-level truth (tests/data/field_truth/*.json), read from the reports by people, and how well what
cskg extracts agrees with it, field by field. The format is tests/data/field_truth/FORMAT.md: per report
every numbered finding (number, page, first words), every recommendation (page, kind, first words, how many
dash or lettered sub-points it holds), the inspection team, the earlier inspections it names (date with the
precision printed, framework, grade) and its local statistics (measure, value, unit).

Each field is scored as precision (the share of what cskg extracts that the truth holds) and recall (the
share of the truth that cskg extracts):
- findings: a finding matches a truth paragraph with the same number, page and first words;
- recommendations: the longest common subsequence of the two lists in printed order, items equal when
  page, kind and first words agree and the item's text spans as many sub-points as the truth counts (so a
  sub-point read as an item of its own costs precision, and its parent's match);
- team: (lead, name) and (member, name) pairs;
- previous inspections: (date at its stated precision, framework, grade) triples, the framework compared
  where the truth names one;
- statistics: (measure, value, unit) triples.
Used by tests/test_field_truth.py and bench/field_accuracy.py.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cskg.loaders import load_records
from cskg.loaders.document import Document
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord
from cskg.loaders.report_parts import parts

TRUTH_DIR = Path(__file__).resolve().parent / "data" / "field_truth"
FIELDS = ("findings", "recommendations", "team", "previous_inspections", "statistics")
QUOTE_WORDS = 6  # the most words of report text a truth item may hold
_WORDS_COMPARED = 5  # leading words of an item compared (a truth quote may be shorter)


def shared_dir() -> Path:
    root = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("CSKG_SHARED", root.parent / "shared")).resolve()


@dataclass(frozen=True)
class Truth:
    name: str  # the truth file's name
    data: dict

    @property
    def file(self) -> str:
        return self.data["file"]

    @property
    def source(self) -> str:
        """The name cskg records for the file: relative to corpus/reports, a seed as seeds/NAME."""
        return self.file.removeprefix("corpus/reports/")

    @property
    def path(self) -> Path:
        return shared_dir() / self.file


def truths() -> list[Truth]:
    return [Truth(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(TRUTH_DIR.glob("*.json"))]


def quotes(truth: Truth) -> Iterable[str]:
    """Every piece of report text the truth holds."""
    data = truth.data
    for key in ("findings", "recommendations", "previous_inspections"):
        for item in data.get(key) or ():
            if item.get("words"):
                yield item["words"]


def words(text: str) -> list[str]:
    """Lower-case words without punctuation: 'Children’s services' -> ['childrens', 'services']."""
    return re.findall(r"[a-z0-9]+", re.sub(r"['’‘`]", "", text.lower()))


def starts_with(text: str, quote: str) -> bool:
    expected = words(quote)[:_WORDS_COMPARED]
    return bool(expected) and words(text)[:len(expected)] == expected


# A dash, bullet or other mark (not a quotation mark or bracket), or a letter/roman marker, opening a line
# inside an item: "– ensure", "̶ ensure", "(a) ensure", "b. ensure"
_SUBPOINT = re.compile(r"^[ \t]*(?:[^\w\s‘’'\"“”(\[]{1,2}|\(?(?:[a-h]|i{1,3}|iv|vi{0,3})[.)])[ \t]+\S", re.M)


def subpoints_in(doc: Document | None, start: int, end: int) -> int:
    """How many sub-points open a line of the report text between start and end, the item's first line
    excepted (a bulleted item's own marker)."""
    if doc is None:
        return 0
    text = doc.text[start:end]
    first_line_end = text.find("\n")
    return 0 if first_line_end < 0 else len(_SUBPOINT.findall(text[first_line_end + 1:]))


@dataclass
class Score:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    files: int = 0
    misses: list[str] = field(default_factory=list)  # truth items not extracted
    extras: list[str] = field(default_factory=list)  # extracted items the truth lacks

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected
        self.files += other.files
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _multiset_score(expected: Sequence[tuple], extracted: Sequence[tuple], where: str) -> Score:
    want, got = Counter(expected), Counter(extracted)
    common = want & got
    return Score(sum(common.values()), len(extracted), len(expected), 1,
                 [f"{where}: {item}" for item in (want - common).elements()],
                 [f"{where}: {item}" for item in (got - common).elements()])


def _page(page: int | None, offset: int) -> int | None:
    return page + offset if page is not None else None


def score_findings(truth: dict, record: ReportRecord, where: str, offset: int = 0) -> Score:
    expected = list(truth["findings"])  # a number may be printed twice (an annex numbers its own)
    matched = 0
    extras: list[str] = []
    for finding in record.findings:
        item = next((i for i in expected if i["n"] == finding.paragraph and _page(i["page"], offset) ==
                     finding.evidence.page and starts_with(finding.text, i["words"])), None)
        if item is not None:
            matched += 1
            expected.remove(item)
        else:
            extras.append(f"{where}: {finding.paragraph} p{finding.evidence.page} {' '.join(words(finding.text)[:6])}")
    misses = [f"{where}: {i['n']} p{i['page']} {i['words']}" for i in expected]
    return Score(matched, len(record.findings), len(truth["findings"]), 1, misses, extras)


def score_recommendations(truth: dict, record: ReportRecord, doc: Document | None, where: str,
                          offset: int = 0) -> Score:
    want = truth["recommendations"]
    got = record.recommendations

    def same(item: dict, rec) -> bool:
        return (_page(item["page"], offset) == rec.evidence.page and item["kind"] == rec.kind
                and starts_with(rec.text, item["words"])
                and subpoints_in(doc, rec.evidence.start, rec.evidence.end) == item.get("subpoints", 0))

    # longest common subsequence: order matters
    table = [[0] * (len(got) + 1) for _ in range(len(want) + 1)]
    for i in range(len(want) - 1, -1, -1):
        for j in range(len(got) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if same(want[i], got[j]) else max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    misses, extras = [], []
    while i < len(want) or j < len(got):
        if i < len(want) and j < len(got) and same(want[i], got[j]):
            i, j = i + 1, j + 1
        elif j < len(got) and (i == len(want) or table[i][j + 1] >= table[i + 1][j]):
            rec = got[j]
            extras.append(f"{where}: #{rec.number} p{rec.evidence.page} {rec.kind} "
                          f"sub={subpoints_in(doc, rec.evidence.start, rec.evidence.end)} "
                          f"{' '.join(words(rec.text)[:6])}")
            j += 1
        else:
            item = want[i]
            misses.append(f"{where}: p{item['page']} {item['kind']} sub={item.get('subpoints', 0)} {item['words']}")
            i += 1
    return Score(table[0][0], len(got), len(want), 1, misses, extras)


def _name(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def score_team(truth: dict, record: ReportRecord, where: str) -> Score:
    team = truth.get("team") or {}
    expected = [("lead", _name(team["lead"]))] if team.get("lead") else []
    expected += [("member", _name(n)) for n in team.get("members") or ()]
    extracted = [("lead" if i.role == "lead" else "member", _name(i.name)) for i in record.inspectors]
    return _multiset_score(expected, extracted, where)


def _stated(date: object, precision: str | None) -> str | None:
    if date is None:
        return None
    text = date.isoformat()  # type: ignore[attr-defined]
    return text[:4] if precision == "year" else text[:7] if precision == "month" else text


def score_previous(truth: dict, record: ReportRecord, where: str) -> Score:
    """A mention with neither date nor grade ("since the last inspection") states nothing to store and is
    not scored. The framework is compared where the truth names one: a report rarely names it, and cskg
    names it from the date where one framework alone was in use then."""
    expected = [(p["date"], p.get("framework"), (p.get("grade") or None) and p["grade"].lower())
                for p in truth["previous_inspections"] if p.get("date") or p.get("grade")]
    extracted = [(_stated(p.date, p.precision), p.framework, p.grade) for p in record.previous_inspections]
    left = list(extracted)
    misses = []
    for item in expected:
        found = next((e for e in left if e[0] == item[0] and e[2] == item[2] and item[1] in (None, e[1])), None)
        if found is None:
            misses.append(f"{where}: {item}")
        else:
            left.remove(found)
    return Score(len(expected) - len(misses), len(extracted), len(expected), 1, misses,
                 [f"{where}: {item}" for item in left])


def score_statistics(truth: dict, record: ReportRecord, where: str) -> Score:
    expected = [(s["measure"], round(float(s["value"]), 1), s["unit"]) for s in truth["statistics"]]
    extracted = [(s.measure, round(s.value, 1), s.unit) for s in record.statistics]
    return _multiset_score(expected, extracted, where)


def score_record(truth: dict, record: ReportRecord, doc: Document | None, where: str,
                 offset: int = 0) -> dict[str, Score]:
    """Each field's score of one record against its truth; `offset` is added to the truth's pages (a
    report that is the second part of a file)."""
    return {
        "findings": score_findings(truth, record, where, offset),
        "recommendations": score_recommendations(truth, record, doc, where, offset),
        "team": score_team(truth, record, where),
        "previous_inspections": score_previous(truth, record, where),
        "statistics": score_statistics(truth, record, where),
    }


def read(path: Path, source: str) -> tuple[tuple[ReportRecord, ...], list[Document]]:
    """The records of a file and the Document of each report it holds."""
    return load_records(path, source), parts(read_document(path))


def score_truth(truth: Truth) -> dict[str, Score]:
    """One truth file against what cskg extracts from its report (runs in a worker process)."""
    records, docs = read(truth.path, truth.source)
    if len(records) != 1:
        raise AssertionError(f"{truth.file}: {len(records)} reports read, the truth describes one")
    return score_record(truth.data, records[0], docs[0], truth.source)


def total(scores: Iterable[dict[str, Score]]) -> dict[str, Score]:
    summed = {name: Score() for name in FIELDS}
    for score in scores:
        for name in FIELDS:
            summed[name].add(score[name])
    return summed


def table(summed: dict[str, Score]) -> str:
    rows = [f"{'field':<22}{'files':>6}{'truth':>7}{'read':>7}{'agree':>7}{'precision':>11}{'recall':>8}"]
    rows += [f"{name:<22}{s.files:>6}{s.expected:>7}{s.extracted:>7}{s.matched:>7}{s.precision:>11.1%}{s.recall:>8.1%}"
             for name, s in summed.items()]
    return "\n".join(rows)
