"""The gazetteer (ontology/gazetteer.json, built by scripts/build_gazetteer.py): the short forms
reports use for councils, the names of groups of councils, and the reference list of bodies that
several councils run together (regional adoption agencies, children's services trusts, consortia).

A group name ("Greater Manchester", "pan-Berkshire", "the tri-borough") names several councils and
never one: text that names a group is read for the group before any council is looked for in it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

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


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    name: str
    names: tuple[str, ...]
    kind: str
    members: tuple[Tenure, ...]
    source: str

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


def _tenures(raw: list[dict]) -> tuple[Tenure, ...]:
    return tuple(Tenure(m["gss"], m.get("role", "member"), m.get("from"), m.get("to")) for m in raw)


class Gazetteer:
    def __init__(self, raw: dict) -> None:
        self.council_names: dict[str, tuple[str, ...]] = {
            c["gss"]: tuple(c["names"]) for c in raw.get("councils", [])}
        self.groups = tuple(Group(g["key"], g["name"], tuple(dict.fromkeys([g["name"], *g.get("names", [])])),
                                  g.get("kind", ""), _tenures(g["members"]), g.get("source", ""))
                            for g in raw.get("groups", []))
        self.bodies = tuple(ReferenceBody(b["key"], b["name"], tuple(dict.fromkeys([b["name"], *b.get("names", [])])),
                                          b["kind"], b.get("started"), _tenures(b["members"]), b.get("source", ""))
                            for b in raw.get("bodies", []))
        self._body_by_name = {body_name_key(n): b for b in self.bodies for n in b.names}
        spellings: dict[str, Group] = {}
        for group in self.groups:
            for name in group.names:
                spellings.setdefault(name.lower(), group)
        self._group_by_name = spellings
        names = sorted(spellings, key=len, reverse=True)
        # "pan-Berkshire", "pan Berkshire", "the Berkshire authorities": the name itself, with "pan"
        # before it or a word for councils after it, in any letter case.
        alternation = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in names)
        self._group_pattern = re.compile(
            rf"(?<![\w-])(?:pan[\s-]+)?(?P<name>{alternation})(?![\w-])"
            r"(?:\s+(?:local\s+)?(?:authorities|councils|boroughs|areas)\b)?", re.I) if names else None
        bodies = sorted((n for b in self.bodies for n in b.names), key=len, reverse=True)
        self._body_pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in bodies) + r")(?![\w-])"
        ) if bodies else None

    def groups_in(self, text: str) -> list[tuple[int, int, Group]]:
        """Every group named in the text, with its span."""
        if self._group_pattern is None:
            return []
        return [(m.start(), m.end(), self._group_by_name[re.sub(r"[\s-]+", " ", m.group("name")).lower()])
                for m in self._group_pattern.finditer(text)
                if re.sub(r"[\s-]+", " ", m.group("name")).lower() in self._group_by_name]

    def group_named(self, name: str) -> Group | None:
        return self._group_by_name.get(re.sub(r"[\s-]+", " ", name).lower().removeprefix("the "))

    def body_named(self, name: str) -> ReferenceBody | None:
        return self._body_by_name.get(body_name_key(name))

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
    if not GAZETTEER_JSON.exists():
        return Gazetteer({})
    return Gazetteer(json.loads(GAZETTEER_JSON.read_text(encoding="utf-8")))
