"""Local context statistics a report prints: children in care, child protection plans, children in
need, child population, care leavers, referrals, with the date they are 'as at' when printed.

Precision over recall: a number is taken only where the words next to it name the measure
(e.g. "609 children are being looked after", "261 children ... subject of a child protection
plan"), and only from the sections that describe the local area (SLAC "Service information", JAR
"Context", SIF "Information about this local authority area"); elsewhere a report compares its
figures with other areas' and the same words may carry someone else's number. Lower bounds
("over 700", "more than 50") are not values and are skipped.

Measure notations: children-in-care, child-protection-plans, children-in-need, care-leavers,
referrals, and population-0-{N} for a population printed as aged 0 to N (population-0-17 for
"under the age of 18").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from cskg.loaders.document import Block, Document
from cskg.loaders.parsing import DATE_WORDS, MONTHS, parse_date
from cskg.loaders.records import Evidence, Statistic
from cskg.loaders.sentences import Sentence, block_sentences

# Headings of the sections that describe the local area.
# SIF prints sub-headings naming the area or the council: "Children living in Gateshead", "Child protection
# in this area", "Children and young people looked after in this area" ("Children in care" is no place).
_CONTEXT_HEADING = re.compile(
    r"^(?:service information|(?:the\s+)?(?:local\s+)?context|information about (?:this|the) local authority area|"
    r"(?:children|child protection|children looked after|children in care|care leavers)[a-z ]{0,20}? in this area|"
    r"(?:children|child\s+protection|care\s+leavers)\b[a-z’' ]{0,40}?\s+in\s+(?!care\b)[a-z][a-z’' -]{1,40}$)"
    r"(?![a-z])", re.I)

# Thousands separated by commas or by a space ("62 100", as some reports print them); a spaced number
# never follows a digit or dash, so "2014–15 597 children" is not 15,597 children.
_DIGITS = (r"\d{1,3}(?:,\d{3})+|(?<![\d–-]\s)(?<![\d,.–-])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])"
           r"|\d+(?:\.\d+)?")
_NUM = rf"(?P<num>{_DIGITS})"
# Small counts are printed in words ("At <date>, no children were being looked after", "two children … were the
# subject of a <plan>"); read only where children are counted.
_WORDS = {word: value for value, word in enumerate(
    "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_COUNT = rf"(?P<num>{_DIGITS}|(?:{'|'.join(_WORDS)})(?=\s+(?:children|young\s+people)\b))"
# "children and young people", with a parenthesis it may carry ("360 children (provisional data) are …")
_KIDS = r"(?:children(?:\s+and\s+young\s+people)?|young\s+people)(?:\s*\((?!\s*(?:a\s+)?rate\b)[^()]{0,40}\))?"
# Words before a number that make it a bound, a comparison or a part of an earlier figure.
_BOUND = re.compile(r"(?:over|more than|fewer than|less than|under|almost|nearly|in excess of|up to|"
                    r"at least|some|compared with|than|from|of the|of these|of those)\s*$", re.I)
# "(a rate of 110.6 per 10,000 children)" just after a count
_RATE_AFTER = re.compile(r"^[^().;]{0,40}?\(\s*(?:a\s+)?rate\s+of\s+(?P<num>\d+(?:\.\d+)?)\s+per\s+10,?000\b[^)]*\)",
                         re.I)
_PROSE = ("numbered", "bullet", "paragraph")
_AS_AT = re.compile(r"\b(?:at|as at|on)\s+$", re.I)

# (measure, pattern); patterns match cleaned sentence text, `num` is the value, `age` (if any) the
# upper age of a population, `under` an exclusive upper age.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((m, re.compile(p, re.I)) for m, p in (
    ("children-in-care",
     rf"\b{_COUNT}\s+{_KIDS}\s+(?:(?:are|were|was)\s+(?:being\s+)?)?"
     rf"(?:looked\s+after\b|in\s+(?:the\s+)?care\b(?!\s+proceedings)|accommodated\s+or\s+looked\s+after\b)"),
    # a bare count is the whole number only where the clause ends, another count follows, or it says
    # whose or when it is:
    # "34 looked after children placed in residential homes" is a part of it
    ("children-in-care", rf"\b{_NUM}\s+(?:looked[\s-]after\s+children|children\s+looked\s+after)\b"
                         rf"(?=\s*(?:[.,;:()–-]|$|(?:by|at|in|on|as)\b|and\s+\d))"),
    ("children-in-care", rf"\b(?:is|was|were|are)\s+looking\s+after\s+{_NUM}\s+{_KIDS}"),
    ("children-in-care",
     rf"\bnumber\s+of\s+(?:looked[\s-]after\s+children|children\s+looked\s+after|children\s+in\s+care)\b"
     rf"[^.\d]{{0,60}}?\b(?:is|was|stands\s+at|of|to)\s+(?:approximately\s+|around\s+|about\s+)?{_NUM}\b(?!\s*%)"),
    ("child-protection-plans",
     rf"\b{_COUNT}\s+{_KIDS}\s+(?:(?:are|were|was|had\s+been|have\s+been)\s+)?(?:the\s+)?subject\s+(?:of|to)\s+"
     rf"(?:a\s+)?child(?:ren)?\s+protection\s+plans?\b"),
    ("child-protection-plans", rf"\b{_COUNT}\s+{_KIDS}\s+(?:had|have|with)\s+(?:a\s+)?child\s+protection\s+plans?\b"),
    ("child-protection-plans",
     rf"\b{_NUM}\s+(?:children|names)\s+(?:(?:were|are|was)\s+)?on\s+the\s+child\s+protection\s+register\b"),
    ("child-protection-plans",
     rf"\bnumber\s+of\s+children\s+(?:subject\s+to|subject\s+of|on)\s+(?:a\s+)?child\s+protection\s+"
     rf"(?:plans?|register)\b[^.\d]{{0,60}}?\b(?:is|was|stands\s+at|of|to)\s+"
     rf"(?:approximately\s+|around\s+|about\s+)?{_NUM}\b(?!\s*%)"),
    ("children-in-need",
     rf"\b{_COUNT}\s+{_KIDS}\s+(?:had|have|were|are)\s+(?:been\s+)?identified\s+(?:through\s+assessment\s+)?"
     rf"(?:as\s+(?:being\s+)?)?(?:formally\s+)?in\s+need\b"),
    ("children-in-need", rf"\b{_NUM}\s+children\s+in\s+need\b(?!\s+of\b)"),
    # "assessment had identified <N> children as being formally in need"
    ("children-in-need", rf"\bidentified\s+{_COUNT}\s+{_KIDS}\s+as\s+(?:being\s+)?(?:formally\s+)?in\s+need\b"),
    ("population", rf"\b{_COUNT}\s+{_KIDS}\s+(?:\w+\s+){{0,2}}?under\s+the\s+age\s+of\s+(?P<under>\d{{1,2}})\b"),
    # "<N> children and young people in <council> aged between 0-<age> years"
    ("population", rf"\b{_COUNT}\s+{_KIDS}\s+(?:in\s+[a-z][a-z’' -]{{1,40}}?\s+)?aged\s+(?:between\s+)?0\s*"
                   rf"(?:to|-|–|and)\s*(?P<age>\d{{1,2}})\b"),
    ("population",
     rf"\b{_KIDS}\s+aged\s+0\s*(?:to|-|–)\s*(?P<age>\d{{1,2}})\b[^.()]{{0,80}}?\(\s*"
     rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+)\s*\)"),
    # "Of these, <N> were children (<P>% of the total population)": children, with nothing said of their age,
    # are those under 18
    ("population-0-17", rf"\b{_NUM}\s+(?:were|are)\s+children\s*\(\s*\d+(?:\.\d+)?\s*%\s+of\s+the\s+(?:total\s+)?population\)"),
    # only where the clause ends: "228 care leavers in Surrey who arrived …" is a subset
    ("care-leavers", rf"\b{_NUM}\s+care\s+leavers(?:\s*\((?:aged\s+)?\d{{2}}\s*(?:-|–|to)\s*\d{{2}}\))?(?=\s*(?:[.,;:)]|$))"),
    ("referrals", rf"\b(?:received|receives|there\s+(?:were|was|have\s+been))\s+{_NUM}\s+referrals\b"),
))
# Read, like every measure, in the local-context sections only: a statistic is the area's figure as the report
# sets out its context, one definition for every measure. Findings cite rates too, but beside other areas',
# last year's and a sample's, in the same words (a rate in a finding stays in the finding's text).
_REFERRAL_RATE = re.compile(rf"\b{_NUM}\s+referrals\s+per\s+10,?000\b", re.I)
_COMPARISON = re.compile(r"\b(?:similar areas|statistical neighbours|nationally|national average|"
                         r"england average|average for england|compared with)\b", re.I)
# "This is a reduction from <N> at <date>", "an increase from <N> (<R> per 10,000 children) at …", "the same as <N>
# as at <date> (a rate of <R> per 10,000 children)", "This is lower than the <N> children at <date>"
_EARLIER_RATE = r"\(\s*(?:a\s+rate\s+of\s+)?(?P<{name}>\d+(?:\.\d+)?)\s+per\s+10,?000[^)]*\)"
_PREVIOUS = re.compile(
    rf"\b(?:(?:reduction|increase|decrease|rise|fall|drop)(?:\s+of\s+[\w,.]+)?\s+from|the\s+same\s+as|"
    rf"(?:lower|higher|fewer|more|less|greater)\s+than(?:\s+the)?)\s+{_NUM}"
    rf"(?:\s+(?:children(?:\s+and\s+young\s+people)?|young\s+people))?"  # "from <N> children (<R> per 10,000) at"
    rf"(?:\s*{_EARLIER_RATE.format(name='rate')})?\s+(?:at|on|as at)\s+(?P<date>[^.;,(]{{6,25}})"
    rf"(?:\s*{_EARLIER_RATE.format(name='rate_after')})?",  # the rate may follow the date
    re.I)
# A footnote mark glued to a number with thousands separators ("56,2002" is 56,200 and note 2): a group after
# a comma has three digits, never four.
_GLUED_NOTE = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3})+)\d{1,2}(?![\d,])")
# The share of the whole population a child population makes ("This is 19% of the total population").
# "<P>% of the total population", or the share in brackets after the whole: "out of a total population of <N> (<P>%)"
_POPULATION_SHARE = re.compile(r"\b(?P<num>\d{1,2}(?:\.\d+)?)\s*%\s+of\s+the\s+(?:total\s+|whole\s+|area.s\s+)?"
                               r"population\b|\btotal\s+population\s+of\s+(?:approximately\s+|around\s+|about\s+)?"
                               r"\d{1,3}(?:[,\s]\d{3})*\s*\(\s*(?P<bracketed>\d{1,2}(?:\.\d+)?)\s*%\s*\)", re.I)
_SENTENCE_INSIDE = re.compile(r"[a-z)]\.\s+[A-Z]")
# "The number was in line with that at <date>, although the rate had increased (<R> per 10,000 children at
# <date>)": last year's rate alone.
_RATE_THEN = re.compile(r"\brate\s+had\s+(?:increased|decreased|risen|fallen|reduced)\s*\(\s*(?P<rate>\d+(?:\.\d+)?)\s+"
                        r"per\s+10,?000[^)]*?\s+(?:at|on|as\s+at)\s+(?P<date>[^)]{6,25})\)", re.I)


@dataclass(frozen=True, slots=True)
class _Sentence:
    sentence: Sentence
    section: str | None
    text: str  # the sentence as its numbers are read: a footnote mark glued to a number is no part of it


def _number(text: str) -> float:
    word = _WORDS.get(text.lower())
    return float(word) if word is not None else float(re.sub(r"[,\s]", "", text))


def _sentences(doc: Document, block: Block, section: str | None = None) -> list[_Sentence]:
    # The evidence keeps the sentence as printed; the patterns read it without glued footnote marks.
    return [_Sentence(sentence, section, _GLUED_NOTE.sub(r"\1", sentence.text))
            for sentence in block_sentences(doc, block)]


def _context_blocks(blocks: Sequence[Block]) -> Iterator[tuple[Block, str]]:
    heading: str | None = None
    for block in blocks:
        # A sentence printed in bold reads as a heading: one with a sentence ending inside it is prose.
        if block.kind == "heading" and not _SENTENCE_INSIDE.search(block.text):
            title = re.sub(r"<[^>]+>", "", block.text).strip()
            heading = title if _CONTEXT_HEADING.search(title) else None
        elif heading is not None and block.kind in (*_PROSE, "heading"):
            yield block, heading


def _as_of(sentence: str, before: int) -> date | None:
    """A full date the sentence says the figure is 'at' ("At 31 March 2015, 609 children …")."""
    for match in DATE_WORDS.finditer(sentence):
        if match.start() < before and _AS_AT.search(sentence[:match.start()]):
            return parse_date(match.group(0))
        if match.start() > before and _AS_AT.search(sentence[max(0, match.start() - 8):match.start()]):
            return parse_date(match.group(0))
    return None


def _measure(name: str, match: re.Match[str]) -> str:
    if name != "population":
        return name
    groups = match.groupdict()
    if groups.get("under"):
        return f"population-0-{int(groups['under']) - 1}"
    return f"population-0-{int(groups['age'])}"


def _evidence(sentence: _Sentence, doc: Document) -> Evidence:
    return sentence.sentence.evidence(sentence.section)


def _read_sentence(doc: Document, sentence: _Sentence, following: _Sentence | None) -> list[Statistic]:
    """The figures of one sentence in the order they are printed; a number names one measure."""
    found: dict[int, list[Statistic]] = {}
    text = sentence.text
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            number_at = match.start("num")
            if number_at in found or _BOUND.search(text[max(0, number_at - 20):number_at]):
                continue
            measure = _measure(name, match)
            as_of = _as_of(text, number_at)
            evidence = _evidence(sentence, doc)
            figures = [Statistic(measure, _number(match["num"]), evidence, "count", as_of)]
            rate = _RATE_AFTER.match(text[match.end():])
            if rate:
                figures.append(Statistic(measure, _number(rate["num"]), evidence, "rate-per-10000", as_of))
            found[number_at] = figures
    ordered = [figure for at in sorted(found) for figure in found[at]]
    ordered += _population_share(doc, ordered, sentence, following)
    # "This is a reduction from <N> at <date>." is last year's figure of the one measure
    # the sentence before stated; after a sentence with several it is ambiguous.
    if len(found) == 1:
        # "…, an increase from <N> (<R> per 10,000 children) at <date>." in the same sentence
        same = _previous(doc, ordered[0].measure, sentence, after=max(found))
        if same:
            ordered.extend(same)
        elif following is not None:
            ordered.extend(_previous(doc, ordered[0].measure, following))
    return ordered


def _population_share(doc: Document, figures: list[Statistic], sentence: _Sentence,
                      following: _Sentence | None) -> list[Statistic]:
    """A child population's share of the whole, printed in its sentence ("aged 0 to <age> years make up <P>% of
    the population (<N>)") or the next ("This is <P>% of the total population in the area.")."""
    population = next((f for f in figures if f.measure.startswith("population-") and f.unit == "count"), None)
    if population is None:
        return []
    for where in (sentence, following):
        share = _POPULATION_SHARE.search(where.text) if where is not None else None
        if share is not None and (where is sentence or re.match(r"(?:this|these|that)\s+(?:is|are|represents?)\b",
                                                                 where.text, re.I)):
            return [Statistic(population.measure, _number(share["num"] or share["bracketed"]), _evidence(where, doc),
                              "percent",
                              population.as_of)]
    return []


