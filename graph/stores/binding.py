"""Bind query parameters by a VALUES block at the head of the outermost WHERE group.

The same text works on every SPARQL 1.1 store. A parameter that is not given is simply not
bound, so its variable stays free; FILTERs in the outer group see bound values, subqueries do not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef

Binding = URIRef | Literal | str

# Masks what may contain a brace or the word WHERE without being syntax: comments, strings, IRIs.
_NOT_SYNTAX = re.compile(r'(?m)#[^\n]*$|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s{}]*>')


def to_sparql(term: Binding) -> str:
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    return Literal(term).n3()


def _masked(query: str) -> str:
    return _NOT_SYNTAX.sub(lambda m: " " * len(m.group(0)), query)


def bind_values(query: str, bindings: Mapping[str, Binding] | None) -> str:
    if not bindings:
        return query
    masked = _masked(query)
    where = re.search(r"\bWHERE\b", masked, re.I)
    brace = masked.find("{", where.end() if where else 0)
    if brace < 0:
        raise ValueError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(to_sparql(term) for term in bindings.values())
    return f"{query[:brace + 1]}\n  VALUES ({names}) {{ ({values}) }}\n{query[brace + 1:]}"
