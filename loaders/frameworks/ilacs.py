"""ILACS: inspections of local authority children's services (2018 on), standard and short.

The report opens with the council, the inspection dates, the lead inspector and a judgement
table; "What needs to improve" lists the recommendations; numbered paragraphs sit under one
heading per judgement ("The experiences and progress of children in care: good"). Reports
before 2023 grade children in care and care leavers in one judgement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cskg.loaders.authorities import Authority, authority_index, normalise_name
from cskg.loaders.document import Block, Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.parsing import (
    blocks_text, clean_text, evidence_for_block, evidence_for_span, find_printed, normalise_grade, parse_date,
    parse_date_range, search_printed,
)
from cskg.loaders.plausibility import Expectations
from cskg.loaders.records import Finding, Judgement, Recommendation, ReportRecord, ReportWarning
from cskg.loaders.previous import previous_inspections
from cskg.loaders.recommendations import bulleted_list
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

STANDARD = "ILACS-standard"
SHORT = "ILACS-short"
EXPECTED = Expectations(first_year=2018, last_year=None, continuous_numbering=True,
                        overall_areas=("overall-effectiveness",))
# A short inspection is one week on site, a standard one two: anything longer than a
# Monday-to-Friday (or the one-week-plus-weekend some print) is a standard inspection.
_SHORT_MAX_DAYS = 7
_HEAD_CHARS = 5000  # the judgement table is printed within this many characters after the inspection dates

_W = r"\s+"  # words of a printed label may wrap across lines


def _label(*words: str) -> str:
    return _W.join(words)


@dataclass(frozen=True, slots=True)
class _Area:
    notation: str
    pattern: re.Pattern[str]


# Most specific first: the combined pre-2023 judgement before "children in care".
_AREAS = tuple(_Area(n, re.compile(p, re.I)) for n, p in (
    ("children-in-care-and-care-leavers",
     _label("children", "in", "care", "and", "care", "leavers")),
    ("help-and-protection", _label("children", "who", "need", "help", "and", "protection")),
    ("children-in-care", _label("children", "in", "care") + r"(?!\s+and\s+care\s+leavers)"),
    ("care-leavers", _label("progress", "of", "care", "leavers")),
    ("impact-of-leaders", _label("impact", "of", "leaders")),
    ("overall-effectiveness", _label("overall", "effectiveness")),
))
_ROW_LABELS = {
    "children-in-care-and-care-leavers": _label("The", "experiences", "and", "progress", "of", "children", "in",
                                                "care", "and", "care", "leavers"),
    "help-and-protection": _label("The", "experiences", "and", "progress", "of", "children", "who", "need",
                                  "help", "and", "protection"),
    "children-in-care": _label("The", "experiences", "and", "progress", "of", "children", "in", "care")
    + r"(?!\s+and\s+care\s+leavers)",
    "care-leavers": _label("The", "experiences", "and", "progress", "of", "care", "leavers"),
    "impact-of-leaders": _label("The", "impact", "of", "leaders", "on", "social", "work", "practice", "with",
                                "children", "and", "families"),
    "overall-effectiveness": _label("Overall", "effectiveness"),
}
_TABLE_ORDER = ("overall-effectiveness", "impact-of-leaders", "help-and-protection", "children-in-care",
                "care-leavers", "children-in-care-and-care-leavers")
_GRADE = (r"(?P<grade>Requires" + _W + "improvement(?:" + _W + "to" + _W + "be" + _W + "good)?"
          r"|Outstanding|Good|Inadequate)\b")
_ROW = {area: re.compile(rf"(?P<label>{label})[\s:|]*{_GRADE}", re.I) for area, label in _ROW_LABELS.items()}
_TITLE_MARK = re.compile(_label("impact", "of", "leaders", "on", "social", "work", "practice"), re.I)
_CHILDRENS_SERVICES = re.compile(r"children[’'`]?s" + _W + r"(?:social" + _W + "care" + _W + ")?services", re.I)
_DATES_LABEL = re.compile(r"Inspection\s+dates?\s*:?\**\s*:?", re.I)
# a label at the start of a line, with its colon: "published" in a sentence is not it; the date on its line
# or, wrapped, the next
_PUBLISHED = re.compile(r"^\W*(?:Report\s+published|Date\s+of\s+publication|Published)\s*\**\s*:\**\s*"
                        r"(?P<date>[^\n]{0,40}(?:\n[^\n]{0,40})?)", re.I | re.M)
_IMPROVE = re.compile(r"^What\s+needs\s+to\s+improve", re.I)
# "This was a short inspection", "a standard ILACS inspection"
_STATED_KIND = re.compile(r"\b(?:a|this|the)\s+(?P<kind>short|standard)\s+(?:ILACS\s+)?inspection\b", re.I)


@dataclass(frozen=True, slots=True)
class _Head:
    """The top of the first page: the title above the inspection dates, the judgement table below them."""
    title: str  # the blocks before the dates label, as one text
    start: date
    end: date
    table: tuple[Block, ...]  # the blocks after the dates, where the judgement table is printed


def detect(doc: Document) -> str | None:
    cover = blocks_text(doc.first_page_blocks)
    if not _TITLE_MARK.search(cover) or not _CHILDRENS_SERVICES.search(cover):
        return None
    head = _head(doc)
    return _kind(doc, head.start, head.end) if head else _stated_kind(doc) or STANDARD


def _stated_kind(doc: Document) -> str | None:
    match = _STATED_KIND.search(blocks_text(doc.first_page_blocks))  # later pages discuss earlier inspections
    return (SHORT if match["kind"].lower() == "short" else STANDARD) if match else None


def _kind(doc: Document, start: date, end: date) -> str:
    """What the report states; failing that (the corpus never states it), the time on site."""
    return _stated_kind(doc) or (SHORT if (end - start).days <= _SHORT_MAX_DAYS else STANDARD)


def _head(doc: Document) -> _Head | None:
    """The first page's 'Inspection dates:' (the dates wrapped onto the next line or block read whole), with
    the title printed above it and the blocks below."""
    blocks = doc.first_page_blocks
    for index, block in enumerate(blocks):
        label = _DATES_LABEL.search(block.text)
        if label is None:
            continue
        span = parse_date_range(" ".join([block.text[label.end():], *(b.text for b in blocks[index + 1:index + 2])]))
        if span is None:
            return None
        title = " ".join([blocks_text(blocks[:index]), block.text[:label.start()]])
        later = tuple(b for b in doc.blocks if block.end <= b.start < block.end + _HEAD_CHARS)
        return _Head(title, span[0], span[1], later)
    return None


def _authority(head: _Head) -> Authority | None:
    """The council named in the title, i.e. before the inspection dates on the first page."""
    title = re.sub(r"Inspection\s+of|local\s+authority|" + _CHILDRENS_SERVICES.pattern, " ", head.title, flags=re.I)
    title = clean_text(re.sub(r"^\d+ ", " ", clean_text(title)))  # a page number printed above the title
    index = authority_index()
    found = index.find_in(title)
    if found is None:
        # a shortened name ("Newcastle" for Newcastle upon Tyne) is accepted when it starts
        # exactly one current council's name
        key = normalise_name(title)
        candidates = [a for a in index.authorities
                      if a.status == "current" and key and normalise_name(a.name).startswith(key + " ")]
        found = candidates[0] if len(candidates) == 1 else None
    return found


def _title(head: _Head) -> str | None:
    title = re.sub(r"^\d+ ", "", clean_text(head.title))  # the page number printed above older titles
    match = re.search(r"Inspection of .*?children[’'`]?s (?:social care )?services", title, re.I)
    if not match:
        return title or None
    if re.match(r"Inspection of (?:children|local authority)", match.group(0), re.I):
        return title[:match.end()]  # older reports print the council's name above a generic title
    return match.group(0)


def _published(doc: Document) -> date | None:
    """Only a date the report prints as its publication date; ILACS PDFs mostly print none."""
    for match in find_printed(doc, doc.blocks, _PUBLISHED, reach=2):
        found = parse_date(match["date"])
        if found:
            return found
    return None


def _judgements(doc: Document, framework: str, head: _Head) -> tuple[Judgement, ...]:
    """Each graded area once, from the judgement table; a section heading's grade fills a gap."""
    found: dict[str, Judgement] = {}
    for area, row in _ROW.items():
        match = search_printed(doc, head.table, row)
        if not match:
            continue
        graded = normalise_grade(match["grade"], framework)
        if graded is None:
            continue
        printed = clean_text(match["grade"]).lower()
        evidence = evidence_for_span(doc, match.start, match.end)
        found[area] = Judgement(area, clean_text(match["label"]), graded[0], graded[1], evidence,
                                printed_grade=printed if printed != graded[0] else None)
    if "children-in-care-and-care-leavers" in found:
        found.pop("children-in-care", None)
        found.pop("care-leavers", None)
    for block in doc.blocks:
        if block.kind != "heading" or ":" not in block.text:
            continue
        label, _, grade_text = block.text.rpartition(":")
        area = _area_of(label)
        graded = normalise_grade(grade_text, framework)
        if area and graded and area not in found and not _conflicts(area, found):
            found[area] = Judgement(area, label.strip(), graded[0], graded[1],
                                    evidence_for_block(doc, block, section=block.text))
    return tuple(sorted(found.values(), key=lambda j: _TABLE_ORDER.index(j.area)))


