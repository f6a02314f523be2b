"""The inspection team, read from the report's team block, for every framework.

Reports name their team in one of two places:
- a team block at the end (SIF, LSCB reviews): a heading "The inspection team", perhaps a sentence
  ("The inspection team consisted of <N> of Her Majesty's Inspectors"), then one line per role:
  "Lead inspector: <Name>", "Team inspectors: <Name>, <Name>, … <First>" / "<Surname>, <Name>",
  "Quality assurance manager: <Name>";
- the first page, beside the inspection dates (ILACS, LAC, SLAC, JAR): "Lead inspector: <Name>"
  with "Her Majesty's Inspector" on the next line, or "Reporting inspector <Name> HMI".
Only these places are read: a sentence elsewhere that starts "Lead inspector" is not a team.

Names wrapped over two lines are joined; titles (HMI, Ofsted Inspector, Senior Her Majesty's Inspector)
and roles (deputy lead inspector, quality assurance manager) are kept apart from the names: the title as
printed in `Inspector.title`, the role in `Inspector.position`. The first lead named is the lead; everyone
else in the block is a member of the team.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cskg.loaders.document import Block, Document
from cskg.loaders.records import Inspector

_ROLES = (r"lead\s+inspectors?(?:\s+on\s+site)?|reporting\s+inspectors?|deputy\s+lead\s+inspectors?|"
          r"team\s+inspectors?|shadow\s+inspectors?|associate\s+inspectors?|additional\s+inspectors?|"
          r"assistant\s+lead\s+inspectors?|report\s+author|senior\s+data\s+analysts?|senior\s+analytical\s+officers?|"
          r"data\s+analysts?|quality\s+assurance\s+managers?|senior\s+hmi|inspectors")
# A role at the start of a line of the team block: "Team inspectors (all HMI unless otherwise stated): …"
_ROLE_LINE = re.compile(rf"^\s*(?P<role>{_ROLES})(?:\s*\((?P<note>[^)]*)\))?\s*:?\s*(?P<rest>.*)$", re.I)
_TEAM_HEADING = re.compile(r"^(?:the\s+)?inspection\s+team:?$", re.I)
# The lead on a first page, wherever the line starts: "… <YYYY> Reporting inspector <Name> HMI …"
_FIRST_PAGE_LEAD = re.compile(r"\b(?P<role>(?:lead|reporting)\s+inspector)\b\s*:?\s*(?P<rest>.*)$", re.I | re.S)
_LEAD_ROLE = re.compile(r"^(?:lead|reporting)\s+inspector", re.I)
_INTRO_BLOCKS = 3  # blocks allowed between the team heading and its first role line

# Titles printed after (or before) a name, longest first.
_TITLES = (
    "senior her majesty's inspector", "her majesty's inspectors", "her majesty's inspector",
    "his majesty's inspectors", "his majesty's inspector", "hmi designate", "social care regulatory inspector",
    "regulatory inspection manager", "regulatory inspector", "associate inspectors", "associate inspector",
    "additional inspectors", "additional inspector", "contracted inspector", "seconded inspector",
    "ofsted inspectors", "ofsted inspector", "senior hmi", "shmi", "hmis", "hmi", "scri", "oi", "ai",
)
_TITLE = re.compile(r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+").replace("'", "['’]") for t in _TITLES)
                    + r")\b", re.I)
_HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|miss)\.?\s+", re.I)
# Names carry accents ("Máire"), apostrophes and hyphens ("O'Neill", "Thomson-Jones").
_UPPER, _LETTERS = r"[A-ZÀ-ÖØ-Þ]", r"(?:[^\W\d_]|['’\-])"
_NAME_WORD = rf"{_UPPER}{_LETTERS}*\.?"
_LAST_NAME = rf"{_UPPER}{_LETTERS}+"
_NAME = re.compile(rf"^(?:{_NAME_WORD}\s+){{1,3}}{_LAST_NAME}$")
_WORD = re.compile(rf"^{_NAME_WORD}$")
_SEPARATORS = re.compile(r",|;|/|\band\b|&")


def inspection_team(doc: Document) -> tuple[Inspector, ...]:
    """The team of the team block; failing that, the lead printed on the first page."""
    team = _team_block(doc)
    return team if team else _first_page_lead(doc)


def _team_block(doc: Document) -> tuple[Inspector, ...]:
    blocks = doc.blocks
    # the heading is a block of its own, though not always printed larger than the text
    start = next((i for i, b in enumerate(blocks) if _TEAM_HEADING.match(b.text)), None)
    if start is None:
        return ()
    entries: list[tuple[str, str]] = []  # (role, names as printed, wrapped lines joined)
    for index in range(start + 1, min(len(blocks), start + 1 + _INTRO_BLOCKS + 40)):
        lines = _lines(blocks[index])
        if not entries and not _ROLE_LINE.match(lines[0]):
            if index - start > _INTRO_BLOCKS:
                return ()
            continue  # "The inspection team consisted of …"
        ended = _read_lines(lines, entries)
        if ended:
            break
    return _people(entries)


def _lines(block: Block) -> list[str]:
    """The block's lines as printed (a block's text joins them, and a wrapped name must be joined
    without the comma a name list uses)."""
    return [line.text for line in block.lines if line.text] or [block.text]


def _read_lines(lines: list[str], entries: list[tuple[str, str]]) -> bool:
    """Adds the lines' role entries and continuations to `entries`; True when a line ends the block."""
    for line in lines:
        role = _ROLE_LINE.match(line)
        if role and (role["rest"] or role["role"].lower() != "inspectors"):
            entries.append((" ".join(role["role"].lower().split()), role["rest"]))
        elif entries and _continues_names(line):
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {line}")
        else:
            return True
    return False