_GLUED_YEAR_NOTE = re.compile(r"\b([A-Za-z]{3,9}\s+(?:19|20)\d\d)\d{1,2}\b")
_MONTH_YEAR = re.compile(r"\b(?P<m>[A-Za-z]{3,9})\s+(?P<y>(?:19|20)\d\d)\b")


def _as_at(text: str) -> date | None:
    """The date a figure is given at: a full date, or a month ("an increase from <N> at March <YYYY>"), which is
    the figure at the month's end, as the year-end returns count. A footnote mark glued to the year ("31 March
    20149": 2014 and note 9) is no part of it."""
    text = _GLUED_YEAR_NOTE.sub(r"\1", text)
    when = parse_date(text)
    if when is not None:
        return when
    month = _MONTH_YEAR.search(text)
    number = MONTHS.get(month["m"].lower()[:3]) if month else None
    if month is None or number is None:
        return None
    year = int(month["y"])
    return date(year, number, calendar.monthrange(year, number)[1])


def _previous(doc: Document, measure: str, sentence: _Sentence, after: int | None = None) -> list[Statistic]:
    """The earlier figure of a measure: in the sentence after it ('This is a reduction from <N> at
    <date>.', a sentence naming no measure of its own) or, with `after`, later in its own."""
    if after is None and any(pattern.search(sentence.text) for _, pattern in _PATTERNS):
        return []
    match = _PREVIOUS.search(sentence.text, after or 0)
    when = _as_at(match["date"]) if match else None
    if match is None or when is None:
        rate = _RATE_THEN.search(sentence.text, after or 0)
        when = _as_at(rate["date"]) if rate else None
        if rate is None or when is None or measure != "children-in-care":
            return []
        return [Statistic(measure, _number(rate["rate"]), _evidence(sentence, doc), "rate-per-10000", when)]
    evidence = _evidence(sentence, doc)
    found = [Statistic(measure, _number(match["num"]), evidence, "count", when)]
    if match["rate"] or match["rate_after"]:
        found.append(Statistic(measure, _number(match["rate"] or match["rate_after"]), evidence, "rate-per-10000",
                               when))
    return found


def _referral_rates(sentence: _Sentence) -> Iterator[Statistic]:
    """"… at a rate of 415 referrals per 10,000 children": the area's rate, not one compared with it."""
    for match in _REFERRAL_RATE.finditer(sentence.text):
        if _COMPARISON.search(sentence.text[match.start():]) or _BOUND.search(
                sentence.text[max(0, match.start() - 20):match.start()]):
            continue
        yield Statistic("referrals", _number(match["num"]), sentence.sentence.evidence(sentence.section),
                        "rate-per-10000", _as_of(sentence.text, match.start()))


def local_statistics(doc: Document) -> tuple[Statistic, ...]:
    """The local context figures the report prints, in reading order, each once."""
    found: list[Statistic] = []
    for block, heading in _context_blocks(doc.blocks):
        sentences = _sentences(doc, block, heading)
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            found.extend(_read_sentence(doc, sentence, following))
            found.extend(_referral_rates(sentence))
    unique: dict[tuple[str, float, str, date | None], Statistic] = {}
    for statistic in found:
        unique.setdefault((statistic.measure, statistic.value, statistic.unit, statistic.as_of), statistic)
    return tuple(unique.values())
