"""GEXF 1.3 for Gephi, written element by element with lxml (networkx's writer does not validate:
it puts `name` on <graph> and a wrong XSI namespace on 1.3 files).

Static attributes become <attvalue>s of a `static` attribute class; list-of-(value, start, end)
attributes (the authorities' `overall_rank` history) become a `dynamic` class with closed date
intervals, so Gephi's timeline shows grades moving. Node labels, edge weights and edge kinds
also go in GEXF's own attributes (Gephi keeps parallel edges apart by kind); `kind` is repeated
as an attribute value so that readers which ignore the native one (networkx) still see it.
Spells (`start`, `end` on nodes and edges) and dynamic values use timeformat="date" (yyyy-mm-dd).
GEXF 1.3's attribute types have no date type (gexf.xsd, attrtype-type), so dates that are plain
attributes (an inspection's `date`, `published`) are ISO strings, which sort and filter as dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx
from lxml import etree

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
VERSION = "1.3"

# GEXF's own attributes; `start` and `end` are an element's spell (ISO dates): when it exists.
_SPELL = {"start", "end"}
_NATIVE_NODE = {"label"} | _SPELL
_NATIVE_EDGE = {"weight"} | _SPELL
# Characters XML 1.0 cannot carry at all (PDF text sometimes holds form feeds and the like).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _q(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _INVALID_XML.sub(" ", str(value))


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _merge(old: str | None, new: str) -> str:
    if old is None or old == new:
        return new
    if {old, new} == {"long", "double"}:
        return "double"
    return "string"


def is_dynamic(value: Any) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, tuple) and len(v) == 3 for v in value))


def declare(items: Iterable[dict], native: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(static, dynamic) attribute name -> GEXF type, over every node's or edge's attributes."""
    static: dict[str, str] = {}
    dynamic: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name in native or value is None:
                continue
            if is_dynamic(value):
                for v, _, _ in value:
                    dynamic[name] = _merge(dynamic.get(name), _type_of(v))
            elif not isinstance(value, (list, tuple, dict, set)):
                static[name] = _merge(static.get(name), _type_of(value))
    clash = set(static) & set(dynamic)
    if clash:
        raise ValueError(f"attributes {sorted(clash)} are static on some elements and dynamic on others")
    return static, dynamic


def _empty(xf, tag: str, attrs: dict[str, str]) -> None:
    """An empty element written through the xmlfile context, so it reuses the namespace declared
    on <gexf> instead of declaring its own."""
    with xf.element(_q(tag), attrs):
        pass


def _write_attributes(xf, cls: str, mode: str, declared: dict[str, str]) -> None:
    with xf.element(_q("attributes"), {"class": cls, "mode": mode}):
        for name in sorted(declared):
            _empty(xf, "attribute", {"id": name, "title": name, "type": declared[name]})


def _write_attvalues(xf, attrs: dict, declared: set[str]) -> None:
    values: list[dict[str, str]] = []
    for name in sorted(attrs):
        value = attrs[name]
        if name not in declared or value is None:
            continue
        if is_dynamic(value):
            values.extend({"for": name, "value": _text(v), "start": str(start), "end": str(end)}
                          for v, start, end in value)
        else:
            values.append({"for": name, "value": _text(value)})
    if values:
        with xf.element(_q("attvalues")):
            for value in values:
                _empty(xf, "attvalue", value)


def _spell(attrs: dict) -> dict[str, str]:
    return {k: str(attrs[k]) for k in sorted(_SPELL) if attrs.get(k)}


def write_gexf(g: nx.Graph, out: IO[bytes], *, description: str = "") -> None:
    """Write the network as GEXF 1.3 to a binary stream, one element at a time."""
    node_static, node_dynamic = declare((d for _, d in g.nodes(data=True)), _NATIVE_NODE)
    edge_static, edge_dynamic = declare((d for *_, d in g.edges(data=True)), _NATIVE_EDGE)
    node_declared = set(node_static) | set(node_dynamic)
    edge_declared = set(edge_static) | set(edge_dynamic)
    graph_attrs = {"defaultedgetype": "directed" if g.is_directed() else "undirected", "idtype": "string"}
    spells = any(d.get(k) for _, d in g.nodes(data=True) for k in _SPELL) or \
        any(d.get(k) for *_, d in g.edges(data=True) for k in _SPELL)
    if node_dynamic or edge_dynamic or spells:
        graph_attrs.update(mode="dynamic", timeformat="date", timerepresentation="interval")
        for bound in ("start", "end"):
            if g.graph.get(f"timeline_{bound}"):
                graph_attrs[bound] = str(g.graph[f"timeline_{bound}"])
    else:
        graph_attrs["mode"] = "static"

    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("gexf"), {"version": VERSION, f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION},
                        nsmap={None: GEXF_NS, "xsi": XSI_NS}):
            xf.write("\n")
            with xf.element(_q("meta")):
                with xf.element(_q("creator")):
                    xf.write("cskg")
                if description:
                    with xf.element(_q("description")):
                        xf.write(_text(description))
            xf.write("\n")
            with xf.element(_q("graph"), graph_attrs):
                for cls, mode, declared in (("node", "static", node_static), ("node", "dynamic", node_dynamic),
                                            ("edge", "static", edge_static), ("edge", "dynamic", edge_dynamic)):
                    if declared:
                        xf.write("\n")
                        _write_attributes(xf, cls, mode, declared)
                xf.write("\n")
                with xf.element(_q("nodes"), {"count": str(g.number_of_nodes())}):
                    for node, attrs in g.nodes(data=True):
                        xf.write("\n")
                        element = {"id": _text(node), "label": _text(attrs.get("label", node)), **_spell(attrs)}
                        with xf.element(_q("node"), element):
                            _write_attvalues(xf, attrs, node_declared)
                xf.write("\n")
                with xf.element(_q("edges"), {"count": str(g.number_of_edges())}):
                    for index, (u, v, attrs) in enumerate(g.edges(data=True)):
                        element = {"id": str(index), "source": _text(u), "target": _text(v)}
                        if attrs.get("weight") is not None:
                            element["weight"] = _text(float(attrs["weight"]))
                        if attrs.get("kind"):
                            element["kind"] = _text(attrs["kind"])
                        element.update(_spell(attrs))
                        xf.write("\n")
                        with xf.element(_q("edge"), element):
                            _write_attvalues(xf, attrs, edge_declared)
                xf.write("\n")
            xf.write("\n")
