"""`?x cskg:matches "words"` in SPARQL, answered from the full-text index (as Fuseki's text:query is).

Before a query is evaluated, each triple pattern `?var cskg:matches "search"` is replaced, where it
stands, by `VALUES ?var { <iri> … }`: the findings, recommendations and bodies whose text matches the
search (graph/text_index.py; cskg's search syntax: words, "phrases", prefix*). Text and graph patterns
then combine in one query, inside OPTIONAL, MINUS, FILTER EXISTS or GRAPH alike, and the engine never
scans a text.

Only that form is read: a variable subject, the predicate as a prefixed name or full IRI, one string
object. Other uses as a predicate (with a constant subject, a variable or several objects, after `;`, in
a path with a string object) are refused with a message rather than evaluated as a predicate no data
has; the IRI as a subject or object (the ontology's description of the term) is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskg.api.guard import expand_codepoints
from cskg.api.sparql_text import iri_starts, mask
from cskg.errors import RequestError
from cskg.graph.text_index import TextIndex
from cskg.graph.text_search import SearchSyntaxError

ONTOLOGY = "https://w3id.org/cskg/ontology#"
MATCHES = ONTOLOGY + "matches"
FORM = 'write it as a triple pattern of its own: ?item cskg:matches "words" .'

_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.I)
_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'', re.S)
_STRING_SUFFIX = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:<[^<>\s]*>|[A-Za-z][\w.-]*:[\w.-]*)")
_VARIABLE_BEFORE = re.compile(r"[?$](\w+)\s*$")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True, slots=True)
class _Pattern:
    start: int  # where the subject variable starts
    end: int  # where the replaced text ends
    variable: str
    search: str
    more: bool  # other predicates of the same subject follow (after `;`)


def _predicate_spellings(text: str, masked: str) -> re.Pattern[str]:
    """The ways the query can write cskg:matches: the full IRI, or PREFIX:matches for every prefix
    the query binds to the ontology's namespace."""
    names = {m.group(1) or "" for m in _PREFIX.finditer(text)
             if m.group(2) == ONTOLOGY and masked[m.start()] != " "}
    spellings = [re.escape(f"<{MATCHES}>")] + [
        rf"(?<![\w?$:.-]){re.escape(name)}:matches(?![\w:-]|\.[\w:-])" for name in sorted(names)]
    return re.compile("|".join(spellings))


def _unescape(literal: str) -> str:
    quote = 3 if literal[:3] in ('"""', "'''") else 1
    body = literal[quote:-quote]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), body, flags=re.S)


def _pattern(text: str, masked: str, start: int, end: int) -> _Pattern | None:
    """The pattern around the predicate written at text[start:end]; None where the IRI is not used as
    a predicate (the ontology's own description of the term: `cskg:matches ?p ?o`, `DESCRIBE`)."""
    shown = text[start:end]
    position = end + len(text[end:]) - len(text[end:].lstrip())
    literal = _STRING.match(text, position) if masked[position:position + 1] == " " else None
    before = _VARIABLE_BEFORE.search(masked, 0, start)
    previous = masked[:start].rstrip()[-1:]
    if literal is None and not ((before is not None or previous == ";") and masked[position:position + 1] in "?$"
                                and position < len(masked)):
        return None
    if before is None or masked[:before.start()].rstrip()[-1:] in (";", ",", "|", "/", "^", "!", "("):
        raise RequestError(f"{shown} needs a variable as its subject; {FORM}")
    if literal is None:
        raise RequestError(f"{shown} takes one string, the search; {FORM}")
    after = literal.end()
    suffix = _STRING_SUFFIX.match(text, after)
    if suffix:
        after = suffix.end()
    rest = masked[after:].lstrip()
    if rest.startswith(","):
        raise RequestError(f"{shown} takes one string; give several searches as several patterns")
    more = rest.startswith(";")
    if more:
        after = len(masked) - len(rest) + 1
        following = masked[after:].lstrip()
        while following.startswith(";"):
            following = following[1:].lstrip()
        if following[:1] in (".", "}", ""):  # `?x cskg:matches "a" ; .`: nothing more about ?x
            more = False
    return _Pattern(before.start(), after, before.group(1), _unescape(literal.group(0)), more)


def rewrite_matches(query: str, index: TextIndex) -> str:
    """The query with every `?var cskg:matches "search"` replaced by a VALUES block of the matches.

    Raises RequestError (400) for a malformed search or another use of cskg:matches."""
    if "matches" not in query and "\\" not in query:
        return query
    text = expand_codepoints(query)
    masked = mask(text)
    spelled = _predicate_spellings(text, masked)
    iris = iri_starts(text)
    # The full IRI only where it is an IRI of the query (not inside a string), a prefixed name only
    # where it is syntax.
    found = [m for m in spelled.finditer(text)
             if (m.start() in iris if m.group(0).startswith("<") else masked[m.start()] != " ")]
    if not found:
        return query
    pieces: list[str] = []
    done = 0
    for match in found:
        pattern = _pattern(text, masked, match.start(), match.end())
        if pattern is None:
            continue
        if pattern.start < done:
            raise RequestError(f"cskg:matches patterns must each name their subject; {FORM}")
        try:
            matched = index.matching(pattern.search)
        except SearchSyntaxError as exc:
            raise RequestError(f"cskg:matches {pattern.search[:80]!r}: {exc}") from None
        values = " ".join(f"<{iri}>" for iri in matched)
        replacement = f"VALUES ?{pattern.variable} {{ {values} }}"
        if pattern.more:
            replacement += f" ?{pattern.variable} "
        pieces += [text[done:pattern.start], replacement]
        done = pattern.end
    return "".join(pieces) + text[done:]
