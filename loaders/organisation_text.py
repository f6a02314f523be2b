"""Sentences of a report with their place in it, for organisation extraction.

PDF text carries running headers ("Inspection of X local authority children's services … 7"),
page numbers and line breaks in the middle of sentences. A running header names the inspected
council, so leaving it inside a sentence would make every sentence that spans a page break
"name" that council; headers are therefore dropped before sentences are cut.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from cskg.loaders.back_matter import back_matter_start
from cskg.loaders.document import Document
from cskg.loaders.records import Evidence


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # whitespace-folded text, running headers removed, paragraph number stripped
    start: int  # span in Document.text
    end: int
    paragraph: int | None
    page: int | None

    def evidence(self) -> Evidence:
        return Evidence(quote=self.text, start=self.start, end=self.end, page=self.page,
                        paragraph=self.paragraph)


_DIGITS = re.compile(r"\d+")
_BREAK = "\u2029"  # marks a forced sentence break in the kept text
_HEADING_LINE = re.compile(r"^#{1,6}\s+")
_BULLET_LINE = re.compile(r"^(?:[\ue000-\uf8ff◼•▪●◦➢✓]|[-*](?=\s))\s*")
# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by a capital,
# a digit (next paragraph number) or an opening quote.
# Every boundary starts with a space, a closing quote or bracket: the leading lookahead lets the
# regex engine pass over other characters at one test each instead of trying all three branches.
_BOUNDARY = re.compile(r"(?=[\s’”'\")])(?:\s*\u2029\s*|(?<=[.!?])[’”'\")]?\s+(?=[A-Z0-9‘“(◼•]|\uf0b7)"
                       r"|(?<=[a-z:)])\s+(?=\d{1,3}\.[A-Z]))")
# Words after which a full stop does not end a sentence.
_NO_BREAK = re.compile(r"\b(?:e\.g|i\.e|etc|St|Dr|Mr|Mrs|Ms|No|para|paras|vs|cf|approx)\.$", re.I)
_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s*(?=[A-Z‘“(])")
_BULLET = re.compile(r"^(?:[◼•▪●◦\-*]|\uf0b7)\s*")


def _running_lines(doc: Document) -> set[str]:
    """Lines that repeat on many pages (headers, footers), keyed with digits masked."""
    if not doc.paginated or len(doc.pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in doc.pages:
        # one substitution per page: masking digits never crosses a line or touches whitespace
        seen = {line.strip() for line in _DIGITS.sub("#", doc.text[page.start:page.end]).split("\n")}
        counts.update(line for line in seen if line)
    threshold = max(3, len(doc.pages) // 3)
    return {line for line, n in counts.items() if n >= threshold and len(line) > 3}


_SPACE_RUN = re.compile(r"\s+")
_PAGE_NUMBERS = frozenset({"#", "Page # of #"})  # bare page numbers, digits masked
_BULLET_FIRST = frozenset("◼•▪●◦➢✓-*")  # what _BULLET_LINE may start with, besides private-use glyphs
_NUMBER_ONLY = re.compile(r"\d{1,3}\.")
_UNFOLDED_SPACE = re.compile(r"\s\s|[^\S ]")  # two whitespace characters, or one that is not a space


class _Offsets:
    """The offset in Document.text of each kept character, held as runs: the characters of a run
    sit at consecutive offsets (capped at their line's last character), so a report needs a few
    thousand runs where a list needed an entry per character."""

    __slots__ = ("_starts", "_lows", "_caps", "_length")

    def __init__(self) -> None:
        self._starts: list[int] = []  # index of each run's first kept character
        self._lows: list[int] = []
        self._caps: list[int] = []
        self._length = 0

    def append(self, offset: int) -> None:
        self.extend_capped(offset, offset + 1, offset)

    def extend_capped(self, low: int, high: int, cap: int) -> None:
        """One kept character for each of low … high - 1, at offset min(i, cap)."""
        if high > low:
            self._starts.append(self._length)
            self._lows.append(low)
            self._caps.append(cap)
            self._length += high - low

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = bisect_right(self._starts, index) - 1
        return min(self._lows[run] + index - self._starts[run], self._caps[run])


def _kept_characters(doc: Document) -> tuple[str, _Offsets]:
    """The text with running lines and bare page numbers blanked out, folded to single spaces,
    and for each kept character its offset in Document.text."""
    # bare page numbers ("#", "Page # of #" once masked) are dropped like running lines
    dropped = _running_lines(doc) | _PAGE_NUMBERS
    # most reports hold none of these: then no line needs them replaced
    marked = "\u00ad" in doc.text or "\ufffe" in doc.text or "**" in doc.text
    pieces: list[str] = []
    offsets = _Offsets()
    last = ""  # the last kept character ("" before the first)
    position = 0
    # Masking digits never crosses a line, so the whole text is masked at once.
    for line, masked_line in zip(doc.text.split("\n"), _DIGITS.sub("#", doc.text).split("\n")):
        stripped = line.strip()
        if stripped and masked_line.strip() not in dropped:
            body = stripped.replace("\u00ad", "").replace("\ufffe", "-").replace("**", "") if marked else stripped
            lead = position + (len(line) - len(line.lstrip()))
            line_end = position + len(line.rstrip()) - 1  # offset of the line's last character
            first = body[:1]
            heading = _HEADING_LINE.match(body) if first == "#" else None
            if heading:
                # A markdown heading is a sentence of its own, never the start of the next one.
                pieces.append(_BREAK)
                offsets.append(lead)
                last = _BREAK
                lead += heading.end()
                body = body[heading.end():] + _BREAK
            elif first and (first in _BULLET_FIRST or "\ue000" <= first <= "\uf8ff") and _BULLET_LINE.match(body):
                # A bulleted line starts a new sentence even when the line before has no full stop.
                pieces.append(_BREAK)
                offsets.append(lead)
                last = _BREAK
                body = _BULLET_LINE.sub("", body)
                lead += len(stripped) - len(body)
            if last and last != " " and last != _BREAK:
                pieces.append(" ")
                offsets.append(lead)
                last = " "
            if body and not body[0].isspace() and not _UNFOLDED_SPACE.search(body):
                # Already folded (the common case): every character is kept where it is.
                pieces.append(body)
                offsets.extend_capped(lead, lead + len(body), line_end)
                last = body[-1]
                position += len(line) + 1
                continue
            # Runs of characters at a time: each whitespace run becomes one space (none right
            # after a space), at the offset of the run's first character.
            kept_to = 0
            for run in _SPACE_RUN.finditer(body):
                a, b = run.span()
                if a > kept_to:
                    pieces.append(body[kept_to:a])
                    offsets.extend_capped(lead + kept_to, lead + a, line_end)
                    last = body[a - 1]
                if last != " ":
                    pieces.append(" ")
                    offsets.append(min(lead + a, line_end))
                    last = " "
                kept_to = b
            if kept_to < len(body):
                pieces.append(body[kept_to:])
                offsets.extend_capped(lead + kept_to, lead + len(body), line_end)
                last = body[-1]
        position += len(line) + 1
    return "".join(pieces), offsets


def sentences(doc: Document) -> tuple[Sentence, ...]:
    """The report's sentences in order, up to its back matter (loaders/back_matter)."""
    text, offsets = _kept_characters(doc)
    if not text:
        return ()
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        forced = _BREAK in match.group(0)
        if not forced and _NO_BREAK.search(text[max(0, match.start() - 6):match.start()]):
            continue
        if not forced and _NUMBER_ONLY.fullmatch(text[cuts[-1]:match.start()].strip()):
            continue  # "152." opens the paragraph that follows it
        cuts.append(match.end())
    cuts.append(len(text))
    result: list[Sentence] = []
    paragraph: int | None = None
    back_matter = back_matter_start(doc)
    for a, b in zip(cuts, cuts[1:]):
        raw = text[a:b].replace(_BREAK, " ")
        body = raw.strip()
        if not body:
            continue
        lead = a + (len(raw) - len(raw.lstrip()))
        # "39.Since the last inspection" and "152. The new chair": the paragraph number opens the
        # sentence; numbers must run forward so that a stray "2." is not taken for a paragraph.
        numbered = _PARAGRAPH.match(body)
        if numbered:
            number = int(numbered.group(1))
            if paragraph is None or paragraph < number <= paragraph + 5:
                paragraph = number
            lead += numbered.end()
            body = body[numbered.end():]
        bullet = _BULLET.match(body)
        if bullet:
            lead += bullet.end()
            body = body[bullet.end():]
        body = body.strip()
        if len(body) < 3:
            continue
        if offsets[lead] >= back_matter:
            break
        end_index = lead + len(body) - 1
        result.append(Sentence(body, offsets[lead], offsets[end_index] + 1, paragraph,
                               doc.page_at(offsets[lead])))
    return tuple(result)


# "Local Safeguarding Children Board (LSCB)", "child death overview panel (CDOP)",
# "Achieving for Children (AfC)", "the Royal Borough of Kensington and Chelsea (RBKC)".
_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_WORD = re.compile(r"[A-Za-z][\w’'&-]*")
_MINOR = {"and", "of", "for", "the", "in", "on", "to", "&"}


def _initials_match(words: list[str], abbreviation: str) -> bool:
    letters = abbreviation.lower().replace("&", "")
    def initials(ws: list[str], skip_minor: bool) -> str:
        out = []
        for w in ws:
            if skip_minor and w.lower() in _MINOR:
                continue
            parts = w.split("-")
            out.append("".join(p[0] for p in parts if p).lower())
        return "".join(out)
    # (a third spelling, the first without hyphens, is the first: initials hold no hyphen)
    return letters == initials(words, True) or letters == initials(words, False)


def definitions(text: str) -> list[tuple[str, str, int]]:
    """(long form, abbreviation, offset of the long form) for each "long form (ABBR)" in a sentence
    whose words' initials spell the abbreviation."""
    found: list[tuple[str, str, int]] = []
    for match in _DEFINITION.finditer(text):
        abbreviation = match.group(1)
        before = text[:match.start()].rstrip()
        words = list(_WORD.finditer(before))
        if not words or words[-1].end() != len(before):
            continue
        for n in range(1, min(len(words), 10) + 1):
            window = words[-n:]
            if window[0].group(0).lower() in _MINOR:
                continue
            if _initials_match([w.group(0) for w in window], abbreviation):
                start = window[0].start()
                found.append((before[start:], abbreviation, start))
                break
    return found
