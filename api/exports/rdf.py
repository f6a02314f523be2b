"""RDF dumps of the store, streamed: the store serialises straight into the output stream.

Quad formats (N-Quads, TriG, JSON-LD) keep every named graph (one per report, plus vocabulary
and reference). Triple formats (Turtle, N-Triples) cannot name graphs: they hold the union, written
graph after graph, so a triple stated in several reports appears once per report in the file
and once in the parsed graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from cskg.api.exports.turtle import TURTLE_PREFIXES, PrefixedNames, write_triples
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
    store.dump(out, fmt.media_type, graph)


def _dump_prefixed(native, out: IO[bytes], datasets: bool, graphs: list[str]) -> None:
    """Turtle (the union, graph after graph) or TriG (each named graph in its block) with prefixes that
    need no escaping."""
    import pyoxigraph as ox

    names = PrefixedNames(TURTLE_PREFIXES)
    out.write(names.header().encode("utf-8"))
    out.write(b"\n")
    write_triples(out, native.quads_for_pattern(None, None, None, ox.DefaultGraph()), names)
    for graph in graphs:
        quads = native.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        if datasets:
            out.write(f"\n{names.iri(graph)} {{\n".encode("utf-8"))
            write_triples(out, quads, names, indent="    ")
            out.write(b"}\n")
        else:
            out.write(b"\n")
            write_triples(out, quads, names)


def dump_rdf(store: Store, name: str, out: IO[bytes]) -> None:
    fmt = RDF_FORMATS[name]
    native = getattr(store, "native", None)
    if fmt.prefixed and native is not None:
        # The embedded store's quads are written here, with readable prefixes.
        _dump_prefixed(native, out, fmt.datasets, store.graphs())
    elif fmt.datasets:
        _dump(store, out, fmt, None)
    else:
        for graph in store.graphs():
            _dump(store, out, fmt, graph)
            if fmt.prefixed:
                out.write(b"\n")  # a remote store's Turtle documents, one after another
