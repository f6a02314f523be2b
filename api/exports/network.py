"""Project the graph (through SPARQL on the store) onto a networkx network for Gephi and friends.

Nodes are authorities, bodies (boards, partnerships, partner organisations; services and
inspections too in the `inspections` view). Edges:

- `membership`   authority — body it belongs to (roles as stated: member, joint, chair-shared)
- `delivery`     authority — body that delivers its services (role `delivers-for`, e.g. a trust)
- `partner`      authority — partner organisation it works with (role `partner` only: a police
                 force, an NHS body, Cafcass)
- `shared-body`  authority — authority, weighted by the number of bodies both belong to or are
                 served by; partner organisations do not count (a national body such as Cafcass
                 would otherwise tie every council that mentions it to every other)
- `statistical-neighbour` authority — authority (optional), weight 2 when each lists the other
- `inspection`   authority — inspection, `mention` inspection — body (`inspections` view only)

Every edge carries `kind`, `weight` and `evidence_count` (distinct report passages or reference-list sources
behind it); a membership edge and a body node have a spell (`start`, `end`: when the tie is known to hold, from
the first report stating it or the reference list's dates), and a shared-body edge starts when both ties hold.
An inspection node, its `inspection` edge and its `mention` edges last from the inspection's first to its last
day. Labels stand alone (see labels.py): a council's own body carries its council's name, and no two nodes
share a label; a body's name as stated is its `name` attribute.
An authority's grade history is the dynamic attribute `overall_rank`: a list of
(rank, start, end) intervals, the shape networkx itself reads dynamic GEXF attributes into.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import networkx as nx

from cskg.api.exports.labels import body_label, council_codes, councils_phrase, distinct_labels
from cskg.api.exports.sparql import rows
from cskg.graph.namespaces import ID, authority_uri
from cskg.graph.stores.base import Store
from cskg.queries import load_query

View = Literal["organisations", "inspections"]
VIEWS: tuple[str, ...] = ("organisations", "inspections")
DYNAMIC_RANK = "overall_rank"


@dataclass(frozen=True, slots=True)
class InspectionFacts:
    """One inspection of an authority as the timeline needs it."""

    inspection: str
    date: str | None
    last: str | None  # the inspection's last day (its start when no end is known)
    published: str | None
    framework: str
    grade: str | None
    rank: int | None


def _tail(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def rank_intervals(graded: list[tuple[str, int]], end: str) -> list[tuple[int, str, str]]:
    """[(rank, start, end)] from (date, rank) pairs: each rank holds from its inspection's date to
    the day before the next graded inspection, the last one to `end`. Intervals are closed, as in
    GEXF, so consecutive ones must not share a day: of two grades on one day the later given wins."""
    by_day: dict[str, int] = {}
    for day, rank in graded:
        by_day[day] = rank
    days = sorted(by_day)
    intervals: list[tuple[int, str, str]] = []
    for index, day in enumerate(days):
        if index + 1 < len(days):
            until = (date.fromisoformat(days[index + 1]) - timedelta(days=1)).isoformat()
        else:
            until = max(end, day)
        intervals.append((by_day[day], day, until))
    return intervals


def _add_authorities(g: nx.MultiGraph, store: Store) -> None:
    for row in rows(store, "network-authorities"):
        attrs = {"label": row["label"] or row["gss_code"], "category": "authority",
                 "kind": "local-authority", "gss_code": row["gss_code"], "dfe_code": row["dfe_code"],
                 "region": row["region"], "authority_type": row["authority_type"], "status": row["status"],
                 "inspections": 0}
        g.add_node(row["authority"], **{k: v for k, v in attrs.items() if v is not None})


def _ensure_authority(g: nx.MultiGraph, uri: str) -> None:
    """An authority the reference data does not list still gets a node, named by its code."""
    if uri not in g:
        g.add_node(uri, label=_tail(uri), category="authority", kind="local-authority",
                   gss_code=_tail(uri), inspections=0)


def _inspections(store: Store) -> list[tuple[str, InspectionFacts]]:
    found: list[tuple[str, InspectionFacts]] = []
    seen: set[str] = set()
    for row in rows(store, "network-inspections"):
        if row["inspection"] in seen:  # two overall judgements would be a data error; keep the first
            continue
        seen.add(row["inspection"])
        rank = row["overall_rank"]
        first = row["date"] or None
        last = max(first, row["end"]) if first and row["end"] else first
        found.append((row["authority"], InspectionFacts(row["inspection"], first, last, row["published"] or None,
                                                        row["framework"], row["overall_grade"] or None,
                                                        int(rank) if isinstance(rank, (int, float)) else None)))
    return found


def _add_timeline(g: nx.MultiGraph, inspections: list[tuple[str, InspectionFacts]]) -> None:
    days = [d for _, i in inspections for d in (i.date, i.published) if d]
    end = max(days) if days else None
    if days:
        g.graph["timeline_start"] = min(days)
        g.graph["timeline_end"] = end
    by_authority: dict[str, list[InspectionFacts]] = defaultdict(list)
    for authority, inspection in inspections:
        by_authority[authority].append(inspection)
    for authority, items in by_authority.items():
        _ensure_authority(g, authority)
        node = g.nodes[authority]
        node["inspections"] = len(items)
        dated = sorted((i for i in items if i.date), key=lambda i: (i.date, i.published or "", i.inspection))
        if dated:
            latest = dated[-1]
            node["latest_inspection"] = latest.date
            node["latest_framework"] = latest.framework
        graded = [i for i in dated if i.rank is not None]
        if graded:
            node["latest_overall_grade"] = graded[-1].grade or ""
            node["latest_overall_rank"] = graded[-1].rank
            node[DYNAMIC_RANK] = rank_intervals([(i.date, i.rank) for i in graded], end or graded[-1].date)


def _council_names(g: nx.MultiGraph) -> dict[str, str]:
    return {d["gss_code"]: d["label"] for _, d in g.nodes(data=True) if d.get("category") == "authority"}


def _add_bodies(g: nx.MultiGraph, store: Store, mentions: list[dict], include_services: bool) -> None:
    names = _council_names(g)
    inspections: dict[str, set[str]] = defaultdict(set)
    for row in mentions:
        inspections[row["body"]].add(row["inspection"])
    for row in rows(store, "network-bodies"):
        service = bool(row["service"])
        if service and not include_services:
            continue
        name = row["label"] or _tail(row["body"])
        attrs = {"label": body_label(name, council_codes(row["body"]), names), "name": name,
                 "category": "service" if service else "organisation",
                 "kind": row["kind"] or "body", "inspections": len(inspections[row["body"]]), "members": 0}
        g.add_node(row["body"], **attrs)


def _membership_kind(roles: list[str]) -> str:
    if "delivers-for" in roles:
        return "delivery"
    if roles and set(roles) <= {"partner"}:
        return "partner"
    return "membership"


def _day(value: str | None, last: bool = False) -> str | None:
    """A date, year-month or year as a day: its first (or `last`) day."""
    if not value:
        return None
    if len(value) == 4:
        return f"{value}-12-31" if last else f"{value}-01-01"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        following = date(year + month // 12, month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat() if last else f"{value}-01"
    return value[:10]


def _add_memberships(g: nx.MultiGraph, store: Store) -> None:
    # When each council's tie to each body is known to hold: from the earliest report stating it or
    # the reference list's start, to the reference list's end (open when it still holds).
    spells: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for row in rows(store, "network-memberships"):
        body, authority = row["body"], row["authority"]
        starts = [d for d in (row["known_from"], _day(row["listed_start"])) if d]
        spells[(authority, body)] = (min(starts) if starts else None, _day(row["listed_end"], last=True))
        if body not in g:  # a service in the organisations view
            continue
        _ensure_authority(g, authority)
        roles = sorted(r for r in (row["roles"] or "").split(";") if r)
        passages = frozenset((row["passages"] or "").split())
        kind = _membership_kind(roles)
        start, end = spells[(authority, body)]
        spell = {k: v for k, v in (("start", start), ("end", end)) if v}
        g.add_edge(authority, body, key=kind, kind=kind, weight=1.0, evidence_count=len(passages),
                   roles=";".join(roles), **spell)
        g.nodes[body]["members"] += 1
        if start and (g.nodes[body].get("start") is None or start < g.nodes[body]["start"]):
            g.nodes[body]["start"] = start
    # Authorities sharing bodies, as shared-boards defines it (the one definition of "shared"): one
    # edge per pair, weighted by the bodies shared; its evidence is every distinct sentence or
    # reference-list source behind either council's tie to them. It holds from the day both ties
    # are known to hold, for the body shared earliest.
    shared: dict[tuple[str, str], tuple[set[str], set[tuple[str, str]], list[str]]] = {}
    for row in load_query("shared-boards").run(store).as_dicts():
        a, b = str(authority_uri(row["authority_a_code"])), str(authority_uri(row["authority_b_code"]))
        body = str(ID[f"body/{row['body_id']}"])
        bodies, evidence, starts = shared.setdefault((a, b), (set(), set(), []))
        bodies.add(row["body"])
        evidence.update({(row["source_a"], row["evidence_a"]), (row["source_b"], row["evidence_b"])})
        both = [spells.get((a, body), (None, None))[0], spells.get((b, body), (None, None))[0]]
        if all(both):
            starts.append(max(both))
    for (a, b), (bodies, evidence, starts) in sorted(shared.items()):
        _ensure_authority(g, a)
        _ensure_authority(g, b)
        spell = {"start": min(starts)} if starts else {}
        g.add_edge(a, b, key="shared-body", kind="shared-body", weight=float(len(bodies)),
                   evidence_count=len(evidence), bodies="; ".join(sorted(bodies)), **spell)


def _add_neighbours(g: nx.MultiGraph, store: Store) -> None:
    links: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in rows(store, "network-neighbours"):
        a, b = sorted((row["authority"], row["neighbour"]))
        links[(a, b)].append(int(row["rank"]))
    for (a, b), ranks in sorted(links.items()):
        _ensure_authority(g, a)
        _ensure_authority(g, b)
        g.add_edge(a, b, key="statistical-neighbour", kind="statistical-neighbour", weight=float(len(ranks)),
                   evidence_count=0, neighbour_rank=min(ranks))


def _add_inspection_nodes(g: nx.MultiGraph, inspections: list[tuple[str, InspectionFacts]],
                          mentions: list[dict]) -> None:
    # An inspection and its ties exist on the timeline for the days it lasted.
    spells: dict[str, dict[str, str]] = {}
    for authority, i in inspections:
        name = g.nodes[authority].get("label", _tail(authority))
        spell = {"start": i.date, "end": i.last} if i.date else {}
        spells[i.inspection] = spell
        attrs = {"label": f"{name}: {i.framework} inspection {i.date or i.published or ''}".strip(),
                 "category": "inspection", "kind": i.framework, "gss_code": g.nodes[authority].get("gss_code"),
                 "date": i.date, "end_date": i.last, "published": i.published, "grade": i.grade, "rank": i.rank,
                 **spell}
        g.add_node(i.inspection, **{k: v for k, v in attrs.items() if v is not None})
        g.add_edge(authority, i.inspection, key="inspection", kind="inspection", weight=1.0, evidence_count=0,
                   **spell)
    for row in mentions:
        if row["inspection"] in g and row["body"] in g:
            g.add_edge(row["inspection"], row["body"], key="mention", kind="mention",
                       weight=float(row["mentions"]), evidence_count=int(row["evidence"] or 0),
                       **spells.get(row["inspection"], {}))


def _distinct_labels(g: nx.MultiGraph) -> None:
    """No two nodes share a label: clashes are told apart by councils, then kind, then key."""
    names = _council_names(g)

    def councils(node: str) -> str | None:
        codes = council_codes(node) if g.nodes[node].get("category") != "authority" else ()
        return councils_phrase(codes, names) if codes else None

    def kind(node: str) -> str | None:
        return g.nodes[node].get("kind")

    def key(node: str) -> str:
        return node.split("/id/", 1)[-1]

    labels = distinct_labels({n: d["label"] for n, d in g.nodes(data=True)}, (councils, kind), key)
    for node, label in labels.items():
        g.nodes[node]["label"] = label


def build_network(store: Store, view: str = "organisations", *, neighbours: bool = False) -> nx.MultiGraph:
    """The network of the graph as it is in the store now. Node ids are the entities' URIs."""
    if view not in VIEWS:
        raise ValueError(f"unknown network view {view!r}: use one of {', '.join(VIEWS)}")
    g = nx.MultiGraph(view=view)
    _add_authorities(g, store)
    inspections = _inspections(store)
    _add_timeline(g, inspections)
    mentions = rows(store, "network-mentions")
    _add_bodies(g, store, mentions, include_services=view == "inspections")
    _add_memberships(g, store)
    if neighbours:
        _add_neighbours(g, store)
    if view == "inspections":
        _add_inspection_nodes(g, inspections, mentions)
    _distinct_labels(g)
    return g


def static_attributes(attrs: dict) -> dict:
    """The attributes as formats without time (GraphML, CSV) can hold them: the rank history
    becomes `overall_rank_history`, 'start:rank' pairs joined by ';'."""
    out = {k: v for k, v in attrs.items() if k != DYNAMIC_RANK}
    history = attrs.get(DYNAMIC_RANK)
    if isinstance(history, list):
        out["overall_rank_history"] = ";".join(f"{start}:{rank}" for rank, start, _ in history)
    return out
