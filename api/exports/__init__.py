"""Exports: networks for Gephi (GEXF, GraphML, CSV), RDF dumps and the summary sheet.

Everything is derived from the store (SPARQL and the store's own serialiser) at export time;
nothing is kept on the side. `export` writes one format to a binary stream (a file, an HTTP
response); `export_to_file` writes a file atomically.

Formats:
  gexf          GEXF 1.3 network with the authorities' overall-grade rank over time (Gephi timeline)
  graphml       GraphML network (networkx, igraph, yEd, Cytoscape); rank history flattened to text
  csv           zip archive holding nodes.csv and edges.csv (Gephi spreadsheet import headers)
  ttl, nt       the union of all graphs as Turtle / N-Triples
  nq, trig      the dataset with its named graphs (one per report) as N-Quads / TriG
  jsonld        the dataset with its named graphs as JSON-LD
  summary-csv   ILACS outcomes sheet, one row per current council (latest ILACS inspection) as CSV
  summary-xlsx  the outcomes sheet, every inspection and notes on each column as an Excel workbook
Networks come in two views: `organisations` (authorities, boards, partnerships, partner
organisations) and `inspections` (those plus services and one node per inspection).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cskg.api.exports.gexf import write_gexf
from cskg.api.exports.network import VIEWS, build_network
from cskg.api.exports.rdf import RDF_FORMATS, dump_rdf
from cskg.api.exports.summary_files import write_summary_csv, write_summary_xlsx
from cskg.api.exports.tables import write_csv_zip, write_graphml
from cskg.errors import NotFound
from cskg.graph.stores.base import Store

__all__ = ["FORMATS", "VIEWS", "ExportError", "ExportFormat", "export", "export_to_file", "get_format"]


class ExportError(NotFound):
    """Unknown format or view (404 for a format in the path); the message lists the valid ones."""


@dataclass(frozen=True, slots=True)
class Options:
    view: str = "organisations"
    neighbours: bool = False  # statistical-neighbour edges in networks


Writer = Callable[[Store, IO[bytes], Options], None]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    network: bool  # takes a view
    write: Writer


def _network_writer(write: Callable[..., None]) -> Writer:
    def writer(store: Store, out: IO[bytes], options: Options) -> None:
        g = build_network(store, options.view, neighbours=options.neighbours)
        write(g, out)
    return writer


def _gexf(store: Store, out: IO[bytes], options: Options) -> None:
    g = build_network(store, options.view, neighbours=options.neighbours)
    write_gexf(g, out, description=f"cskg {options.view} network: nodes are entity URIs of the knowledge graph")


def _rdf_writer(name: str) -> Writer:
    def writer(store: Store, out: IO[bytes], _: Options) -> None:
        dump_rdf(store, name, out)
    return writer


FORMATS: dict[str, ExportFormat] = {
    "gexf": ExportFormat("gexf", "application/gexf+xml", "gexf", True, _gexf),
    "graphml": ExportFormat("graphml", "application/graphml+xml", "graphml", True, _network_writer(write_graphml)),
    "csv": ExportFormat("csv", "application/zip", "zip", True, _network_writer(write_csv_zip)),
    **{name: ExportFormat(name, f.media_type, f.extension, False, _rdf_writer(name)) for name, f in RDF_FORMATS.items()},
    "summary-csv": ExportFormat("summary-csv", "text/csv; charset=utf-8", "csv", False,
                                lambda store, out, _: write_summary_csv(store, out)),
    "summary-xlsx": ExportFormat(
        "summary-xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", False,
        lambda store, out, _: write_summary_xlsx(store, out)),
}


def get_format(name: str) -> ExportFormat:
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ExportError(f"unknown export format {name!r}: use one of {', '.join(FORMATS)}")
    return fmt


def _options(view: str, neighbours: bool) -> Options:
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    return Options(view, neighbours)


def export(store: Store, fmt: str, out: IO[bytes], *, view: str = "organisations", neighbours: bool = False) -> None:
    """Write the export to a binary stream. The view applies to network formats only."""
    get_format(fmt).write(store, out, _options(view, neighbours))


def export_to_file(store: Store, fmt: str, path: str | Path, *, view: str = "organisations",
                   neighbours: bool = False) -> Path:
    """Write the export to `path`; a failed export leaves no partial file behind."""
    target = Path(path)
    spec = get_format(fmt)
    options = _options(view, neighbours)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")  # same folder, so the rename is atomic
    try:
        with partial.open("wb") as out:
            spec.write(store, out, options)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
