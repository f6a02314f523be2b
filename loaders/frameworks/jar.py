"""Joint area reviews (JAR), 2005-2009.

A JAR grades the five Every Child Matters outcomes and the management of local services, and the
council's and health services' contribution, in a "Grades" table whose columns are who is graded
(local services overall, council services, health services) and whose cells print JAR's own
scale: 4 = outstanding .. 1 = inadequate. Judgement.grade is the word, printed_grade the number.
A row graded in more than one column (capacity to improve) gives one judgement per column; the
second and later carry the column as a prefix (`council-capacity-to-improve`).
Recommendations sit under "For immediate action", "For action over the next six months" and
"For action in the longer term". Annex B repeats the social care recommendations in full and is
not read as further recommendations (its paragraphs are still findings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from cskg.loaders.authorities import Authority, authority_index
from cskg.loaders.document import Block, Document, PrintedLine
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.parsing import clean_text, labelled_date, numbered_findings, parse_date_range
from cskg.loaders.plausibility import Expectations
from cskg.loaders.recommendations import find_lists, timescale_of
from cskg.loaders.records import Evidence, Finding, Judgement, Recommendation, ReportRecord, ReportWarning
from cskg.loaders.previous import previous_inspections
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

NOTATION = "JAR"
GRADES = {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4}
# A JAR prints 4 = outstanding … 1 = inadequate: the label is the word, the printed grade the number.
JAR_PRINTED = {"4": "outstanding", "3": "good", "2": "adequate", "1": "inadequate"}
EXPECTED = Expectations(first_year=2005, last_year=2009, overall_areas=(), continuous_numbering=False)
_TITLE = re.compile(r"^\W*joint\s+area\s+review\b", re.I)

# Row labels as printed (normalised by _key) -> area notation; ontology/areas-jar.ttl defines them.
AREAS: dict[str, str] = {
    "being healthy": "being-healthy",
    "staying safe": "staying-safe",
    "enjoying and achieving": "enjoying-and-achieving",
    "making a positive contribution": "making-a-positive-contribution",
    "achieving economic well being": "achieving-economic-well-being",
    "economic well being": "achieving-economic-well-being",
    "service management": "service-management",
    "capacity to improve": "capacity-to-improve",
    "childrens services": "childrens-services",
    "education service": "education-service",
    "education services": "education-service",
    "social care services for children": "social-care-services",
    "childrens social care services": "social-care-services",
    "health service for children": "health-service",
    "health services for children": "health-service",
    "safeguarding": "safeguarding",
    "looked after children": "looked-after-children",
    "learning difficulties and or disabilities": "learning-difficulties-and-disabilities",
    "learning difficulties and disabilities": "learning-difficulties-and-disabilities",
}
# The columns every JAR grades table prints, for a table whose header row could not be read.
_PRINTED_COLUMNS = ("", "Local services overall", "Council services", "Health services")
# Column headings of the grades table -> prefix a row's second and later grades carry.
_COLUMNS = (("council", "council"), ("health", "health"), ("local", "local"))


def detect(doc: Document) -> str | None:
    """A JAR names itself in its first lines ("Joint area review"); later reports mention earlier
    JARs only in their body."""
    return NOTATION if any(_TITLE.match(block.text) for block in doc.first_page_blocks[:6]) else None


def _key(label: str) -> str:
    text = label.lower().replace("-", " ").replace("/", " ").replace("’", "'")
    text = re.sub(r"[^a-z' ]+", " ", text).replace("'", "")
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def area_of(label: str) -> str | None:
    return AREAS.get(_key(label))


def _column_prefix(header: str) -> str:
    key = header.lower()
    return next((prefix for word, prefix in _COLUMNS if word in key), re.sub(r"[^a-z]+", "-", key).strip("-"))


# A grades row whose tabs the extraction lost: "Capacity to improve 2 2".
_LINE_ROW = re.compile(r"^(?P<label>[A-Za-z][A-Za-z'’ ,/-]+?)\s+(?P<grades>[1-4](?:\s+[1-4]){0,2})$")


def _rows_of(block: Block) -> list[tuple[PrintedLine, tuple[str, ...] | None]]:
    """Each printed line of a block with the cells of the grades row it is (None when it is none): a table
    row's cells; a tab-less line ("Staying safe 1") gives its grades in column order."""
    if block.kind == "table_row":
        return [(block.lines[0], block.cells)]
    rows: list[tuple[PrintedLine, tuple[str, ...] | None]] = []
    for line in block.lines:
        match = _LINE_ROW.match(line.text)
        rows.append((line, (match["label"], *match["grades"].split()) if match else None))
    return rows


