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
from cskg.loaders.document import Block, Document, PrintedLine
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.parsing import (
    blocks_text, labelled_date, labelled_text, normalise_grade, paragraph_run, parse_date_range,
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
_OUTSIDE = re.compile(r"^(?:about\s+this\s+inspection|the\s+inspection\s+judgements\s+and\s+what\s+they(?:\s+mean)?|"
                      r"service\s+information|record\s+of\s+main\s+findings|contents)$", re.I)
_AREA_HEADINGS = [(area, re.compile(rf"^{pattern}$", re.I)) for area, (_, pattern) in AREAS.items()]


def detect(doc: Document) -> str | None:
    return NOTATION if _TITLE.search(blocks_text(doc.first_page_blocks)) else None


def _authority(doc: Document) -> Authority:
    """The council named on the cover, between the title and the inspection dates."""
    cover = blocks_text(doc.first_page_blocks)
    title = _TITLE.search(cover)
    dates = re.search(r"inspection\s+dates?", cover, re.I)
    if title and dates and dates.start() > title.end():
        found = authority_index().find_in(cover[title.end():dates.start()])
        if found:
            return found
    raise RejectedInput(doc.path, "looked after children inspection report without a council name under its "
                                  "title; check the cover names the council (e.g. 'Sandwell Metropolitan Borough "
                                  "Council')")


def _area_heading(block: Block) -> str | None:
    """The area a section heading names (the reader has joined a heading wrapped over two lines)."""
    if block.kind not in ("heading", "paragraph"):
        return None
    return next((area for area, pattern in _AREA_HEADINGS if pattern.match(block.text)), None)


def _body(doc: Document) -> tuple[Block, ...]:
    return tuple(block for block in doc.blocks if block.kind != "footnote")


def judgements(doc: Document, warnings: list[ReportWarning]) -> tuple[Judgement, ...]:
    """From the record of main findings; a judgement missing there is read from the
    'Grade n (label)' line under its section heading."""
    found: dict[str, Judgement] = {}
    blocks = _body(doc)
    # The last mention: the contents list names the table first.
    record = next((i for i in range(len(blocks) - 1, -1, -1)
                   if re.search(r"record\s+of\s+main\s+findings", blocks[i].text, re.I)), None)
    if record is not None:
        found.update(_table(doc, blocks, record))
    else:
        warnings.append(ReportWarning("no-judgement-table",
                                      "no record of main findings table; grades read from the section headings"))
    for heading, after in zip(blocks, blocks[1:]):
        area = _area_heading(heading)
        if area is None or area in found:
            continue
        graded = _HEADED_GRADE.match(after.text)
        grade = normalise_grade(graded["label"], NOTATION) if graded else None
        if grade is None:
            continue
        evidence = Evidence(quote=after.text, start=heading.start, end=after.end, page=after.page,
                            section=AREAS[area][0])
        found[area] = Judgement(area, AREAS[area][0], grade[0], grade[1], evidence, printed_grade=after.text)
    for area in ("overall-effectiveness", "capacity-to-improve", "outcomes", "quality-of-provision",
                 "leadership-and-management"):
        if area not in found:
            warnings.append(ReportWarning("missing-judgement", f"{area}: no graded judgement found"))
    return tuple(found.values())


_TABLE_CHARS = 3000  # the record of main findings fits on a page
_ROW_END = re.compile(rf"\s{_GRADE}$", re.I)


def _table(doc: Document, blocks: tuple[Block, ...], record: int) -> dict[str, Judgement]:
    """The graded rows of the record of main findings: a label with its grade on its line, or on the next."""
    end = blocks[record].end + _TABLE_CHARS
    # a row read as one block ("Outcomes for looked after children and / young people / Adequate" wraps), or
    # the lines of a block holding several rows
    lines = [row for block in blocks[record + 1:] if block.start < end
             for row in ([PrintedLine(block.text, block.start, block.end)] if _ROW_END.search(block.text)
                         and len(block.lines) > 1 else []) + list(block.lines)]
    found: dict[str, Judgement] = {}
    for area, (label, pattern) in AREAS.items():
        for index, line in enumerate(lines):
            match = re.match(rf"{pattern}\s*(?:{_GRADE})?$", line.text, re.I)
            if match is None:
                continue
            last = line
            if match["grade"] is None:  # the grade printed on the line below the label
                below = lines[index + 1] if index + 1 < len(lines) else None
                graded = re.match(rf"{_GRADE}$", below.text, re.I) if below is not None else None
                if graded is None:
                    continue
                match, last = graded, below
            grade = normalise_grade(match["grade"], NOTATION)
            quote = line.text if last is line else f"{line.text} {last.text}"
            evidence = Evidence(quote=quote, start=line.start, end=last.end, page=doc.page_at(line.start),
                                section="Record of main findings")
            found[area] = Judgement(area, label, grade[0], grade[1], evidence)
            break
    return found


_IMPROVEMENT = re.compile(r"^areas\s+for\s+improvement$", re.I)


def findings(doc: Document) -> tuple[Finding, ...]:
    blocks = _body(doc)
    starts = paragraph_run(blocks)
    result: list[Finding] = []
    section: str | None = None
    area: str | None = None
    current: list[Block] = []
    meta: tuple[int, str | None, str | None] | None = None

    def close() -> None:
        if current and meta:
            text = " ".join(block.text for block in current)
            evidence = Evidence(quote=text, start=current[0].start, end=current[-1].end, page=current[0].page,
                                paragraph=meta[0], section=meta[1])
            result.append(Finding(paragraph=meta[0], text=text, evidence=evidence, area=meta[2]))
        current.clear()

    for index, block in enumerate(blocks):
        if index in starts:
            close()
            meta = (starts[index], section, area)
            current.append(block)
            continue
        heading = _area_heading(block)
        text = block.text
        if heading or _OUTSIDE.match(text) or _IMPROVEMENT.match(text) or _HEADED_GRADE.match(text):
            close()
            meta = None
            if heading:
                area, section = heading, AREAS[heading][0]
            elif _OUTSIDE.match(text):
                area, section = None, text
            elif not _HEADED_GRADE.match(text):
                section = text  # areas for improvement: the area of the section above stays
            continue
        if current:
            current.append(block)
    close()
    return tuple(result)


def recommendations(doc: Document) -> tuple[Recommendation, ...]:
    """The bulleted areas for improvement, each with the timescale heading it sits under."""
    blocks = _body(doc)
    start = next((i for i, block in enumerate(blocks) if _IMPROVEMENT.match(block.text)), None)
    if start is None:
        return ()
    found: list[Recommendation] = []
    timescale: Timescale | None = None
    for block in blocks[start + 1:]:
        if _area_heading(block) or _OUTSIDE.match(block.text):
            break
        if timescale_of(block.text):
            timescale = timescale_of(block.text)
        elif block.kind == "bullet":
            evidence = Evidence(quote=block.text, start=block.start, end=block.end, page=block.page,
                                section="Areas for improvement")
            found.append(Recommendation(number=len(found) + 1, text=block.text, evidence=evidence,
                                        timescale=timescale, kind="area-for-improvement"))
    return tuple(found)


_HEAD_CHARS = 4000  # the cover and the start of the first page: where the dates are printed


def parse(doc: Document, source: str) -> ReportRecord:
    authority = _authority(doc)
    warnings: list[ReportWarning] = []
    # the cover's small print ("Age group: All Published: 2 August 2013") counts here: all blocks
    dates_text = labelled_text(doc.blocks, r"inspection\s+dates?\s*:?", 120, _HEAD_CHARS)
    dates = parse_date_range(dates_text) if dates_text is not None else None
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "no inspection dates found on the cover"))
    published = labelled_date(doc.blocks, r"published\s*:?", 60, _HEAD_CHARS)
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=f"Inspection of looked after children services: {authority.name}",
        page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=published, inspectors=inspection_team(doc), judgements=judgements(doc, warnings),
        recommendations=recommendations(doc), findings=findings(doc),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )


GRADES = {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4}
FRAMEWORK = Framework(notations=(NOTATION,), family=NOTATION, grades=GRADES, areas=tuple(AREAS), expected=EXPECTED,
                      detect=detect, parse=parse)
