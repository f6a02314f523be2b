"""Building one report graph cheaply: the store and Graph it lives in, its terms, its N-Triples.

rdflib's Memory store keeps, beside its three indexes, which contexts hold each triple, and
answers every lookup through that bookkeeping; about half of mapping a report and a quarter of
pySHACL's time went there. A report graph is a single context, so ReportStore keeps the three
indexes and nothing per triple beyond them. It stays context aware (pySHACL requires a
context-aware store), holds exactly one graph, and refuses triples for any other graph;
namespace bindings come from Memory. ReportGraph answers pySHACL's commonest lookups straight
from those indexes, and ntriples() writes the graph as
rdflib's N-Triples serializer does, formatting each term once.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class ReportStore(Memory):
    """The triples of the one graph named `identifier`."""

    context_aware = True
    formula_aware = False
    graph_aware = True  # pySHACL wraps the data graph in a Dataset, which insists on it

    def __init__(self, identifier: Node) -> None:
        super().__init__()
        self.graph_identifier = identifier
        # indexes by subject, predicate and object; dicts keep insertion order like Memory's
        self.spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self.pos: dict[Node, dict[Node, dict[Node, None]]] = {}
        self.osp: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._count = 0
        self._context: Any = None  # the first graph object added to: the common case is cheap
        self._contexts: tuple[Graph, ...] = ()  # what triples() yields as the contexts of a triple
        self._view: Any = None  # the last other Graph object seen reading this graph

    def holds(self, graph: Any) -> bool:
        """Whether `graph` (a Graph on this store) reads this store's graph."""
        if graph is self._context or graph is self._view:
            return True
        if self._mine(graph):
            self._view = graph
            return True
        return False

    def _mine(self, context: Any) -> bool:
        """Whether a lookup in `context` sees this store's graph (None: every graph)."""
        return context is None or getattr(context, "identifier", context) == self.graph_identifier

    def add(self, triple: Triple, context: Any = None, quoted: bool = False) -> None:
        if context is not self._context:
            self._check(context)
        s, p, o = triple
        po = self.spo.get(s)
        if po is None:
            po = self.spo[s] = {}
        objects = po.get(p)
        if objects is None:
            objects = po[p] = {}
        # a length test rather than `o in objects` first: a Literal's hash is Python code
        # (rdflib's), and literals are a third of a report's objects
        known = len(objects)
        objects[o] = None
        if len(objects) == known:
            return  # already held
        os_ = self.pos.get(p)
        if os_ is None:
            os_ = self.pos[p] = {}
        subjects = os_.get(o)
        if subjects is None:
            os_[o] = {s: None}
        else:
            subjects[s] = None
        sp = self.osp.get(o)
        if sp is None:
            self.osp[o] = {s: {p: None}}
        else:
            predicates = sp.get(s)
            if predicates is None:
                sp[s] = {p: None}
            else:
                predicates[p] = None
        self._count += 1

    def _check(self, context: Any) -> None:
        if context is None:
            return
        if not self._mine(context):
            raise ValueError(f"a ReportStore holds only the graph {self.graph_identifier}, not {context}")
        if self._context is None:
            self._context, self._contexts = context, (context,)

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Any]]) -> None:  # noqa: N802 (rdflib's name)
        for s, p, o, c in quads:
            self.add((s, p, o), c)

    def remove(self, triple_pattern: tuple[Node | None, Node | None, Node | None], context: Any = None) -> None:
        if not self._mine(context):
            return
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            _discard(self.spo, s, p, o)
            _discard(self.pos, p, o, s)
            _discard(self.osp, o, s, p)
            self._count -= 1

    def triples(self, triple_pattern: tuple[Node | None, Node | None, Node | None],
                context: Any = None) -> Generator[tuple[Triple, tuple[Graph, ...]], None, None]:
        if context is not None and context is not self._context and context is not self._view:
            if not self._mine(context):
                return
            self._view = context  # another Graph object on this store, e.g. a query view: remembered
        s, p, o = triple_pattern
        contexts = self._contexts
        if s is not None:
            po = self.spo.get(s)
            if po is None:
                return
            if p is not None:
                objects = po.get(p)
                if objects is None:
                    return
                if o is not None:
                    if o in objects:
                        yield (s, p, o), contexts
                    return
                for obj in list(objects):
                    yield (s, p, obj), contexts
            elif o is not None:
                for pred in list(self.osp.get(o, {}).get(s, ())):
                    yield (s, pred, o), contexts
            else:
                for pred, objects in list(po.items()):
                    for obj in list(objects):
                        yield (s, pred, obj), contexts
        elif p is not None:
            os_ = self.pos.get(p)
            if os_ is None:
                return
            if o is not None:
                for subj in list(os_.get(o, ())):
                    yield (subj, p, o), contexts
            else:
                for obj, subjects in list(os_.items()):
                    for subj in list(subjects):
                        yield (subj, p, obj), contexts
        elif o is not None:
            for subj, predicates in list(self.osp.get(o, {}).items()):
                for pred in list(predicates):
                    yield (subj, pred, o), contexts
        else:
            for subj, po in list(self.spo.items()):
                for pred, objects in list(po.items()):
                    for obj in list(objects):
                        yield (subj, pred, obj), contexts

    def __len__(self, context: Any = None) -> int:
        return self._count if self._mine(context) else 0

    def contexts(self, triple: Triple | None = None) -> Generator[Graph, None, None]:
        if triple is None or triple == (None, None, None) or any(True for _ in self.triples(triple)):
            yield from self._contexts

    def add_graph(self, graph: Graph) -> None:
        self._check(graph)

    def remove_graph(self, graph: Graph) -> None:
        self.remove((None, None, None), graph)


