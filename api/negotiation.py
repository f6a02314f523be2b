"""Content negotiation for SPARQL results: which media type to write for a query form and an Accept header."""

from __future__ import annotations

from dataclasses import dataclass

# First entry of each family is the default; aliases map to the canonical media type written back.
RESULTS_TYPES: dict[str, str] = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",  # N-Triples' media type before RDF 1.1
    "application/ld+json": "application/ld+json",
    "application/x-json+ld": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "text/rdf+n3": "text/turtle",  # Turtle is valid N3
    "text/n3": "text/turtle",
    "application/n3": "text/turtle",
}
# Clients that ask for SPARQL results whatever the query form (rdflib's SPARQLStore sends only
# application/sparql-results+json) get a CONSTRUCT in the RDF syntax of the same family; HTTP lets a server
# disregard Accept rather than answer 406, and these clients parse by the Content-Type they receive.
GRAPH_FALLBACKS: dict[str, str] = {
    "application/sparql-results+json": "application/ld+json",
    "application/json": "application/ld+json",
    "application/sparql-results+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}
DEFAULT_RESULTS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str  # "text/turtle", "text/*" or "*/*"
    q: float


def parse_accept(header: str | None) -> tuple[MediaRange, ...]:
    """Media ranges of an Accept header, best first (stable for equal q); none given means */*."""
    ranges: list[MediaRange] = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media or "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append(MediaRange(media, q))
    ranges.sort(key=lambda r: -r.q)  # sort is stable: equal q keep the client's order
    return tuple(ranges) or (MediaRange("*/*", 1.0),)


def choose(accept: tuple[MediaRange, ...], offered: dict[str, str], default: str) -> str | None:
    """The canonical media type to write, or None when the client accepts none of the offered types."""
    for media in accept:
        if media.type == "*/*":
            return default
        if media.type.endswith("/*"):
            prefix = media.type[:-1]
            if default.startswith(prefix):
                return default
            # A wildcard picks a canonical type (text/* -> text/csv), never an alias such as text/xml.
            match = next((canonical for canonical in offered.values() if canonical.startswith(prefix)), None)
            if match:
                return match
            continue
        if media.type in offered:
            return offered[media.type]
    return None


def choose_results(accept: tuple[MediaRange, ...]) -> str | None:
    return choose(accept, RESULTS_TYPES, DEFAULT_RESULTS)


def choose_graph(accept: tuple[MediaRange, ...]) -> str | None:
    return choose(accept, GRAPH_TYPES, DEFAULT_GRAPH) or choose(accept, GRAPH_FALLBACKS, DEFAULT_GRAPH)
