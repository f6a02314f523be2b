"""Plain text and markdown reader (text extracted from PDFs elsewhere, like the seeds)."""

from __future__ import annotations

import re

from cskg.loaders.document import Document, Page
from cskg.loaders.errors import RejectedInput
from cskg.loaders.readers.blocks import segment

# A report's longest paragraph runs to a few thousand characters (the seeds' to 2,783); a longer line
# is a dump of something else, and the parsers' patterns would scan it for minutes.
LONGEST_LINE = 20_000
_MARKDOWN = re.compile(r"^(#{1,6} |\|.*\|\s*$|\*\*[^*]+\*\*)", re.M)


def read(path: str, data: bytes, digest: str) -> Document:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            content = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise RejectedInput(path, "text file in an unknown encoding; save it as UTF-8") from exc
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(map(len, content.split("\n")))
    if longest > LONGEST_LINE:
        raise RejectedInput(path, f"a line of {longest:,} characters: not a report's text, whose paragraphs run to a few "
                                  f"thousand (at most {LONGEST_LINE:,} are read on one line)")
    media_type = "text/markdown" if _MARKDOWN.search(content) else "text/plain"
    if not content.strip():
        raise RejectedInput(path, "the file holds only whitespace; give the report's text")
    pages = (Page(1, 0, len(content)),)
    doc = Document(path, media_type, digest, content, pages, (), paginated=False)
    return Document(path, media_type, digest, content, pages, segment(doc), paginated=False)
