"""Parsing helpers every framework parser shares: dates, grades, names, sentences, evidence.

Pure functions over strings and Documents; framework modules keep only what is theirs.
"""

from __future__ import annotations

import re
from datetime import date

from cskg.loaders.document import Block, Document
from cskg.loaders.records import Evidence

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
DASH = r"\s*(?:-|–|—|to|until)\s*"

# "6 November 2023", "6th Nov 2023"
DATE_WORDS = re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b", re.I)
# "10/08/2015", "1/06/15"
DATE_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)?\d\d)\b")
# "6 to 10 November 2023", "29 June to 10 July 2009", "28 November 2011 to 09 December 2011",
# "1/06/2015 – 25/06/2015"
DATE_RANGE = re.compile(
    rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})\.?)?(?:,?\s+(?P<y1>{_YEAR}))?{DASH}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>{_YEAR})"
    rf"|(?P<n1>[0-3]?\d/[01]?\d/(?:19|20)?\d\d){DASH}(?P<n2>[0-3]?\d/[01]?\d/(?:19|20)?\d\d)", re.I)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date written in words or as d/m/y in the text."""
    words = DATE_WORDS.search(text)
    numeric = DATE_NUMERIC.search(text)
    if words and (not numeric or words.start() < numeric.start()):
        return make_date(int(words["y"]), MONTHS[words["m"].lower()[:3]], _day(words["d"]))
    if numeric:
        return make_date(_year(numeric["y"]), int(numeric["m"]), int(numeric["d"]))
    return None


def parse_date_range(text: str) -> tuple[date, date] | None:
    """The first 'start to end' date range in the text; the start borrows month/year from the end."""
    match = DATE_RANGE.search(text)
    if not match:
        return None
    if match["n1"]:
        start, end = parse_date(match["n1"]), parse_date(match["n2"])
    else:
        end = make_date(int(match["y2"]), MONTHS[match["m2"].lower()[:3]], _day(match["d2"]))
        month1 = MONTHS[match["m1"].lower()[:3]] if match["m1"] else (end.month if end else 0)
        year1 = int(match["y1"]) if match["y1"] else (end.year if end else 0)
        if end and not match["y1"] and month1 > end.month:  # "29 December to 9 January 2015"
            year1 -= 1
        start = make_date(year1, month1, _day(match["d1"]))
    if start is None or end is None:
        return None
    return start, end


# Grade labels as printed -> normalised rank (1 best .. 4 worst), per scale family.
GRADE_RANKS: dict[str, dict[str, int]] = {
    "ILACS": {"outstanding": 1, "good": 2, "requires improvement to be good": 3, "inadequate": 4},
    "SIF": {"outstanding": 1, "good": 2, "requires improvement": 3, "inadequate": 4},
    "SLAC": {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4},
    "LAC": {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4},
    # JAR prints 4 = outstanding .. 1 = inadequate; the label is the word, the printed grade the number.
    "JAR": {"outstanding": 1, "good": 2, "adequate": 3, "inadequate": 4},
}
JAR_PRINTED = {"4": "outstanding", "3": "good", "2": "adequate", "1": "inadequate"}


def grade_family(framework: str) -> str:
    return "ILACS" if framework.startswith("ILACS") else framework


def normalise_grade(text: str, framework: str) -> tuple[str, int] | None:
    """('requires improvement to be good', 3) from 'Requires improvement to be good', tolerant of
    OCR noise and line breaks; None when the text holds no grade of the framework's scale."""
    family = grade_family(framework)
    cleaned = re.sub(r"[^a-z ]+", " ", text.lower())
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    scale = GRADE_RANKS[family]
    for label in sorted(scale, key=len, reverse=True):
        if cleaned == label or cleaned.startswith(label + " "):
            return label, scale[label]
    if family == "ILACS" and cleaned.startswith("requires improvement"):
        return "requires improvement to be good", 3
    return None


def clean_text(text: str) -> str:
    """One line of text: whitespace folded, soft hyphens and markdown emphasis dropped."""
    text = text.replace("\u00ad", "").replace("**", "").replace("\uf0b7", "")
    return re.sub(r"\s+", " ", text).strip()


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) around text[start:end]."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
    left = 0 if left < 0 else left + 2
    right = text.find(". ", end)
    right = len(text) if right < 0 else right + 1
    return left, right


def evidence_for_block(doc: Document, block: Block, section: str | None = None,
                       quote: str | None = None) -> Evidence:
    return Evidence(quote=quote or block.text, start=block.start, end=block.end, page=block.page,
                    paragraph=block.number, section=section)


def evidence_for_span(doc: Document, start: int, end: int, section: str | None = None,
                      paragraph: int | None = None) -> Evidence:
    return Evidence(quote=clean_text(doc.text[start:end]), start=start, end=end, page=doc.page_at(start),
                    paragraph=paragraph, section=section)
