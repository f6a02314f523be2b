"""The Document model: what a reader makes of a file before any framework parsing.

A Document is the report's blocks, the one view parsers and extractors read, and its full text, which they
never search: it is what each fact's evidence points into, by page, printed paragraph number and character span.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

# A report's first page prints its title, dates and headline judgements in well under this many characters;
# a text without page breaks, or a PDF whose first page is a cover holding less, is read this far for them.
FIRST_PAGE_CHARS = 3000

# a footnote is the small print at a page's foot; it never interrupts the paragraph running over the page break
BlockKind = Literal["heading", "paragraph", "numbered", "bullet", "table_row", "footnote"]


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based page number of the source; text inputs are one page
    start: int  # offset of the page's first character in Document.text
    end: int


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One line of a block as printed: a table the extraction printed without tabs ("Overall effectiveness
    Adequate" line after line) is a paragraph whose lines are its rows."""
    text: str  # whitespace-normalised
    start: int  # span in Document.text
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str  # whitespace-normalised text of the block
    page: int | None  # None when the source carries no pagination (text/markdown)
    start: int  # span in Document.text
    end: int
    number: int | None = None  # printed paragraph number of a numbered paragraph
    cells: tuple[str, ...] = ()  # cells of a table row (an empty first cell of a header row kept: it aligns the columns)
    lines: tuple[PrintedLine, ...] = ()  # the lines it was printed on, marker and all


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # path of the source file as given
    media_type: str  # application/pdf, text/plain or text/markdown
    sha256: str
    text: str  # what evidence spans point into; parsers read `blocks`
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...] = field(default=())
    paginated: bool = True  # False for text/markdown, whose page breaks are unknown

    @property
    def page_count(self) -> int | None:
        return len(self.pages) if self.paginated else None

    @property
    def first_page_end(self) -> int:
        """Where the report's first page ends, where it names itself, the council and the inspection dates:
        page 1's end, at least FIRST_PAGE_CHARS characters in (the only definition of it parsers use, through
        `first_page_blocks`)."""
        if self.paginated and self.pages:
            return max(self.pages[0].end, FIRST_PAGE_CHARS)
        return FIRST_PAGE_CHARS

    @property
    def first_page_blocks(self) -> tuple[Block, ...]:
        """The blocks that start on the report's first page (`first_page_end`), footnotes left out."""
        end = self.first_page_end
        return tuple(block for block in self.blocks if block.start < end and block.kind != "footnote")

    def page_at(self, offset: int) -> int | None:
        """The number of the page holding the offset; the last page for an offset on no page (a page
        separator). Pages are in text order, so by bisection: parsers ask for every sentence."""
        if not self.paginated or not self.pages:
            return None
        index = bisect_right(self.pages, offset, key=attrgetter("start")) - 1
        page = self.pages[index] if index >= 0 else None
        return page.number if page is not None and offset < page.end else self.pages[-1].number
