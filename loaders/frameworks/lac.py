"""Inspections of looked after children services (LAC), 2012-2013.

Between the SLAC inspections and the single inspection framework, Ofsted inspected a council's
services for looked after children and care leavers on their own. The report grades five
judgements on a four-point scale ("Grade 4 (Inadequate)" under each section heading, and again in
the "Record of main findings" table at the end); its paragraphs are numbered through the report;
areas for improvement are bullets under "Immediately:", "Within three months:", … headings.
ontology/areas-lac.ttl defines the area notations below.
"""

from __future__ import annotations

import re

from cskg.loaders.authorities import Authority, authority_index
from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.parsing import (
    BULLET_GLYPHS, TextLine, clean_text, document_lines, join_lines, normalise_grade, paragraph_starts,
    paragraph_text, parse_date, parse_date_range,
)
from cskg.loaders.plausibility import Expectations
from cskg.loaders.previous import previous_inspections
from cskg.loaders.recommendations import timescale_of
from cskg.loaders.records import (
    Evidence, Finding, Judgement, Recommendation, ReportRecord, ReportWarning, Timescale,
)
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

NOTATION = "LAC"
EXPECTED = Expectations(first_year=2012, last_year=2013, continuous_numbering=False,
                        overall_areas=("overall-effectiveness",))
_TITLE = re.compile(r"inspection\s+of\s+(?:services\s+for\s+)?looked\s+after\s+children(?:.s)?\s+services", re.I)

# Judgement labels (as a regex over the printed label) -> area notation.
AREAS: dict[str, tuple[str, str]] = {
    "overall-effectiveness": ("Overall effectiveness", r"overall\s+effectiveness(?:\s+of\s+services\s+for\s+looked"
                                                       r"\s+after\s+children(?:\s+and\s+young\s+people)?)?"),
    "capacity-to-improve": ("Capacity to improve", r"capacity\s+(?:to|for)\s+improve(?:ment)?"),
    "outcomes": ("Outcomes for looked after children and young people",
                 r"outcomes\s+for\s+looked\s+after\s+children(?:\s+and\s+young\s+people)?"),
    "quality-of-provision": ("Quality of provision", r"quality\s+of\s+provision"),
    "leadership-and-management": ("Leadership and management", r"leadership\s+and\s+management"),
    "equality-and-diversity": ("Equality and diversity", r"equality\s+and\s+diversity"),
}
_GRADE = r"(?P<grade>outstanding|good|adequate|inadequate)\b"
_HEADED_GRADE = re.compile(r"^grade\s+(?P<n>[1-4])\s*\((?P<label>[a-z ]+)\)$", re.I)
# The running header every page after the cover repeats: "Sandwell Council Inspection of … services 2".
_RUNNING = re.compile(r"inspection\s+of\s+looked\s+after\s+children\s+services\s+\d{1,3}$", re.I)
_OUTSIDE = re.compile(r"^(?:about\s+this\s+inspection|the\s+inspection\s+judgements\s+and\s+what\s+they(?:\s+mean)?|"
                      r"service\s+information|record\s+of\s+main\s+findings|contents)$", re.I)
_AREA_HEADINGS = [(area, re.compile(rf"^{pattern}$", re.I)) for area, (_, pattern) in AREAS.items()]


def detect(doc: Document) -> str | None:
    head = doc.text[:doc.pages[0].end] if doc.paginated and doc.pages else doc.text[:3000]
    return NOTATION if _TITLE.search(head[:3000]) else None


def _authority(doc: Document) -> Authority:
    """The council named on the cover, between the title and the inspection dates."""
    title = _TITLE.search(doc.text[:3000])
    dates = re.search(r"inspection\s+dates?", doc.text[:3000], re.I)
    if title and dates and dates.start() > title.end():
        found = authority_index().find_in(clean_text(doc.text[title.end():dates.start()]))
        if found:
            return found
    raise RejectedInput(doc.path, "looked after children inspection report without a council name under its "
                                  "title; check the cover names the council (e.g. 'Sandwell Metropolitan Borough "
                                  "Council')")


def _lines(doc: Document) -> tuple[TextLine, ...]:
    return tuple(line for line in document_lines(doc) if not _RUNNING.search(line.text))


def _area_heading(lines: tuple[TextLine, ...], index: int) -> tuple[str, int] | None:
    """(area, lines used) of a section heading, which may wrap onto a second line."""
    for width in (1, 2):
        text = " ".join(line.text for line in lines[index:index + width])
        for area, pattern in _AREA_HEADINGS:
            if pattern.match(text):
                return area, width
    return None


