"""SPARQL text helpers that must not be fooled by comments, strings or IRIs.

`mask` blanks those out (keeping every offset), so keyword searches see only the query's own
syntax. `with_values` binds parameters by putting a VALUES block first in the query's outermost
WHERE group: FILTERs and BINDs of that group then see the values, and a parameter left out
simply stays a free variable. The same text works on every store (and over HTTP).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef

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


def keyword_positions(query: str, keyword: str) -> list[int]:
    """Offsets where `keyword` occurs as a SPARQL keyword: not inside a comment, string or IRI, and
    not part of a variable (?service), a prefixed name (ex:service) or a longer word."""
    pattern = re.compile(rf"(?<![\w?$:.-]){re.escape(keyword)}(?![\w:-])", re.I)
    return [m.start() for m in pattern.finditer(mask(query))]


def where_group_start(query: str) -> int:
    """Offset just inside the '{' that opens the outermost WHERE group."""
    masked = mask(query)
    depth = 0
    saw_where = False
    for match in re.finditer(r"[{}]|(?<![\w?$:.-])WHERE(?![\w:-])", masked, re.I):
        token = match.group(0)
        if token == "{":
            # Without a WHERE keyword the first group of SELECT/ASK/DESCRIBE is the pattern; CONSTRUCT
            # always has the keyword before its pattern, so its template is skipped.
            if depth == 0 and (saw_where or not re.search(r"\bCONSTRUCT\b", masked[:match.start()], re.I)):
                return match.end()
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            saw_where = True
    raise ValueError("cannot bind parameters: the query has no WHERE group")


def with_values(query: str, bindings: Mapping[str, URIRef | Literal]) -> str:
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    at = where_group_start(query)
    return f"{query[:at]}\n  VALUES ({names}) {{ ({values}) }}{query[at:]}"
