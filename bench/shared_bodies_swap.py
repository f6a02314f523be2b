"""Shared bodies on councils the corpus does not name: the labelled truth's sentences with their councils
swapped for others, as a report on other councils would print them.

    python bench/shared_bodies_swap.py                 # 3 draws a paragraph, seed 14
    python bench/shared_bodies_swap.py --draws 5 --seed 7 --show 40
    python bench/shared_bodies_swap.py --whole-reports   # every corpus report swapped whole: pairs the swap added

For each paragraph holding a sentence of the truth (tests/data/shared_truth), read at run time from the
../shared report through cskg's reader (no report text is stored in the project): every council the
paragraph names, in every form the gazetteer knows (official names, short forms, "<name> Council"), is
replaced by another council drawn at random (seeded) from those standing on the report's day, printed in a
form the gazetteer gives that council (bare or "… Council", chosen at random); the inspected council is swapped the same way, so "the council"
still means the report's council. A group of councils the inspected council is in ("Greater Manchester",
"pan-Berkshire") is swapped for another group of a place-named kind, and the councils of the old group
for councils of the new; a body of the reference list ("Adopt Thames Valley") for another of its kind,
its councils for the new body's. Groups of other kinds ("the tri-borough") stay, their councils
permuted among themselves. Sentences earlier in the report that define an abbreviation the paragraph
uses are read before it (swapped too).

The extractor (loaders/organisations.find_in_sentences) runs on the swapped paragraph, and its pairs of
councils tied to one body (roles member, joint, delivers-for, group-member) are compared with the
truth's pairs mapped through the same swap (a truth row naming a group gets the new group's members).
Printed: pair recall and the spurious pairs (found, not expected) on the paragraphs as printed and on
the swapped draws, the spurious pairs the swap added (not the image of a pair found as printed), and
every failing case.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cskg.graph.derived import SHARING_ROLES  # noqa: E402
from cskg.loaders.authorities import Authority, authority_index  # noqa: E402
from cskg.loaders.gazetteer import Group, ReferenceBody, gazetteer  # noqa: E402
from cskg.loaders.organisation_text import Sentence, definitions, sentences  # noqa: E402
from cskg.loaders.organisations import find_in_sentences  # noqa: E402
from cskg.loaders.readers import read_document  # noqa: E402
from cskg.loaders.parsing import blocks_text  # noqa: E402
from tests.conftest import CORPUS, SEEDS  # noqa: E402
from tests.shared_truth import TruthRow, truth_rows  # noqa: E402

# Groups whose name is a place: one can stand for another ("pan-<place>", "the <place> authorities").
PLACE_GROUPS = frozenset({"combined-authority", "sub-region", "county-grouping", "acronym"})
Pair = tuple[str, str]


@dataclass
class Paragraph:
    file: str
    inspected: str
    day: date | None
    sentences: tuple[Sentence, ...]  # the paragraph
    context: tuple[Sentence, ...]  # earlier sentences defining abbreviations it uses
    rows: list[TruthRow] = field(default_factory=list)


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def _same_paragraph(a: Sentence, b: Sentence) -> bool:
    if a.paragraph is not None or b.paragraph is not None:
        return a.paragraph == b.paragraph and a.page == b.page
    return 0 <= b.start - a.end <= 2


@lru_cache(maxsize=None)
def _report(file: str) -> tuple[tuple[Sentence, ...], str | None]:
    path = SEEDS / file.removeprefix("seeds/") if file.startswith("seeds/") else CORPUS / file
    doc = read_document(path)
    council = (authority_index().resolve_code(Path(file).parent.name) if not file.startswith("seeds/") else None) \
        or authority_index().find_in(blocks_text(doc.first_page_blocks))
    return sentences(doc), council.gss if council else None


def _paragraphs() -> tuple[list[Paragraph], list[TruthRow]]:
    """The truth's rows grouped by the paragraph their quote is in; the rows whose quote was not found."""
    out: dict[tuple[str, int], Paragraph] = {}
    lost: list[TruthRow] = []
    for row in truth_rows():
        items, inspected = _report(row.file)
        quote = _fold(row.quote)
        hits = [i for i, s in enumerate(items) if s.page == row.page and quote in _fold(s.text)] or \
            [i for i, s in enumerate(items) if quote in _fold(s.text)]
        if not hits or inspected is None:
            lost.append(row)
            continue
        first = last = hits[0]
        while first > 0 and hits[0] - first < 6 and _same_paragraph(items[first - 1], items[first]):
            first -= 1
        while last + 1 < len(items) and last - hits[0] < 6 and _same_paragraph(items[last], items[last + 1]):
            last += 1
        key = (row.file, first)
        if key not in out:
            body = items[first:last + 1]
            text = " ".join(s.text for s in body)
            defining = tuple(s for s in items[:first] if any(
                re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text) for _, abbr, _ in definitions(s.text)))
            out[key] = Paragraph(row.file, inspected, row.published, body, defining)
        out[key].rows.append(row)
    return list(out.values()), lost


