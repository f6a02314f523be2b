"""The gazetteer (ontology/gazetteer.json, built by scripts/build_gazetteer.py): the names of groups of
councils, and the reference list of bodies that several councils run together (regional adoption
agencies, children's services trusts, consortia). Its councils' short forms and district places are
read by loaders/authorities, into the one index of council names.

A group name ("Greater Manchester", "pan-Berkshire", "the tri-borough") names several councils and
never one: text that names a group is read for the group before any council is looked for in it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cskg.loaders.authorities import authority_index
from cskg.loaders.parsing import slug
from cskg.ontology import GAZETTEER_JSON


@dataclass(frozen=True, slots=True)
class Tenure:
    """A council's place in a group or body, with the dates it is known to hold (None: open)."""

    gss: str
    role: str = "member"
    start: str | None = None  # ISO date, year-month or year, as the source gives it
    end: str | None = None

    def holds_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        stamp = day.isoformat()
        return (self.start is None or self.start[:len(stamp)] <= stamp) and \
            (self.end is None or stamp[:len(self.end)] <= self.end)


NON_EXPANDING_KINDS = frozenset({"region", "police-area", "health-area"})


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    name: str
    names: tuple[str, ...]
    kind: str
    members: tuple[Tenure, ...]
    source: str

    @property
    def expands(self) -> bool:
        """Whether naming the group ties its councils to a body. A region, a police area or a health
        area is named as a place ("children placed across London", "Thames Valley Police"); such a
        name is never read as one council, but ties no council either."""
        return self.kind not in NON_EXPANDING_KINDS

    def members_on(self, day: date | None) -> tuple[str, ...]:
        """The member councils on that day; every member ever when the dates say none held then."""
        held = tuple(m.gss for m in self.members if m.holds_on(day))
        return held or tuple(dict.fromkeys(m.gss for m in self.members))


@dataclass(frozen=True, slots=True)
class ReferenceBody:
    key: str
    name: str
    names: tuple[str, ...]
    kind: str
    started: str | None
    members: tuple[Tenure, ...]
    source: str


_COMPASS = re.compile(r"\b(north|south)(east|west)\b")
_NAME_FOLDS = ((re.compile(r"\badoption\b"), "adopt"), (re.compile(r"\b4\b"), "for"),
               (re.compile(r"\b2\b"), "to"), (re.compile(r"&"), " and "))
_GENERIC_TAIL = re.compile(r"\s+(?:regional\s+adopt\s+agency|raa)$")


def body_name_key(name: str) -> str:
    """The name a body goes by, folded so that spellings of one name meet: case, spacing and hyphens,
    "Adoption" and "Adopt", "4" and "for", "Northwest" and "North West", a trailing "RAA"."""
    text = re.sub(r"['’]", "", name.lower())
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)  # "Together4Children"
    for pattern, replacement in _NAME_FOLDS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^the\s+", "", text)
    text = _COMPASS.sub(r"\1 \2", text)
    text = _GENERIC_TAIL.sub("", text)
    return slug(text)


_WORDS_BEFORE = re.compile(r"(?:[A-Z][\w’'-]*\s+(?:(?:of|upon|on|and|&)\s+)?){1,2}$")  # "City of London"
_WORDS_AFTER = re.compile(r"(?:\s+(?:(?:and|of|upon|on|with)\s+)?[A-Z][\w’'-]*){1,3}")


def _inside_council_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a council's name printed around it ("West Sussex", "Cheshire
    West and Chester")."""
    before = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    after = _WORDS_AFTER.match(text, end)
    heads = [text[start:end]]
    if before:
        words = before.group(0).split()
        heads += [" ".join([*words[-n:], text[start:end]]) for n in range(1, len(words) + 1)]
    tails = [""]
    if after:
        tail = after.group(0)
        cuts = [m.end() for m in re.finditer(r"[A-Z][\w’'-]*", tail)]
        tails += [tail[:cut] for cut in cuts]
    return any(authority_index().by_name(head + tail) for head in heads for tail in tails if head + tail != heads[0])


# "the River Tees", "the Humber estuary" name water, not the councils around it.
_RIVER = re.compile(r"\b(?i:river)\s+$")
# "Yorkshire and the Humber" is a region of England, not the Humber's four councils;
# "West of Berkshire" and "West London" are a part of the area, not its councils ("West Yorkshire", a group of its
# own, is matched whole before this is asked).
_REGION_BEFORE = re.compile(r"\bYorkshire\s+and\s+(?:the\s+)?$|\b(?:North|South|East|West)\s+of\s+(?:the\s+)?$"
                            r"|\b(?-i:North|South|East|West|Central|Inner|Outer|Northern|Southern|Eastern|Western)\s+$", re.I)