def _discard(index: dict[Node, dict[Node, dict[Node, None]]], a: Node, b: Node, c: Node) -> None:
    """Remove a → b → c from a three-level index, dropping levels left empty (so that
    `a in index` keeps meaning "a has triples")."""
    second = index[a]
    third = second[b]
    del third[c]
    if not third:
        del second[b]
        if not second:
            del index[a]


class ReportGraph(Graph):
    """A Graph whose lookups with a plain IRI (or no) predicate go straight to the store (and,
    on a ReportStore, objects() to its index). rdflib's Graph.triples first asks whether the
    predicate is a property path, an ABC isinstance check that cost pySHACL more than the lookup
    itself; paths take rdflib's way."""

    def objects(self, subject=None, predicate=None, unique=False):  # type: ignore[no-untyped-def,override]
        # pySHACL's commonest question, "the values of this node's property", read straight off
        # the index (each object appears once per subject and predicate, so `unique` holds too)
        store = self.store
        if (subject is not None and type(predicate) is URIRef and type(subject) is not list
                and type(store) is ReportStore and store.holds(self)):
            return iter(tuple(store.spo.get(subject, {}).get(predicate, ())))
        return super().objects(subject, predicate, unique)

    def triples(self, triple):  # type: ignore[no-untyped-def,override]
        predicate = triple[1]
        if predicate is None or type(predicate) is URIRef:
            for found, _ in self.store.triples(triple, context=self):
                yield found
        else:
            yield from super().triples(triple)


def report_graph(identifier: Node) -> Graph:
    """An empty graph named `identifier` on its own ReportStore."""
    return ReportGraph(store=ReportStore(identifier), identifier=identifier)


def ntriples(graph: Graph) -> str:
    """The graph as N-Triples text, line for line what rdflib's "nt" serializer writes (in
    another order). rdflib's serializer formats every term anew for every triple; a report names
    the same few hundred IRIs thousands of times, so each is formatted once here."""
    store = graph.store
    if type(store) is ReportStore and store.holds(graph):
        return _index_ntriples(store.spo)
    # Any other graph (the vocabulary, the reference data) is grouped into the same index shape first.
    spo: dict[Node, dict[Node, dict[Node, None]]] = {}
    for s, p, o in graph:
        spo.setdefault(s, {}).setdefault(p, {})[o] = None
    return _index_ntriples(spo)


def _index_ntriples(spo: dict[Node, dict[Node, dict[Node, None]]]) -> str:
    """N-Triples from a subject → predicate → objects index (a ReportStore's own): each subject and
    predicate is formatted once per group of triples it heads, each object once."""
    formatted: dict[Node, str] = {}
    rows: list[str] = []
    append = rows.append
    for s, po in spo.items():
        fs = formatted.get(s)
        if fs is None:
            fs = formatted[s] = s.n3()
        for p, objects in po.items():
            fp = formatted.get(p)
            if fp is None:
                fp = formatted[p] = p.n3()
            head = f"{fs} {fp} "
            for o in objects:
                fo = formatted.get(o)
                if fo is None:
                    fo = formatted[o] = _quote_literal(o) if isinstance(o, Literal) else o.n3()
                append(f"{head}{fo} .\n")
    return "".join(rows)


def _quote_literal(literal: Literal) -> str:
    """A literal as rdflib's N-Triples serializer writes it (rdflib.plugins.serializers.nt)."""
    text = '"%s"' % literal.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if literal.language:
        return f"{text}@{literal.language}"
    if literal.datatype:
        return f"{text}^^<{literal.datatype}>"
    return text