# --- names of councils, as a report would print them ------------------------------------------------

_SUFFIX = r"(?:\s+(?:(?:Metropolitan\s+)?(?:Borough|County|City|District)\s+)?Council)?"
_PREFIX = r"(?:(?:the\s+)?(?:London|Royal)\s+Borough\s+of\s+|City\s+of\s+)?"


@lru_cache(maxsize=1)
def _council_pattern() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """Every council name the index knows (and every district place, kept as printed), longest first, each
    with the words "Council" after and "London Borough of" before it; name (folded) -> GSS code or None."""
    index = authority_index()
    owner: dict[str, str | None] = {}
    for a in index.authorities:
        for name in (a.name, *a.aliases):
            if "," in name:
                continue
            if owner.get(_fold(name), a.gss) != a.gss and a.status != "current":
                continue
            owner[_fold(name)] = a.gss
    for place in index._places:  # noqa: SLF001 (the districts: names that are no council's)
        owner.setdefault(place, None)
    names = sorted({n for a in index.authorities for n in (a.name, *a.aliases) if "," not in n}
                   | {p.title() for p in index._places}, key=len, reverse=True)  # noqa: SLF001
    def spell(name: str) -> str:  # spaces and hyphens alike, "&" and "and" alike
        words = ["(?:&|and)" if w in ("&", "and") else re.escape(w) for w in re.split(r"[\s-]+", name)]
        return r"[\s-]+".join(words)

    spelled = "|".join(spell(n) for n in names)
    pattern = re.compile(rf"(?<![\w-]){_PREFIX}(?P<name>{spelled}){_SUFFIX}(?![\w-])")
    return pattern, owner


def _owner(printed: str) -> str | None:
    _, owner = _council_pattern()
    found = owner.get(_fold(printed))
    if found is None:
        council = authority_index().by_name(printed)
        found = council.gss if council else None
    return found


def _forms(gss: str) -> tuple[list[str], list[str]]:
    """The names a report would print for a council: bare names, and names as "… Council"."""
    a = authority_index().by_gss[gss]
    names = [n for n in (a.name, *a.aliases) if "," not in n and not n.isupper() and not re.search(r"[A-Z]{2}", n)]
    council = [n for n in names if n.endswith("Council")]
    bare = [n for n in names if not n.endswith("Council") and not n.startswith(("London Borough", "Royal Borough"))]
    if not bare:
        bare = [a.name.split(",")[0]]
    return bare, council or [f"{bare[0]} Council"]


def _printed_form(gss: str, original: str, rng: random.Random) -> str:
    bare, council = _forms(gss)
    return rng.choice(council if original.endswith("Council") else bare)


def _place_name(group: Group) -> str | None:
    """A name of the group that is a place ("Black Country"), not a list of its councils, an acronym or an
    authority's title."""
    for name in group.names:
        if name.isupper() or name.lower().startswith(("pan", "the ")) or "," in name or \
                re.search(r"Combined|Authority|Police|Constabulary", name) or _lists_councils(name):
            continue
        return name
    return None


# --- one draw -------------------------------------------------------------------------------------------

