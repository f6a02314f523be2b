"""The SPARQL page for browsers: the editor, the named queries as examples, and results as a paged table.

The editor (YASGUI's Yasqe and Yasr from npm) is served from node_modules by cskg itself; without it the page
is a plain form whose results this module renders on the server, so a link with ?query= always reproduces them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from cskg.api.guard import check_query
from cskg.api.negotiation import parse_accept
from cskg.api.worker import Job
from cskg.errors import CskgError
from cskg.graph.namespaces import PREFIXES
from cskg.queries import NamedQuery, list_queries

PAGE_SIZE = 100
# Where `npm ci` puts the front-end packages: beside the project (an editable install's package folder).
NODE_MODULES = Path(os.environ.get("CSKG_NODE_MODULES", Path(__file__).resolve().parent.parent.parent / "node_modules"))
YASGUI_BUILD = NODE_MODULES / "@zazuko" / "yasgui" / "build"
DOWNLOADS = {"csv": "text/csv", "json": "application/sparql-results+json", "tsv": "text/tab-separated-values"}


def editor_installed() -> bool:
    return (YASGUI_BUILD / "yasgui.min.js").is_file()


def prefix_block() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def starter_query() -> str:
    return (prefix_block()
            + "\nSELECT ?council ?name WHERE {\n  ?council cskg:gssCode ?code ; rdfs:label ?name .\n}\nLIMIT 20\n")


def examples() -> list[NamedQuery]:
    return list_queries()


def example_text(name: str) -> str | None:
    return next((q.sparql for q in examples() if q.name == name), None)


@dataclass(frozen=True, slots=True)
class Results:
    status: int
    error: str | None = None
    variables: list[str] | None = None
    rows: list[list[str]] | None = None  # this page's rows, each cell as text
    total: int = 0
    page: int = 1
    pages: int = 1
    boolean: bool | None = None
    graph: str | None = None  # a CONSTRUCT or DESCRIBE result, as Turtle


def _cell(binding: dict | None) -> str:
    return "" if binding is None else binding["value"]


def run(executor, query: str, page: int, max_bytes: int) -> Results:
    """Run the query with the endpoint's own guard, time limit and row cap; errors as the endpoint words them."""
    if len(query.encode()) > max_bytes:
        return Results(413, f"the query is longer than {max_bytes} bytes")
    try:
        form = check_query(query)
    except CskgError as exc:
        return Results(exc.http_status, exc.message)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    outcome = executor.run(Job(query, parse_accept("text/turtle" if graph else "application/sparql-results+json")))
    if outcome.status != 200:
        return Results(outcome.status, outcome.body.decode("utf-8", errors="replace"))
    if graph:
        return Results(200, graph=outcome.body.decode("utf-8", errors="replace"))
    data = json.loads(outcome.body)
    if "boolean" in data:
        return Results(200, boolean=data["boolean"])
    variables = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    pages = max(1, -(-len(bindings) // PAGE_SIZE))
    page = min(max(1, page), pages)
    chunk = bindings[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return Results(200, variables=variables, rows=[[_cell(b.get(v)) for v in variables] for b in chunk],
                   total=len(bindings), page=page, pages=pages)
