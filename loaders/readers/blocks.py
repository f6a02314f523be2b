"""Split a document's text into blocks: headings, numbered paragraphs, bullets, table rows."""

from __future__ import annotations

import re

from cskg.loaders.document import Block, Document

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*•▪●◦]|\uf0b7)\s+")
_HEADING = re.compile(r"^#{1,6}\s+")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def segment(doc: Document) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", doc.text):
        chunk = match.group(0)
        start = match.start()
        if "\t" in chunk or chunk.lstrip().startswith("|"):
            line_start = start
            for line in chunk.split("\n"):
                cells = tuple(c.strip() for c in re.split(r"\t|\|", line.strip().strip("|")))
                if line.strip() and not re.fullmatch(r"[\s|:-]*", line):
                    blocks.append(Block("table_row", _clean(" ".join(c for c in cells if c)),
                                        doc.page_at(line_start), line_start, line_start + len(line),
                                        cells=cells))
                line_start += len(line) + 1
            continue
        text = _clean(chunk)
        if not text:
            continue
        numbered = _NUMBERED.match(chunk)
        if numbered:
            blocks.append(Block("numbered", text, doc.page_at(start), start, match.end(),
                                number=int(numbered.group(1))))
        elif _HEADING.match(chunk):
            blocks.append(Block("heading", _clean(_HEADING.sub("", chunk)), doc.page_at(start), start, match.end()))
        elif _BULLET.match(chunk):
            blocks.append(Block("bullet", _clean(_BULLET.sub("", chunk)), doc.page_at(start), start, match.end()))
        elif len(text) < 90 and not text.endswith((".", ",", ";")):
            blocks.append(Block("heading", text, doc.page_at(start), start, match.end()))
        else:
            blocks.append(Block("paragraph", text, doc.page_at(start), start, match.end()))
    return tuple(blocks)
