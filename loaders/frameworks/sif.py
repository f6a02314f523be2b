"""Single inspection framework (SIF) reports, 2013-2018.

"Inspection of services for children in need of help and protection, children looked after and
care leavers" (or its re-inspection), usually combined with the "Review of the effectiveness of the
Local Safeguarding Children Board". The first page prints the overall judgement and a box of five
graded areas; the LSCB judgement is on the first page (2013-15) or heads the LSCB section. Every
paragraph of the report is numbered through the whole report, so findings and recommendations are
read from the numbered blocks of Document.blocks by their printed numbers (the longest run 1, 2, 3 …), and
the section headings of the fixed SIF template tell which judgement area a paragraph belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from cskg.loaders.authorities import Authority, authority_index
from cskg.loaders.document import Block, Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.parsing import (
    PrintedMatch, blocks_text, clean_text, labelled_date, labelled_text, normalise_grade, paragraph_run, parse_date,
    parse_date_range, search_printed,
)
from cskg.loaders.plausibility import Expectations
from cskg.loaders.previous import previous_inspections
from cskg.loaders.recommendations import bulleted_lists
from cskg.loaders.records import (
    Evidence, Finding, Judgement, Recommendation, ReportRecord, ReportWarning,
)
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

NOTATION = "SIF"
EXPECTED = Expectations(first_year=2013, last_year=2018, continuous_numbering=True,
                        overall_areas=("overall-effectiveness",))

_TITLE = re.compile(r"(?P<re>re-?\s*)?inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help"
                    r"\s+and\s+protection,?\s+children\s+looked\s+after\s+and\s+care\s+leavers", re.I)
_LSCB_TITLE = re.compile(r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children"
                         r"(?:.s)?\s+board", re.I)

AREAS: dict[str, str] = {
    "overall-effectiveness": "Overall effectiveness",
    "help-and-protection": "Children who need help and protection",
    "children-looked-after": "Children looked after and achieving permanence",
    "adoption-performance": "Adoption performance",
    "care-leavers": "Experiences and progress of care leavers",
    "leadership-management-governance": "Leadership, management and governance",
    "lscb": "The effectiveness of the Local Safeguarding Children Board",
}

# Between a label and its grade: spaces, line breaks, table bars and markup of text extractions.
_GAP = r"(?:\s|\||\*|</?[a-z]+>)*"
GRADE = r"(?P<grade>requires?\s+improvement(?:\s+to\s+be\s+good)?|good|outstanding|inadequate|not\s+judged)\b"
_VERB = r"(?:\s+(?:is|are)(?:\s+that\s+(?:it|they)(?:\s+(?:is|are))?)?(?:\s+judged\s+to\s+be)?)?"
_AREA_LABELS: dict[str, str] = {
    "help-and-protection": r"children\s+who\s+need\s+help\s+and\s+protection",
    "children-looked-after": r"children\s+looked\s+after\s+and\s+achieving\s+permanence",
    "adoption-performance": r"adoption\s+performance",
    "care-leavers": r"experiences?\s+and\s+progress\s+of\s+care\s+leavers",
    "leadership-management-governance": r"leadership,?\s+management\s+and\s+governance",
}
_AREA_GRADES = {area: re.compile(label + _VERB + _GAP + GRADE, re.I) for area, label in _AREA_LABELS.items()}
_OVERALL = (
    re.compile(r"the\s+overall\s+judgement\s+is\s+(?:that\s+(?:children.s\s+)?services\s+)?(?:are\s+|is\s+)?"
               + GRADE, re.I),
    # the council's name may wrap onto a second line, but only when the grade does not start that line
    # ("… Wakefield Metropolitan District Council / require improvement to be good" is not "good")
    re.compile(r"children.s\s+services\s+in\s+[^\n]{1,100}?(?:\n[^\n]{1,60}?)??\s+(?:are\s+|is\s+)?" + GRADE, re.I),
)
_LSCB = re.compile(
    r"^[#*\s]*(?:the\s+)?(?:overall\s+)?(?:judgement\s+for\s+)?(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:local\s+safeguarding\s+children(?:.s)?\s+board|lscb)(?:\s*\(lscb\))?(?:\s+is)?(?:\s+judged\s+to\s+be)?"
    r"\s+" + GRADE + r"(?=[\s.*:]*(?:\n|$|because))", re.I | re.M)

# Headings of the SIF template. Area headings set the judgement area of the paragraphs below.
_AREA_HEADINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:the\s+)?experiences?\s+and\s+progress\s+of\s+children\s+who\s+need\s+help\b", re.I),
     "help-and-protection"),
    (re.compile(r"^(?:the\s+)?experiences?\s+and\s+progress\s+of\s+children\s+looked\s+after\b", re.I),
     "children-looked-after"),
    (re.compile(r"^the\s+graded\s+judge?ment\s+(?:for|about|on)\s+(?:the\s+)?adoption\b|^adoption\s+performance"
                r"(?:\s+(?:is|requires)\b.*)?$", re.I), "adoption-performance"),
    (re.compile(r"^the\s+graded\s+judge?ment\s+(?:for|about|on)\s+(?:the\s+)?experiences?\s+and\s+progress\s+of\s+"
                r"care\b|^(?:the\s+)?experiences?\s+and\s+progress\s+of\s+care\s+leavers\b", re.I), "care-leavers"),
    (re.compile(r"^leadership,?\s+management\s+and\s*(?:governance\b.*)?$", re.I), "leadership-management-governance"),
    (re.compile(r"^(?:section\s+2\b|the\s+local\s+safeguarding\s+children(?:.s)?\s+board(?:\s+\(lscb\))?$|"
                r"inspection\s+findings\s+\W\s+the\s+local\s+safeguarding|key\s+strengths\s+and\s+weaknesses\s+of\s+the|"
                r"inspection\s+judgements?\s+about\s+the\s+lscb)", re.I), "lscb"),
)
# Headings that open a part of the report about the local authority as a whole.
_OVERALL_HEADINGS = re.compile(
    r"^(?:section\s+1\b|summary\s+of\s+(?:key\s+)?findings$|executive\s+summary$|recommendations$|"
    r"areas\s+for\s+improvement$|what\s+does\s+the\s+local\s+authority\s+need\s+to\s+improve|"
    r"priority\s+and\s+immediate\s+action$|summary\s+for\s+children\s+and\s+young\s+people$|"
    r"the\s+local\s+authority$|progress\s+since\s+the\s+last\s+inspection$)", re.I)
# Headings of parts that belong to no judgement area.
_OUTSIDE_HEADINGS = re.compile(
    r"^(?:information\s+about\s+(?:this|the)\s+(?:inspection|local\s+authority\s+(?:area|inspection)|area|review)|"
    r"what\s+the\s+(?:local\s+authority\s+)?inspection\s+judge?ments\s+mean|contents$|the\s+inspection\s+team$|"
    r"any\s+complaints\s+about\s+the\s+inspection|"
    r"inspection\s+judgements\s+about\s+the\s+local\s+authority$)", re.I)
# Headings inside a part: they end a paragraph but keep the section.
_MINOR_HEADINGS = re.compile(
    r"^(?:inspection\s+findings$|summary$|the\s+local\s+authority.s\s+strengths$|the\s+lscb.s\s+strengths$|"
    r"the\s+local\s+authority\s+has\s+the\s+following\s+strengths$|this\s+local\s+authority\s+.{0,60}because$|"
    r"the\s+lscb\s+.{0,40}because:?$|(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?(?:local\s+safeguarding\s+children"
    r"(?:.s)?\s+board|lscb)(?:\s+\(lscb\))?\s+(?:is|requires?)\b.{0,40}$)", re.I)
_RECOMMENDATION_HEADINGS = re.compile(r"^(?:recommendations|areas\s+for\s+improvement|priority\s+and\s+immediate"
                                      r"\s+action|what\s+does\s+the\s+local\s+authority\s+need\s+to\s+improve\??)$",
                                      re.I)
# Lines of the first-page judgement box, which look like paragraphs 1, 2, 3.
_BOX_LINE = re.compile(r"^(?:children\s+who\s+need\s+help\s+and\s+protection|children\s+looked\s+after\s+and\s+"
                       r"achieving(?:\s+permanence)?|leadership,?\s+management\s+and\s+governance)(?:\s+(?:requires?|"
                       r"improvement|to\s+be\s+good|good|outstanding|inadequate|not\s+judged)\b.*)?$", re.I)

def detect(doc: Document) -> str | None:
    return NOTATION if _TITLE.search(blocks_text(doc.first_page_blocks)) else None


def sif_grade(printed: str) -> tuple[str, int] | None:
    """('requires improvement', 3) from 'require improvement to be good', 'Requires \\nImprovement'."""
    text = re.sub(r"\s+", " ", printed.lower()).strip()
    text = re.sub(r"^require\b", "requires", text)
    return normalise_grade(text, NOTATION)


def _evidence(doc: Document, start: int, end: int, section: str | None = None) -> Evidence:
    quote = clean_text(re.sub(r"</?[a-z]+>|\||^\s*#{1,6}\s", " ", doc.text[start:end], flags=re.M))
    return Evidence(quote=quote, start=start, end=end,
                    page=doc.page_at(start), section=section)


def _judgement(doc: Document, area: str, match: PrintedMatch, warnings: list[ReportWarning],
               section: str | None = None) -> Judgement | None:
    printed = re.sub(r"\s+", " ", match["grade"]).lower()
    if printed == "not judged":
        warnings.append(ReportWarning("not-judged", f"{area}: not judged in this report"))
        return None
    grade = sif_grade(printed)
    if grade is None:
        warnings.append(ReportWarning("missing-judgement", f"{area}: grade {printed!r} is not on the SIF scale"))
        return None
    evidence = _evidence(doc, match.start, match.end, section)
    return Judgement(area, AREAS[area], grade[0], grade[1], evidence,
                     printed_grade=printed if printed != grade[0] else None)


def judgements(doc: Document, warnings: list[ReportWarning], lscb_expected: bool = True) -> tuple[Judgement, ...]:
    """The seven SIF judgements, each read once: overall and the five areas from the first-page
    box (their first statement in the report), the LSCB from the first page or its section heading."""
    found: list[Judgement] = []
    overall = min((m for m in (search_printed(doc, doc.blocks, p) for p in _OVERALL) if m), key=lambda m: m.start,
                  default=None)
    # A missing overall grade is warned of for every framework alike, in loaders/plausibility.py.
    if overall is not None:
        judgement = _judgement(doc, "overall-effectiveness", overall, warnings)
        found += [judgement] if judgement else []
    for area, pattern in _AREA_GRADES.items():
        match = search_printed(doc, doc.blocks, pattern)
        if match is None:
            warnings.append(ReportWarning("missing-judgement", f"{area}: no graded judgement found"))
            continue
        judgement = _judgement(doc, area, match, warnings)
        found += [judgement] if judgement else []
    if lscb_expected:
        match = search_printed(doc, doc.blocks, _LSCB)
        if match is None:
            warnings.append(ReportWarning("missing-judgement",
                                          "lscb: no judgement of the Local Safeguarding Children Board found"))
        else:
            judgement = _judgement(doc, "lscb", match, warnings)
            found += [judgement] if judgement else []
    else:
        warnings.append(ReportWarning("not-judged", "lscb: the report does not include a review of the Local "
                                                    "Safeguarding Children Board"))
    return tuple(found)


def _authority(doc: Document, cover: str, title: re.Match[str] | None) -> Authority:
    """The council named above the title on the first page (never the file name); failing that, the council
    whose children's services the first page grades."""
    index = authority_index()
    if title is not None:
        found = index.find_in(re.sub(r"^\d{1,3} ", "", cover[:title.start()]))  # a page number printed at the top
        if found:
            return found
    named = re.search(r"children.s\s+services\s+in\s+(?:the\s+)?(.{1,100}?)\s+(?:are|is|requires?)\b", cover, re.I)
    found = index.find_in(named.group(1)) if named else None
    if found:
        return found
    raise RejectedInput(doc.path, "SIF report without a council name above its title; check the first page "
                                  "names the council (e.g. 'Stoke-on-Trent City Council')")


