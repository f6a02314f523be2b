"""Sentences of a report with their place in it, for organisation extraction.

The reader leaves running headers ("Inspection of X local authority children's services … 7"), page
numbers and the back cover out of Document.blocks, so a sentence that runs over a page break never
"names" the inspected council through its header: sentences are the blocks' sentences
(loaders/sentences.py), table rows and headings included (a heading is a sentence of its own).
"""

from __future__ import annotations

import re

from cskg.loaders.document import Document
from cskg.loaders.sentences import Sentence, block_sentences

__all__ = ["Sentence", "definitions", "sentences"]


def sentences(doc: Document) -> tuple[Sentence, ...]:
    """The report's sentences in order, up to its back matter (loaders/back_matter)."""
    return tuple(sentence for block in doc.blocks for sentence in block_sentences(doc, block))


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
