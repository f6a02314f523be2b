"""Parsing helpers every framework parser shares: dates, grades, names, sentences, evidence.

Pure functions over strings and Documents; framework modules keep only what is theirs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from cskg.loaders.document import Block, Document, PrintedLine
from cskg.loaders.records import Evidence, Finding

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
DASH = r"\s*(?:-|–|—|to|until)\s*"

# "6 November 2023", "6th Nov 2023"
DATE_WORDS = re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b", re.I)
# "10/08/2015", "1/06/15"
DATE_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)?\d\d)\b")
# "6 to 10 November 2023", "29 June to 10 July 2009", "28 November 2011 to 09 December 2011",
# "1/06/2015 – 25/06/2015"
DATE_RANGE = re.compile(
    rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})\.?)?(?:,?\s+(?P<y1>{_YEAR}))?{DASH}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>{_YEAR})"
    rf"|(?P<n1>[0-3]?\d/[01]?\d/(?:19|20)?\d\d){DASH}(?P<n2>[0-3]?\d/[01]?\d/(?:19|20)?\d\d)", re.I)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date written in words or as d/m/y in the text."""
    words = DATE_WORDS.search(text)
    numeric = DATE_NUMERIC.search(text)
    if words and (not numeric or words.start() < numeric.start()):
        return make_date(int(words["y"]), MONTHS[words["m"].lower()[:3]], _day(words["d"]))
    if numeric:
        return make_date(_year(numeric["y"]), int(numeric["m"]), int(numeric["d"]))
    return None


def parse_date_range(text: str) -> tuple[date, date] | None:
    """The first 'start to end' date range in the text; the start borrows month/year from the end."""
    match = DATE_RANGE.search(text)
    if not match:
        return None
    if match["n1"]:
        start, end = parse_date(match["n1"]), parse_date(match["n2"])
    else:
        end = make_date(int(match["y2"]), MONTHS[match["m2"].lower()[:3]], _day(match["d2"]))
        month1 = MONTHS[match["m1"].lower()[:3]] if match["m1"] else (end.month if end else 0)
        year1 = int(match["y1"]) if match["y1"] else (end.year if end else 0)
        if end and not match["y1"] and month1 > end.month:  # "29 December to 9 January 2015"
            year1 -= 1
        start = make_date(year1, month1, _day(match["d1"]))
    if start is None or end is None:
        return None
    return start, end


def normalise_grade(text: str, framework: str) -> tuple[str, int] | None:
    """('requires improvement to be good', 3) from 'Requires improvement to be good', tolerant of
    OCR noise and line breaks; None when the text holds no grade of the framework's scale (its
    declaration's grades). A label cut short ("Requires improvement" on a scale whose label goes on
    "to be good") is the one label it starts."""
    from cskg.loaders.frameworks import grade_scale  # the declarations import this module

    cleaned = re.sub(r"[^a-z ]+", " ", text.lower())
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    scale = grade_scale(framework)
    for label in sorted(scale, key=len, reverse=True):
        if cleaned == label or cleaned.startswith(label + " "):
            return label, scale[label]
    opening = " ".join(cleaned.split()[:2])
    started = [label for label in scale if " " in opening and label.startswith(opening + " ")]
    return (started[0], scale[started[0]]) if len(started) == 1 else None


def clean_text(text: str) -> str:
    """One line of text: whitespace folded, soft hyphens and markdown emphasis dropped."""
    text = text.replace("\u00ad", "").replace("**", "").replace("\uf0b7", "")
    # str.split() splits at the runs of exactly the characters \s matches, and drops the ends:
    # re.sub(r"\s+", " ", text).strip() in a third of the time
    return " ".join(text.split())


def evidence_for_block(doc: Document, block: Block, section: str | None = None,
                       quote: str | None = None) -> Evidence:
    return Evidence(quote=quote or block.text, start=block.start, end=block.end, page=block.page,
                    paragraph=block.number, section=section)


def evidence_for_span(doc: Document, start: int, end: int, section: str | None = None,
                      paragraph: int | None = None) -> Evidence:
    return Evidence(quote=clean_text(doc.text[start:end]), start=start, end=end, page=doc.page_at(start),
                    paragraph=paragraph, section=section)


# "Grade 3 (adequate)", "**Grade 2 (good)**", as a line or glued to the end of a heading
GRADE_SUFFIX = re.compile(r"\**\s*Grade\s+(?P<n>[1-4])\s*\((?P<label>[A-Za-z ]+)\)\s*\**\s*$", re.I)