# --- paragraphs ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int
    blocks: tuple[Block, ...]  # the numbered block and the bullets and text that continue it
    section: str | None
    area: str | None
    recommendation_kind: str | None  # "recommendation" / "area-for-improvement" under such a heading
    immediate: bool

    @property
    def text(self) -> str:
        return " ".join(block.text for block in self.blocks)

    def evidence(self) -> Evidence:
        first, last = self.blocks[0], self.blocks[-1]
        return Evidence(quote=self.text, start=first.start, end=last.end, page=first.page, paragraph=self.number,
                        section=self.section)


def _heading_area(text: str) -> str | None:
    for pattern, area in _AREA_HEADINGS:
        if pattern.search(text):
            return area
    return None


_CONTENTS_ENTRY = re.compile(r"\s\d{1,3}$")


def _heading_text(block: Block) -> str:
    """A heading as the patterns read it: a glued footnote marker and a closing colon ("Recommendations:") off."""
    return _GLUED_FOOTNOTE.sub("", block.text).rstrip(" :")


def _is_heading(block: Block) -> bool:
    if block.kind not in ("heading", "paragraph", "table_row") or _CONTENTS_ENTRY.search(block.text):
        return False  # a numbered paragraph, a bullet, or an entry of the contents page
    text = _heading_text(block)
    return bool(_heading_area(text) or _OVERALL_HEADINGS.match(text) or _OUTSIDE_HEADINGS.match(text)
                or _MINOR_HEADINGS.match(text))


