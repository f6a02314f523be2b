"""Stand-alone reviews of the effectiveness of a Local Safeguarding Children Board (LSCB-review).

The LSCB review was normally published with the council's SIF inspection (loaders/frameworks/sif.py
reads it there as the `lscb` judgement); when it was carried out separately it has its own report,
titled only "Review of the effectiveness of the Local Safeguarding Children Board" under the
board's name. It grades the board on the SIF scale, has numbered paragraphs like a SIF report, and
its one judgement uses the SIF area `lscb` (graph/namespaces.scale_family maps LSCB-review to SIF).
"""

from __future__ import annotations

import re
from dataclasses import replace

from cskg.loaders.authorities import authority_index
from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks.framework import Framework
from cskg.loaders.frameworks import sif
from cskg.loaders.parsing import blocks_text, clean_text, search_printed
from cskg.loaders.plausibility import Expectations
from cskg.loaders.previous import previous_inspections
from cskg.loaders.records import ReportRecord, ReportWarning
from cskg.loaders.statistics import local_statistics
from cskg.loaders.team import inspection_team

NOTATION = "LSCB-review"
EXPECTED = Expectations(first_year=2013, last_year=2018, overall_areas=(), continuous_numbering=True)


def detect(doc: Document) -> str | None:
    cover = blocks_text(doc.first_page_blocks)
    return NOTATION if sif._LSCB_TITLE.search(cover) and not sif._TITLE.search(cover) else None


def parse(doc: Document, source: str) -> ReportRecord:
    cover = blocks_text(doc.first_page_blocks)
    title = sif._LSCB_TITLE.search(cover)
    if title is None:
        raise RejectedInput(doc.path, "no 'Review of the effectiveness of the Local Safeguarding Children Board' "
                                      "title on the first page; this is not a stand-alone LSCB review")
    # The board's name ("Surrey Safeguarding Children Board") names the council it serves.
    authority = authority_index().find_in(re.sub(r"^\d{1,3} ", "", cover[:title.start()]))
    if authority is None:
        raise RejectedInput(doc.path, "LSCB review without the board's or council's name above its title; check "
                                      "the first page names the board (e.g. 'Surrey Safeguarding Children Board')")
    warnings: list[ReportWarning] = []
    dates = sif.inspection_dates(doc)
    if dates is None:
        warnings.append(ReportWarning("missing-dates", "no inspection dates found on the first page"))
    published = sif.published(doc)
    match = search_printed(doc, doc.blocks, sif._LSCB)
    # No judgement found: loaders/plausibility.py refuses the file (the review always grades the board).
    judgement = sif._judgement(doc, "lscb", match, warnings) if match else None
    # Every part of a stand-alone review is about the board.
    found = tuple(replace(p, area="lscb" if p.area else None,
                          section="The Local Safeguarding Children Board" if p.section == sif.AREAS[
                              "overall-effectiveness"] else p.section)
                  for p in sif.paragraphs(doc))
    return ReportRecord(
        source=source, sha256=doc.sha256, media_type=doc.media_type, framework=NOTATION,
        authority_code=authority.gss, authority_name=authority.name,
        title=clean_text(title.group(0)).replace("local safeguarding children board",
                                                 "Local Safeguarding Children Board"),
        page_count=doc.page_count,
        inspection_start=dates[0] if dates else None, inspection_end=dates[1] if dates else None,
        published=published, inspectors=inspection_team(doc), judgements=(judgement,) if judgement else (),
        recommendations=sif.listed_recommendations(doc, found),
        findings=sif.findings(found),
        statistics=local_statistics(doc), previous_inspections=previous_inspections(doc), warnings=tuple(warnings),
    )


FRAMEWORK = Framework(notations=(NOTATION,), family="SIF", grades=sif.GRADES, areas=("lscb",), expected=EXPECTED,
                      detect=detect, parse=parse)