def judgements(doc: Document, lines: tuple[TextLine, ...], warnings: list[ReportWarning]) -> tuple[Judgement, ...]:
    """From the record of main findings; a judgement missing there is read from the
    'Grade n (label)' line under its section heading."""
    found: dict[str, Judgement] = {}
    record = [m for m in re.finditer(r"record\s+of\s+main\s+findings", doc.text, re.I)]
    if record:
        start = record[-1].end()
        table = doc.text[start:start + 3000]
        for area, (label, pattern) in AREAS.items():
            match = re.search(rf"(?:^|\n)\s*{pattern}\s*(?:\n\s*)?{_GRADE}", table, re.I)
            if not match:
                continue
            grade = normalise_grade(match["grade"], NOTATION)
            span = (start + match.start() + (1 if match.group(0).startswith("\n") else 0), start + match.end())
            evidence = Evidence(quote=clean_text(doc.text[span[0]:span[1]]), start=span[0], end=span[1],
                                page=doc.page_at(span[0]), section="Record of main findings")
            found[area] = Judgement(area, label, grade[0], grade[1], evidence)
    else:
        warnings.append(ReportWarning("no-judgement-table",
                                      "no record of main findings table; grades read from the section headings"))
    for index, line in enumerate(lines):
        heading = _area_heading(lines, index)
        if heading is None or heading[0] in found:
            continue
        area, width = heading
        after = lines[index + width] if index + width < len(lines) else None
        graded = _HEADED_GRADE.match(after.text) if after else None
        grade = normalise_grade(graded["label"], NOTATION) if graded else None
        if grade is None:
            continue
        evidence = Evidence(quote=after.text, start=lines[index].start, end=after.end, page=after.page,
                            section=AREAS[area][0])
        found[area] = Judgement(area, AREAS[area][0], grade[0], grade[1], evidence, printed_grade=after.text)
    for area in ("overall-effectiveness", "capacity-to-improve", "outcomes", "quality-of-provision",
                 "leadership-and-management"):
        if area not in found:
            warnings.append(ReportWarning("missing-judgement", f"{area}: no graded judgement found"))
    return tuple(found.values())


def findings(lines: tuple[TextLine, ...]) -> tuple[Finding, ...]:
    starts = paragraph_starts(lines)
    result: list[Finding] = []
    section: str | None = None
    area: str | None = None
    current: list[TextLine] = []
    meta: tuple[int, str | None, str | None] | None = None

    def close() -> None:
        if current and meta:
            first = current[0]
            text = join_lines((TextLine(paragraph_text(first), first.start, first.end, first.page), *current[1:]))
            evidence = Evidence(quote=text, start=first.start, end=current[-1].end, page=first.page,
                                paragraph=meta[0], section=meta[1])
            result.append(Finding(paragraph=meta[0], text=text, evidence=evidence, area=meta[2]))
        current.clear()

    skip = 0
    for index, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if line.footnote:
            continue
        if index in starts:
            close()
            meta = (starts[index], section, area)
            current.append(line)
            continue
        heading = _area_heading(lines, index)
        if heading or _OUTSIDE.match(line.text) or re.match(r"^areas\s+for\s+improvement$", line.text, re.I) \
                or _HEADED_GRADE.match(line.text):
            close()
            meta = None
            if heading:
                area, skip = heading[0], heading[1] - 1
                section = AREAS[area][0]
            elif _OUTSIDE.match(line.text):
                area, section = None, line.text
            elif not _HEADED_GRADE.match(line.text):
                section = line.text  # areas for improvement: the area of the section above stays
            continue
        if current:
            current.append(line)
    close()
    return tuple(result)


def recommendations(doc: Document, lines: tuple[TextLine, ...]) -> tuple[Recommendation, ...]:
    """The bulleted areas for improvement, each with the timescale heading it sits under."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^areas\s+for\s+improvement$", line.text, re.I)),
                 None)
    if start is None:
        return ()
    items: list[tuple[list[TextLine], Timescale | None]] = []
    timescale: Timescale | None = None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if _area_heading(lines, index) or _OUTSIDE.match(line.text) or line.footnote:
            break
        if timescale_of(line.text):
            timescale = timescale_of(line.text)
            continue
        raw = doc.text[line.start:line.end].lstrip()
        if raw[:1] and re.match(f"[{BULLET_GLYPHS}]", raw[:1]):
            items.append(([line], timescale))
        elif items and timescale is not None:
            items[-1][0].append(line)
    found: list[Recommendation] = []
    for body, when in items:
        text = join_lines(body)
        evidence = Evidence(quote=text, start=body[0].start, end=body[-1].end, page=body[0].page,
                            section="Areas for improvement")
        found.append(Recommendation(number=len(found) + 1, text=text, evidence=evidence, timescale=when,
                                    kind="area-for-improvement"))
    return tuple(found)


def parse(doc: Document, source: str) -> ReportRecord:
    authority = _authority(doc)
    warnings: list[ReportWarning] = []
    head = doc.text[:4000]
    dates_line = re.search(r"inspection\s+dates?\s*:?\s*([^\n]{0,120})", head, re.I)
    dates = parse_date_range(clean_text(dates_line.group(1))) if dates_line else None
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "no inspection dates found on the cover"))
    published_line = re.search(r"published\s*:?\s*([^\n]{0,60})", head, re.I)
    published = parse_date(published_line.group(1)) if published_line else None
    lines = _lines(doc)
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=f"Inspection of looked after children services: {authority.name}",
        page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=published, inspectors=inspection_team(doc), judgements=judgements(doc, lines, warnings),
        recommendations=recommendations(doc, lines), findings=findings(lines),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )
