"""Split a document's lines into blocks: headings, numbered paragraphs, bullets, table rows.

Readers hand over `Line`s: PDF lines carry their font size, weight and position, text lines
only whether a blank line preceded them. One segmenter serves both, so a numbered paragraph
is recognised the same way whatever the source, and continues across page breaks (a page's
running header/footer lines are marked `running` by the reader and never become blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cskg.loaders.back_matter import back_matter_offset
from cskg.loaders.document import Block, BlockKind, Document, PrintedLine
from cskg.loaders.parsing import GRADE_SUFFIX

# "12. Text", also the seeds' markdown "- 12. Text" and PDFs' "10.Text" (no space after the dot)
_NUMBERED = re.compile(r"^(?:[-*]\s+)?(\d{1,3})\.(?:\s+(?=\S)|(?=[A-Z‘“'\"(]))")
# bullets as printed: markdown dashes, Unicode bullets and the Wingdings/Symbol private-use glyphs
# (a dash or star only with a space after it: "**Inspection dates:**" is bold, not a bullet)
_BULLET = re.compile(r"^(?:[-*–](?=\s)|[•▪●◦◼■□➢]|[\uf02d\uf06e\uf0a7\uf0b7\uf0d8\uf0fc])\s*")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD_LINE = re.compile(r"^\*\*[^*]+\*\*:?$")
_TERMINAL = (".", "!", "?", ":", ";", ".”", ".’", ".)", ".'", '."', "”", ")")
# a heading wrapped onto a second line ends with a word that cannot end it
_OPEN_END = re.compile(r"(?:\b(?:and|of|the|for|to|who|in|on|with|by|from|at|or|a|an)|[,\-–])$", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of the source, as the reader saw it."""

    text: str  # the line, right-stripped
    start: int  # span in Document.text
    end: int
    page: int | None
    size: float = 0.0  # font size of its first character; 0 when unknown (text sources)
    bold: bool = False
    top: float = 0.0  # baseline y of its first character (PDF units, up is larger)
    running: bool = False  # page header/footer: skipped
    small: bool = False  # small print at a page's foot (footnotes): its own block, never interrupts
    blank_before: bool = False  # text sources: a blank line precedes it
    page_break_before: bool = False  # text sources: several blank lines, as the seeds mark a page break
    first_on_page: bool = False  # PDF: the first non-running line of its page
    visual_lines: int = 1  # PDF: pdfium joins a line ending in a hyphenated word with the next


# HTML some text extractions keep: footnote marks go with their number, other tags keep their words
_SUPERSCRIPT = re.compile(r"<sup>[^<]{0,6}</sup>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|sub|sup|span|br|p|div|li|ul|ol)\s*/?>", re.I)
_FOOTNOTE_START = re.compile(r"\d{1,2}(?:\s|$)")  # a note's number, perhaps on a line of its own
_RULE = re.compile(r"[-*_=\s]{3,}")  # a markdown horizontal rule
_BARE_MARK = re.compile(r"[-–—*]")  # text sources: a dash on a line of its own marks nothing


# markdown italics of text extractions ("*First Response*"): the words without their marks
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def clean(text: str) -> str:
    if "<" in text:
        text = _INLINE_TAG.sub(" ", _SUPERSCRIPT.sub("", text))
    if "*" in text:
        text = _ITALIC.sub(r"\1", text.replace("**", ""))
    return " ".join(text.replace("**", "").replace("\u00ad", "").split())  # re.sub(r"\s+", " ", …).strip()


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        # a word hyphenated at the end of a line ("child-" / "in-need") joins without a space
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return clean(text)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("*").endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    stripped = _BULLET.sub("", text.strip(), count=1) if text.strip().startswith(("- ", "* ")) else text.strip()
    return bool(stripped) and stripped[0].islower()


@dataclass
class _Open:
    """The block being built; mutable only inside `segment_lines`."""

    kind: BlockKind
    lines: list[Line]
    number: int | None = None

    def text(self) -> str:
        # a page-break tail in the seeds may carry a bullet dash that is not part of the text
        parts = [_BULLET.sub("", line.text.strip(), count=1) if i and line.page_break_before else line.text
                 for i, line in enumerate(self.lines)]
        if self.kind == "numbered":
            parts[0] = _NUMBERED.sub("", parts[0].strip(), count=1)
        elif self.kind == "bullet":
            parts[0] = _BULLET.sub("", parts[0].strip(), count=1)
        elif self.kind == "heading":
            parts = [_MD_HEADING.sub("", p.strip()) for p in parts]
        return _join(parts)

    def block(self) -> Block:
        first, last = self.lines[0], self.lines[-1]
        return Block(self.kind, self.text(), first.page, first.start, last.end, number=self.number,
                     lines=tuple(PrintedLine(clean(line.text), line.start, line.end) for line in self.lines))


def _table_cells(text: str) -> tuple[str, ...] | None:
    """Cells of a tab-separated or pipe-table line; None when the line is not a table row. A leading tab is an
    empty first cell (a header row's, over the row labels)."""
    stripped = text.strip()
    if "\t" in stripped:
        return tuple(c.strip() for c in text.strip(" \r").split("\t"))
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return tuple(c.strip() for c in stripped.strip("|").split("|"))
    return None


def _is_heading(line: Line, body_size: float) -> bool:
    text = line.text.strip()
    first = text[:1]  # both markdown forms start with their marker: PDF lines skip the regexes
    if (first == "#" and _MD_HEADING.match(text)) or (first == "*" and _MD_BOLD_LINE.match(text)):
        return True
    if line.size and body_size:
        return len(text) < 200 and (line.size >= body_size + 1.0 or (line.bold and line.size >= body_size - 0.5))
    return False


def _plain_heading(line: Line, previous: _Open | None) -> bool:
    """Text sources without markup: a short line standing alone reads as a heading."""
    text = clean(line.text)
    # a heading that carries its grade ("… are safe Grade 3 (Adequate)") runs longer
    limit = 160 if "grade" in text.lower() and GRADE_SUFFIX.search(text) else 90
    return (not line.size and line.blank_before and len(text) < limit and not text.endswith((".", ",", ";"))
            and not (previous and previous.kind in ("numbered", "paragraph", "bullet")
                     and line.page_break_before and _starts_lower(line.text)))


def body_font_size(lines: list[Line]) -> float:
    """The size most characters are printed in."""
    weight: dict[float, int] = {}
    for line in lines:
        if line.size and not line.running:
            key = line.size
            weight[key] = weight.get(key, 0) + len(line.text)
    return max(weight, key=weight.__getitem__) if weight else 0.0


_SMALLEST_PRINT = 4.0  # points: no report prints its body smaller


def line_spacing(lines: list[Line], body_size: float) -> float:
    """The usual distance between consecutive body lines of a page (median)."""
    # Some PDFs draw text at size 1 scaled by the text matrix, so the size pdfium reports is no
    # measure of the distance between lines: then any gap on the page counts (most are line gaps).
    widest = 4 * body_size if body_size >= _SMALLEST_PRINT else float("inf")
    gaps = sorted(
        a.top - b.top for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.size and abs(a.size - body_size) < 0.6 and abs(b.size - body_size) < 0.6
        and not a.running and not b.running and a.visual_lines == 1 and 0 < a.top - b.top < widest)
    return gaps[len(gaps) // 2] if gaps else 0.0


def segment_lines(lines: list[Line], end: int | None = None) -> tuple[Block, ...]:
    """The blocks of the lines that start before `end` (where the back matter begins: Ofsted's
    closing page is no part of any section, finding or recommendation)."""
    if end is not None:
        lines = [line for line in lines if line.start < end]
    body_size = body_font_size(lines)
    spacing = line_spacing(lines, body_size)
    blocks: list[Block] = []
    side: list[Block] = []  # footnotes: kept apart so they do not cut the paragraph they interrupt
    current: _Open | None = None
    last_body: Line | None = None
    last_small: Line | None = None  # the footnote line just read, while footnote lines follow
    last_number = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            block = current.block()
            if block.text:
                blocks.append(block)
        current = None

    for line in lines:
        text = line.text.strip()
        if line.running or not text:
            continue
        if line.small:
            # a footnote's lines make one block; the next footnote starts with its number
            note = side[-1] if side and last_small is not None and last_small.page == line.page else None
            if note is not None and not _FOOTNOTE_START.match(text):
                side[-1] = Block("footnote", _join([note.text, text]), note.page, note.start, line.end)
            else:
                side.append(Block("footnote", clean(text), line.page, line.start, line.end))
            last_small = line
            continue
        last_small = None
        if not line.size and (_RULE.fullmatch(text) or _BARE_MARK.fullmatch(text)):
            continue
        cells = _table_cells(line.text) if not line.size else None
        if cells is not None:
            close()
            if not re.fullmatch(r"[\s|:-]*", text):
                cells = tuple(clean(c) for c in cells)
                blocks.append(Block("table_row", " ".join(c for c in cells if c), line.page,
                                    line.start, line.end, cells=cells,
                                    lines=(PrintedLine(clean(line.text), line.start, line.end),)))
            last_body = line
            continue
        numbered = _NUMBERED.match(text)
        prev_text = last_body.text if last_body else ""
        bullet = not numbered and _BULLET.match(text) and not _starts_continuation(line, current, prev_text)
        heading = not numbered and not bullet and _is_heading(line, body_size)
        if numbered and not heading:
            number = int(numbered.group(1))
            # a wrapped line may start with a number ("... aged\n16. They"): a new paragraph
            # starts only after a finished sentence or where the next number is expected
            at_boundary = (current is None or current.kind not in ("numbered", "paragraph", "bullet")
                           or _ends_sentence(prev_text) or line.blank_before
                           or not _continues(line, current, last_body, spacing))  # a paragraph gap above it
            if number == last_number + 1 or (at_boundary and (number <= last_number + 5 or number == 1)):
                close()
                current = _Open("numbered", [line], number)
                last_number = number
                last_body = line
                continue
        if heading:
            if (current is not None and current.kind == "heading" and last_body is not None
                    and not line.blank_before and line.size and abs(line.size - last_body.size) < 0.6
                    and (_starts_lower(text) or _OPEN_END.search(prev_text.strip())
                         or prev_text.rstrip().endswith(":") or _wrapped(line, last_body, spacing, body_size))):
                current.lines.append(line)
            else:
                close()
                current = _Open("heading", [line])
            last_body = line
            continue
        if bullet:
            close()
            current = _Open("bullet", [line])
            last_body = line
            continue
        if current is not None and _continues(line, current, last_body, spacing):
            current.lines.append(line)
        elif _plain_heading(line, current):
            close()
            current = _Open("heading", [line])
        else:
            close()
            current = _Open("paragraph", [line])
        last_body = line
    close()
    if side:
        blocks = sorted(blocks + side, key=lambda b: (b.start, b.end))
    return tuple(blocks)


def _wrapped(line: Line, last: Line, spacing: float, body_size: float) -> bool:
    """A heading line at the heading's own line spacing (the body's, scaled by the font size) is the
    heading wrapped: "Section 2: The effectiveness of the Local Safeguarding" / "Children Board". A
    sub-heading below it stands further off."""
    return bool(spacing and body_size) and 0 < last.top - line.top <= spacing * line.size / body_size * 1.2


def _starts_continuation(line: Line, current: _Open | None, prev_text: str) -> bool:
    """The seeds mark a page break with blank lines and may put a bullet dash before the
    continuing half of a paragraph ("- to ensure that ..."): that is not a new bullet."""
    return (current is not None and current.kind in ("numbered", "paragraph", "bullet")
            and line.page_break_before and _starts_lower(line.text) and not _ends_sentence(prev_text))


def _continues(line: Line, current: _Open, last: Line | None, spacing: float) -> bool:
    if current.kind not in ("numbered", "paragraph", "bullet") or last is None:
        return False
    text = line.text.strip()
    if not line.size:  # text sources: paragraphs are separated by blank lines
        if not line.blank_before:
            return True
        return line.page_break_before and _starts_lower(text) and not _ends_sentence(last.text)
    if line.first_on_page or line.page != last.page:
        # numbered paragraphs continue across page breaks; others when the sentence does
        return current.kind == "numbered" or not _ends_sentence(last.text) or _starts_lower(text)
    if spacing and last.top - line.top > spacing * (last.visual_lines + 0.35):
        return False  # a paragraph gap
    return True


def text_lines(text: str) -> list[Line]:
    """Lines of a text document; blank lines recorded on the line that follows them."""
    lines: list[Line] = []
    offset = 0
    blanks = 1  # the text's first line stands alone as one after a blank line does
    for raw in text.split("\n"):
        stripped = raw.rstrip()
        if stripped.strip():
            lines.append(Line(stripped, offset, offset + len(stripped), None, blank_before=blanks > 0,
                              page_break_before=blanks >= 2 and bool(lines)))
            blanks = 0
        else:
            blanks += 1
        offset += len(raw) + 1
    return lines


def segment(doc: Document) -> tuple[Block, ...]:
    """Blocks of a text document (PDF readers call `segment_lines` with their styled lines)."""
    blocks = segment_lines(text_lines(doc.text), back_matter_offset(doc.text))
    if doc.paginated:
        return tuple(replace(b, page=doc.page_at(b.start)) for b in blocks)
    return blocks
