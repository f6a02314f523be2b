"""The full-text index: every finding, recommendation and body name of the store in SQLite FTS5.

The index is derived data, read from the store by SPARQL (so any store kind can have one) and kept in
step with it graph by graph: each indexed graph is stored with a fingerprint (a report graph's
source-file SHA-256; for the reference list of bodies, a hash of its names), and `sync` re-reads the
graphs whose fingerprint changed or that an ingest has just written, and drops those the store no
longer holds. A search is cskg's search syntax (graph/text_search.py), ranked by BM25.

Texts are split into words by FTS5's unicode61 tokenizer (letters and digits; case and accents
ignored); no stemming, so "neglect" finds the word neglect and "neglect*" finds neglected and
neglectful too.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from cskg.graph.namespaces import BODIES_GRAPH
from cskg.graph.stores.base import MEMORY, Store
from cskg.graph.text_search import fts5_query

SCHEMA_VERSION = "1"  # raise when the tables, the tokenizer or what is indexed changes: a rebuild follows
KINDS = ("finding", "recommendation", "body")
ORDERS = ("relevance", "newest")
# Graphs other than report graphs whose texts are indexed.
_REFERENCE_TEXT_GRAPHS = (str(BODIES_GRAPH),)
_GRAPHS_PER_READ = 100  # graphs whose texts one SPARQL read fetches

_PREFIXES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_REPORTS = _PREFIXES + """SELECT ?g ?sha WHERE { GRAPH ?g { ?report a cskg:InspectionReport ; cskg:sha256 ?sha } }"""
# The texts of the graphs bound to ?g (a VALUES block is put at the head of the WHERE group).
_TEXTS = _PREFIXES + """SELECT ?g ?item ?kind ?text WHERE {
  GRAPH ?g {
    { ?inspection cskg:hasFinding ?item . ?item cskg:text ?text . BIND("finding" AS ?kind) }
    UNION { ?inspection cskg:hasRecommendation ?item . ?item cskg:text ?text . BIND("recommendation" AS ?kind) }
    UNION { ?item cskg:organisationKind ?organisationKind ; rdfs:label|skos:altLabel ?text . BIND("body" AS ?kind) }
  }
}"""
# What a search filters and orders a report's texts by: the inspected council and the inspection's
# date (its start, else the report's publication).
_INSPECTIONS = _PREFIXES + """SELECT ?g ?council ?start ?published WHERE {
  GRAPH ?g {
    ?inspection cskg:inspectedAuthority ?council ; cskg:report ?report .
    OPTIONAL { ?inspection cskg:startDate ?start }
    OPTIONAL { ?report dcterms:issued ?published }
  }
}"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One indexed text."""

    graph: str
    iri: str
    kind: str  # finding, recommendation or body
    text: str
    authority: str = ""  # GSS code of the inspected council ("" outside report graphs)
    date: str = ""  # inspection start, else publication date, ISO ("" outside report graphs)


@dataclass(frozen=True, slots=True)
class Hit:
    iri: str
    kind: str
    score: float  # BM25 (lower is better, as FTS5 reports it)


@dataclass(frozen=True, slots=True)
class SyncReport:
    checked: int  # graphs of the store that hold texts
    updated: int  # graphs (re)read into the index
    removed: int  # graphs dropped from the index
    texts: int  # texts the index holds afterwards

    def describe(self) -> str:
        return (f"{self.checked} graphs checked, {self.updated} indexed anew, {self.removed} removed; "
                f"{self.texts} texts indexed")


def index_location(store_location: str) -> str:
    """Where the text index of a store lives: beside a store folder (`cskg-store.text-index.sqlite`),
    in memory for an in-memory store, and for a SPARQL server in $CSKG_TEXT_INDEX or a file in the
    current folder named after the server's URL."""
    if store_location == MEMORY:
        return MEMORY
    if store_location.startswith(("http://", "https://")):
        named = hashlib.sha256(store_location.encode()).hexdigest()[:12]
        return os.environ.get("CSKG_TEXT_INDEX") or f"cskg-text-index-{named}.sqlite"
    return str(Path(store_location)) + ".text-index.sqlite"


