"""Node labels that stand alone in Gephi, where a label is often all a reader sees.

A body a report names for one council ("Child Death Overview Panel", keyed `cdop/E06000031`) is
labelled with its council ("Peterborough: Child Death Overview Panel") unless its name already
says which council it is; a body of several councils or with a name of its own keeps that name.
Labels several nodes still share are told apart by what differs (the councils a jointly run body
belongs to, its kind), and at last by the node's own key, so no two nodes share a label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping

GSS_CODE = re.compile(r"E\d{8}")


def council_codes(body: str) -> tuple[str, ...]:
    """The GSS codes a body's key is made of (`…/body/{kind}/{GSS[+GSS…]}`); () for a body keyed by
    its own name or a named group."""
    codes = body.rstrip("/").rsplit("/", 1)[-1].split("+")
    return tuple(codes) if all(GSS_CODE.fullmatch(c) for c in codes) else ()


def councils_phrase(codes: tuple[str, ...], names: Mapping[str, str]) -> str:
    shown = [names.get(code, code) for code in codes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def body_label(name: str, codes: tuple[str, ...], names: Mapping[str, str]) -> str:
    """A per-council body's name with its council in front, unless the name says it already."""
    if len(codes) != 1:
        return name
    council = names.get(codes[0], codes[0])
    return name if council.casefold() in name.casefold() else f"{council}: {name}"


Qualifier = Callable[[Hashable], str | None]


def distinct_labels(labels: Mapping[Hashable, str], qualifiers: tuple[Qualifier, ...],
                    fallback: Callable[[Hashable], str]) -> dict[Hashable, str]:
    """Each node's label, with " (qualifier)" added where several nodes share it: the first qualifier
    that gives the clashing nodes different texts, else `fallback` (which must be unique per node)."""
    out = dict(labels)
    for _ in range(len(qualifiers) + 2):  # each round can only add text; a clash left after the fallback is numbered
        groups: dict[str, list[Hashable]] = defaultdict(list)
        for node, label in out.items():
            groups[label.casefold()].append(node)
        clashes = [nodes for nodes in groups.values() if len(nodes) > 1]
        if not clashes:
            return out
        for nodes in clashes:
            for qualify in (*qualifiers, fallback):
                texts = [qualify(n) for n in nodes]
                if all(texts) and len({t.casefold() for t in texts}) == len(nodes):
                    for node, text in zip(nodes, texts):
                        out[node] = f"{out[node]} ({text})"
                    break
            else:
                for index, node in enumerate(nodes[1:], start=2):
                    out[node] = f"{out[node]} ({index})"
    return out
    return out