def _fold(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.replace("’", "'")).strip().lower()


def _acronym(name: str) -> bool:
    return not any(c.islower() for c in name)


def _spaced(name: str) -> str:
    """A name as a pattern in which spaces and hyphens stand for each other."""
    return r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", name))


def _tenures(raw: list[dict]) -> tuple[Tenure, ...]:
    return tuple(Tenure(m["gss"], m.get("role", "member"), m.get("from"), m.get("to")) for m in raw)


class Gazetteer:
    def __init__(self, raw: dict) -> None:
        self.groups = tuple(Group(g["key"], g["name"], tuple(dict.fromkeys([g["name"], *g.get("names", [])])),
                                  g.get("kind", ""), _tenures(g["members"]), g.get("source", ""))
                            for g in raw.get("groups", []))
        self.bodies = tuple(ReferenceBody(b["key"], b["name"], tuple(dict.fromkeys([b["name"], *b.get("names", [])])),
                                          b["kind"], b.get("started"), _tenures(b["members"]), b.get("source", ""))
                            for b in raw.get("bodies", []))
        # A name as printed finds its body first; the folded name ("Adoption"/"Adopt", "4"/"for") only
        # where it folds to one body ("Together for Children" and "Together4Children" are two).
        self._body_by_exact = {_fold(n): b for b in self.bodies for n in b.names}
        folded: dict[str, set[str]] = {}
        for b in self.bodies:
            for n in b.names:
                folded.setdefault(body_name_key(n), set()).add(b.key)
        self._body_by_name = {body_name_key(n): b for b in self.bodies for n in b.names
                              if len(folded[body_name_key(n)]) == 1}
        spellings: dict[str, Group] = {}
        for group in self.groups:
            for name in group.names:
                spellings.setdefault(_fold(name), group)
        self._group_by_name = spellings
        # "pan-Berkshire", "Pan Berkshire", "the Berkshire authorities": a name in any letter case, with
        # "pan" before it or a word for councils after it. Acronyms only as printed: "SET" is a group,
        # "set" a verb.
        worded = sorted((n for g in self.groups for n in g.names if not _acronym(n)), key=len, reverse=True)
        acronyms = sorted((n for g in self.groups for n in g.names if _acronym(n)), key=len, reverse=True)
        alternatives = [f"(?i:{'|'.join(_spaced(n) for n in worded)})" if worded else "",
                        "|".join(_spaced(n) for n in acronyms)]
        alternation = "|".join(a for a in alternatives if a)
        self._group_pattern = re.compile(
            rf"(?<![\w-])(?:(?i:pan)[\s-]+)?(?P<name>{alternation})(?!\w)(?!-(?!(?i:wide)\b))"
            r"(?:(?i:[\s-]?wide)\b|\s+(?i:(?:local\s+)?(?:authorities|councils|boroughs|areas?))\b)?") if alternation else None
        bodies = sorted((n for b in self.bodies for n in b.names), key=len, reverse=True)
        self._body_pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in bodies) + r")(?![\w-])"
        ) if bodies else None

    def groups_in(self, text: str) -> list[tuple[int, int, Group]]:
        """Every group named in the text, with its span; not a group's name inside a council's
        ("Sussex" in "West Sussex")."""
        if self._group_pattern is None:
            return []
        return [(m.start(), m.end(), self._group_by_name[_fold(m.group("name"))])
                for m in self._group_pattern.finditer(text)
                if _fold(m.group("name")) in self._group_by_name and not _inside_council_name(text, m.start(), m.end())
                and not _RIVER.search(text, max(0, m.start() - 8), m.start())
                and not _REGION_BEFORE.search(text, max(0, m.start() - 20), m.start())]

    def group_named(self, name: str) -> Group | None:
        folded = _fold(name)
        return self._group_by_name.get(folded) or self._group_by_name.get(_fold(re.sub(r"^(?i:the|pan)[\s-]+", "", name)))

    def body_named(self, name: str) -> ReferenceBody | None:
        return self._body_by_exact.get(_fold(name)) or self._body_by_name.get(body_name_key(name))

    def bodies_in(self, text: str) -> list[tuple[int, int, ReferenceBody]]:
        """Every reference body named in the text by one of its names, as printed (case matters:
        "Adoption Now" is a name, "adoption now" is not)."""
        if self._body_pattern is None:
            return []
        out = []
        for m in self._body_pattern.finditer(text):
            body = self.body_named(m.group(0))
            if body is not None:
                out.append((m.start(), m.end(), body))
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(json.loads(GAZETTEER_JSON.read_text(encoding="utf-8")))
