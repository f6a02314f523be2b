"""Several reports in one file: where each starts, and each as a Document of its own.

Ofsted sometimes publishes two reports as one PDF (a SIF inspection with a separate review of the Local
Safeguarding Children Board appended, its own first page and back cover). A report's first page prints its
inspection dates ("Inspection dates: …") under its title; no later page of a report does (none of the 227
corpus reports' later pages carries the label in its first lines). So a page after the first whose head
carries the label starts another report. Pages keep their numbers in the file, so evidence points at the
file's pages; each part's back cover is cut off on its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cskg.loaders.back_matter import back_matter_offset
from cskg.loaders.document import Block, Document, Page

_FIRST_PAGE_LABEL = re.compile(r"\binspection\s+dates?\s*:", re.I)
_HEAD_CHARS = 700  # a first page's title and dates sit in its first lines


def part_starts(page_texts: list[str]) -> list[int]:
    """Indexes of the pages that start a report: the first page, and every later page whose head
    carries the inspection-dates label."""
    return [0] + [i for i, text in enumerate(page_texts) if i and _FIRST_PAGE_LABEL.search(text[:_HEAD_CHARS])]


def part_spans(text: str, pages: tuple[Page, ...] | list[Page]) -> list[tuple[int, int]]:
    """(start, end) in the text of each report the pages hold, the last ending with the text."""
    starts = part_starts([text[p.start:p.end] for p in pages])
    bounds = [pages[i].start for i in starts] + [len(text)]
    return [(bounds[k] if k else 0, bounds[k + 1]) for k in range(len(starts))]


def back_matter_ends(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each part's (start, where its back matter begins)."""
    return [(start, start + back_matter_offset(text[start:end])) for start, end in spans]


def parts(doc: Document) -> list[Document]:
    """The reports the document holds, each a Document over its own pages (the document itself when it
    holds one, or is not paginated)."""
    if not doc.paginated or len(doc.pages) < 2:
        return [doc]
    spans = part_spans(doc.text, doc.pages)
    if len(spans) == 1:
        return [doc]
    return [_part(doc, start, end) for start, end in spans]


def _part(doc: Document, start: int, end: int) -> Document:
    pages = tuple(Page(p.number, p.start - start, min(p.end, end) - start) for p in doc.pages
                  if start <= p.start < end)
    blocks = tuple(_shifted(b, start) for b in doc.blocks if start <= b.start < end)
    return Document(doc.path, doc.media_type, doc.sha256, doc.text[start:end], pages, blocks, doc.paginated)


def _shifted(block: Block, by: int) -> Block:
    return replace(block, start=block.start - by, end=block.end - by,
                   lines=tuple(replace(line, start=line.start - by, end=line.end - by) for line in block.lines))
