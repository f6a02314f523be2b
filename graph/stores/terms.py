"""Conversions between pyoxigraph / SPARQL-JSON terms and the plain values callers see."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from cskg.graph.stores.base import Value

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedInt", "unsignedLong", "byte", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


def plain_value(lexical: str, datatype: str | None) -> Value:
    """Numbers and booleans become Python numbers and booleans; everything else its lexical form."""
    if datatype in _INTEGER_TYPES:
        try:
            return int(lexical)
        except ValueError:
            return lexical
    if datatype in _FLOAT_TYPES:
        try:
            return float(lexical)
        except ValueError:
            return lexical
    if datatype == _XSD + "boolean":
        return lexical in ("true", "1")
    return lexical


def from_oxigraph(term: Any) -> Value:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return plain_value(term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def from_sparql_json(binding: dict[str, str] | None) -> Value:
    if binding is None:
        return None
    if binding["type"] == "bnode":
        return f"_:{binding['value']}"
    if binding["type"] == "uri":
        return binding["value"]
    return plain_value(binding["value"], binding.get("datatype"))