def _grade_rows(blocks: Sequence[Block]) -> list[tuple[PrintedLine, tuple[str, ...]]]:
    """The rows after the 'Grades' heading, up to the first line that is not a row."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and re.fullmatch(r"grades(?:\s+awarded)?:?", block.text, re.I):
            rows: list[tuple[PrintedLine, tuple[str, ...]]] = []
            # line by line: a tab-less table reads as a paragraph whose lines are its rows
            for line, cells in (row for later in blocks[index + 1:] for row in _rows_of(later)):
                if cells is None:
                    if rows:
                        break
                    continue
                rows.append((line, cells))
            if rows:
                return rows
    return []


def _judgements(doc: Document, blocks: Sequence[Block], warnings: list[ReportWarning]) -> list[Judgement]:
    rows = _grade_rows(blocks)
    if not rows:
        warnings.append(ReportWarning("no-judgement-table", "no grades table found after a 'Grades' heading"))
        return []
    columns: tuple[str, ...] = _PRINTED_COLUMNS
    header_read = False
    judgements: dict[str, Judgement] = {}
    for unit, cells in rows:
        graded = [(i, c) for i, c in enumerate(cells) if i > 0 and c in JAR_PRINTED]
        if not graded:
            if not header_read and any(c for c in cells[1:]):
                columns, header_read = cells, True
            continue
        label = clean_text(cells[0])
        base = area_of(label)
        if base is None:
            base = re.sub(r"[^a-z]+", "-", _key(label)).strip("-")
            warnings.append(ReportWarning("unrecognised-section",
                                          f"JAR grades row not among the known areas, kept as {base}: {label!r}"))
        for position, (column, printed) in enumerate(graded):
            header = columns[column] if column < len(columns) else ""
            area = base if position == 0 else f"{_column_prefix(header)}-{base}"
            area_label = label if position == 0 or not header else f"{label} ({header})"
            if area in judgements:
                warnings.append(ReportWarning("duplicate-judgement", f"JAR grade for {area} printed twice; first kept"))
                continue
            grade = JAR_PRINTED[printed]
            evidence = Evidence(quote=unit.text, start=unit.start, end=unit.end, page=doc.page_at(unit.start),
                                section="Grades")
            judgements[area] = Judgement(area, area_label, grade, GRADES[grade], evidence,
                                         printed_grade=printed)
    return list(judgements.values())


def _authority(units: Sequence[Block], path: str) -> Authority:
    index = authority_index()
    title = next((i for i, u in enumerate(units[:10]) if _TITLE.match(u.text)), 0)
    for unit in units[title:title + 4]:
        found = index.find_in(unit.text)
        if found:
            return found
    raise RejectedInput(path, "joint area review without a council name under its title; check the first "
                              "page names the area (e.g. 'Stoke-on-Trent Children's Services Authority Area')")


def _body(doc: Document) -> tuple[Block, ...]:
    return tuple(block for block in doc.blocks if block.kind != "footnote")


def _context(units: Sequence[Block]) -> list[tuple[str | None, str | None]]:
    context: list[tuple[str | None, str | None]] = []
    section: str | None = None
    area: str | None = None
    for unit in units:
        if unit.kind == "heading" and not timescale_of(unit.text):
            section, area = unit.text, area_of(unit.text)
        context.append((section, area))
    return context


_REVIEW_SENTENCE = re.compile(r"\b(?:review|fieldwork|inspection)\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(\d{1,2}(?:\s+[A-Za-z]+)?(?:\s+\d{4})?)\s+and\s+", re.I)


def _review_dates(units: Sequence[Block]) -> tuple[date, date] | None:
    """JARs print the fieldwork dates in the introduction when at all ('The review took place …')."""
    for unit in units:
        if unit.kind == "heading" and re.match(r"(?:context|summary report)$", unit.text, re.I):
            break
        if re.search(r"(?:inspection|review)\s+dates?:", unit.text, re.I) or (
                unit.kind in ("numbered", "paragraph") and _REVIEW_SENTENCE.search(unit.text)):
            # "between 10 and 21 October 2005" is a range parse_date_range reads as "10 to 21 …"
            dates = parse_date_range(_BETWEEN.sub(r"\1 to ", unit.text))
            if dates:
                return dates
    return None


def _not_recommendations(findings: tuple[Finding, ...], recommendations: tuple[Recommendation, ...]) -> tuple[Finding, ...]:
    """The numbered paragraphs that are not recommendations (a JAR numbers both in one sequence)."""
    spans = [(r.evidence.start, r.evidence.end) for r in recommendations]
    return tuple(f for f in findings if not any(start <= f.evidence.start < end for start, end in spans))


def parse(doc: Document, source: str) -> ReportRecord:
    units = _body(doc)
    authority = _authority(units, doc.path)
    warnings: list[ReportWarning] = []
    dates = _review_dates(units)
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "the review dates are not printed in the report"))
    published = labelled_date(units, r"\bpublished\b", limit=4000)
    # Annex B's "Full recommendations for children's social care" are recommendations of their own
    recommendations = find_lists(doc, re.compile(r"^recommendations$", re.I), kind="recommendation")
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=f"Joint area review: {authority.name}", page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=published, inspectors=inspection_team(doc), judgements=tuple(_judgements(doc, units, warnings)),
        recommendations=recommendations,
        findings=_not_recommendations(numbered_findings(doc, units, _context(units)), recommendations),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )


FRAMEWORK = Framework(notations=(NOTATION,), family=NOTATION, grades=GRADES, areas=tuple(dict.fromkeys(AREAS.values())),
                      expected=EXPECTED, detect=detect, parse=parse)
