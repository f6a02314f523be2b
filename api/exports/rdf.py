"""RDF dumps of the store, streamed: the store serialises straight into the output stream.

Quad formats (N-Quads, TriG, JSON-LD) keep every named graph (one per report, plus vocabulary
and reference). Triple formats (Turtle, N-Triples) cannot name graphs: they hold the union, written
graph after graph, so a triple stated in several reports appears once per report in the file
and once in the parsed graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from cskg.graph.namespaces import PREFIXES
from cskg.graph.stores.base import Store


@dataclass(frozen=True, slots=True)
class RdfFormat:
    media_type: str
    extension: str
    datasets: bool  # named graphs kept
    prefixed: bool  # the syntax has prefix declarations


RDF_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat("text/turtle", "ttl", datasets=False, prefixed=True),
    "nt": RdfFormat("application/n-triples", "nt", datasets=False, prefixed=False),
    "nq": RdfFormat("application/n-quads", "nq", datasets=True, prefixed=False),
    "trig": RdfFormat("application/trig", "trig", datasets=True, prefixed=True),
    "jsonld": RdfFormat("application/ld+json", "jsonld", datasets=True, prefixed=False),
}


def _dump(store: Store, out: IO[bytes], fmt: RdfFormat, graph: str | None) -> None:
    native = getattr(store, "native", None)
    if fmt.prefixed and native is not None:
        # The embedded store can write prefixes, which makes Turtle/TriG readable and smaller.
        import pyoxigraph as ox

        kind = ox.RdfFormat.from_media_type(fmt.media_type)
        native.dump(out, kind, from_graph=ox.NamedNode(graph) if graph else None, prefixes=PREFIXES)
    else:
        store.dump(out, fmt.media_type, graph)


def dump_rdf(store: Store, name: str, out: IO[bytes]) -> None:
    fmt = RDF_FORMATS[name]
    if fmt.datasets:
        _dump(store, out, fmt, None)
        return
    for graph in store.graphs():
        _dump(store, out, fmt, graph)
        if fmt.prefixed:
            out.write(b"\n")