def _conflicts(area: str, found: dict[str, Judgement]) -> bool:
    combined = "children-in-care-and-care-leavers"
    return (area == combined and bool({"children-in-care", "care-leavers"} & found.keys())) or (
        area in ("children-in-care", "care-leavers") and combined in found)


def _area_of(heading: str) -> str | None:
    for area in _AREAS:
        if area.pattern.search(heading):
            return area.notation
    return None


def _unrecognised_headings(doc: Document, framework: str) -> tuple[ReportWarning, ...]:
    """Headings printed as 'label: grade' whose label names no ILACS area: a graded section the
    parser does not know, so its findings sit under no area and its grade is not read."""
    found = []
    for block in doc.blocks:
        label, colon, grade_text = block.text.rpartition(":")
        if block.kind == "heading" and colon and normalise_grade(grade_text, framework) and not _area_of(label):
            found.append(ReportWarning("unrecognised-section", f"graded heading names no ILACS area: "
                                                               f"{block.text[:80]!r} (page {block.page})"))
    return tuple(found)


def _recommendations(doc: Document) -> tuple[Recommendation, ...]:
    heading = next((i for i, b in enumerate(doc.blocks) if b.kind == "heading" and _IMPROVE.match(b.text)), None)
    return bulleted_list(doc, heading) if heading is not None else ()