def labelled_text(blocks: Sequence[Block], label: str, window: int = 200, limit: int = 6000) -> str | None:
    """The `window` characters printed after a label ('Published', 'Inspection dates:') in the first block
    holding it among those that start in the first `limit` characters of the report (its cover and first
    page); None when none does."""
    head = [block for block in blocks if block.start < limit]
    for index, block in enumerate(head):
        match = re.search(label, block.text, re.I)
        if match:
            return " ".join([block.text[match.end():], *(b.text for b in head[index + 1:index + 4])])[:window]
    return None


def labelled_date(blocks: Sequence[Block], label: str, window: int = 200, limit: int = 6000) -> date | None:
    """The first date printed within `window` characters after a label near the top."""
    text = labelled_text(blocks, label, window, limit)
    return parse_date(text) if text is not None else None


def blocks_text(blocks: Sequence[Block]) -> str:
    """The blocks' texts as one line: a title, a council's name or a label wrapped over blocks reads whole (the
    text of their JoinedText, where no span is wanted)."""
    return " ".join(block.text for block in blocks)


@dataclass(frozen=True, slots=True)
class JoinedText:
    """The one searchable text over a report's blocks: their texts (or the lines they were printed on) joined by
    `separator`, so a pattern matches across them, and where each character of it is printed in Document.text,
    which is what evidence spans point into. Previous-inspection statements are searched in the blocks' texts
    joined by spaces; a grade beside its label, in the printed lines joined by newlines (find_printed)."""
    doc: Document
    pieces: tuple[Block | PrintedLine, ...]  # each with its text and its span in Document.text
    separator: str
    text: str
    starts: tuple[int, ...]  # offset in `text` of each piece's first character

    @classmethod
    def of(cls, doc: Document, pieces: Sequence[Block | PrintedLine], separator: str = " ") -> JoinedText:
        texts = [piece.text for piece in pieces]
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + len(separator)
        return cls(doc, tuple(pieces), separator, separator.join(texts), tuple(starts))

    def piece_at(self, index: int) -> int:
        """The number of the piece holding the character at `index` (the piece before, for a separator)."""
        return max(0, bisect_right(self.starts, index) - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] is printed in Document.text: from its first character to just after its last."""
        first = self._offset(start, after=False)
        # never before its start: a footnote may stand between the parts of the paragraph it interrupts
        return first, max(first, self._offset(end, after=True))

    def _offset(self, index: int, after: bool) -> int:
        number = self.piece_at(index)
        return _printed_offset(self.doc, self.pieces[number], index - self.starts[number], after)


_MARKUP = re.compile(r"</?[a-z]+>|\*+|\u00ad")


def _printed_offset(doc: Document, piece: Block | PrintedLine, column: int, after: bool) -> int:
    """Where in Document.text the character at `column` of the piece's text is printed; with `after`, where the
    character before `column` ends (the end of a match: markup after it is no part of it)."""
    raw = doc.text[piece.start:piece.end]
    if raw == piece.text:
        return piece.start + column
    # The reader folded the piece's spaces and dropped its markup (<b>, **, soft hyphens), a block its running
    # headers: follow the printed text through the raw one, character by character.
    target = column - 1 if after else column
    if target < 0 or target >= len(piece.text):
        return piece.start if target < 0 else piece.start + len(raw.rstrip())
    at = 0
    for index, char in enumerate(piece.text[:target + 1]):
        # markup is skipped, unless it is what the text prints here ("A* to C grades")
        while (markup := _MARKUP.match(raw, at)) is not None and not raw.startswith(char, at):
            at = markup.end()
        if char == " ":
            while at < len(raw) and raw[at].isspace():
                at += 1
            if index == target:
                return piece.start + at
            continue
        found = raw.find(char, at)
        if found < 0:
            return piece.start + min(column, len(raw))
        at = found + 1
    return piece.start + (at if after else at - 1)


@dataclass(frozen=True, slots=True)
class PrintedMatch:
    """A match over the printed lines of a few consecutive blocks, with its span in Document.text."""
    match: re.Match[str]
    start: int
    end: int

    def __getitem__(self, group: str | int) -> str | None:
        return self.match[group]


# Blocks a printed statement may run over: a judgement box's label wrapped into a second cell, its grade a third.
PRINTED_REACH = 3


def find_printed(doc: Document, blocks: Sequence[Block], pattern: re.Pattern[str],
                 reach: int = PRINTED_REACH) -> Iterator[PrintedMatch]:
    """Each match of `pattern` over the printed lines of the blocks, in reading order. The lines of a block and
    of the `reach - 1` blocks after it are joined by newlines, so a pattern anchors at a line's start or end
    (re.M) as printed and a label and its value printed over several lines or blocks still match; a match is
    found from the block it starts in. Blocks without printed lines (footnotes) are no part of it."""
    printed = [block for block in blocks if block.lines]
    for index, block in enumerate(printed):
        window = JoinedText.of(doc, [line for later in printed[index:index + reach] for line in later.lines], "\n")
        own = sum(len(line.text) + 1 for line in block.lines)
        for match in pattern.finditer(window.text):
            if match.start() >= own:
                break
            yield PrintedMatch(match, *window.span(match.start(), match.end()))


def search_printed(doc: Document, blocks: Sequence[Block], pattern: re.Pattern[str],
                   reach: int = PRINTED_REACH) -> PrintedMatch | None:
    """The first match of `pattern` over the printed lines of the blocks (find_printed)."""
    return next(find_printed(doc, blocks, pattern, reach), None)


def numbered_findings(doc: Document, units: Sequence[Block],
                      context: Sequence[tuple[str | None, str | None]]) -> tuple[Finding, ...]:
    """Every numbered block as a Finding. `context[i]` is the (section heading, judgement area)
    of units[i]. Bullets and unnumbered paragraphs up to the next heading belong to the paragraph above
    (lists), except a paragraph standing where one number is missing from the sequence (n, ?, n+2):
    the extraction lost its number, so it is paragraph n+1. Footnotes are no part of any."""
    next_number: list[int | None] = [None] * len(units)
    upcoming: int | None = None
    for index in range(len(units) - 1, -1, -1):
        next_number[index] = upcoming
        if units[index].kind == "numbered":
            upcoming = units[index].number
        elif units[index].kind in ("heading", "table_row"):
            upcoming = None

    findings: list[Finding] = []
    current: list[Block] = []
    number = 0
    where: tuple[str | None, str | None] = (None, None)

    def close() -> None:
        if current:
            text = " ".join(u.text for u in current)
            evidence = Evidence(quote=text, start=current[0].start, end=current[-1].end,
                                page=doc.page_at(current[0].start), paragraph=number, section=where[0])
            findings.append(Finding(paragraph=number, text=text, evidence=evidence, area=where[1]))
            current.clear()

    for index, unit in enumerate(units):
        if unit.kind == "numbered":
            close()
            current.append(unit)
            number, where = unit.number or 0, context[index]
        elif unit.kind in ("bullet", "paragraph") and current:
            lost = (next_number[index] == number + 2 and len(unit.text) >= 100
                    and current[-1].text.endswith((".", "!", "?")))
            if lost:
                close()
                number, where = number + 1, context[index]
            current.append(unit)
        elif unit.kind in ("heading", "table_row"):
            close()
    close()
    return tuple(findings)


def paragraph_run(blocks: Sequence[Block], skip: re.Pattern[str] | None = None) -> dict[int, int]:
    """{block index: printed number} of the numbered blocks that start a paragraph of a report numbered
    once through (1 … 168): the longest run numbered 1, 2, 3 … in order, each number one more than the
    last one taken. `skip` matches block texts that are never paragraphs, like a judgement box's lines."""
    runs: list[dict[int, int]] = []
    for index, block in enumerate(blocks):
        if block.kind != "numbered" or block.number is None or (skip is not None and skip.search(block.text)):
            continue
        # Several runs stay open: a list numbered 1, 2 … inside the report must not end the main one.
        for run in runs:
            if run[next(reversed(run))] == block.number - 1:
                run[index] = block.number
        if block.number == 1:
            runs.append({index: 1})
    return max(runs, key=len, default={})


# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not turn into that
# letter alone (U+0130 also lowers to two characters).
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def lowered_for_search(text: str) -> str | None:
    """text.lower(), in which an ASCII word occurs wherever a case-insensitive regex finds it in
    `text`, at the same offset; None when the text holds a character for which that fails (İ, ı, ſ):
    then search the text itself."""
    return None if _FOLDS_APART.search(text) else text.lower()


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Children's Trust (NCT)' -> 'childrens-trust-nct'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
