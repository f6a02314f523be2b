"""The SELECT queries the exports run: .rq files with the named-query header, kept beside the code
that reads their columns (they are internal, so they are not listed by `cskg queries`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cskg.graph.stores.base import Store
from cskg.queries import NamedQuery, parse_query_file

SPARQL_DIR = Path(__file__).resolve().parent / "rq"


@lru_cache(maxsize=None)
def export_query(name: str) -> NamedQuery:
    return parse_query_file(SPARQL_DIR / f"{name}.rq")


def rows(store: Store, name: str) -> list[dict]:
    return export_query(name).run(store).as_dicts()