def _is_subheading(block: Block) -> bool:
    """A short unpunctuated block after a paragraph is the subheading of the next one ('Data and performance')."""
    return len(block.text) < 70 and not block.text.endswith((".", ":", ";", ",", ")", "’", "'", "”"))


_GRADE_LINE = re.compile(r"^\W*" + GRADE + r"\W*$", re.I)


def _graded(blocks: tuple[Block, ...], index: int) -> bool:
    """A chapter heading prints its grade in its block or the next; a sub-heading does not."""
    return bool(re.search(GRADE, blocks[index].text, re.I)) or (
        index + 1 < len(blocks) and bool(_GRADE_LINE.match(blocks[index + 1].text)))


_INSPECTION_FINDINGS = re.compile(r"^inspection\s+findings$", re.I)
_GLUED_FOOTNOTE = re.compile(r"(?<=[A-Za-z)])\d{1,2}$")


def paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    blocks = tuple(block for block in doc.blocks if block.kind != "footnote")
    starts = paragraph_run(blocks, skip=_BOX_LINE)
    found: list[Paragraph] = []
    section: str | None = None
    area: str | None = None
    in_lscb = False
    rec_kind: str | None = None
    immediate = False
    current: list[Block] = []
    meta: tuple[int, str | None, str | None, str | None, bool] | None = None

    def close() -> None:
        if current and meta:
            found.append(Paragraph(meta[0], tuple(current), meta[1], meta[2], meta[3], meta[4]))
        current.clear()

    for index, block in enumerate(blocks):
        if index in starts:
            close()
            meta = (starts[index], section, area, rec_kind, immediate)
            current.append(block)
            continue
        if not _is_heading(block):
            if current and not _is_subheading(block):
                current.append(block)
            continue
        # A heading ends the paragraph above and may open a new part of the report.
        close()
        meta = None
        text = _heading_text(block)
        heading_area = _heading_area(text)
        if rec_kind and heading_area and heading_area != "lscb" and not _graded(blocks, index):
            continue  # a sub-heading inside a recommendation list ("Leadership, management and governance")
        if rec_kind and _MINOR_HEADINGS.match(text):
            rec_kind, immediate = None, False  # "The local authority's strengths" ends the list
        if heading_area:
            area = heading_area
            in_lscb = in_lscb or heading_area == "lscb"
            section = AREAS[heading_area] if heading_area != "lscb" else "The Local Safeguarding Children Board"
            rec_kind, immediate = None, False
        elif _OVERALL_HEADINGS.match(text):
            area = "lscb" if in_lscb else "overall-effectiveness"
            section = text if not in_lscb else f"{text} (Local Safeguarding Children Board)"
            recommendation = _RECOMMENDATION_HEADINGS.match(text)
            rec_kind = None
            if recommendation:
                # as for a bulleted list: only a list headed "Areas for improvement" holds areas for improvement
                rec_kind = "area-for-improvement" if text.lower().startswith("areas for") else "recommendation"
            immediate = text.lower().startswith("priority")
        elif _OUTSIDE_HEADINGS.match(text):
            area, section, rec_kind, immediate = None, text, None, False
        elif _INSPECTION_FINDINGS.match(text):
            rec_kind, immediate = None, False
            if section and section.lower().startswith(("recommendations", "areas for", "executive summary")):
                section = AREAS.get(area or "", section) if area != "lscb" else "The Local Safeguarding Children Board"
    close()
    return tuple(found)


