"""Any SPARQL 1.1 store reached over HTTP: Protocol for queries, Graph Store Protocol for writes.

The location is the service's base URL. Endpoint paths default to Oxigraph server's
(/query, /update, /store); other servers name theirs in the URL's query string, e.g.
Fuseki: http://localhost:3030/ds?query=sparql&update=update&gsp=data
The server must expose the union of named graphs as the default graph for queries
(`oxigraph serve --union-default-graph`, Fuseki's tdb2:unionDefaultGraph).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Mapping
from urllib.parse import parse_qs, urlsplit, urlunsplit

from cskg.graph.stores.base import SelectResult, StoreError, add_graphs_in_turn
from cskg.graph.stores.binding import Binding, bind_values
from cskg.graph.stores.terms import from_sparql_json

if TYPE_CHECKING:
    import httpx


class RemoteStore:
    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
        self.location = url
        self.query_url = f"{base}/{options.get('query', 'query')}"
        self.update_url = f"{base}/{options.get('update', 'update')}"
        self.gsp_url = f"{base}/{options.get('gsp', 'store')}"
        import httpx  # here, not at the top: only a remote store needs it, and the server's start-up would pay

        self._client = httpx.Client(timeout=timeout)

    def _check(self, response: httpx.Response, what: str) -> httpx.Response:
        if response.status_code >= 400:
            raise StoreError(f"{what} failed at {response.request.url}: HTTP {response.status_code} "
                             f"{response.text[:500]}")
        return response

    def _post_query(self, query: str, accept: str) -> httpx.Response:
        import httpx

        try:
            response = self._client.post(self.query_url, content=query.encode(),
                                         headers={"Content-Type": "application/sparql-query",
                                                  "Accept": accept})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.query_url}: {exc}. "
                             "Is the server running?") from exc
        return self._check(response, "query")

    def replace_graph(self, graph: str, ntriples: str) -> None:
        import httpx

        # A Graph Store Protocol PUT replaces the graph in one request.
        try:
            response = self._client.put(self.gsp_url, params={"graph": graph},
                                        content=ntriples.encode(),
                                        headers={"Content-Type": "application/n-triples"})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the graph store {self.gsp_url}: {exc}") from exc
        self._check(response, "replacing a graph")

    def add_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        add_graphs_in_turn(self, graphs)  # the Graph Store Protocol writes one graph per request

    def drop_graph(self, graph: str) -> None:
        response = self._client.delete(self.gsp_url, params={"graph": graph})
        if response.status_code != 404:
            self._check(response, "dropping a graph")

    def graphs(self) -> list[str]:
        result = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row[0]) for row in result.rows)

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult:
        data = json.loads(self._post_query(bind_values(query, bindings),
                                           "application/sparql-results+json").content)
        variables = tuple(data["head"]["vars"])
        rows = tuple(tuple(from_sparql_json(b.get(v)) for v in variables)
                     for b in data["results"]["bindings"])
        return SelectResult(variables, rows)

    def ask(self, query: str) -> bool:
        return bool(json.loads(self._post_query(query, "application/sparql-results+json").content)["boolean"])

    def query_serialized(self, query: str, media_type: str,
                         bindings: Mapping[str, Binding] | None = None) -> bytes:
        return self._post_query(bind_values(query, bindings), media_type).content

    def dump(self, out: IO[bytes], media_type: str, graph: str | None = None) -> None:
        params = {"graph": graph} if graph else {}
        with self._client.stream("GET", self.gsp_url, params=params,
                                 headers={"Accept": media_type}) as response:
            self._check(response, "dumping")
            for chunk in response.iter_bytes():
                out.write(chunk)

    def count_quads(self) -> int:
        # cskg writes only named graphs; with a union default graph, counting both would double.
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0][0] or 0)

    def close(self) -> None:
        self._client.close()
