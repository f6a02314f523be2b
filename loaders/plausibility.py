"""Is a parsed record one real report? Checks every framework's record against what its template
always has, and either refuses the file (RejectedInput: it is not one report, so nothing of it is
stored) or adds warnings (it is one report, read with gaps a user should look at).

Refused, because storing it would put wrong facts in the graph under a wrong name:
- no graded judgement, where the framework grades every report: what was read is not the report
  (a damaged or truncated file, or text that only looks like a report's first page);
- inspection dates outside the years the framework was in use, or in the future: the dates read
  are not this report's, and the report's graph is named by its start date;
- the same long paragraphs printed twice: the file holds the report twice, and every finding and
  recommendation would be stored twice.
Warned of, because the report is still the report and the rest of it reads right:
- a missing overall grade or no numbered findings (the framework has both);
- a visit much longer than any inspection, a publication date long after the visit;
- paragraph numbers printed twice where the framework numbers paragraphs once through the report,
  or a few long paragraphs repeated (a page printed twice).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.records import ReportRecord, ReportWarning

LONGEST_VISIT_DAYS = 42  # inspections run one to four weeks on site
LONGEST_PUBLICATION_DELAY_DAYS = 365  # reports are published one to seven months after the visit
LONG_PARAGRAPH = 200  # characters: a paragraph this long is not printed twice by chance
REPEATED_SHARE = 0.5  # of the long paragraphs printed twice: the whole report is


@dataclass(frozen=True, slots=True)
class Expectations:
    """What every report of a framework has, by its template (declared as EXPECTED in each parser
    module; the years agree with the framework's cskg:inUseFrom/inUseUntil, tests/test_ontology.py)."""

    first_year: int  # the first and last year an inspection under the framework started
    last_year: int | None  # None: still in use
    overall_areas: tuple[str, ...]  # the areas graded overall (SLAC grades each of its two services overall)
    continuous_numbering: bool  # paragraphs numbered once through the whole report, never restarting


def check_record(record: ReportRecord, doc: Document, expected: Expectations, today: date | None = None) -> ReportRecord:
    """The record read from `doc` with the warnings of these checks added; RejectedInput when it is
    not one report."""
    path = doc.path
    if not record.judgements:
        raise RejectedInput(path, f"no graded judgement found, and every {record.framework} report grades the "
                                  "council: the file is damaged, truncated or not the report itself; download it again")
    _check_dates(record, expected, path, today or date.today())
    warnings = list(record.warnings)
    warnings += _date_warnings(record)
    warnings += _paragraph_warnings(record, doc, expected)
    codes = {w.code for w in warnings}
    graded = {j.area for j in record.judgements}
    for area in expected.overall_areas:
        if area not in graded:
            warnings.append(ReportWarning("missing-overall-grade", f"{area}: no grade found; {len(graded)} other "
                                                                   "grades were read"))
    if not record.findings and "no-findings" not in codes:
        warnings.append(ReportWarning("no-findings", "no numbered paragraph found"))
    return replace(record, warnings=tuple(warnings))


def _check_dates(record: ReportRecord, expected: Expectations, path: str, today: date) -> None:
    start = record.inspection_start
    if start is None:
        return
    last = expected.last_year
    years = f"{expected.first_year}–{last}" if last else f"from {expected.first_year}"
    if start.year < expected.first_year or (last is not None and start.year > last):
        raise RejectedInput(path, f"inspection start {start.isoformat()} lies outside the years of {record.framework} "
                                  f"inspections ({years}): the dates read are not this report's, or the file is "
                                  "damaged")
    if start > today or (record.published is not None and record.published > today):
        raise RejectedInput(path, f"a date of the report ({max(start, record.published or start).isoformat()}) lies "
                                  "in the future: the dates read are not this report's, or the file is damaged")


def _date_warnings(record: ReportRecord) -> list[ReportWarning]:
    found = []
    start, end, published = record.inspection_start, record.inspection_end, record.published
    if start and end and (end - start).days > LONGEST_VISIT_DAYS:
        found.append(ReportWarning("implausible-date", f"the inspection runs {(end - start).days} days "
                                                       f"({start.isoformat()} to {end.isoformat()}); inspections "
                                                       f"run at most {LONGEST_VISIT_DAYS}"))
    if end and published and (published - end).days > LONGEST_PUBLICATION_DELAY_DAYS:
        found.append(ReportWarning("implausible-date", f"published {published.isoformat()}, "
                                                       f"{(published - end).days} days after the inspection ended"))
    return found


def _paragraph_warnings(record: ReportRecord, doc: Document, expected: Expectations) -> list[ReportWarning]:
    """Long paragraphs printed twice, among the document's blocks and among the findings: a parser
    that follows paragraph numbers skips a second copy whose numbers start again, and the blocks end
    where Ofsted's back cover starts, which an older report also prints in front."""
    found = []
    body = [b.text for b in doc.blocks if b.kind != "heading"]
    views = (body + _copied_after_the_cut(doc, body), [f.text for f in record.findings])
    repeated: set[str] = set()
    for texts in views:
        long_texts = [text for text in texts if len(text) >= LONG_PARAGRAPH]
        twice = {text for text, count in Counter(long_texts).items() if count > 1}
        if len(twice) >= 3 and len(twice) >= REPEATED_SHARE * len(set(long_texts)):
            raise RejectedInput(doc.path, f"the report is printed more than once in this file ({len(twice)} of "
                                          f"{len(set(long_texts))} long paragraphs appear twice): give each report "
                                          "once, in a file of its own")
        repeated = max(repeated, twice, key=len)
    if repeated:
        pages = sorted({b.page for b in doc.blocks if b.text in repeated and b.page is not None})
        where = f" (pages {_listed(pages)})" if pages else ""
        found.append(ReportWarning("duplicated-paragraphs", f"{len(repeated)} long paragraphs printed twice{where}"))
    if expected.continuous_numbering:
        numbers = [n for n, count in Counter(f.paragraph for f in record.findings).items() if count > 1]
        if numbers:
            found.append(ReportWarning("duplicated-paragraphs", f"paragraph numbers printed twice: "
                                                                f"{_listed(sorted(numbers))}"))
    return found


def _copied_after_the_cut(doc: Document, body: list[str]) -> list[str]:
    """The long block texts that the text after the blocks' end prints again. The blocks end where a
    closing-page marker stands in the text's second half; an older report prints one on its cover, so
    a report printed twice is cut at its second copy's cover, which must not hide the copy."""
    cut = max((b.end for b in doc.blocks), default=len(doc.text))
    if len(doc.text) - cut < LONG_PARAGRAPH * 3:
        return []  # a back cover, or nothing
    tail = " ".join(doc.text[cut:].split())
    return [text for text in dict.fromkeys(body) if len(text) >= LONG_PARAGRAPH and text in tail]


def _listed(numbers: list[int], most: int = 8) -> str:
    shown = ", ".join(map(str, numbers[:most]))
    return shown + (f" and {len(numbers) - most} more" if len(numbers) > most else "")