def _findings(doc: Document) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    section: str | None = None
    area: str | None = None
    for block in doc.blocks:
        if block.kind == "heading":
            section = block.text
            area = _area_of(block.text.rpartition(":")[0] or block.text)
        elif block.kind == "numbered" and block.number is not None:
            findings.append(Finding(block.number, block.text, evidence_for_block(doc, block, section), area))
    return tuple(findings)


def parse(doc: Document, source: str) -> ReportRecord:
    head = _head(doc)
    if head is None:
        raise RejectedInput(doc.path, "ILACS report without readable 'Inspection dates: … to …' on its first "
                                      "page; check the file is the complete report")
    authority = _authority(head)
    if authority is None:
        raise RejectedInput(doc.path, "the council named in the report's title is not a known English local "
                                      "authority; add it to ontology/authorities.json if it is one")
    framework = _kind(doc, head.start, head.end)
    judgements = _judgements(doc, framework, head)
    warnings = _unrecognised_headings(doc, framework)
    return ReportRecord(
        source=source,
        sha256=doc.sha256,
        media_type=doc.media_type,
        framework=framework,
        authority_code=authority.gss,
        authority_name=authority.name,
        title=_title(head),
        page_count=doc.page_count,
        inspection_start=head.start,
        inspection_end=head.end,
        published=_published(doc),
        inspectors=inspection_team(doc),
        judgements=judgements,
        recommendations=_recommendations(doc),
        findings=_findings(doc),
        statistics=local_statistics(doc),
        previous_inspections=previous_inspections(doc),
        warnings=warnings,
    )


GRADES = {"outstanding": 1, "good": 2, "requires improvement to be good": 3, "inadequate": 4}
FRAMEWORK = Framework(notations=(STANDARD, SHORT), family="ILACS", grades=GRADES, areas=_TABLE_ORDER,
                      expected=EXPECTED, detect=detect, parse=parse)

__all__ = ["FRAMEWORK", "SHORT", "STANDARD", "detect", "parse"]
