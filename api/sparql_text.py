"""Keyword search in SPARQL text that comments, strings and IRIs cannot fool.

`mask` blanks those out (keeping every offset), so keyword searches see only the query's own syntax.
"""

from __future__ import annotations

import re

_MASKED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.S,
)


def mask(query: str) -> str:
    """The query with every comment, string literal and IRI replaced by spaces of the same length."""
    return _MASKED.sub(lambda m: " " * len(m.group(0)), query)


def iri_starts(query: str) -> set[int]:
    """Offsets where an IRI written <…> starts (not inside a comment or a string)."""
    return {m.start() for m in _MASKED.finditer(query) if m.group(0).startswith("<")}


def keyword_positions(query: str, keyword: str) -> list[int]:
    """Offsets where `keyword` occurs as a SPARQL keyword: not inside a comment, string or IRI, and
    not part of a variable (?service), a prefixed name (ex:service) or a longer word. Anything else
    counts, so a stray "." or "-" before the keyword cannot hide it."""
    pattern = re.compile(rf"(?<![\w?$:]){re.escape(keyword)}(?![\w:-])", re.I)
    return [m.start() for m in pattern.finditer(mask(query))]

