"""What the endpoint refuses before evaluating anything: updates, federated (SERVICE) queries, and
queries too deeply nested to parse safely.

SERVICE is the one construct through which a query makes the server send requests elsewhere, so it is
decided by a real SPARQL parser (rdflib's), never by a scanner alone. SPARQL processes `\\uXXXX` and
`\\UXXXXXXXX` escapes anywhere in the text before parsing (SPARQL 1.1 §19.2), so every check reads the
text with them expanded, as the engine will. After expansion a SERVICE clause must spell the word
`service` in letters; a query without it is let through without parsing (nearly every query). A query
with it is refused unless the parser reads it, finds no SERVICE node in it, and the keyword scanner
(api/sparql_text) agrees: either of them seeing SERVICE, or the parser failing, refuses it. The two
read the text independently, so a spelling that fools one is caught by the other.

Updates cannot run here at all (queries are evaluated as queries, which have no update forms); the
check below only words the refusal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Literal

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from cskg.api.sparql_text import keyword_positions, mask
from cskg.errors import Forbidden, RequestError

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
# Groups, sub-queries and expressions nest; real queries stay under 20 levels. The engine's parser
# recurses once per level, and tens of thousands of levels crash it.
MAX_NESTING = 64
_PROLOGUE = re.compile(r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPENERS = str.maketrans({c: "(" for c in "({["} | {c: ")" for c in ")}]"})
_SERVICE_REFUSED = ("federated queries (SERVICE) are refused: this endpoint makes no outbound requests. "
                    "Query the other endpoint yourself and combine the results.")


def expand_codepoints(query: str) -> str:
    """The query with its \\uXXXX and \\UXXXXXXXX escapes replaced by the characters they stand for."""
    def expand(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise RequestError(f"{m.group(0)} is not a Unicode code point")
        return chr(code)
    return _CODEPOINT.sub(expand, query) if "\\" in query else query


def nesting_depth(query: str) -> int:
    """How deeply brackets, braces and parentheses nest outside strings, IRIs and comments."""
    depth = deepest = 0
    for char in mask(query).translate(_OPENERS):
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _nodes(tree: object) -> Iterator[CompValue]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)


def _check_service(text: str) -> None:
    if "service" not in text.lower():
        return
    if keyword_positions(text, "SERVICE"):
        raise Forbidden(_SERVICE_REFUSED)
    if len(text) <= _REMEMBERED_CHARS:
        _parsed_without_service(text)
    else:
        _parsed_without_service.__wrapped__(text)


# rdflib takes 100-200 ms to parse a named query (whose comments say "service"), far more than a kept answer takes
# to send: the texts confirmed are remembered (a refused one raises, and is never remembered). A pure function of
# the text, bounded in count and size (at most 512 texts of 16 KB).
_REMEMBERED_CHARS = 16_384


@functools.lru_cache(maxsize=512)
def _parsed_without_service(text: str) -> None:
    try:
        tree = parseQuery(text)
    except (ParseBaseException, RecursionError, ValueError) as exc:
        raise Forbidden("the query spells SERVICE and cskg could not confirm that it makes no outbound "
                           f"request ({str(exc).splitlines()[0][:200]}); remove the word or the clause") from None
    if any(node.name == "ServiceGraphPattern" for node in _nodes(tree)):
        raise Forbidden(_SERVICE_REFUSED)


def first_keyword(query: str) -> str:
    """The first keyword after the prologue (BASE/PREFIX declarations), upper case; "" if none."""
    masked = mask(query)
    rest = masked[_PROLOGUE.match(masked).end():]
    word = _FIRST_WORD.match(rest)
    return word.group(0).upper() if word else ""


def check_query(query: str) -> QueryForm | None:
    """The query form, or None when the text does not start like a query (the engine then says why).

    Raises Forbidden for SPARQL Update, for SERVICE, RequestError for nesting deeper than MAX_NESTING."""
    text = expand_codepoints(query)
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise RequestError(f"the query nests {depth} levels deep; this endpoint reads at most {MAX_NESTING}. "
                           "Flatten the groups or sub-queries.")
    keyword = first_keyword(text)
    if keyword in UPDATE_KEYWORDS:
        raise Forbidden(f"this endpoint is read-only: SPARQL Update ({keyword}) is refused. "
                           "Change the data with `cskg ingest` instead.")
    _check_service(text)
    return keyword if keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else None  # type: ignore[return-value]