def _finding(p: Paragraph) -> Finding:
    return Finding(paragraph=p.number, text=p.text, evidence=p.evidence(), area=p.area)


# "There are no areas for priority action", "The inspection did not identify any areas for priority action"
_NOTHING_REQUIRED = re.compile(r"(?:there\s+(?:are|were)\s+no\b|the\s+inspection\s+(?:did|has)\s+not\s+(?:identif|find|found)|"
                               r"^no\s+(?:areas|recommendations|actions?)\s+(?:were|was|have\s+been|has\s+been)\s+"
                               r"(?:identified|found))", re.I)


def is_recommendation(p: Paragraph) -> bool:
    """A numbered paragraph of a recommendation list (not "There are no recommendations…")."""
    return p.recommendation_kind is not None and not _NOTHING_REQUIRED.match(p.text)


def findings(found: tuple[Paragraph, ...]) -> tuple[Finding, ...]:
    """The numbered paragraphs that are not recommendations: SIF numbers both in one sequence."""
    return tuple(_finding(p) for p in found if not is_recommendation(p))


def recommendations(found: tuple[Paragraph, ...]) -> tuple[Recommendation, ...]:
    recs: list[Recommendation] = []
    for p in found:
        if not is_recommendation(p):
            continue
        recs.append(Recommendation(number=len(recs) + 1, text=p.text, evidence=p.evidence(),
                                   timescale="immediately" if p.immediate else None,
                                   kind="recommendation" if p.recommendation_kind == "recommendation"
                                   else "area-for-improvement"))
    return tuple(recs)