def graph_fingerprints(store: Store) -> dict[str, str]:
    """Every graph of the store that holds indexed texts, with its fingerprint."""
    found = {str(graph): str(sha) for graph, sha in store.select(_REPORTS).rows}
    held = set(store.graphs())
    for graph in _REFERENCE_TEXT_GRAPHS:
        if graph in held:
            entries = sorted((e.iri, e.text) for e in read_entries(store, [graph]))
            found[graph] = "texts:" + hashlib.sha256(repr(entries).encode()).hexdigest()
    return found


def _for_graphs(query: str, graphs: Sequence[str]) -> str:
    values = " ".join(f"<{graph}>" for graph in graphs)
    return query.replace("WHERE {\n", f"WHERE {{\n  VALUES ?g {{ {values} }}\n", 1)


def read_entries(store: Store, graphs: Sequence[str]) -> Iterator[Entry]:
    """The texts of the given graphs, read from the store."""
    for start in range(0, len(graphs), _GRAPHS_PER_READ):
        chunk = graphs[start:start + _GRAPHS_PER_READ]
        about: dict[str, tuple[str, str]] = {}
        for graph, council, started, published in store.select(_for_graphs(_INSPECTIONS, chunk)).rows:
            about[str(graph)] = (str(council).rsplit("/", 1)[-1], str(started or published or ""))
        seen: set[tuple[str, str, str]] = set()
        for graph, item, kind, text in store.select(_for_graphs(_TEXTS, chunk)).rows:
            key = (str(graph), str(item), str(text))
            if key in seen:  # a body's label and altLabel may be the same text
                continue
            seen.add(key)
            authority, date = about.get(str(graph), ("", ""))
            yield Entry(str(graph), str(item), str(kind), str(text), authority, date)


