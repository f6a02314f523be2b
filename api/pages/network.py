"""A body's small network for its page: the body in the middle, the councils tied to it on a circle around it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cskg.api.routers.boards import BodyDetail, get_board
from cskg.graph.stores.base import Store

SIZE = 420
RADIUS = 150


@dataclass(frozen=True, slots=True)
class Node:
    x: float
    y: float
    gss: str
    name: str
    roles: str  # the council's roles towards the body, e.g. "member, joint"


@dataclass(frozen=True, slots=True)
class Network:
    size: int
    centre: float
    nodes: list[Node]


def network(memberships: list) -> Network:
    """Councils of the body's memberships (objects with authority_code, authority and role), one node each."""
    roles: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for membership in memberships:
        roles.setdefault(membership.authority_code, set()).add(membership.role)
        names[membership.authority_code] = membership.authority
    codes = sorted(roles, key=lambda code: names[code])
    centre = SIZE / 2
    nodes = []
    for i, code in enumerate(codes):
        angle = 2 * math.pi * i / len(codes) - math.pi / 2
        nodes.append(Node(round(centre + RADIUS * math.cos(angle), 1), round(centre + RADIUS * math.sin(angle), 1),
                          code, names[code], ", ".join(sorted(roles[code]))))
    return Network(SIZE, centre, nodes)


@dataclass(frozen=True, slots=True)
class BoardPage:
    body: BodyDetail
    network: Network


def board(store: Store, key: str) -> BoardPage:
    body = get_board(key, store)
    return BoardPage(body, network(body.memberships))