def listed_recommendations(doc: Document, found: tuple[Paragraph, ...]) -> tuple[Recommendation, ...]:
    """The numbered recommendations and those printed as bullets under a recommendation heading (a SIF report's
    LSCB section may bullet its list), in reading order, numbered from 1."""
    listed = sorted(recommendations(found) + bulleted_lists(doc, _RECOMMENDATION_HEADINGS, ends=_is_heading),
                    key=lambda r: r.evidence.start)
    return tuple(replace(r, number=number) for number, r in enumerate(listed, start=1))


def _title(doc: Document, title: re.Match[str], lscb: re.Match[str] | None) -> str:
    text = clean_text(title.group(0))
    text = text[0].upper() + text[1:]
    if lscb is not None and lscb.start() - title.end() < 200:
        text += " and " + clean_text(lscb.group(0)).capitalize().replace("local safeguarding children",
                                                                          "Local Safeguarding Children")
        text = re.sub(r"\bboard\b", "Board", text)
    return text


def inspection_dates(doc: Document) -> tuple[date, date] | None:
    """The first page's 'Inspection dates: … to …', or its one day ('Inspection date: 28 July 2016')."""
    printed = labelled_text(doc.first_page_blocks, r"inspection\s+dates?\s*:?", 120, doc.first_page_end)
    text = printed.replace("─", "–") if printed is not None else ""
    day = parse_date(text)
    return parse_date_range(text) or ((day, day) if day else None)


def published(doc: Document) -> date | None:
    return labelled_date(doc.first_page_blocks, r"report\s+published\s*:?", 60, doc.first_page_end)


def parse(doc: Document, source: str) -> ReportRecord:
    cover = blocks_text(doc.first_page_blocks)
    title = _TITLE.search(cover)
    lscb_title = _LSCB_TITLE.search(cover)
    authority = _authority(doc, cover, title)
    warnings: list[ReportWarning] = []
    dates = inspection_dates(doc)
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "no inspection dates found on the first page"))
    printed_published = published(doc)
    if printed_published is None:
        warnings.append(ReportWarning("missing-publication-date", "no publication date printed on the first page"))

    graded = judgements(doc, warnings, lscb_expected=lscb_title is not None)
    found = paragraphs(doc)
    if not found:
        warnings.append(ReportWarning("no-findings",
                                      "no numbered paragraphs: this report prints its findings as unnumbered bullets"))
    team = inspection_team(doc)
    if not any(i.role == "lead" for i in team):
        warnings.append(ReportWarning("no-lead-inspector", "no lead inspector printed"))
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=_title(doc, title, lscb_title) if title else None,
        page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=printed_published, inspectors=team, judgements=graded,
        recommendations=listed_recommendations(doc, found), findings=findings(found),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )


GRADES = {"outstanding": 1, "good": 2, "requires improvement": 3, "inadequate": 4}
FRAMEWORK = Framework(notations=(NOTATION,), family="SIF", grades=GRADES, areas=tuple(AREAS), expected=EXPECTED,
                      detect=detect, parse=parse)