class TextIndex:
    """One SQLite database: `entries` holds the texts with their graph, council and date; `texts`, an
    FTS5 table over entries.text (external content), finds them; `graphs` the fingerprint of each
    indexed graph. One connection, shared by threads under a lock (each call takes milliseconds)."""

    def __init__(self, location: str = MEMORY) -> None:
        self.location = location
        self._lock = threading.Lock()
        if location != MEMORY:
            Path(location).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(":memory:" if location == MEMORY else location, check_same_thread=False,
                                   isolation_level=None)
        if location != MEMORY:
            self._db.execute("PRAGMA journal_mode=WAL")  # readers (a server) go on while an ingest writes
        self._ensure_schema()

    def _ensure_schema(self) -> None:
        version = None
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = row[0] if row else None
        if version == SCHEMA_VERSION:
            return
        with self._lock:
            self._db.executescript("""
                BEGIN;
                DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS graphs;
                DROP TABLE IF EXISTS meta;
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE graphs(graph TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
                CREATE TABLE entries(id INTEGER PRIMARY KEY, graph TEXT NOT NULL, iri TEXT NOT NULL,
                                     kind TEXT NOT NULL, text TEXT NOT NULL, authority TEXT NOT NULL,
                                     date TEXT NOT NULL);
                CREATE INDEX entries_by_graph ON entries(graph);
                CREATE VIRTUAL TABLE texts USING fts5(text, content='entries', content_rowid='id',
                                                      tokenize='unicode61 remove_diacritics 2', prefix='2 3');
                COMMIT;
            """)
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    # --- keeping in step with the store -------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT graph, fingerprint FROM graphs"))

    def stale_graphs(self, store: Store) -> tuple[dict[str, str], set[str], set[str]]:
        """The store's fingerprints, the graphs to (re)read and the graphs to drop."""
        current = graph_fingerprints(store)
        held = self.fingerprints()
        return current, {g for g, f in current.items() if held.get(g) != f}, set(held) - set(current)

    def is_stale(self, store: Store) -> bool:
        _, changed, gone = self.stale_graphs(store)
        return bool(changed or gone)

    def sync(self, store: Store, *, refresh: Iterable[str] = (), rebuild: bool = False) -> SyncReport:
        """Bring the index in step with the store: graphs whose fingerprint changed, graphs in
        `refresh` (an ingest's written graphs) and, with `rebuild`, every graph are read anew."""
        current, changed, gone = self.stale_graphs(store)
        if rebuild:
            changed = set(current)
        changed |= set(refresh) & set(current)
        if rebuild:
            gone |= set(self.fingerprints()) - set(current)
        ordered = sorted(changed)
        entries = list(read_entries(store, ordered))
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for graph in sorted(gone | changed):
                    self._drop(graph)
                last = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
                self._db.executemany(
                    "INSERT INTO entries(graph, iri, kind, text, authority, date) VALUES (?, ?, ?, ?, ?, ?)",
                    [(e.graph, e.iri, e.kind, e.text, e.authority, e.date) for e in entries])
                if changed:
                    self._db.execute("INSERT INTO texts(rowid, text) SELECT id, text FROM entries WHERE id > ?",
                                     (last,))
                self._db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)",
                                     [(graph, current[graph]) for graph in ordered])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            count = self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        return SyncReport(len(current), len(changed), len(gone), count)

    def _drop(self, graph: str) -> None:
        # External content: FTS5 is told each removed row's old text, then the rows go.
        self._db.execute("INSERT INTO texts(texts, rowid, text) SELECT 'delete', id, text FROM entries "
                         "WHERE graph = ?", (graph,))
        self._db.execute("DELETE FROM entries WHERE graph = ?", (graph,))
        self._db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))

    # --- searching ----------------------------------------------------------------------------------

    def matching(self, search: str, kinds: Sequence[str] = KINDS) -> list[str]:
        """The IRIs of every item a text of which matches the search, best first (SearchSyntaxError
        for a search cskg cannot read)."""
        return [hit.iri for hit in self._hits(search, kinds)]

    def search(self, search: str, *, kinds: Sequence[str] = KINDS, authority: str | None = None,
               order: str = "relevance", limit: int = 50, offset: int = 0) -> tuple[int, list[Hit]]:
        """The number of items matching and one page of them, by relevance (BM25) or newest first."""
        hits = self._hits(search, kinds, authority, order)
        return len(hits), hits[offset:offset + limit]

    def _hits(self, search: str, kinds: Sequence[str], authority: str | None = None,
              order: str = "relevance") -> list[Hit]:
        if order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}")
        expression = fts5_query(search)
        where = [f"e.kind IN ({', '.join('?' for _ in kinds)})"]
        args: list[str] = [expression, *kinds]
        if authority:
            where.append("e.authority = ?")
            args.append(authority)
        # An item may hold several matching texts (a body's names, in every report naming it): its best.
        ranking = "score, MAX(e.date) DESC" if order == "relevance" else "MAX(e.date) DESC, score"
        sql = (f"SELECT e.iri, e.kind, MIN(texts.rank) AS score FROM texts JOIN entries e ON e.id = texts.rowid "
               f"WHERE texts MATCH ? AND {' AND '.join(where)} GROUP BY e.iri, e.kind "
               f"ORDER BY {ranking}, e.iri")
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [Hit(iri, kind, score) for iri, kind, score in rows]

    def iris(self, search: str, kinds: Sequence[str] = KINDS) -> tuple[URIRef, ...]:
        """matching() as IRIs to bind into a query."""
        return tuple(URIRef(iri) for iri in self.matching(search, kinds))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_text_index(store_location: str, index: str | None = None) -> TextIndex:
    """The text index of the store at `store_location` (or at `index` when given)."""
    return TextIndex(index or index_location(store_location))
