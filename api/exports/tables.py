"""The network as GraphML and as a CSV nodes/edges pair, for tools without GEXF's time support.

The rank history is flattened into `overall_rank_history` ("start:rank;…"). The CSV pair is one
zip archive holding `nodes.csv` and `edges.csv`, so that one file (or one HTTP response) carries
both; their headers follow Gephi's spreadsheet import (Id, Label / Source, Target, Type, Weight).
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import IO

import networkx as nx

from cskg.api.exports.network import static_attributes

NODE_LEADING = ("Id", "Label")
EDGE_LEADING = ("Source", "Target", "Type", "Id", "Kind", "Weight")


def _unique_edge_ids(g: nx.MultiGraph) -> nx.MultiGraph:
    """GraphML readers (igraph) expect edge ids unique in the document, not per node pair."""
    out = nx.MultiGraph(**{k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))})
    out.add_nodes_from((n, static_attributes(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((u, v, f"e{i}", d) for i, (u, v, d) in enumerate(g.edges(data=True)))
    return out


def write_graphml(g: nx.MultiGraph, out: IO[bytes]) -> None:
    nx.write_graphml(_unique_edge_ids(g), out, encoding="utf-8", prettyprint=True)


def _columns(items: list[dict], leading_names: set[str]) -> list[str]:
    names: set[str] = set()
    for attrs in items:
        names.update(k for k, v in attrs.items() if v is not None)
    return sorted(names - leading_names)


def _cell(value: object) -> object:
    return "" if value is None else value


def write_csv_zip(g: nx.MultiGraph, out: IO[bytes]) -> None:
    """nodes.csv and edges.csv in one zip; `out` need not be seekable (an HTTP stream)."""
    node_attrs = [static_attributes(d) for _, d in g.nodes(data=True)]
    node_columns = _columns(node_attrs, {"label"})
    edge_columns = _columns([d for *_, d in g.edges(data=True)], {"weight", "kind"})
    edge_type = "Directed" if g.is_directed() else "Undirected"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("nodes.csv", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow([*NODE_LEADING, *node_columns])
            for (node, _), attrs in zip(g.nodes(data=True), node_attrs):
                writer.writerow([node, _cell(attrs.get("label")), *(_cell(attrs.get(c)) for c in node_columns)])
        with archive.open("edges.csv", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow([*EDGE_LEADING, *edge_columns])
            for index, (u, v, attrs) in enumerate(g.edges(data=True)):
                writer.writerow([u, v, edge_type, f"e{index}", _cell(attrs.get("kind")), _cell(attrs.get("weight")),
                                 *(_cell(attrs.get(c)) for c in edge_columns)])
