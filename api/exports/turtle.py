"""Turtle and TriG written so that every prefixed name reads as it is: an IRI is written with a prefix only
when the rest of it is a plain local name, and in full otherwise.

Oxigraph's serialiser always uses the longest matching prefix and escapes what a local name cannot hold,
so `id:` gave `id:authority\\/E06000016\\/neighbour\\/6`. Here each kind of entity has its own prefix
(`authority:` = …/id/authority/), and a nested IRI (a council's neighbour link, a report's passage)
is written in full. Subjects that follow one another share one statement (`;`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import IO

import pyoxigraph as ox

from cskg.graph.namespaces import FLAT_PREFIXES, ID

# Instance namespaces, one per first path segment of the id/ IRIs (ARCHITECTURE.md, URIs).
ENTITY_KINDS = ("authority", "region", "person", "body", "framework", "area", "grade", "kind", "role",
                "timescale", "measure", "scheme", "report", "inspection")
TURTLE_PREFIXES: dict[str, str] = {**FLAT_PREFIXES, **{kind: f"{ID}{kind}/" for kind in ENTITY_KINDS}}
# A local name needing no escape: letters, digits, '_', '-', '.' (not last), not starting with '-' or '.'.
_MEMO_SIZE = 4096
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")


class PrefixedNames:
    """Writes IRIs with the longest prefix whose rest is a plain local name, else in full."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self._by_length = sorted(self.prefixes.items(), key=lambda item: -len(item[1]))
        self._written: dict[str, str] = {}  # predicates, classes and councils recur on most lines

    def iri(self, value: str) -> str:
        written = self._written.get(value)
        if written is None:
            if len(self._written) >= _MEMO_SIZE:  # bounded, so a dump's memory does not grow with the store
                self._written.clear()
            written = self._written[value] = self._prefixed(value)
        return written

    def _prefixed(self, value: str) -> str:
        for prefix, namespace in self._by_length:
            if value.startswith(namespace):
                local = value[len(namespace):]
                if _PLAIN_LOCAL.fullmatch(local):
                    return f"{prefix}:{local}"
        return f"<{value}>"

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal) and term.language is None and term.datatype.value != _XSD_STRING:
            return f"{_quoted(term.value)}^^{self.iri(term.datatype.value)}"
        return str(term)  # N-Triples syntax, which Turtle reads

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in self.prefixes.items())


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _quoted(text: str) -> str:
    return str(ox.Literal(text))


def write_triples(out: IO[bytes], quads: Iterable[ox.Quad], names: PrefixedNames, indent: str = "") -> None:
    """The triples of `quads` as Turtle statements, one per run of quads sharing a subject."""
    subject = None
    lines: list[str] = []
    for quad in quads:
        if quad.subject != subject:
            if lines:
                lines[-1] += " .\n"
            subject = quad.subject
            lines.append(f"{indent}{names.term(subject)} {names.term(quad.predicate)} {names.term(quad.object)}")
        else:
            lines[-1] += f" ;\n{indent}    {names.term(quad.predicate)} {names.term(quad.object)}"
        if len(lines) > 1000:  # hand finished statements over as the store is read
            out.write("".join(lines[:-1]).encode("utf-8"))
            del lines[:-1]
    if lines:
        lines[-1] += " .\n"
        out.write("".join(lines).encode("utf-8"))
