"""Safeguarding and looked after children (SLAC) inspections, 2009-2012.

A SLAC report judges two services, each with the same kinds of judgements: safeguarding services,
and services for looked after children. Its "Record of main findings" table lists every graded
judgement under those two headings; the same grades are printed again beside the section
headings ("Grade 3 (adequate)"), but not for every judgement, so the table is the source and the
headings are used only when a report has no table. Area notations carry the service as a prefix
(`safeguarding-overall-effectiveness`, `looked-after-overall-effectiveness`), because the labels
repeat; ontology/areas-slac.ttl defines them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cskg.loaders.authorities import Authority, authority_index
from cskg.loaders.document import Block, Document, PrintedLine
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.parsing import (
    GRADE_SUFFIX, blocks_text, clean_text, labelled_date, labelled_text, normalise_grade, numbered_findings,
    parse_date_range,
)
from cskg.loaders.plausibility import Expectations
from cskg.loaders.recommendations import find_lists, timescale_of
from cskg.loaders.records import Evidence, Judgement, ReportRecord, ReportWarning
from cskg.loaders.previous import previous_inspections
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

NOTATION = "SLAC"
EXPECTED = Expectations(first_year=2009, last_year=2012, continuous_numbering=False,
                        overall_areas=("safeguarding-overall-effectiveness",
                                       "looked-after-overall-effectiveness"))
_TITLE = re.compile(r"inspection\s+of\s+safeguarding\s+and\s+looked\s+after\s+children(?:'?s)?\s+services", re.I)

# The two services; the part of an area notation before its judgement.
_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:the\s+inspection\s+outcomes:\s*)?safeguarding\s+services$", re.I), "safeguarding"),
    (re.compile(r"^(?:the\s+inspection\s+outcomes:\s*)?services\s+for\s+looked\s+after\s+children$", re.I),
     "looked-after"),
)
# Sections outside the two services.
_OUTSIDE = re.compile(r"^(?:about this inspection|the inspection judgements|service information|"
                      r"record of main findings|contents)", re.I)

# Judgement labels as printed (normalised by _key) -> area notation after the service prefix.
AREAS: dict[str, str] = {
    "overall effectiveness": "overall-effectiveness",
    "capacity for improvement": "capacity-for-improvement",
    "children and young people are safe": "children-safe",
    "effectiveness of services in taking reasonable steps to ensure that children and young people are safe":
        "children-safe",
    "effectiveness of services in taking reasonable steps to ensure children and young people are safe":
        "children-safe",
    "children and young people feel safe": "children-feel-safe",
    "effectiveness of services in taking reasonable steps to ensure that children and young people feel safe":
        "children-feel-safe",
    "effectiveness of services in helping to ensure that children and young people feel safe":
        "children-feel-safe",
    "children and young people are safe and feel safe": "children-safe-and-feel-safe",
    "quality of provision": "quality-of-provision",
    "service responsiveness": "service-responsiveness",
    "service responsiveness including complaints": "service-responsiveness",
    "assessment and direct work with children": "assessment-and-direct-work",
    "assessment and direct work with children and families": "assessment-and-direct-work",
    "case planning review and recording": "case-planning-review-and-recording",
    "contribution of health agencies to keeping children and young people safe": "health-contribution",
    "leadership and management": "leadership-and-management",
    "ambition and prioritisation": "ambition-and-prioritisation",
    "evaluation including performance management quality assurance and workforce development": "evaluation",
    "performance management and quality assurance": "performance-management-and-quality-assurance",
    "user engagement": "user-engagement",
    "partnerships": "partnerships",
    "partnership working": "partnerships",
    "equality and diversity": "equality-and-diversity",
    "value for money": "value-for-money",
    "looked after children are safeguarded": "children-safeguarded",
    "being healthy": "being-healthy",
    "staying safe": "staying-safe",
    "enjoying and achieving": "enjoying-and-achieving",
    "making a positive contribution": "making-a-positive-contribution",
    "making a positive contribution including user engagement": "making-a-positive-contribution",
    "economic well being": "economic-well-being",
    "achieving economic well being": "economic-well-being",
}


def detect(doc: Document) -> str | None:
    return NOTATION if _TITLE.search(blocks_text(doc.first_page_blocks)) else None


def _key(label: str) -> str:
    text = GRADE_SUFFIX.sub("", label).lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"[^a-z:' ]+", " ", text).replace("'", "")
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def area_of(label: str) -> str | None:
    """The notation (without service prefix) of a judgement label, heading or table row label."""
    key = _key(label)
    if key in AREAS:
        return AREAS[key]
    if ":" in key:  # "Children and young people are safe: effectiveness of services in …"
        head, _, tail = key.partition(":")
        return AREAS.get(head.strip()) or AREAS.get(tail.strip())
    return None


def _part_of(label: str) -> str | None:
    text = clean_text(GRADE_SUFFIX.sub("", label)).rstrip(":")
    return next((part for pattern, part in _PARTS if pattern.match(text)), None)


def _context(units: Sequence[Block]) -> list[tuple[str | None, str | None]]:
    """(section heading, area notation) for each unit: which service and judgement it sits under."""
    context: list[tuple[str | None, str | None]] = []
    part: str | None = None
    section: str | None = None
    area: str | None = None
    for unit in units:
        label = clean_text(GRADE_SUFFIX.sub("", unit.text)) if unit.kind == "heading" else ""
        # a grade printed on a line of its own ("Grade 3 (adequate)") grades the section above; it opens none
        if label and not timescale_of(unit.text):
            section = label
            if _part_of(label):
                part, area = _part_of(label), None
            elif _OUTSIDE.match(label):
                part, area = None, None
            else:
                suffix = area_of(label)
                area = f"{part}-{suffix}" if part and suffix else None
        context.append((section, area))
    return context


def _row(block: Block, line: PrintedLine) -> tuple[str, str | None]:
    """(label, grade cell or None) of a table row or of a line 'Label Grade' printed without tabs."""
    if block.kind == "table_row":
        cells = [c for c in block.cells if c]
        if len(cells) >= 2 and normalise_grade(cells[-1], NOTATION):
            return " ".join(cells[:-1]), cells[-1]
        return " ".join(cells), None
    match = re.match(r"^(?P<label>.+?)\s+(?P<grade>outstanding|good|adequate|inadequate)$", line.text, re.I)
    return (match["label"], match["grade"]) if match else (line.text, None)


def _evidence(doc: Document, unit: Block | PrintedLine, section: str | None) -> Evidence:
    return Evidence(quote=unit.text, start=unit.start, end=unit.end, page=doc.page_at(unit.start), section=section)


def _table_judgements(doc: Document, units: Sequence[Block], warnings: list[ReportWarning]) -> list[Judgement]:
    # The last mention: the contents list names the table first.
    start = next((i for i in range(len(units) - 1, -1, -1)
                  if units[i].kind in ("heading", "paragraph") and re.match(r"record of main findings", units[i].text, re.I)),
                 None)
    if start is None:
        return []
    judgements: dict[str, Judgement] = {}
    part: str | None = None
    # line by line: a tab-less table reads as a paragraph whose lines are its rows
    rows = ((block, line) for block in units[start + 1:] for line in block.lines)
    for block, line in rows:
        if block.kind in ("numbered", "bullet") or len(line.text) > 250:
            break
        label, grade_text = _row(block, line)
        if grade_text is None:
            part = _part_of(label) or part
            continue
        grade = normalise_grade(grade_text, NOTATION)
        suffix = area_of(label)
        if part is None or grade is None:
            warnings.append(ReportWarning("unrecognised-section",
                                          f"record of main findings row outside a service heading skipped: {line.text!r}"))
            continue
        if suffix is None:
            suffix = re.sub(r"[^a-z]+", "-", _key(label)).strip("-")
            warnings.append(ReportWarning("unrecognised-section",
                                          f"judgement label not in the SLAC areas, kept as {part}-{suffix}: {label!r}"))
        area = f"{part}-{suffix}"
        if area in judgements:
            warnings.append(ReportWarning("duplicate-judgement",
                                          f"judgement {area} printed twice in the record of main findings; first kept"))
            continue
        evidence = _evidence(doc, line, "Record of main findings")
        judgements[area] = Judgement(area, clean_text(label), grade[0], grade[1], evidence)
    return list(judgements.values())


def _heading_judgements(doc: Document, units: Sequence[Block],
                        context: Sequence[tuple[str | None, str | None]]) -> list[Judgement]:
    """Grades printed beside section headings, for reports whose table could not be read."""
    judgements: dict[str, Judgement] = {}
    for index, unit in enumerate(units):
        area = context[index][1]
        if area is None or area in judgements:
            continue
        grade_unit = None
        if unit.kind == "heading" and GRADE_SUFFIX.search(unit.text):
            grade_unit = unit
        elif unit.kind in ("heading", "paragraph") and GRADE_SUFFIX.fullmatch(unit.text) and units[index - 1].kind == "heading":
            grade_unit = unit
        if grade_unit is None:
            continue
        match = GRADE_SUFFIX.search(grade_unit.text)
        grade = normalise_grade(match["label"], NOTATION)
        if grade is None or GRADES[grade[0]] != int(match["n"]):
            continue
        evidence = _evidence(doc, grade_unit, context[index][0])
        judgements[area] = Judgement(area, context[index][0] or area, grade[0], grade[1], evidence)
    return list(judgements.values())


def _authority(units: Sequence[Block], path: str) -> Authority:
    """The council named under the title (never the file name), else in 'Record of main findings: X'."""
    index = authority_index()
    title = next((i for i, u in enumerate(units) if _TITLE.search(u.text)), 0)
    for unit in units[title + 1:title + 6]:
        if re.match(r"inspection dates|reporting inspector|published", unit.text, re.I):
            break
        found = index.find_in(unit.text)
        if found:
            return found
    for unit in units:  # "Record of main findings: Staffordshire"
        match = re.match(r"record of main findings:?\s*(.+)$", unit.text, re.I)
        found = index.find_in(match.group(1)) if match else None
        if found:
            return found
    raise RejectedInput(path, "SLAC report without a council name under its title; check the first page "
                              "names the council (e.g. 'Staffordshire County Council')")


def parse(doc: Document, source: str) -> ReportRecord:
    units = tuple(block for block in doc.blocks if block.kind != "footnote")
    authority = _authority(units, doc.path)
    warnings: list[ReportWarning] = []
    dates_text = labelled_text(units, r"inspection\s+dates?:?", 120, doc.first_page_end)
    dates = parse_date_range(dates_text) if dates_text is not None else None
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "no inspection dates found on the first page"))
    published = labelled_date(units, r"\bpublished:?")
    context = _context(units)
    judgements = _table_judgements(doc, units, warnings)
    if not judgements:
        judgements = _heading_judgements(doc, units, context)
        warnings.append(ReportWarning("no-judgement-table",
                                      "no record of main findings table; grades read from the section headings"))
    recommendations = find_lists(doc, re.compile(r"^areas?\s+for\s+improvement$", re.I),
                                 kind="area-for-improvement")
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=f"Inspection of safeguarding and looked after children services: {authority.name}",
        page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=published, inspectors=inspection_team(doc), judgements=tuple(judgements),
        recommendations=recommendations, findings=numbered_findings(doc, units, context),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )


GRADES = {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4}
# Each area is graded for a service ("safeguarding-…", "looked-after-…"); the ontology holds the pairs printed.
FRAMEWORK = Framework(notations=(NOTATION,), family=NOTATION, grades=GRADES,
                      areas=tuple(f"{service}-{area}" for service in ("safeguarding", "looked-after")
                                  for area in dict.fromkeys(AREAS.values())),
                      expected=EXPECTED,
                      detect=detect, parse=parse)