@dataclass
class Swap:
    councils: dict[str, str]  # old GSS -> new GSS
    groups: dict[str, Group]  # old group key -> new group
    bodies: dict[str, ReferenceBody]  # old body key -> new body


def _spans(text: str) -> list[tuple[int, int, str, object]]:
    """What the swap replaces in a text, in order, not overlapping: groups, reference bodies, councils."""
    found: list[tuple[int, int, str, object]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    for a, b, body in gazetteer().bodies_in(text):
        found.append((a, b, "body", body))
        taken.append((a, b))
    for a, b, group in gazetteer().groups_in(text):
        if free(a, b):
            found.append((a, b, "group", group))
            taken.append((a, b))
    pattern, _ = _council_pattern()
    for m in pattern.finditer(text):
        if free(m.start(), m.end()):
            gss = _owner(m.group("name"))
            found.append((m.start(), m.end(), "council", gss))
            taken.append(m.span())
    return sorted(found, key=lambda f: f[0])


def _draw(paragraph: Paragraph, rng: random.Random) -> Swap:
    day = paragraph.day
    text = " ".join(s.text for s in (*paragraph.context, *paragraph.sentences))
    spans = _spans(text)
    named = list(dict.fromkeys([paragraph.inspected, *(c for row in paragraph.rows for c in row.councils),
                                *(s[3] for s in spans if s[2] == "council" and s[3])]))
    index = authority_index()
    # councils standing on the report's day: a report of 2015 cannot name Cumberland or BCP Council (read then as
    # the councils before them)
    made_after = {a.gss for a in index.authorities if index.standing_before(a.gss, day)}
    current = [a.gss for a in index.authorities if a.status == "current" and a.gss not in made_after]
    pool = [c for c in current if c not in named]
    rng.shuffle(pool)
    mapping: dict[str, str] = {}
    groups: dict[str, Group] = {}
    bodies: dict[str, ReferenceBody] = {}

    def take(old: str, choices: list[str]) -> None:
        choices = [c for c in choices if c in pool]
        if old in mapping or not choices:
            return
        new = rng.choice(choices)
        mapping[old] = new
        pool.remove(new)

    for _, _, what, item in spans:
        if what == "group" and isinstance(item, Group) and item.expands and \
                paragraph.inspected in item.members_on(day):
            if item.kind in PLACE_GROUPS:
                others = [g for g in gazetteer().groups if g.kind in PLACE_GROUPS and g.key != item.key
                          and _place_name(g) and len(g.members_on(day)) >= 2 and not set(g.members_on(day)) & set(named)
                          and not set(g.members_on(day)) & made_after]
                alike = [g for g in others if len(g.members_on(day)) == len(item.members_on(day))]
                new = groups.setdefault(item.key, rng.choice(alike or others))
                members = list(new.members_on(day))
                for old in [paragraph.inspected, *(c for c in item.members_on(day) if c in named)]:
                    take(old, members)
            else:  # "the tri-borough": its councils among themselves
                members = list(item.members_on(day))
                permuted = members[:]
                rng.shuffle(permuted)
                for old, new in zip(members, permuted):
                    mapping.setdefault(old, new)
                    if new in pool:
                        pool.remove(new)
        elif what == "body" and isinstance(item, ReferenceBody) and item.key not in bodies:
            others = [b for b in gazetteer().bodies if b.kind == item.kind and b.key != item.key
                      and len(_listed(b, day)) >= 2 and not _listed(b, day) & set(named) and not _listed(b, day) & made_after]
            if others:
                new_body = bodies.setdefault(item.key, rng.choice(others))
                members = sorted(_listed(new_body, day))
                for old in [paragraph.inspected, *(t.gss for t in item.members if t.gss in named)]:
                    take(old, members)
    for old in named:
        take(old, pool)
    return Swap(mapping, groups, bodies)


def _swapped(text: str, swap: Swap, rng: random.Random) -> str:
    out, at = [], 0
    for a, b, what, item in _spans(text):
        printed = text[a:b]
        new = None
        if what == "council" and item in swap.councils:
            new = _printed_form(swap.councils[item], printed, rng)
        elif what == "group" and isinstance(item, Group) and item.key in swap.groups:
            group = swap.groups[item.key]
            place = _place_name(group) or group.name
            head = re.match(r"(?i)(?:the\s+)?pan[\s-]+", printed)
            tail = re.search(r"(?i)(?:[\s-]?wide|\s+(?:local\s+)?(?:authorities|councils|boroughs|areas?))$", printed)
            ending = tail.group(0) if tail else ""
            new = (head.group(0) if head else "") + place + ("-wide" if ending.lower() == "wide" else ending)
        elif what == "body" and isinstance(item, ReferenceBody) and item.key in swap.bodies:
            new = swap.bodies[item.key].name
        if new is not None:
            out.append(text[at:a] + new)
            at = b
    return "".join(out) + text[at:]


def _group(key: str) -> Group:
    return next(g for g in gazetteer().groups if g.key == key)


def _body(key: str) -> ReferenceBody:
    return next(b for b in gazetteer().bodies if b.key == key)


def _listed(body: ReferenceBody, day: date | None) -> set[str]:
    """The body's councils on that day; every council it ever had when none held then (not yet started)."""
    return {t.gss for t in body.members if t.holds_on(day)} or {t.gss for t in body.members}


def _row_bodies(row: TruthRow, paragraph_bodies: list[ReferenceBody]) -> set[ReferenceBody]:
    """The reference bodies a truth row is about: named in its body or quote, else the one body of its kind the
    paragraph names."""
    said = f"{row.body} {row.quote}".lower()
    named = {b for b in gazetteer().bodies if any(n.lower() in said for n in b.names)}
    reference = gazetteer().body_named(row.body)
    if reference is not None:
        named.add(reference)
    if not named:
        alike = {b for b in paragraph_bodies if b.kind == row.kind}
        named = alike if len(alike) == 1 else set()
    return named


def _lists_councils(text: str) -> bool:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", text)
    return len(parts) > 1 and all(authority_index().by_name(p) for p in parts)


def _councils_in_name(body: ReferenceBody, day: date | None) -> set[str]:
    """The councils a body's name names, as the extractor reads them: by their own names ("Adoption <A> and
    <B>"; a region's, "Adopt London North", names none), or for a consortium by a group's ("the Black Country
    consortium"); an abolished council read as its successors on that day."""
    name = body.name
    for a, b, group in gazetteer().groups_in(name):
        if body.kind == "consortium" and group.expands and set(group.members_on(day)) & _listed(body, day):
            return set(group.members_on(day))
        if not _lists_councils(name[a:b]):
            name = name[:a] + " " * (b - a) + name[b:]
    return {c for a in authority_index().find_all(name) for c in a.successors_on(day)}


def _expected(row: TruthRow, swap: Swap, inspected: str, day: date | None,
              paragraph_bodies: list[ReferenceBody], named: set[str]) -> set[Pair]:
    """The row's pairs through the swap. A swapped group's councils become the new group's. The councils a
    swapped body's name gave ("Adoption <A> and <B>") are dropped, those the text names kept, and the new
    body's councils added when its name names them. Pairs the
    reference list alone would tie (its other councils) are counted neither here nor in what is found: the
    bench measures reading, and the list holds whatever the text says."""
    if not row.shared:
        return set()
    councils = set(row.all_councils())
    for body in _row_bodies(row, paragraph_bodies):
        if body.key in swap.bodies:
            councils -= _listed(body, day) - named - {inspected}
            new = swap.bodies[body.key]
            if len(_councils_in_name(new, day)) >= 2:
                councils |= _listed(new, day)  # a name that names its councils ("Adoption <A> and <B>")
    for old_key, new in swap.groups.items():
        old = set(_group(old_key).members_on(day))
        if old <= councils:
            councils = (councils - old) | set(new.members_on(day))
    councils = {swap.councils.get(c, c) for c in councils}
    return set(combinations(sorted(councils), 2)) if len(councils) >= 2 else set()


def _image(found: set[Pair], swap: Swap, day: date | None) -> set[Pair]:
    """The pairs found as printed, through the swap (a swapped group's or body's pairs as the new one's)."""
    image = {tuple(sorted((swap.councils.get(a, a), swap.councils.get(b, b)))) for a, b in found}
    olds = [(set(_group(k).members_on(day)), set(g.members_on(day))) for k, g in swap.groups.items()] + \
        [(_listed(_body(k), day), _listed(b, day)) for k, b in swap.bodies.items()]
    for old, new in olds:
        if any(a in old and b in old for a, b in found):
            image |= set(combinations(sorted(new), 2))
    return image


def _found(items: tuple[Sentence, ...], inspected: str, day: date | None, starts: set[int]) -> set[Pair]:
    """Pairs tied to one body by the paragraph's sentences."""
    return set(_found_with_evidence(items, inspected, day, starts))


def _found_with_evidence(items: tuple[Sentence, ...], inspected: str, day: date | None,
                         starts: set[int]) -> dict[Pair, str]:
    """Each pair tied to one body by the given sentences, with the first sentence that ties it."""
    pairs: dict[Pair, str] = {}
    for sentence, resolved in find_in_sentences(items, inspected, day):
        if sentence.start not in starts and not any(sentence.start <= s < sentence.end for s in starts):
            continue
        tied = {m.authority for m in resolved.members if m.role in SHARING_ROLES}
        for pair in combinations(sorted(tied), 2):
            pairs.setdefault(pair, sentence.text)
    return pairs


def _whole_reports(rng: random.Random, show: int) -> None:
    """Every corpus report with every council it names swapped (one draw each): the pairs the report's own
    sentences tie when swapped that are not the image of a pair tied as printed, beyond the truth's paragraphs. Such
    a pair is a rule that reads one council's name, to be read with its sentence. (Pairs lost are not counted: a
    whole report names several groups, and one draw cannot keep the inspected council in all of them.)"""
    added_total = printed_total = 0
    shown: list[str] = []
    names = authority_index().by_gss
    for path in sorted(CORPUS.glob("*/*.pdf")):
        file = str(path.relative_to(CORPUS))
        try:
            items, inspected = _report(file)
        except Exception:  # noqa: BLE001 (the corpus holds two HTML pages saved as .pdf)
            continue
        if inspected is None:
            continue
        day = date.fromisoformat(path.stem[:10])
        report = Paragraph(file, inspected, day, items, ())
        swap = _draw(report, rng)
        new_inspected = swap.councils.get(inspected, inspected)
        printed = _found_with_evidence(items, inspected, day, {s.start for s in items})
        new_items, new_starts = _rebuilt(report, swap, rng)
        swapped = _found_with_evidence(new_items, new_inspected, day, new_starts)
        image = _image(set(printed), swap, day)
        added = set(swapped) - image
        added_total, printed_total = added_total + len(added), printed_total + len(printed)
        for a, b in sorted(added)[:3]:
            shown.append(f"  added {file} ({names[new_inspected].name}): {names[a].name} / {names[b].name}: "
                         f"{swapped[(a, b)][:300]}")
    print(f"whole reports: pairs tied as printed {printed_total}; pairs the swap added {added_total}")
    for line in shown[:show]:
        print(line)


def _rebuilt(paragraph: Paragraph, swap: Swap, rng: random.Random) -> tuple[tuple[Sentence, ...], set[int]]:
    """The paragraph (and its context) with the swap applied, re-laid end to end as one text would be."""
    items: list[Sentence] = []
    starts: set[int] = set()
    at = 0
    body = {id(s) for s in paragraph.sentences}
    previous: Sentence | None = None
    for s in (*paragraph.context, *paragraph.sentences):
        text = _swapped(s.text, swap, rng) if swap.councils or swap.groups or swap.bodies else s.text
        start = at + (1 if previous is not None and _same_paragraph(previous, s) else 10)
        items.append(Sentence(text, start, start + len(text), s.paragraph, s.page))
        if id(s) in body:
            starts.add(start)
        at, previous = start + len(text), s
    return tuple(items), starts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=3, help="swaps per paragraph (3)")
    parser.add_argument("--seed", type=int, default=14, help="random seed (14)")
    parser.add_argument("--show", type=int, default=60, help="failing cases printed (60)")
    parser.add_argument("--printed-misses", action="store_true", help="also list the misses as printed")
    parser.add_argument("--whole-reports", action="store_true",
                        help="instead: every corpus report swapped whole, pairs kept, lost and added")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.whole_reports:
        _whole_reports(rng, args.show)
        return 0
    paragraphs, lost = _paragraphs()
    print(f"paragraphs: {len(paragraphs)} holding {sum(len(p.rows) for p in paragraphs)} truth rows "
          f"({len(lost)} rows whose quote was not found in the report as read)")
    for row in lost:
        print(f"  not found: {row.file} p{row.page} {row.quote!r}")
    totals: Counter[str] = Counter()
    failures: list[str] = []
    identity = Swap({}, {}, {})
    for paragraph in paragraphs:
        items, starts = _rebuilt(paragraph, identity, rng)
        spans = _spans(" ".join(s.text for s in paragraph.sentences))
        bodies = [item for _, _, what, item in spans if what == "body"]
        named = {item for _, _, what, item in spans if what == "council" and item}
        expected = set().union(*(_expected(r, identity, paragraph.inspected, paragraph.day, bodies, named) for r in paragraph.rows))
        found = _found(items, paragraph.inspected, paragraph.day, starts)
        totals["printed expected"] += len(expected)
        totals["printed found"] += len(expected & found)
        totals["printed spurious"] += len(found - expected)
        if args.printed_misses and (expected - found or found - expected):
            names = authority_index().by_gss
            print(f"  as printed {paragraph.file} p{paragraph.sentences[0].page}: missed "
                  f"{sorted((names[a].name, names[b].name) for a, b in expected - found)} spurious "
                  f"{sorted((names[a].name, names[b].name) for a, b in found - expected)}\n    "
                  + " | ".join(f"{r.body}: {r.quote}" for r in paragraph.rows))
        for draw in range(args.draws):
            swap = _draw(paragraph, rng)
            inspected = swap.councils.get(paragraph.inspected, paragraph.inspected)
            if any(paragraph.inspected in _listed(b, paragraph.day) and
                   inspected not in _listed(swap.bodies.get(b.key, b), paragraph.day) for b in bodies):
                totals["swapped draws skipped"] += 1  # two bodies of the reference list: no council is in both
                continue
            new_items, new_starts = _rebuilt(paragraph, swap, rng)
            want = set().union(*(_expected(r, swap, paragraph.inspected, paragraph.day, bodies, named) for r in paragraph.rows))
            got = _found(new_items, inspected, paragraph.day, new_starts)
            image = _image(found, swap, paragraph.day)
            totals["swapped expected"] += len(want)
            totals["swapped found"] += len(want & got)
            totals["swapped spurious"] += len(got - want)
            totals["swapped spurious added"] += len(got - want - image)
            # A miss the printed paragraph has too is no generalisation failure: only new misses are listed.
            missed = want - got - _image(expected - found, swap, paragraph.day)
            added = got - want - image
            if missed or added:
                names = authority_index().by_gss
                text = " ".join(s.text for s in new_items if s.start in new_starts)
                failures.append(
                    f"{paragraph.file} p{paragraph.sentences[0].page} draw {draw} (inspected "
                    f"{names[inspected].name}):\n    missed {sorted((names[a].name, names[b].name) for a, b in missed)}"
                    f"\n    spurious {sorted((names[a].name, names[b].name) for a, b in added)}\n    {text[:900]}")
    for label in ("printed", "swapped"):
        e, f = totals[f"{label} expected"], totals[f"{label} found"]
        print(f"{label}: pair recall {f}/{e} = {f / max(1, e):.1%}; spurious pairs {totals[f'{label} spurious']}")
    print(f"swapped: spurious pairs the swap added (not the image of a printed pair) {totals['swapped spurious added']}")
    print(f"draws skipped (a body of the reference list the inspected council is in, kept or swapped, has not the "
          f"new inspected council): {totals['swapped draws skipped']}")
    print(f"failing draws (a pair missed that was found as printed, or a spurious pair the swap added): {len(failures)}")
    for failure in failures[:args.show]:
        print(f"  {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
