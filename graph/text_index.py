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
import json
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import URIRef

from cskg.graph.namespaces import BODIES_GRAPH
from cskg.graph.stores.base import MEMORY, Store, is_server
from cskg.graph.text_search import fts5_query

SCHEMA_VERSION = "4"  # raise when the tables, the tokenizer or what is indexed changes: a rebuild follows
KINDS = ("finding", "recommendation", "body")
MAX_KEPT_ANSWERS = 256  # recent searches' answers kept
MAX_KEPT_ITEMS = 5_000  # a larger answer (every finding of a common word) is not kept
# Read connections open at once on a file: each holds its own page cache (up to ~2 MB), and SQLite lets go of
# the GIL while it searches, so a few beside the processors keep them busy; more would only hold memory.
MAX_READERS = 4
ORDERS = ("relevance", "newest")
# Graphs other than report graphs whose texts are indexed.
_REFERENCE_TEXT_GRAPHS = (str(BODIES_GRAPH),)

_PREFIXES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
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
# What a search filters, orders and shows a report's items by: the inspected council, the inspection's
# date (its start, else the report's publication), framework and source; read once per graph. The council's code and
# name and the framework's notation are looked up once each (_COUNCIL, _NOTATION): joined inside this query, the
# engine read every council of the store for each graph, so a store ten times the size took far more than ten times
# as long.
_INSPECTIONS = _PREFIXES + """SELECT ?g ?council ?fw ?start ?published ?source WHERE {
  GRAPH ?g {
    ?inspection cskg:inspectedAuthority ?council ; cskg:framework ?fw ; cskg:report ?report .
    ?report cskg:sourcePath ?source .
    OPTIONAL { ?inspection cskg:startDate ?start }
    OPTIONAL { ?report dcterms:issued ?published }
  }
}"""
_COUNCIL = _PREFIXES + "SELECT ?code ?name WHERE { <%s> cskg:gssCode ?code ; rdfs:label ?name }"
_NOTATION = _PREFIXES + "SELECT ?notation WHERE { <%s> skos:notation ?notation }"
# What a search shows of each finding and recommendation beside its text, as the findings and
# recommendations named queries give it (their notations come from the vocabulary graph).
_ITEMS = _PREFIXES + """SELECT ?item ?type ?area ?timescale ?paragraph ?page WHERE {
  GRAPH ?g {
    { ?inspection cskg:hasFinding ?item .
      OPTIONAL { ?item cskg:paragraphNumber ?paragraph }
      OPTIONAL { ?item cskg:page ?page }
      OPTIONAL { ?item cskg:judgementArea ?areaFound }
      BIND("finding" AS ?type) }
    UNION
    { ?inspection cskg:hasRecommendation ?item .
      OPTIONAL { ?item cskg:timescale ?timescaleFound }
      OPTIONAL { ?item prov:wasDerivedFrom ?passageFound }
      BIND(COALESCE(?passageFound, cskg:none) AS ?passage)
      OPTIONAL { ?passage cskg:page ?page }
      OPTIONAL { ?passage cskg:paragraphNumber ?paragraph }
      BIND(IF(EXISTS { ?item a cskg:AreaForImprovement }, "area-for-improvement", "recommendation") AS ?type) }
  }
  BIND(COALESCE(?areaFound, cskg:none) AS ?areaConcept)
  BIND(COALESCE(?timescaleFound, cskg:none) AS ?timescaleConcept)
  OPTIONAL { ?areaConcept skos:notation ?area }
  OPTIONAL { ?timescaleConcept skos:notation ?timescale }
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
    shown: str = "{}"  # JSON: what a search hit shows beside the text (finding and recommendation only)


@dataclass(frozen=True, slots=True)
class Hit:
    iri: str
    kind: str
    score: float  # BM25 (lower is better, as FTS5 reports it); 0 when ordered newest first
    text: str = ""
    shown: dict | None = None  # type, authority_code, authority, framework, inspection_start, published,
    #                            area, timescale, paragraph, page, source (findings and recommendations)


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
    if is_server(store_location):
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


def _for_graph(query: str, graph: str) -> str:
    # The graph named in the pattern, not bound from outside it: the engine then reads that graph's quads
    # alone, where a VALUES block over ?g made each read scan every graph (a 10x store took 61x as long).
    return query.replace("GRAPH ?g {", f"GRAPH <{graph}> {{", 1).replace(
        "WHERE {\n", f"WHERE {{\n  VALUES ?g {{ <{graph}> }}\n", 1)


def read_entries(store: Store, graphs: Sequence[str]) -> Iterator[Entry]:
    """The texts of the given graphs, read from the store, with what a search shows of each."""
    looked_up: dict[tuple[str, str], tuple | None] = {}

    def first_row(query: str, iri: str) -> tuple | None:
        """The first answer of a lookup of one IRI (a council labelled twice: its first label), asked once."""
        if (query, iri) not in looked_up:
            rows = store.select(query % iri).rows
            looked_up[(query, iri)] = rows[0] if rows else None
        return looked_up[(query, iri)]

    for graph_read in graphs:
        about: dict[str, dict] = {}
        for row in store.select(_for_graph(_INSPECTIONS, graph_read)).as_dicts():
            council, framework = first_row(_COUNCIL, str(row["council"])), first_row(_NOTATION, str(row["fw"]))
            if council is not None and framework is not None:
                about.setdefault(str(row["g"]), {**row, "authority_code": council[0], "authority": council[1],
                                                 "framework": framework[0]})
        items = {str(row["item"]): row for row in store.select(_for_graph(_ITEMS, graph_read)).as_dicts()}
        seen: set[tuple[str, str, str]] = set()
        for graph, item, kind, text in store.select(_for_graph(_TEXTS, graph_read)).rows:
            key = (str(graph), str(item), str(text))
            if key in seen:  # a body's label and altLabel may be the same text
                continue
            seen.add(key)
            inspection = about.get(str(graph))
            if inspection is None:  # the reference list of bodies
                yield Entry(str(graph), str(item), str(kind), str(text))
                continue
            date = str(inspection["start"] or inspection["published"] or "")
            if kind == "body":
                yield Entry(str(graph), str(item), str(kind), str(text), str(inspection["authority_code"]), date)
                continue
            own = items.get(str(item), {})
            shown = {"type": own.get("type") or kind, "authority_code": inspection["authority_code"],
                     "authority": inspection["authority"], "framework": inspection["framework"],
                     "inspection_start": inspection["start"], "published": inspection["published"],
                     "area": own.get("area"), "timescale": own.get("timescale"), "paragraph": own.get("paragraph"),
                     "page": own.get("page"), "source": inspection["source"]}
            yield Entry(str(graph), str(item), str(kind), str(text), str(inspection["authority_code"]), date,
                        json.dumps(shown, ensure_ascii=False))


class TextIndex:
    """One SQLite database: `entries` holds the texts with their graph, council, date and what a search
    hit shows; `texts`, an FTS5 table over entries.text (external content), finds them; `graphs` the fingerprint of each
    indexed graph. One connection writes (under a lock); on a file, each searching thread reads with its own."""

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
        # Answers of recent searches: analysts repeat searches, and a page of a common word costs ~10 ms of
        # processor under the lock. Emptied when this index writes or another connection (an ingest) has.
        self._answers: OrderedDict[tuple, tuple[object, float]] = OrderedDict()  # answer, when last read
        self._answers_lock = threading.Lock()
        self._seen_versions: dict[int, int] = {}  # PRAGMA data_version each connection last read
        # Read connections not in use, each with when it was last put back (the newest last); a thread takes
        # one for one search and puts it back, so the count open is bounded, not one per request thread.
        self._idle_readers: list[tuple[sqlite3.Connection, float]] = []
        self._reader_slots = threading.BoundedSemaphore(MAX_READERS)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection to search with: on a file, one of at most MAX_READERS read-only ones, so searches from
        several threads run at once (SQLite lets go of the GIL while it works); in memory, the one connection,
        under the lock."""
        if self.location == MEMORY:
            with self._lock:
                yield self._db
            return
        with self._reader_slots:
            with self._answers_lock:
                db = self._idle_readers.pop()[0] if self._idle_readers else None
            if db is None:
                db = sqlite3.connect(f"file:{quote(os.path.abspath(self.location))}?mode=ro", uri=True,
                                     check_same_thread=False, isolation_level=None)
            try:
                yield db
            finally:
                with self._answers_lock:
                    self._idle_readers.append((db, time.monotonic()))

    def release_idle(self, idle: float) -> int:
        """Drop the kept answers nobody has read for `idle` seconds and close the read connections unused as
        long (their page caches go with them); how many answers and connections went. A server calls this with its
        cached answers' expiry, so memory taken under a burst of searches is given back after it."""
        cutoff = time.monotonic() - idle
        with self._answers_lock:
            stale = [key for key, (_, read) in self._answers.items() if read < cutoff]
            for key in stale:
                del self._answers[key]
            closing = [db for db, used in self._idle_readers if used < cutoff]
            self._idle_readers = [(db, used) for db, used in self._idle_readers if used >= cutoff]
            for db in closing:
                # A connection opened later may get the same id(); its version must be read afresh.
                self._seen_versions.pop(id(db), None)
        for db in closing:
            db.close()
        return len(stale) + len(closing)

    def _remembered(self, db: sqlite3.Connection, key: tuple) -> tuple[int, object | None]:
        """The connection's data version and a kept answer, unless the database changed since it was kept:
        a connection that sees a new version (another one wrote) empties what every thread kept."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        with self._answers_lock:
            if self._seen_versions.get(id(db)) != version:
                self._answers.clear()
                self._seen_versions[id(db)] = version
            kept = self._answers.get(key)
            if kept is None:
                return version, None
            self._answers[key] = (kept[0], time.monotonic())
            self._answers.move_to_end(key)
        return version, kept[0]

    def _remember(self, db: sqlite3.Connection, version: int, key: tuple, answer: object, size: int) -> None:
        # Kept only if nothing was written while it was read: checked under the lock that empties the answers,
        # so an answer read before a write is never kept after the write was noticed.
        with self._answers_lock:
            if size <= MAX_KEPT_ITEMS and db.execute("PRAGMA data_version").fetchone()[0] == version:
                self._answers[key] = (answer, time.monotonic())
                while len(self._answers) > MAX_KEPT_ANSWERS:
                    self._answers.popitem(last=False)

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
                -- The small columns a search filters and orders by first: SQLite reads a row's columns in
                -- order, so they are read without the long text's overflow pages.
                CREATE TABLE entries(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, authority TEXT NOT NULL,
                                     date TEXT NOT NULL, graph TEXT NOT NULL, iri TEXT NOT NULL,
                                     text TEXT NOT NULL, shown TEXT NOT NULL);
                CREATE INDEX entries_by_graph ON entries(graph);
                CREATE VIRTUAL TABLE texts USING fts5(text, content='entries', content_rowid='id',
                                                      tokenize='unicode61 remove_diacritics 2');
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
        ordered = sorted(changed)
        entries = list(read_entries(store, ordered))
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for graph in sorted(gone | changed):
                    self._drop(graph)
                last = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
                self._db.executemany(
                    "INSERT INTO entries(graph, iri, kind, text, authority, date, shown) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(e.graph, e.iri, e.kind, e.text, e.authority, e.date, e.shown) for e in entries])
                if changed:
                    self._db.execute("INSERT INTO texts(rowid, text) SELECT id, text FROM entries WHERE id > ?",
                                     (last,))
                self._db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)",
                                     [(graph, current[graph]) for graph in ordered])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                with self._answers_lock:
                    self._answers.clear()  # this connection's own writes do not move its data_version
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
        """The IRIs of every item a text of which matches the search, in no particular order
        (SearchSyntaxError for a search cskg cannot read)."""
        where, args = self._where(search, kinds, None)
        key = ("matching", search, tuple(kinds))
        with self._reading() as db:
            version, kept = self._remembered(db, key)
            if kept is not None:
                return list(kept)  # type: ignore[call-overload]
            # A finding or recommendation has one text; only a body's names repeat it.
            distinct = "DISTINCT" if "body" in kinds else ""
            rows = db.execute(f"SELECT {distinct} e.iri FROM texts CROSS JOIN entries e ON e.id = texts.rowid "
                              f"WHERE {where}", args).fetchall()
            found = tuple(iri for iri, in rows)
            self._remember(db, version, key, found, len(found))
        return list(found)

    def search(self, search: str, *, kinds: Sequence[str] = KINDS, authority: str | None = None,
               order: str = "relevance", limit: int = 50, offset: int = 0) -> tuple[int, list[Hit]]:
        """The number of items matching and one page of them, by relevance (BM25) or newest first."""
        if order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}")
        where, args = self._where(search, kinds, authority)
        source = f"FROM texts CROSS JOIN entries e ON e.id = texts.rowid WHERE {where}"
        if "body" in kinds:
            # A body has several names, in every report naming it: counted once, at its best text.
            ranking = "score, date DESC" if order == "relevance" else "date DESC, score"
            page = (f"SELECT MIN(e.id), e.iri, e.kind, MIN(texts.rank) AS score, MAX(e.date) AS date {source} "
                    f"GROUP BY e.iri, e.kind ORDER BY {ranking}, e.iri LIMIT ? OFFSET ?")
            count = f"SELECT COUNT(DISTINCT e.iri) {source}"
        else:  # a finding or recommendation has one text: FTS5 ranks and pages the rows themselves
            # Newest first needs no BM25 score: computing it for every match cost as much as the rest.
            ranking = "texts.rank, e.date DESC" if order == "relevance" else "e.date DESC, e.id"
            score = "texts.rank" if order == "relevance" else "0.0"
            page = f"SELECT e.id, e.iri, e.kind, {score} {source} ORDER BY {ranking}, e.iri LIMIT ? OFFSET ?"
            count = f"SELECT COUNT(*) {source}"
        key = ("search", search, tuple(kinds), authority, order, limit, offset)
        with self._reading() as db:
            version, kept = self._remembered(db, key)
            if kept is not None:
                return kept  # type: ignore[return-value]
            # Only the page's rows are read whole: the long texts of every match would triple the time.
            rows = db.execute(page, [*args, limit, offset]).fetchall()
            total = db.execute(count, args).fetchone()[0]
            ids = [row[0] for row in rows]
            shown = dict((row[0], row[1:]) for row in db.execute(
                f"SELECT id, text, shown FROM entries WHERE id IN ({', '.join('?' for _ in ids)})", ids))
            answer = (total, [Hit(iri, kind, score, shown[id_][0], json.loads(shown[id_][1]))
                              for id_, iri, kind, score, *_ in rows])
            self._remember(db, version, key, answer, len(rows))
        return answer

    @staticmethod
    def _where(search: str, kinds: Sequence[str], authority: str | None) -> tuple[str, list[str]]:
        unknown = set(kinds) - set(KINDS)
        if unknown or not kinds:
            raise ValueError(f"kinds are some of {', '.join(KINDS)}, not {', '.join(sorted(unknown)) or 'none'}")
        where = f"texts MATCH ? AND e.kind IN ({', '.join('?' for _ in kinds)})"
        args = [fts5_query(search), *kinds]
        if authority:
            where += " AND e.authority = ?"
            args.append(authority)
        return where, args

    def iris(self, search: str, kinds: Sequence[str] = KINDS) -> tuple[URIRef, ...]:
        """matching() as IRIs to bind into a query."""
        return tuple(URIRef(iri) for iri in self.matching(search, kinds))

    def close(self) -> None:
        with self._answers_lock:
            readers, self._idle_readers = [db for db, _ in self._idle_readers], []
        for reader in readers:
            reader.close()
        with self._lock:
            self._db.close()


def open_text_index(store_location: str, index: str | None = None) -> TextIndex:
    """The text index of the store at `store_location` (or at `index` when given)."""
    return TextIndex(index or index_location(store_location))


def open_synced(store_location: str, store: Store, index: str | None = None) -> tuple[TextIndex, str | None]:
    """The store's text index brought in step with it (only graphs that changed are read, a missing
    index is built), and None; or, where the index file cannot be opened or written, one built in
    memory and the reason."""
    try:
        opened = open_text_index(store_location, index)
    except (sqlite3.Error, OSError) as exc:
        problem = f"the text index at {index or index_location(store_location)} cannot be opened ({exc})"
    else:
        try:
            opened.sync(store)
            return opened, None
        except (sqlite3.Error, OSError) as exc:
            opened.close()
            problem = f"the text index at {opened.location} cannot be written ({exc})"
    in_memory = TextIndex(MEMORY)
    in_memory.sync(store)
    return in_memory, problem
