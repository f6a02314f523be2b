"""The one interface every store kind offers: embedded (Oxigraph on disk), in-memory, remote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Protocol, runtime_checkable

from cskg.errors import StoreError

Value = str | int | float | bool | None




MEMORY = ":memory:"  # the location of a store kept in memory


def no_store(location: str) -> StoreError:
    """The error for a store folder that does not exist where one is read."""
    return StoreError(f"no store at {location}: build one first with `cskg ingest PATH --store {location}`")


def is_server(location: str) -> bool:
    """Whether a store location is a SPARQL server's URL."""
    return location.startswith(("http://", "https://"))


def is_folder(location: str) -> bool:
    """Whether a store location is an on-disk store folder: neither ':memory:' nor a server's URL."""
    return location != MEMORY and not is_server(location)


@dataclass(frozen=True, slots=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]  # IRIs and plain literals as str; numbers as int/float

    def as_dicts(self) -> list[dict[str, Value]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per report plus vocabulary and reference graphs.

    Queries see the union of all named graphs as their default graph.
    """

    location: str

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Atomically replace the named graph's content (create it when absent)."""

    def add_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Store named graphs the store does not hold yet, each given as (graph IRI, N-Triples without
        comments), in as few writes as the store allows. If it fails, none of them is left in the store."""

    def drop_graph(self, graph: str) -> None: ...

    def graphs(self) -> list[str]: ...

    def select(self, query: str, bindings: dict[str, str] | None = None) -> SelectResult:
        """Run a SELECT query; bindings substitute variables with values given as N-Triples
        terms (e.g. '"E10000028"' or '<https://…>')."""

    def ask(self, query: str) -> bool: ...

    def query_serialized(self, query: str, media_type: str) -> bytes:
        """Run any query form and serialise its result in the given media type."""

    def dump(self, out: IO[bytes], media_type: str, graph: str | None = None) -> None:
        """Write the whole dataset (or one graph) in the given RDF media type."""

    def count_quads(self) -> int: ...

    def close(self) -> None: ...


def add_graphs_in_turn(store: Store, graphs: Sequence[tuple[str, str]]) -> None:
    """Store.add_graphs by one replace_graph per graph, taking back the ones written when one fails."""
    written: list[str] = []
    try:
        for graph, ntriples in graphs:
            store.replace_graph(graph, ntriples)
            written.append(graph)
    except Exception:
        for graph in written:
            store.drop_graph(graph)
        raise
