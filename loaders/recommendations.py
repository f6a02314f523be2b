"""Recommendation lists grouped under timescale headings, shared by the framework parsers.

Older reports group what must be done by when: SLAC's areas for improvement sit under
"Immediately:", "Within three months:", "Within six months:"; JAR recommendations under
"For immediate action", "For action over the next six months", "For action in the longer term".
A list is a run of blocks (Document.blocks) after its section heading: numbered paragraphs and bullets
are items, a lead-in paragraph ("… should take the following action:") introduces the items below it
and is not one itself, an item's sentence running on over a page break stays in it, and the list ends at
the next heading that is not a timescale. Use `find_lists(doc, heading_pattern, kind=…)`; items are
numbered on through the report.

Later reports (ILACS, stand-alone LSCB reviews) print a bulleted list under one heading ("What needs to
improve?", "Recommendations"); `bulleted_list(doc, index, …)` reads it from Document.blocks: each bullet is
an item, a dash or lettered sub-point stays inside the item above it, a sub-heading followed by more bullets
does not end the list, and a section that holds only prose lists nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from cskg.loaders.document import Block, Document
from cskg.loaders.parsing import clean_text
from cskg.loaders.records import Evidence, Recommendation, Timescale

RecommendationKind = Literal["recommendation", "area-for-improvement"]

_TIMESCALES: tuple[tuple[re.Pattern[str], Timescale], ...] = (
    (re.compile(r"^(?:for\s+)?immediate(?:ly|\s+action)?$"), "immediately"),
    (re.compile(r"^(?:within|for\s+action\s+(?:over|within))\s+(?:the\s+next\s+)?(?:three|3)\s+months$"),
     "within-three-months"),
    (re.compile(r"^(?:within|for\s+action\s+(?:over|within))\s+(?:the\s+next\s+)?(?:six|6)\s+months$"),
     "within-six-months"),
    (re.compile(r"^(?:for\s+action\s+in\s+)?(?:the\s+)?long(?:er)?[\s-]term$"), "longer-term"),
)


def timescale_of(heading: str) -> Timescale | None:
    """'Within three months:' -> 'within-three-months'; None for any other text."""
    text = clean_text(heading).lower().replace("*", "").strip().rstrip(":").strip()
    if len(text) > 60:
        return None
    for pattern, timescale in _TIMESCALES:
        if pattern.match(text):
            return timescale
    return None


_LEAD_IN = re.compile(r"\b(?:the\s+following(?:\s+\w+){0,3}|as\s+follows)\s*[.:]?$", re.I)


@dataclass(frozen=True, slots=True)
class RecommendationList:
    recommendations: tuple[Recommendation, ...]
    end: int  # index of the first unit after the list


def is_lead_in(text: str) -> bool:
    """'… should take the following action:' introduces the items below; it is not one itself."""
    return text.endswith(":") or bool(_LEAD_IN.search(text))


def is_list_end(unit: Block) -> bool:
    """A heading that is not a timescale closes a recommendation list."""
    return unit.kind == "heading" and timescale_of(unit.text) is None


def read_list(doc: Document, units: Sequence[Block], start: int, *, kind: RecommendationKind,
              section: str | None, first_number: int = 1) -> RecommendationList:
    """The items of the list whose first block is units[start] (just after its section heading)."""
    items: list[Recommendation] = []
    timescale: Timescale | None = None
    lead_paragraph: int | None = None  # numbered paragraph that introduces the bullets below it
    leads: dict[int, Block] = {}
    numbered_items = False
    # An unmarked paragraph is an item only where a list is expected (after a timescale heading, a
    # lead-in or another unmarked item), so that a note like "For full details see annex B." is not.
    expect_item = False
    last_item = -1  # index of the block that holds the last item's end
    index = start
    while index < len(units):
        unit = units[index]
        if unit.kind == "heading" and timescale_of(unit.text):
            timescale, expect_item = timescale_of(unit.text), True
        elif is_list_end(unit) or unit.kind == "table_row":
            break
        elif unit.kind == "paragraph" and last_item == index - 1 and _runs_on(items[-1].text, unit.text):
            items[-1] = _run_on(doc, items[-1], unit)  # the item's sentence, over a page break
            last_item = index
        elif unit.kind == "numbered":
            if is_lead_in(unit.text):
                lead_paragraph, expect_item = unit.number, True
                leads[unit.number] = unit
            else:
                lead_paragraph, expect_item, numbered_items = None, False, True
                items.append(_item(doc, unit, len(items) + first_number, kind, timescale, section,
                                   unit.number))
                last_item = index
        elif unit.kind == "bullet" or (unit.kind == "paragraph" and expect_item):
            items.append(_item(doc, unit, len(items) + first_number, kind, timescale, section,
                               lead_paragraph))
            expect_item = unit.kind == "paragraph"
            last_item = index
        index += 1
    if numbered_items and leads:
        items = _bullets_inside(doc, items, leads, first_number)
    return RecommendationList(tuple(items), index)


def _runs_on(text: str, following: str) -> bool:
    return following[:1].islower() and not text.rstrip().endswith((".", "!", "?", ":", ";"))


def _run_on(doc: Document, item: Recommendation, block: Block) -> Recommendation:
    text = f"{item.text} {block.text}"
    evidence = Evidence(quote=text, start=item.evidence.start, end=block.end, page=item.evidence.page,
                        paragraph=item.evidence.paragraph, section=item.evidence.section)
    return Recommendation(item.number, text, evidence, item.timescale, item.kind)


def _bullets_inside(doc: Document, items: list[Recommendation], leads: dict[int, Block],
                    first_number: int) -> list[Recommendation]:
    """Where a list numbers its items, a numbered item ending "…, and:" is one item and the bullets under it
    its sub-points (a list whose only numbered paragraph is a lead-in has the bullets as its items)."""
    grouped: list[Recommendation] = []
    for item in items:
        lead = leads.get(item.evidence.paragraph) if item.evidence.paragraph is not None else None
        if lead is None or item.evidence.start < lead.start:
            grouped.append(item)
            continue
        if grouped and grouped[-1].evidence.start == lead.start:
            head = grouped.pop()
            text, start = f"{head.text} {item.text}", head.evidence.start
        else:
            text, start = f"{lead.text} {item.text}", lead.start
        evidence = Evidence(quote=text, start=start, end=item.evidence.end, page=doc.page_at(start),
                            paragraph=lead.number, section=item.evidence.section)
        grouped.append(Recommendation(number=0, text=text, evidence=evidence, timescale=item.timescale,
                                      kind=item.kind))
    return [Recommendation(first_number + i, r.text, r.evidence, r.timescale, r.kind) for i, r in enumerate(grouped)]


def _item(doc: Document, unit: Block, number: int, kind: RecommendationKind, timescale: Timescale | None,
          section: str | None, paragraph: int | None) -> Recommendation:
    evidence = Evidence(quote=unit.text, start=unit.start, end=unit.end, page=doc.page_at(unit.start),
                        paragraph=paragraph, section=section)
    return Recommendation(number=number, text=unit.text, evidence=evidence, timescale=timescale, kind=kind)


def find_lists(doc: Document, heading: re.Pattern[str], *,
               kind: RecommendationKind, stop: re.Pattern[str] | None = None) -> tuple[Recommendation, ...]:
    """Every list under a heading matching `heading`, numbered on through the report; headings
    matching `stop` (an annex that repeats the lists in full) end the search."""
    units = tuple(block for block in doc.blocks if block.kind != "footnote")
    found: list[Recommendation] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if stop is not None and unit.kind == "heading" and stop.search(unit.text):
            break
        if unit.kind == "heading" and heading.search(unit.text):
            listed = read_list(doc, units, index + 1, kind=kind, section=unit.text,
                               first_number=len(found) + 1)
            found.extend(listed.recommendations)
            index = max(listed.end, index + 1)
            continue
        index += 1
    return tuple(found)


# A sub-point of the item above: a dash-like mark (a minus, a stroke glyph) or a lettered/roman marker
# ("– sufficiency…", "(a) the…", "ii) …"); not a quotation mark or a bracket opening a sentence.
_SUBPOINT = re.compile(r"^(?:[^\w\s‘’'\"“”(\[]{1,2}|\(?(?:[a-h]|i{1,3}|iv|vi{0,3})[.)])\s+\S")


_DASHES = "-–—−‒"


def _marker(block: Block) -> str:
    """The mark a block is printed with (a bullet's is cut from its text)."""
    return block.lines[0].text[:1] if block.lines else block.text[:1]


def is_subpoint(doc: Document, block: Block, item_marker: str | None) -> bool:
    """A dash- or letter-marked point under an item: kept as a paragraph with its mark, or read as a bullet of
    its own whose dash differs from the mark the list's items are printed with."""
    if block.kind == "paragraph":
        return bool(_SUBPOINT.match(block.text))
    marker = _marker(block)
    return block.kind == "bullet" and item_marker is not None and marker != item_marker and marker in _DASHES


def bulleted_list(doc: Document, heading_index: int, *, kind: RecommendationKind = "recommendation",
                  first_number: int = 1, ends: Callable[[Block], bool] | None = None) -> tuple[Recommendation, ...]:
    """The items of the bulleted list under doc.blocks[heading_index]; a heading for which `ends` holds (the
    framework's own headings) ends it even when bullets follow."""
    blocks = doc.blocks
    section = blocks[heading_index].text
    items: list[tuple[Block, Block]] = []  # (first block, last block) of each item
    item_marker: str | None = None
    index = heading_index + 1
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if not items or following is None or following.kind != "bullet" or (ends and ends(block)):
                break
            # a sub-heading with more bullets under it: the list goes on
        elif block.kind == "bullet" and not is_subpoint(doc, block, item_marker):
            items.append((block, block))
            item_marker = item_marker or _marker(block)
        elif items and (is_subpoint(doc, block, item_marker) or block.text[:1].islower()):
            items[-1] = (items[-1][0], block)  # a sub-point, or the item's sentence running on
        elif block.kind in ("numbered", "table_row") or items:
            break
        index += 1
    return tuple(_bulleted_item(doc, first, last, number, kind, section)
                 for number, (first, last) in enumerate(items, start=first_number))


def _bulleted_item(doc: Document, first: Block, last: Block, number: int, kind: RecommendationKind,
                   section: str) -> Recommendation:
    # a sub-point read as a bullet of its own keeps its dash, as printed
    text = clean_text(" ".join(f"{_marker(b)} {b.text}" if b is not first and b.kind == "bullet" else b.text
                               for b in doc.blocks if first.start <= b.start <= last.start))
    evidence = Evidence(quote=text, start=first.start, end=last.end, page=first.page, section=section)
    return Recommendation(number=number, text=text, evidence=evidence, kind=kind)


def bulleted_lists(doc: Document, heading: re.Pattern[str], *, first_number: int = 1,
                   ends: Callable[[Block], bool] | None = None) -> tuple[Recommendation, ...]:
    """Every bulleted list under a heading matching `heading`, numbered on; the items of a list headed
    "Areas for improvement" are areas for improvement, the others recommendations."""
    found: list[Recommendation] = []
    for index, block in enumerate(doc.blocks):
        if block.kind == "heading" and heading.search(block.text):
            kind: RecommendationKind = "area-for-improvement" if re.match(r"areas?\s+for\s+improvement", block.text,
                                                                          re.I) else "recommendation"
            found += bulleted_list(doc, index, kind=kind, first_number=first_number + len(found), ends=ends)
    return tuple(found)
