"""Sentences of a block: the one sentence splitter every extractor shares.

A block's text is already whitespace-folded, with its running headers, page numbers, paragraph number
and bullet left out by the reader, so a sentence is cut where a full stop (or ! ?), perhaps closed by a
quote or bracket, is followed by a capital, a digit or an opening quote, except after an abbreviation
("e.g.", "St."). Each sentence points back at Document.text: its start is where its first word is
printed (at or after the same place in the block, since the block's text is never longer than the
text it was read from), its end where the next sentence starts, less the space between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskg.loaders.document import Block, Document
from cskg.loaders.records import Evidence


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # whitespace-folded, without running headers, paragraph number or bullet
    start: int  # span in Document.text
    end: int
    paragraph: int | None  # printed number of the paragraph it is in
    page: int | None

    def evidence(self, section: str | None = None) -> Evidence:
        return Evidence(quote=self.text, start=self.start, end=self.end, page=self.page,
                        paragraph=self.paragraph, section=section)


# Every boundary starts with a closing quote, bracket or space: the leading lookahead lets the regex
# engine pass over other characters at one test each.
_BOUNDARY = re.compile(r"(?=[\s’”'\")])(?<=[.!?])[’”'\")]?\s+(?=[A-Z0-9‘“(◼•]|\uf0b7)")
# Words after which a full stop does not end a sentence.
_NO_BREAK = re.compile(r"\b(?:e\.g|i\.e|etc|St|Dr|Mr|Mrs|Ms|No|para|paras|vs|cf|approx)\.$", re.I)


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each of its sentences, surrounding spaces left out."""
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        if not _NO_BREAK.search(text[max(0, match.start() - 6):match.start()]):
            cuts.append(match.end())
    cuts.append(len(text))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            spans.append((a + lead, a + lead + len(body)))
    return spans


def text_offset(doc: Document, block: Block, at: int, cursor: int = 0) -> int:
    """Where in Document.text the word at `at` of the block's text is printed: at or after the same
    distance into the block (and after `cursor`), as the block's text is never the longer."""
    word = block.text[at:at + 40].split(" ", 1)[0]
    low = max(cursor, min(block.start + at, block.end - len(word)))
    found = doc.text.find(word, low, block.end) if word else -1
    # not found: a word the reader rejoined (hyphenated over a line end) or cleaned
    return found if found >= 0 else max(cursor, min(block.start + at, block.end))


def block_sentences(doc: Document, block: Block) -> tuple[Sentence, ...]:
    """The sentences of one block, in order."""
    spans = split(block.text)
    starts = []
    cursor = block.start
    for a, _ in spans:
        found = text_offset(doc, block, a, cursor)
        starts.append(found)
        cursor = found + 1
    sentences = []
    for index, (a, b) in enumerate(spans):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else block.end
        while end > start + 1 and doc.text[end - 1].isspace():
            end -= 1
        sentences.append(Sentence(block.text[a:b], start, max(end, start + 1), block.number, doc.page_at(start)))
    return tuple(sentences)
