"""The held-out passages for shared bodies (bench/shared_heldout/, see its README), read as the graph would read
them: shared by bench/shared_bodies_heldout.py, which prints every failure, and tests/test_shared_heldout.py, which
keeps each round's score as a golden check."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from cskg.graph.derived import SHARING_ROLES
from cskg.loaders.authorities import authority_index
from cskg.loaders.gazetteer import gazetteer
from cskg.loaders.organisations import find_in_sentences
from cskg.loaders.sentences import Sentence, split
from tests.conftest import PROJECT_ROOT, SHARED

HELDOUT = PROJECT_ROOT / "bench" / "shared_heldout"
ROUNDS = sorted(HELDOUT.glob("round*.jsonl"))  # each a writer's set, scored before any rule was changed for it
ADJUDICATED = HELDOUT / "adjudicated.json"  # labels corrected, each with its reason
REFERENCE = {f"{body.kind}/{body.key}": body for body in gazetteer().bodies}
Pair = tuple[str, str]


@dataclass(frozen=True)
class Item:
    id: str
    inspected: str  # GSS code
    day: date
    text: str
    expected: frozenset[Pair]
    negative: bool


def ons_codes() -> dict[str, str]:
    """The reference CSV's ONS council names (the items' spelling) to GSS codes (abolished councils: their last)."""
    with (SHARED / "reference" / "la_lookup.csv").open(encoding="utf-8-sig") as f:
        return {row["local_authority_ons_name"]: row["la_code_new"] or row["ltla23cd"] for row in csv.DictReader(f)}


def as_on(code: str, day: date) -> tuple[str, ...]:
    """The councils a council's name stood for on that day: the successors of one abolished by then, the
    predecessors still standing of one not yet made ("Dorset" in 2017 is the county council)."""
    index = authority_index()
    authority = index.by_gss[code]
    if authority.abolished and day.isoformat() >= authority.abolished:
        return authority.successors_on(day)
    return index.standing_before(code, day) or (code,)


def load_items(paths: list[Path] | None = None) -> list[Item]:
    codes = ons_codes()
    adjudicated = {k: v for k, v in json.loads(ADJUDICATED.read_text(encoding="utf-8")).items()
                   if not k.startswith("_")}
    items = []
    lines = [line for path in (paths or ROUNDS) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        raw = json.loads(line)
        day = date(raw["year"], 6, 30)
        pairs: set[Pair] = set()
        for tie in raw["ties"]:
            councils = list(tie["councils"])
            fix = adjudicated.get(raw["id"])
            # (a passage with two ties of one kind names the tie by its body)
            if fix and fix["kind"] == tie["kind"] and fix.get("body", tie["body"]) == tie["body"]:
                if fix.get("drop"):
                    continue
                councils += fix["add"]
            tied = sorted({c for name in councils for c in as_on(codes.get(name, name), day)})
            pairs |= set(combinations(tied, 2))
        items.append(Item(raw["id"], as_on(codes[raw["inspected"]], day)[0], day, raw["text"],
                          frozenset(pairs), raw["negative"]))
    return items


def found_pairs(item: Item) -> tuple[dict[Pair, str], dict[Pair, str]]:
    """Each pair the passage ties to one body, with the body's name; and each pair the graph ties besides
    through the reference list, when the passage names a body on it (its other councils on that day)."""
    sentences = tuple(Sentence(item.text[a:b], a, b, None, 1) for a, b in split(item.text))
    read: dict[Pair, str] = {}
    listed: dict[Pair, str] = {}
    for _, resolved in find_in_sentences(sentences, item.inspected, item.day):
        tied = {m.authority for m in resolved.members if m.role in SHARING_ROLES}
        for pair in combinations(sorted(tied), 2):
            read.setdefault(pair, resolved.name)
        reference = REFERENCE.get(resolved.key)
        if reference is not None and tied:
            members = {t.gss for t in reference.members if t.holds_on(item.day)}
            for pair in combinations(sorted(tied | members), 2):
                if pair not in read:
                    listed.setdefault(pair, resolved.name)
    return read, listed


@dataclass(frozen=True)
class Judgement:
    """One passage as the graph reads it, against its labels."""

    item: Item
    read: dict[Pair, str]  # pairs read from the passage, with the body's name
    listed: dict[Pair, str]  # pairs the reference list adds for a body the passage names

    @property
    def hit(self) -> frozenset[Pair]:
        return self.item.expected & (set(self.read) | set(self.listed))

    @property
    def spurious(self) -> set[Pair]:
        return set(self.read) - self.item.expected


def judge(item: Item) -> Judgement:
    return Judgement(item, *found_pairs(item))


@dataclass(frozen=True)
class Score:
    passages: int  # passages tying two or more councils
    whole: int  # of which every pair was found
    traps: int
    clean: int  # traps with no pair
    expected: int  # pairs the passages state
    found: int  # of which the graph ties (read or through the reference list)
    read: int  # pairs read from the passages
    read_right: int  # of which the passages state


def score(judgements: list[Judgement]) -> Score:
    positives = [j for j in judgements if not j.item.negative and j.item.expected]
    traps = [j for j in judgements if j.item.negative]
    return Score(passages=len(positives), whole=sum(j.hit == j.item.expected for j in positives),
                 traps=len(traps), clean=sum(not j.read for j in traps),
                 expected=sum(len(j.item.expected) for j in judgements), found=sum(len(j.hit) for j in judgements),
                 read=sum(len(j.read) for j in judgements),
                 read_right=sum(len(j.item.expected & set(j.read)) for j in judgements))
