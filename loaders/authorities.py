"""Resolve the inspected council from what the report prints: its name, or a code."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cskg.ontology import AUTHORITIES_JSON, GAZETTEER_JSON


@dataclass(frozen=True, slots=True)
class Authority:
    gss: str
    dfe: str
    name: str
    aliases: tuple[str, ...]
    status: str  # "current" or "predecessor"
    abolished: str | None = None  # ISO date a predecessor ceased
    successors: tuple[str, ...] = ()  # the GSS codes of the councils that replaced it

    def successors_on(self, day: date | None) -> tuple[str, ...]:
        """The councils its name stands for on that day: itself, or after its abolition its successors
        ("Cumbria" in a 2024 report is Cumberland and Westmorland and Furness, not the old county)."""
        if day is None or not self.abolished or not self.successors or day.isoformat() < self.abolished:
            return (self.gss,)
        return self.successors


_SUFFIXES = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|borough council|county council|city council|"
    r"district council|council|london borough of|royal borough of|city of|children'?s services authority area|"
    r"local authority|borough of|metropolitan borough|county|city)\b")


# Council names that are also everyday words of a report ("children's reading", "to bury", "the hull"; "staff's"
# folds to the short form "Staffs").
COMMON_WORD_NAMES = frozenset({"reading", "bury", "slough", "hull", "harrow", "staffs"})
_SAINT = re.compile(r"\bst\.? ")
_NOT_WORD = re.compile(r"[^a-z0-9']+")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s?(?![a-z0-9])")


@lru_cache(maxsize=8192)  # organisation extraction asks for the same few phrases again and again
def normalise_name(text: str) -> str:
    """'Staffordshire County Council' -> 'staffordshire'; '&' -> 'and'; punctuation folded."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    # "Derby's", "St Helens'": the possessive is no part of the name ("derbys" would be Derbyshire's short form)
    text = _POSSESSIVE.sub("", text)
    text = _SAINT.sub("st ", text)
    text = _SUFFIXES.sub(" ", text)
    text = _NOT_WORD.sub(" ", text).replace("'", "")
    # Only a-z, 0-9 and spaces are left: split() folds the space runs and trims the ends.
    return " ".join(text.split())


def _trie_pattern(names: list[str]) -> str:
    """A regex matching any of the names, preferring the longest (as an alternation of them
    sorted longest first does): the names as a character trie in which every optional ending
    is tried after the longer names that continue it."""
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class AuthorityIndex:
    def __init__(self, authorities: list[Authority], places: tuple[str, ...] = ()) -> None:
        """`places`: names of places that are no council but hold a council's name ("Newcastle-under-Lyme",
        "South Staffordshire"); text naming them names no council."""
        self.authorities = authorities
        self.by_gss = {a.gss: a for a in authorities}
        self.by_dfe = {a.dfe: a for a in authorities}
        self._predecessors: dict[str, list[Authority]] = {}
        for a in authorities:
            for successor in a.successors:
                self._predecessors.setdefault(successor, []).append(a)
        self._by_name: dict[str, Authority] = {}
        own: set[str] = set()  # keys that are some council's own name
        for a in authorities:
            for label in (a.name, *a.aliases):
                key = normalise_name(label)
                is_own = label == a.name
                # A council's own name wins over another's alias ("Bournemouth", which the lookup also gives BCP
                # Council, is the borough it replaced: read on a later day as BCP); among equals a current council
                # wins over an abolished one (Dorset).
                if key not in self._by_name or (is_own and key not in own) or \
                        (is_own == (key in own) and a.status == "current"):
                    self._by_name[key] = a
                if is_own:
                    own.add(key)
        self._places = {key for key in map(normalise_name, places) if key and key not in self._by_name}
        # Longest names first so "North East Lincolnshire" is not read as "Lincolnshire".
        self._names = sorted([*self._by_name, *self._places], key=len, reverse=True)
        # One alternation of ~160 names costs ~50 µs a sentence (each name tried at each position);
        # the same names as a character trie match the same longest name in a tenth of that.
        self._pattern = re.compile(r"\b(" + _trie_pattern(self._names) + r")\b")

    def standing_before(self, code: str, day: date | None) -> tuple[str, ...]:
        """The predecessors of a council still standing on `day` (none once it has been made, or without a day):
        the councils its name stood for before it existed ("Dorset" in 2017 is the county council)."""
        if day is None:
            return ()
        return tuple(p.gss for p in self._predecessors.get(code, ()) if (p.abolished or "") > day.isoformat())

    def by_name(self, name: str) -> Authority | None:
        return self._by_name.get(normalise_name(name))

    def find_in(self, text: str) -> Authority | None:
        """The first council named in a title-like text ('Inspection of Staffordshire County Council …')."""
        exact = self.by_name(text)
        if exact:
            return exact
        for match in self._pattern.finditer(normalise_name(text)):
            if match.group(1) in self._by_name:
                return self._by_name[match.group(1)]
        return None

    def find_all(self, text: str) -> list[Authority]:
        """Every council named in a sentence, in order of first mention, without repeats. A name that is also
        a common word ("reading", "bury", "slough") names the council only where it is printed with its capital."""
        seen: dict[str, Authority] = {}
        for match in self._pattern.finditer(normalise_name(text)):
            authority = self._by_name.get(match.group(1))
            if authority is not None and (match.group(1) not in COMMON_WORD_NAMES or
                                          re.search(rf"\b{match.group(1).capitalize()}\b", text)):
                seen.setdefault(authority.gss, authority)
        return list(seen.values())

    def resolve_code(self, code: str) -> Authority | None:
        """A GSS code, DfE code or name (slugs with hyphens accepted)."""
        code = code.strip()
        return (self.by_gss.get(code.upper()) or self.by_dfe.get(code)
                or self.by_name(code.replace("-", " ")))


@lru_cache(maxsize=1)
def authority_index() -> AuthorityIndex:
    """Every council with its names: the reference data's, and the short forms reports use
    (ontology/gazetteer.json: "Hull", "Southend", "Stoke")."""
    raw = json.loads(AUTHORITIES_JSON.read_text(encoding="utf-8"))
    gazetteer = json.loads(GAZETTEER_JSON.read_text(encoding="utf-8"))
    short = {c["gss"]: c["names"] for c in gazetteer["councils"]}
    places = tuple(d["name"] for d in gazetteer["districts"]["places"])
    return AuthorityIndex([
        Authority(a["gss"], a["dfe"], a["name"],
                  tuple(dict.fromkeys([*a["also_known_as"], *(n for n in short.get(a["gss"], ()) if n != a["name"])])),
                  a["status"], a.get("abolished"), tuple(a.get("successors") or ()))
        for a in raw
    ], places)
