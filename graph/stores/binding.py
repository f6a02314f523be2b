"""Bind query parameters by VALUES blocks, so the same text works on every SPARQL 1.1 store.

A parameter binds its variable wherever the query uses it: a VALUES block goes at the head of the
outermost WHERE group, and another at the head of every sub-SELECT whose body names the variable
(unless the sub-SELECT computes it: a BIND or a SELECT expression AS it).
Without the second, a sub-SELECT would compute its result for every council (say) before the outer
join kept one: correct, but Oxigraph then evaluates a text FILTER or an aggregate over the whole
corpus. A parameter that is not given is simply not bound, so its variable stays free everywhere.
A parameter given several values (a tuple: the items a text search found) binds its variable by a
VALUES block of its own, one row per value; an empty tuple leaves no solutions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef

Binding = URIRef | Literal | str | tuple[URIRef | Literal | str, ...]

# Masks what may contain a brace or a keyword without being syntax: comments, strings, IRIs.
_NOT_SYNTAX = re.compile(r'(?m)#[^\n]*$|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s{}]*>')
_SELECT = re.compile(r"\bSELECT\b", re.I)


def to_sparql(term: URIRef | Literal | str) -> str:
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    return Literal(term).n3()


def _masked(query: str) -> str:
    return _NOT_SYNTAX.sub(lambda m: " " * len(m.group(0)), query)


def _closing(masked: str, opening: int) -> int:
    """Index of the brace closing the one at `opening` (len(masked) when unbalanced)."""
    depth = 0
    for index in range(opening, len(masked)):
        char = masked[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(masked)


def _values(bindings: Mapping[str, Binding]) -> str:
    single = {name: term for name, term in bindings.items() if not isinstance(term, tuple)}
    blocks = []
    if single:
        names = " ".join(f"?{name}" for name in single)
        values = " ".join(to_sparql(term) for term in single.values())
        blocks.append(f"VALUES ({names}) {{ ({values}) }}")
    for name, terms in bindings.items():
        if isinstance(terms, tuple):
            blocks.append(f"VALUES ?{name} {{ {' '.join(to_sparql(term) for term in terms)} }}")
    return "\n  " + "\n  ".join(blocks) + "\n"


def bind_values(query: str, bindings: Mapping[str, Binding] | None) -> str:
    if not bindings:
        return query
    masked = _masked(query)
    where = re.search(r"\bWHERE\b", masked, re.I)
    brace = masked.find("{", where.end() if where else 0)
    if brace < 0:
        raise ValueError("cannot bind parameters: the query has no WHERE group")
    inserts: list[tuple[int, str]] = [(brace + 1, _values(bindings))]
    for select in _SELECT.finditer(masked, brace):
        body_start = masked.find("{", select.end())
        if body_start < 0:
            continue
        body = masked[body_start:_closing(masked, body_start)]
        clause = masked[select.end():body_start]
        # A sub-SELECT that computes the variable (BIND or SELECT expression AS it) is joined on it outside.
        used = {name: term for name, term in bindings.items()
                if re.search(rf"[?$]{re.escape(name)}\b", body)
                and not re.search(rf"\bAS\s+[?$]{re.escape(name)}\b", clause + body, re.I)}
        if used:
            inserts.append((body_start + 1, _values(used)))
    for position, text in sorted(inserts, reverse=True):
        query = query[:position] + text + query[position:]
    return query