def _continues_names(line: str) -> bool:
    """A line that only carries names (and titles): the rest of a list wrapped onto it."""
    line = re.sub(r"\([^)]*\)|^[^(]*\)|\([^)]*$", " ", line)  # notes, also one wrapped over the line's ends
    if line.strip() and not _TITLE.sub(" ", line).strip(" ,.;"):
        return True  # the last name's title wrapped onto a line of its own ("… Charles Searle" / "HMI")
    parts = [p.strip(" .") for p in _SEPARATORS.split(_TITLE.sub(" ", line))]
    parts = [_HONORIFIC.sub("", p) for p in parts if p.strip(" .")]
    return bool(parts) and all(_NAME.match(p) or _WORD.match(p) for p in parts)


def _people(entries: Iterable[tuple[str, str]]) -> tuple[Inspector, ...]:
    team: dict[str, Inspector] = {}
    lead_seen = False
    for role, text in entries:
        for name, title in names(text):
            is_lead = bool(_LEAD_ROLE.match(role)) and not lead_seen
            lead_seen = lead_seen or is_lead
            if name not in team:
                team[name] = Inspector(name=name, role="lead" if is_lead else "team", title=title,
                                       position=_position(role))
    return tuple(team.values())


def _position(role: str) -> str:
    """The role as one person's: 'team inspectors' -> 'team inspector'."""
    return re.sub(r"(inspector|analyst|manager|officer)s\b", r"\1", role)


def names(text: str) -> list[tuple[str, str | None]]:
    """(name, title) pairs from 'Mike Ferguson, Wendy Ghaffar (HMIs) and Sara Goodinge (associate
    inspectors)' or 'Shirley Bailey HMI, Ty Yousaf, Associate Inspector'."""
    people: list[tuple[str, str | None]] = []
    text = text.replace("’", "'").replace("- ", "-")
    text = re.sub(r"\)\s+(?=[A-Z])", "), ", text)  # "Karen Wareing (HMI) Fiona Millns (OI)"
    for part in _SEPARATORS.split(text):
        notes = re.findall(r"\(([^)]*)\)", part)
        part = re.sub(r"\([^)]*\)|\(.*$|^[^(]*\)", " ", part)
        titles = _TITLE.findall(part) + [n for n in notes if _TITLE.search(n)]
        name = " ".join(_TITLE.sub(" ", part).split()).strip(" .:")
        name = _HONORIFIC.sub("", name)
        title = " ".join(titles[0].split()) if titles else None
        if title and title.lower() in ("hmis", "hmi"):
            title = "HMI"
        if _NAME.match(name):
            people.append((name, title))
        elif not name and title and people and people[-1][1] is None:  # "Brendan Parkinson, HMI"
            people[-1] = (people[-1][0], title)
    return people


def _first_page_lead(doc: Document) -> tuple[Inspector, ...]:
    blocks = doc.first_page_blocks
    for index, block in enumerate(blocks):
        match = _FIRST_PAGE_LEAD.search(block.text)
        if match is None:
            continue
        name, title = _leading_name(match["rest"])
        if name is None:
            return ()
        if title is None and index + 1 < len(blocks) and _TITLE.fullmatch(blocks[index + 1].text):
            title = blocks[index + 1].text  # "Her Majesty's Inspector" on the line below
        return (Inspector(name, "lead", title, position=" ".join(match["role"].lower().split())),)
    return ()


def _leading_name(text: str) -> tuple[str | None, str | None]:
    """The name at the start of the text and the title right after it: 'Jo Bloggs HMI This document …'
    -> ('Jo Bloggs', 'HMI'); 'Jo Bloggs, His Majesty's Inspector'."""
    words = re.match(rf"^(?:(?:dr|mr|mrs|ms|miss)\.?\s+)?((?:{_NAME_WORD}\s+){{0,3}}{_LAST_NAME})", text)
    if words is None:
        return None, None
    candidate = words.group(1)
    # A title right after the name, looked for in the whole text: "Her Majesty's Inspector" may be cut by
    # the four words a name may have ("Lorna Schlechte Her Majesty's").
    title_at = next((t for t in _TITLE.finditer(text, words.start(1)) if t.start() < words.end(1)), None)
    if title_at is not None:  # "Martin Ayres HMI"
        candidate = text[words.start(1):title_at.start()].strip(" ,")
    if not _NAME.match(candidate):
        return None, None
    after = text[text.index(candidate) + len(candidate):].lstrip(" ,")
    title = _TITLE.match(after)
    printed = " ".join(title.group(0).split()) if title else None
    if printed and printed.lower() in ("hmis", "hmi"):
        printed = "HMI"
    return candidate, printed
