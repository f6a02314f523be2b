"""GET /export/{format}: the same exports as `cskg export`, streamed as the store writes them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse

from cskg.api.deps import get_store
from cskg.api.exports import FORMATS, export, get_format
from cskg.api.exports.streaming import iter_export
from cskg.graph.stores.base import Store

router = APIRouter(tags=["exports"])


def _filename(fmt: str, view: str) -> str:
    spec = FORMATS[fmt]
    if spec.network:
        return f"cskg-{view}.{spec.extension}"
    if fmt.startswith("summary-"):
        return f"cskg-ilacs-summary.{spec.extension}"
    return f"cskg.{spec.extension}"


def _body(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    try:
        yield first
        yield from rest
    finally:
        rest.close()  # type: ignore[attr-defined]  # stops the export when the client goes away


@router.get(
    "/export/{format}",
    summary="Download the graph as a network, an RDF dump or the ILACS summary sheet",
    description=(
        "Formats: " + ", ".join(FORMATS) + ". Networks (gexf, graphml, csv = zip of nodes.csv and "
        "edges.csv) take `view` and `neighbours`; the GEXF is 1.3 with each authority's overall-grade "
        "rank over time for Gephi's timeline. nq, trig and jsonld keep one named graph per report; ttl "
        "and nt hold the union. summary-csv and summary-xlsx: one row per current council with its latest ILACS "
        "inspection, previous grade and statistical neighbours' grades; the xlsx adds every inspection and "
        "notes on each column."),
    responses={200: {"content": {spec.media_type.split(";")[0]: {} for spec in FORMATS.values()}},
               404: {"description": "unknown format"}},
)
def export_graph(
    # The allowed values are documented, not validated by FastAPI: an unknown format is a 404 whose message
    # lists them (the one error handler), as for the CLI.
    format: str = PathParam(description="the export format", json_schema_extra={"enum": list(FORMATS)}),
    view: Literal["organisations", "inspections"] = Query(
        "organisations", description="networks: organisations, or also services and inspections"),
    neighbours: bool = Query(False, description="networks: add statistical-neighbour edges"),
    store: Store = Depends(get_store),
) -> StreamingResponse:
    spec = get_format(format)
    chunks = iter_export(lambda out: export(store, format, out, view=view, neighbours=neighbours))
    # Failing before the first byte can still be reported as an error status (the app's one handler).
    first = next(chunks, b"")
    return StreamingResponse(
        _body(first, chunks), media_type=spec.media_type,
        headers={"Content-Disposition": f'attachment; filename="{_filename(format, view)}"'})
