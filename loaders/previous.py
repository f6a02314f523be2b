"""What a report says about the council's previous inspections, in any framework.

Reports state the outcome of earlier inspections in a few stock ways:

    "The previous inspection of <subject> was in <Month YYYY>. <Subject> was judged to be <grade>."
                                                                                       (SIF, 2013-18)
    "The last inspection report for <subject> was published in <Month YYYY>. The judgements for
     <subject> were: Overall effectiveness: <grade>"
    "<Subject> in <council> were last inspected in <Month YYYY>, with a judgement of <grade>."  (ILACS)
    "… since the last inspection in <YYYY>, when services were judged to be <grade> overall."

`previous_inspections(doc)` finds them all, and the bare mentions ILACS reports make ("since the last
inspection in 2018"). A date keeps its stated precision: a day, a month (stored as its first day) or a
year (its first day). The framework notation is given when the wording or the
date tells it: JAR until 2009, SLAC from June 2009 to May 2012, LAC for looked-after-children
inspections from June 2012 to October 2013, SIF from November 2013 to 2017. Inspections whose
framework has no notation in cskg (the 2012-13 child protection inspections, ILACS when the
wording does not say standard or short, 2018 when SIF re-inspections and ILACS overlap) keep
framework None. Statements about a single regulated service (adoption agency, fostering
service, children's home) are not inspections of the council's children's services and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from cskg.loaders.document import Document
from cskg.loaders.parsing import MONTHS, JoinedText, clean_text, lowered_for_search, normalise_grade
from cskg.loaders.records import AreaGrade, Evidence, PreviousInspection

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
_WHEN = rf"(?:(?:[0-3]?\d\s+)?{_MONTH}\s+)?(?:19|20)\d\d"
_GRADE = (r"(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|require\s+improvement|outstanding|good|adequate|"
          r"inadequate|satisfactory|grade\s+[1-4]\s*\((?:outstanding|good|adequate|inadequate)\))")
_Q = r"[‘'“\"]?"

# "The previous inspection of X's safeguarding arrangements was (published) in August 2011."
_STATED = re.compile(
    r"\b(?:(?:the\s+)?(?:previous|last)|an)\s+(?:full\s+)?(?:ofsted\s+)?inspection\s+(?:report\s+)?(?P<subject>(?:of|for)\s+[^.]{3,220}?)"
    r"\s+(?:was|took\s+place)(?:\s+(?:undertaken|carried\s+out|conducted))?(?:\s+published)?\s+(?:in|between|on)\s+(?P<when>[^.;]{3,60}?)"
    r"(?=[.,;]|\s+and\s|\s+when\s|\s+as\s+part)(?P<tail>[^.]{0,200}\.(?:\s+[^.]{0,250}\.)?)", re.I)
# "… were last inspected in <Month YYYY>, with a judgement of <grade>."
# "… were previously inspected in <Month YYYY>. The local authority was judged to be <grade>.": the grade may
# follow in a sentence of its own whose subject refers back.
_LAST_INSPECTED = re.compile(
    rf"(?P<subject>[^.]{{0,160}}?)\s+(?:was|were)\s+(?:last|previously|also)\s+inspected(?:\s+by\s+ofsted)?\s+in\s+"
    rf"(?P<when>{_WHEN})(?P<tail>[^.]{{0,160}}\.(?:\s+(?:the\s+local\s+authority|the\s+council|it|they|these\s+services|"
    rf"that\s+inspection)\s+(?:was|were|had\s+been)\s+(?:then\s+)?judged\s+[^.]{{0,120}}\.)?)", re.I)
# "… were judged <grade> in all areas when they were last inspected in <YYYY>."
_JUDGED_WHEN = re.compile(
    rf"(?P<subject>[^.]{{0,160}}?)\s+(?:was|were)\s+judged\s+(?:to\s+be\s+|as\s+)?{_Q}(?P<grade>{_GRADE}){_Q}"
    rf"[^.]{{0,60}}?\s+when\s+(?:they\s+were\s+|it\s+was\s+)?last\s+inspected\s+in\s+(?P<when>{_WHEN})", re.I)
# "… since the last inspection in <YYYY>, when services were judged to be <grade> overall."
# "… an Ofsted inspection in <Month YYYY>, which found <services> to be <grade>."
_SINCE = re.compile(
    rf"(?P<before>[^.]{{0,200}}?)\b(?:the\s+)?(?:last|previous|single)?\s*(?:ofsted\s+|full\s+)?(?:inspection|joint\s+area\s+review)"
    # of what: "of children's services", "of <Place>", "of local authority children's services under the single
    # inspection framework (SIF)" (a regulated service's inspection is left out where it is read)
    rf"(?:\s+of\s+(?P<of>[^.;]{{3,120}}?))?"
    rf",?\s+in\s+(?P<when>{_WHEN}),?\s+(?:when|where|which)\s+(?P<clause>[^.]{{0,220}}\.|[^.,]{{0,160}},)", re.I)
# "The last full inspection of children's services in X, in January 2019, judged all services as …"
_JUDGED_SERVICES = re.compile(
    rf"\bthe\s+(?:last|previous)\s+(?:full\s+)?inspection\s+of\s+(?P<subject>[^.]{{3,120}}?),?\s+in\s+(?P<when>{_WHEN}),?"
    rf"\s+judged\s+(?P<clause>[^.]{{0,160}}\.)", re.I)
# "… since the last inspection in 2018", "at the previous ILACS inspection, in January 2019": a bare mention,
# no grade (ILACS reports name the earlier inspection this way).
_MENTIONED = re.compile(
    rf"\b(?:the\s+)?(?:last|previous)\s+(?:(?:full|standard|short|ilacs|ofsted|single|judgement)\s+)*"
    # "the last inspecting local authority children's services (ILACS) inspection …", the framework's full name
    rf"(?:inspecting\s+local\s+authority\s+children.s\s+services\s+\(ilacs\)\s+)?inspection\b"
    rf"(?P<subject>\s+of\s+[^.,;()]{{3,80}}?)?,?\s+(?:(?:was|took\s+place)\s+)?(?:in|during)\s+(?P<when>{_WHEN})\b"
    rf"|\b(?:last|previous)\s+(?:ilacs\s+)?inspection\s+\((?P<bracketed>{_WHEN})\)", re.I)
# "Since the <YYYY> inspection, …", "recommendations from the <Month YYYY> inspection": an earlier inspection named
# by its date in front, a bare mention (later ILACS reports name the one before them this way).
_DATED_MENTION = re.compile(
    rf"\b(?:since|from|at|in|after)\s+the\s+(?P<when>{_WHEN})\s+(?:(?:ilacs|full|standard|short|single|sif|ofsted)\s+)*"
    rf"inspection\b(?P<subject>\s+of\s+[^.,;()]{{3,80}})?", re.I)
# "The judgements for <subject> were: Overall effectiveness: <grade>"
_OVERALL_LISTED = re.compile(rf"overall\s+effectiveness\s*:\s*{_Q}(?P<grade>{_GRADE})", re.I)
_JUDGED = re.compile(
    rf"(?:judged|found|rated|graded)\s+(?:overall\s+)?(?:to\s+be\s+|as\s+|to\s+)?(?:being\s+)?{_Q}(?P<grade>{_GRADE})"
    rf"{_Q}(?P<aspect>\s+(?:for|in\s+(?:its|their|the))\s+[^,.;]{{3,80}}?(?=\s+and\s+{_Q}(?:{_GRADE})|[,.;]|$))?"
    rf"|with\s+a\s+judge?ment\s+of\s+{_Q}(?P<grade2>{_GRADE})|received\s+an?\s+{_Q}(?P<grade3>{_GRADE}){_Q}\s+rating"
    rf"|(?:judge?ment|rating)\s+for\s+overall\s+effectiveness\s+was\s+{_Q}(?P<grade4>{_GRADE})"
    # "judged services to be good", "found child protection services to be inadequate": what was judged named
    rf"|(?:judged|found|rated|graded)\s+(?P<object>(?:(?!(?:to|as|that|overall)\b)[\w’'-]+\s+){{1,5}}?)(?:overall\s+)?"
    rf"(?:to\s+be|as)\s+{_Q}(?P<grade5>{_GRADE})", re.I)
# "… and Adequate for services for looked after children", "…, adequate for looked after children's services":
# further grades of one statement.
_MORE = re.compile(rf"(?:\s+and|,(?:\s+and)?)\s+{_Q}(?P<grade>{_GRADE}){_Q}\s+(?:for|in)\s+(?P<aspect>[^,.;]{{3,80}})",
                   re.I)
_SERVICE_ONLY = re.compile(r"\b(?:adoption|fostering|children.s\s+homes?|residential|private\s+fostering|secure)\b"
                           r"(?:\s+\w+){0,2}\s+(?:service|agenc|home|unit)", re.I)
# "In <YYYY>, services were judged to <grade>."; "Children's services in the predecessor
# council, <name>, were judged <grade> in <YYYY>."
_SERVICES_JUDGED_IN = re.compile(
    rf"\bin\s+(?P<when>{_WHEN}),\s+(?P<subject>(?:children.s\s+)?services)\s+were\s+(?P<clause>judged\s+[^.]{{0,120}}\.)"
    rf"|\b(?P<subject2>children.s\s+services\b[^.]{{0,120}}?)\s+were\s+(?P<clause2>judged\s+(?:to\s+be\s+|as\s+)?"
    rf"{_Q}{_GRADE}{_Q})\s+in\s+(?P<when2>{_WHEN})\b", re.I)
# An earlier inspection named by a kind that has no notation in cskg: "the child protection inspection in
# <Month YYYY>", "the unannounced inspection of <arrangements> in <Month YYYY>", "the SSI inspection of
# <Month YYYY>".
_KIND_MENTIONED = re.compile(
    rf"\b(?:the\s+)?(?:most\s+recent\s+)?(?:annual\s+)?(?:unannounced|child\s+protection|ssi|social\s+services\s+"
    rf"inspectorate)\s+inspection\b(?:\s+(?:of|into)\s+(?!{_MONTH}\b)[^.;()]{{3,100}}?)?,?\s+(?:(?:was\s+)?(?:undertaken|"
    rf"carried\s+out|published)\s+)?(?:in|during|of)\s+(?P<when>{_WHEN})\b", re.I)
_NO_NOTATION = re.compile(r"\b(?:unannounced|ssi|social\s+services\s+inspectorate)\b|^(?:the\s+)?child\s+protection\s+"
                          r"inspection\b", re.I)
_FIRST_JAR = date(2005, 1, 1)  # joint area reviews began in 2005; cskg has no notation for earlier inspections
# "the two previous safeguarding inspections in 2010 and 2011, … judged to be inadequate"; "last inspected in
# 2011 and 2012": the second of two years named together.
_SECOND_YEAR = re.compile(
    r"\b(?:(?:the\s+)?(?:two|both)\s+(?:previous|last|earlier)\s+(?P<subject>[^.]{0,40}?)inspections|"
    r"(?:last|previously)\s+inspected|earlier\s+(?:ofsted\s+)?inspections)\s+in\s+(?P<first>(?:19|20)\d\d)\s+and\s+"
    r"(?P<when>(?:19|20)\d\d)\b(?P<tail>[^.]{0,200}\.)", re.I)
# "At the last full inspection in <YYYY>, services were judged to require improvement."
_AT_LAST = re.compile(
    rf"\bat\s+the\s+(?:last|previous)\s+(?:(?:full|ilacs|sif|ofsted|standard|short)\s+)*inspection"
    rf"(?:\s+of\s+[^.;,]{{3,80}}?)?,?\s+in\s+(?P<when>{_WHEN}),\s+(?P<clause>[^.]{{0,220}}\.)", re.I)
# "… which led to <the service> being judged <grade> in <YYYY>, <YYYY> and <YYYY>": one graded inspection a year
_GRADED_YEARS = re.compile(
    rf"(?P<subject>[^.]{{0,160}}?)\b(?:judged|found|rated)\s+(?:to\s+be\s+|as\s+)?{_Q}(?P<grade>{_GRADE}){_Q}\s+in\s+"
    rf"(?P<years>(?:19|20)\d\d(?:\s*,\s*(?:19|20)\d\d)*\s*,?\s+and\s+(?:19|20)\d\d)\b", re.I)
# "In <Month YYYY> an Ofsted inspection of <council>'s services for <children> … found …"
_IN_WHEN_INSPECTION = re.compile(
    rf"\bin\s+(?P<when>{_WHEN}),?\s+an?\s+(?:ofsted\s+)?inspection\s+of\s+(?P<subject>[^.]{{3,200}}?)\s+"
    rf"(?:found|judged|concluded|identified)\b(?P<tail>[^.]{{0,200}}\.)", re.I)
# A clause that grades the council's services as a whole, whatever area words precede it ("children's services
# in <Council> were judged …": a place is capitalised, an area of practice is not).
_COUNCIL_JUDGED = re.compile(r"\b(?:children.s\s+)?services(?:\s+in\s+(?-i:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}))?"
                             r"\s+(?:were|was)\s+judged|\b(?:the\s+)?(?:local\s+authority|"
                             r"council)\s+was\s+judged", re.I)
_AREA_WORDS = re.compile(r"help\s+and\s+protection|children\s+in\s+care|care\s+leavers|looked\s+after|adoption|"
                         r"quality\s+of\s+(?:social\s+work\s+)?practice|leadership", re.I)
# "The previous inspection of <subject> was published in <Month YYYY>": a report comes out weeks after the visit
_PUBLISHED_IN = re.compile(r"\b(?:was|were)\s+published\s+(?:in|on)\b", re.I)
_REPORT_LAG_DAYS = 42
_SHORT_LINE = 70  # characters: a block this short above a statement is a heading or a label, not its start
_GENERIC_RANKS = {"outstanding": 1, "good": 2, "requires improvement to be good": 3, "requires improvement": 3,
                  "adequate": 3, "satisfactory": 3, "inadequate": 4}


Precision = Literal["day", "month", "year"]


def stated_date(when: str) -> tuple[date | None, int | None, Precision | None]:
    """(date, year, precision) of '12 March 2019', 'August 2011' (its first day), '25 February and 6 March
    2013' (a month: the visit's span is not one day), '2019' (its first day)."""
    day = re.fullmatch(rf"\s*(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\s*", when, re.I)
    if day:
        try:
            return date(int(day["y"]), MONTHS[day["m"].lower()[:3]], int(day["d"])), int(day["y"]), "day"
        except ValueError:  # "31 June"
            pass
    month = re.search(rf"\b(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", when, re.I)
    if month:
        year = int(month["y"])
        return date(year, MONTHS[month["m"].lower()[:3]], 1), year, "month"
    found = re.search(r"\b((?:19|20)\d\d)\b", when)
    if found is None:
        return None, None, None
    year = int(found.group(1))
    return date(year, 1, 1), year, "year"


def framework_for(subject: str, when: date | None, year: int | None) -> str | None:
    """The notation of the framework an earlier inspection was under, from its wording or date."""
    text = subject.lower()
    if _NO_NOTATION.search(text):
        return None
    if "joint area review" in text:
        return "JAR"
    if "single inspection" in text:
        return "SIF"
    if re.search(r"safeguarding\s+and\s+looked\s+after", text) or "slac" in text:
        return "SLAC"
    looked_after = bool(re.search(r"looked\s+after|children\s+looked|in\s+care\b", text))
    protection = bool(re.search(r"protection\s+of\s+children|child\s+protection|safeguarding", text))
    if looked_after and protection and (when is None or when < date(2013, 11, 1)):
        return "SLAC"  # one inspection of both services: the SLAC inspections until 2012
    if when is not None:
        if when < _FIRST_JAR:
            return None
        if when < date(2009, 6, 1):
            return "JAR"
        if when < date(2012, 6, 1):
            return "SLAC"
        if when < date(2013, 11, 1):
            return "LAC" if looked_after and not protection else None
        if when < date(2018, 1, 1):
            return "SIF"
        return None
    if year is None:
        return None
    if year < _FIRST_JAR.year:
        return None
    if year <= 2008:
        return "JAR"
    if year in (2010, 2011):
        return "SLAC"
    if 2014 <= year <= 2017:
        return "SIF"
    return None


def _grade(printed: str, framework: str | None) -> tuple[str, int]:
    """The grade lower-case as printed, on the framework's scale when the framework is known."""
    text = clean_text(printed).lower().strip("‘’'\"“”")
    numbered = re.match(r"grade\s+[1-4]\s*\((\w+)\)", text)
    if numbered:
        text = numbered.group(1)
    text = re.sub(r"^require\b", "requires", text)
    if framework:
        scaled = normalise_grade(text, framework)
        if scaled:
            return scaled
    return text, _GENERIC_RANKS.get(text, _GENERIC_RANKS.get(text.split(" to be")[0], 3))


def _evidence(doc: Document, joined: JoinedText, start: int, end: int) -> Evidence:
    number = re.match(r"\d{1,3}\.\s?(?=[A-Z])", joined.text[start:end])  # a paragraph's printed number
    start += number.end() if number else 0
    first, last = joined.span(start, end)
    return Evidence(quote=joined.text[start:end].strip(), start=first, end=last, page=doc.page_at(first),
                    section="Previous inspections")


# Three patterns open with up to ~220 characters of unanchored context; run over the whole text
# they cost a quarter of a second per report. Each runs only on windows around the words it
# cannot match without (its anchor), which yields the same statements.
_ANCHORS = {
    "last-inspected": re.compile(r"(?:last|previously|also)\s+inspected", re.I),
    "since": re.compile(r"(?:inspection|review)[^.]{0,60}?\bin\s+[^.]{0,30}?(?:19|20)\d\d,?\s+(?:when|where|which)\b",
                        re.I),
}
_WINDOW_BEFORE, _WINDOW_AFTER = 300, 700


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans given in the order of their starts, those that overlap or touch joined."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _near(text: str, lowered: str | None, words: tuple[str, ...], before: int,
          after: int) -> list[tuple[int, int]] | None:
    """Disjoint spans [p - before, p + after) around every occurrence of the (lower-case) words,
    ignoring case; None (search everything) when there is no `lowered` text to search
    (parsing.lowered_for_search). A pattern whose every match starts at most `before` characters
    before such a word, and is never longer than `after`, finds the same matches in these spans
    as in the whole text."""
    if lowered is None:
        return None
    starts = sorted(at for word in words for at in _occurrences(lowered, word))
    return _merged((max(0, at - before), min(len(text), at + after)) for at in starts)


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _scan(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    return pattern.finditer(text) if windows is None else _finditer(pattern, text, windows)


def _windows(text: str, anchor: re.Pattern[str],
             candidates: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Disjoint spans of the text around every match of the anchor (looked for only in
    `candidates` when given: spans that hold every match)."""
    return _merged((max(0, match.start() - _WINDOW_BEFORE), min(len(text), match.end() + _WINDOW_AFTER))
                   for match in _scan(anchor, text, candidates))


def _finditer(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _statements(doc: Document, joined: JoinedText) -> Iterator[tuple[int, int, str, str, list[str], int | None, bool]]:
    """(start, end, subject, when, grades as printed, trim limit, bare) of every statement; a bare mention
    names an earlier inspection in passing and is read only where no other statement covers it. A statement
    found by looking back to the last full stop may start with a heading above it: the trim limit
    is how far such a start may move (up to where the statement's own words begin)."""
    text = joined.text
    lowered = lowered_for_search(text)
    # Where matches can start (the joined text has single spaces: each \s+ is one character):
    # "(last|previously) inspected" ends with "inspected"; the "since" anchor starts with
    # "inspection" and spans at most ~115 characters; _STATED and _JUDGED_SERVICES start at
    # "the " or at "previous"/"last" (_STATED also at "an inspection"), and span at most ~850 and ~360 characters.
    last_inspected = _windows(text, _ANCHORS["last-inspected"], _near(text, lowered, ("inspected",), 11, 9))
    since = _windows(text, _ANCHORS["since"], _near(text, lowered, ("inspection", "review"), 0, 130))
    statements = _near(text, lowered, ("previous", "last", "an inspection"), 4, 1000)
    for match in _scan(_STATED, text, statements):
        subject = match["subject"]
        if _SERVICE_ONLY.search(subject):
            continue
        tail = match["tail"]
        grades = _tail_grades(tail)
        end = match.end() if grades else match.start("tail") + 1
        # "… was published in <Month YYYY>. The judgements for <subject> were: Overall effectiveness:
        # <grade>" — a list, which may run past the next full stop.
        listed = _OVERALL_LISTED.search(text, match.start("tail"), match.start("tail") + 200)
        if listed and re.search(r"judge?ments\s+for\s+the", text[match.start("tail"):listed.start()], re.I):
            grades, end = [listed["grade"]], listed.end()
        yield match.start(), end, subject, match["when"], grades, None, False
    for match in _finditer(_LAST_INSPECTED, text, last_inspected):
        if _SERVICE_ONLY.search(match["subject"]):
            continue
        yield _sentence_start(text, match.start("subject")), match.end(), match["subject"], match["when"], \
            _tail_grades(match["tail"]), match.start("when"), False
    for match in _finditer(_JUDGED_WHEN, text, last_inspected):
        yield _sentence_start(text, match.start("subject")), match.end(), match["subject"], match["when"], \
            [match["grade"]], match.start("grade"), False
    for match in _scan(_JUDGED_SERVICES, text, statements):
        grades = _tail_grades("judged " + match["clause"])
        if grades and not _SERVICE_ONLY.search(match["subject"]):
            yield match.start(), match.end(), match["subject"], match["when"], grades, None, False
    for match in _scan(_SERVICES_JUDGED_IN, text, _near(text, lowered, ("judged",), 140, 200)):
        grades = _tail_grades(match["clause"] or match["clause2"])
        if grades and not _SERVICE_ONLY.search(match["subject"] or match["subject2"]):
            yield _sentence_start(text, match.start()), match.end(), match["subject"] or match["subject2"], \
                match["when"] or match["when2"], grades, None, False
    for match in _scan(_KIND_MENTIONED, text, _near(text, lowered, ("inspection",), 140, 260)):
        if not _SERVICE_ONLY.search(match.group(0)):
            yield match.start(), match.end(), match.group(0), match["when"], [], match.start(), True
    for match in _scan(_IN_WHEN_INSPECTION, text, _near(text, lowered, ("inspection",), 40, 300)):
        if not _SERVICE_ONLY.search(match["subject"]):
            grades = _tail_grades("judged" + match["tail"]) if re.match(r"\s*(?:to\s+be|as)\b", match["tail"]) else []
            yield match.start(), match.end(), match["subject"], match["when"], grades, match.start(), not grades
    for match in _scan(_SECOND_YEAR, text, _near(text, lowered, ("inspect",), 60, 300)):
        subject = match["subject"] or ""
        if not _SERVICE_ONLY.search(subject):
            grades = _tail_grades(match["tail"])
            for when in (match["first"], match["when"]):
                yield _sentence_start(text, match.start()), match.end(), subject, when, grades, match.start(), \
                    not grades
    for match in _scan(_AT_LAST, text, _near(text, lowered, ("inspection",), 40, 330)):
        clause = match["clause"]
        grades = _tail_grades(clause)
        judged = re.search(r"\b(?:judged|found|rated|graded)\b", clause)
        # what was judged, read before the verb: one area's grade is not the council's
        if grades and judged and not (_AREA_WORDS.search(clause[:judged.start()]) and "overall" not in clause.lower()):
            yield _sentence_start(text, match.start()), match.end(), match.group(0), match["when"], grades, \
                match.start("when"), False
    for match in _scan(_GRADED_YEARS, text, _near(text, lowered, ("judged", "found", "rated"), 170, 260)):
        subject = match["subject"]
        if _SERVICE_ONLY.search(subject) or _AREA_WORDS.search(subject):
            continue  # a regulated service's grades, or one area's
        for year in re.findall(r"(?:19|20)\d\d", match["years"]):
            yield _sentence_start(text, match.start("subject")), match.end(), subject, year, [match["grade"]], \
                match.start("grade"), False
    for match in _scan(_MENTIONED, text, statements):
        subject = match["subject"] or ""
        if _SERVICE_ONLY.search(subject):
            continue
        start = _sentence_start(text, match.start())
        end = text.find(". ", match.end())
        yield start, (end + 1 if end >= 0 else len(text)), subject, match["when"] or match["bracketed"], [], \
            match.start(), True
    for match in _scan(_DATED_MENTION, text, _near(text, lowered, ("inspection",), 50, 100)):
        subject = match["subject"] or ""
        if _SERVICE_ONLY.search(subject):
            continue
        start = _sentence_start(text, match.start())
        end = text.find(". ", match.end())
        yield start, (end + 1 if end >= 0 else len(text)), subject, match["when"], [], match.start(), True
    for match in _finditer(_SINCE, text, since):
        clause = match["clause"]
        grades = _tail_grades(clause)
        # A grade of one area ("… when it was judged as requires improvement" about help and
        # protection) is not the council's overall grade. What comes before is read from where the statement's
        # own words begin: a judgement table or heading above it names areas without being about them.
        before = text[_trim_start(joined, match.start("before"), match.start("when")):match.end("before")]
        if _SERVICE_ONLY.search(match["of"] or ""):
            continue
        if not grades or (_AREA_WORDS.search(before) and "overall" not in clause.lower()
                          and not _COUNCIL_JUDGED.search(clause)
                          and not re.search(r"\ball\s+(?:services|areas|judgements)", clause, re.I)):
            continue
        yield _sentence_start(text, match.start("before")), match.end(), \
            " ".join((match["before"], match["of"] or "", clause)), \
            match["when"], grades, match.start("when"), False


def _sentence_start(text: str, at: int) -> int:
    left = text.rfind(". ", 0, at + 1)
    return 0 if left < 0 else left + 2


def _trim_start(joined: JoinedText, start: int, end: int | None) -> int:
    """Where a statement starts when no full stop precedes it: after the last heading, table row or
    short block above it, so the quote holds the statement alone."""
    if end is None:
        return start
    begin = start
    for number in range(joined.piece_at(start) + 1, joined.piece_at(min(end, len(joined.text) - 1)) + 1):
        above = joined.pieces[number - 1]
        if above.kind in ("heading", "table_row") or len(above.text) < _SHORT_LINE or above.text.endswith((":", ".")):
            begin = joined.starts[number]
    return min(begin, end)


def _tail_grades(tail: str) -> list[str]:
    return [grade for grade, _ in _graded_aspects(tail)]


def _graded_aspects(tail: str) -> list[tuple[str, str | None]]:
    """(grade as printed, what it grades when the text says: "for safeguarding") of each grade of a statement."""
    # a grade of what is named one area of practice ("judged help and protection to be inadequate") is no grade
    # of the council's services
    match = next((m for m in _JUDGED.finditer(tail) if not (m["object"] and _AREA_WORDS.search(m["object"]))), None)
    if not match:
        return []
    grades = [(match["grade"] or match["grade2"] or match["grade3"] or match["grade4"] or match["grade5"],
               match["aspect"])]
    grades += [(more["grade"], more["aspect"]) for more in _MORE.finditer(tail[match.end():])]
    return grades


def _area_grades(statement: str, subject: str, framework: str | None) -> tuple[AreaGrade, ...]:
    """Each overall area's grade, where the framework grades several apart (SLAC: safeguarding, and services
    for looked after children) and the statement says which it grades: "Good for safeguarding and Adequate
    for services for looked after children", or one grade of a statement whose subject names the area ("the
    previous inspection of services for looked after children … judged good")."""
    from cskg.loaders.frameworks import grade_scale, overall_areas  # the declarations import this module

    areas = overall_areas(framework) if framework else ()
    if len(areas) < 2:
        return ()
    pairs = _graded_aspects(statement)
    if len(pairs) == 1 and _area_named(pairs[0][1] or "", areas) is None:
        # "… safeguarding arrangements was in June 2010 when it was judged outstanding for overall effectiveness"
        pairs = [(pairs[0][0], subject)]
    found: dict[str, AreaGrade] = {}
    for printed, aspect in pairs:
        area = _area_named(aspect or "", areas)
        grade, rank = _grade(printed, framework)
        # a grade off the framework's scale ("requires improvement" of a SLAC inspection, a slip) is no area's grade
        if area is not None and area not in found and grade in grade_scale(framework):
            found[area] = AreaGrade(area, grade, rank)
    return tuple(found.values())


def _area_named(text: str, areas: tuple[str, ...]) -> str | None:
    """The one area whose own words (those its notation does not share with the other areas) the text holds:
    "services for looked after children" names looked-after-overall-effectiveness."""
    words = re.findall(r"[a-z]+", text.lower().replace("-", " "))
    shared = set.intersection(*(set(area.split("-")) for area in areas))
    named = [area for area in areas
             if _holds(words, [w for w in area.split("-") if w not in shared])]
    return named[0] if len(named) == 1 else None


def _holds(words: list[str], run: list[str]) -> bool:
    return bool(run) and any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def previous_inspections(doc: Document) -> tuple[PreviousInspection, ...]:
    """Every statement of an earlier inspection of the council's children's services, in text order;
    a statement naming two grades ('<grade> for safeguarding and <grade> for services for looked after
    children') gives one PreviousInspection, with the grade printed first."""
    joined = JoinedText.of(doc, [block for block in doc.blocks if block.text])
    found: dict[tuple[int, str | None, date | None], PreviousInspection] = {}
    spans: list[tuple[int, int]] = []
    for start, end, subject, when, grades, limit, bare in sorted(_statements(doc, joined),
                                                                 key=lambda s: (s[6], s[0], -s[1])):
        # read already (a sentence naming two inspections states both over one span)
        if any((s <= start < e or (bare and s < end and start < e)) and (s, e) != (start, end) for s, e in spans):
            continue
        spans.append((start, end))
        stated, year, precision = stated_date(when)
        on_site = stated
        if stated is not None and _PUBLISHED_IN.search(joined.text[start:end]):
            on_site = stated - timedelta(days=_REPORT_LAG_DAYS)  # its framework is the one of its visit
        framework = framework_for(subject, on_site if precision != "year" else None, year)
        if stated is None and framework is None and not grades:
            continue
        evidence = _evidence(doc, joined, _trim_start(joined, start, limit), end)
        if not grades:
            found[(start, None, stated)] = PreviousInspection(evidence=evidence, date=stated, precision=precision,
                                                      framework=framework)
            continue
        # One inspection, one statement: the grade printed first (a SLAC inspection's safeguarding grade,
        # before its looked after children grade).
        for printed in grades[:1]:
            grade, rank = _grade(printed, framework)
            areas = _area_grades(joined.text[start:end], subject, framework)
            found.setdefault((start, grade, stated), PreviousInspection(evidence=evidence, date=stated, precision=precision,
                                                                framework=framework, grade=grade, rank=rank,
                                                                area_grades=areas))
    return _one_per_inspection(_without_repeats(_dated_finer(tuple(found.values()))))


def _dated_finer(found: tuple[PreviousInspection, ...]) -> tuple[PreviousInspection, ...]:
    """A grade stated with the year only ("In 2016, services were judged to require improvement") takes the
    finer date another statement gives that year's inspection ("since the last inspection in July 2016"),
    when exactly one finer date is stated that year."""
    merged = []
    for statement in found:
        if statement.grade is not None and statement.precision == "year":
            finer = {(o.date, o.precision) for o in found if _within(o, statement) and _RANK[o.precision] < 2}
            if len(finer) == 1:
                (when, precision), = finer
                statement = replace(statement, date=when, precision=precision)
        merged.append(statement)
    return tuple(merged)


_SAME_INSPECTION_DAYS = 62  # a framework inspects a council every few years: graded a month apart is one visit


def _one_per_inspection(found: tuple[PreviousInspection, ...]) -> tuple[PreviousInspection, ...]:
    """Statements of one framework dated a month or two apart are one inspection when they agree on its grade
    or only one states a grade: its weeks on site span two months ("in September 2011" in one place, "in October
    2011" in another), or one names the month of the visit and the other the month (or the year) its report came
    out ("the child protection inspection in February 2013", "an Ofsted inspection in April 2013, which found …").
    Its first month is kept, with the grade stated."""
    kept: list[PreviousInspection] = []
    for statement in found:
        same = next((i for i, other in enumerate(kept) if _same_visit(other, statement)), None)
        if same is None:
            kept.append(statement)
        else:
            kept[same] = _one_visit(kept[same], statement)
    return tuple(kept)


def _one_visit(a: PreviousInspection, b: PreviousInspection) -> PreviousInspection:
    """Two statements of one inspection as one: the graded statement (the earlier when both are graded)
    with the earlier date."""
    first = b if b.date < a.date else a  # type: ignore[operator]
    if (a.grade is None) == (b.grade is None):
        return _with_area_grades(first, b if first is a else a)
    graded = a if a.grade is not None else b
    if first.precision == "year":  # a year says less than the graded statement's month
        return graded
    return replace(graded, date=first.date, precision=first.precision)


def _same_visit(a: PreviousInspection, b: PreviousInspection) -> bool:
    if a.date is None or b.date is None or a.framework != b.framework:
        return False
    if (a.date, a.precision, a.grade) == (b.date, b.precision, b.grade):
        return True  # stated twice alike ("since the last inspection in 2019, when …" in the summary and a section)
    if "year" in (a.precision, b.precision):
        year, other = (a, b) if a.precision == "year" else (b, a)
        # "the last inspection … in 2012" of a visit in November 2011 whose report came out in 2012, or of one
        # the report dates by its publication in January 2013 after a visit late in 2012 (a mention within the
        # statement's own year is dropped already)
        if year.grade is not None or other.grade is None or other.precision == "year":
            return False
        if year.date.year == other.date.year + 1:
            return (year.date - other.date).days <= _SAME_INSPECTION_DAYS
        return (year.date.year == other.date.year - 1
                and (other.date - date(other.date.year, 1, 1)).days < _SAME_INSPECTION_DAYS)
    if abs((a.date - b.date).days) > _SAME_INSPECTION_DAYS:
        return False
    if a.grade is None or b.grade is None:
        # an ungraded mention adds a date to a graded statement, never joins another ungraded one
        return (a.grade is None) != (b.grade is None)
    # of a kind without a notation, two graded statements may be two inspections (child protection, fostering)
    return a.framework is not None and a.grade == b.grade


def _without_repeats(found: tuple[PreviousInspection, ...]) -> tuple[PreviousInspection, ...]:
    """An ungraded statement ("since the last inspection in 2018") once, and only when no statement of the
    same inspection (a date within the one it states) says more: a grade, or a finer date. Graded statements of
    one month or day and framework are one inspection's (SLAC graded safeguarding and looked after children
    services apart): the first is kept."""
    kept: list[PreviousInspection] = []
    for index, statement in enumerate(found):
        same = next((i for i, other in enumerate(kept) if statement.grade is not None and statement.precision != "year"
                     and other.grade is not None and (other.date, other.precision, other.framework) ==
                     (statement.date, statement.precision, statement.framework)), None)
        if same is not None:
            # one inspection's two statements ("safeguarding … December 2011", "looked after … December 2011"):
            # the first, with the other's area grades too
            kept[same] = _with_area_grades(kept[same], statement)
            continue
        if statement.grade is None and statement.date is not None:
            finer = any(_within(other, statement) and (
                other.grade is not None or _RANK[other.precision] < _RANK[statement.precision]) for other in found)
            earlier = any(other.grade is None and other.precision == statement.precision and _within(other, statement)
                          for other in found[:index])
            if finer or earlier:
                continue
        kept.append(statement)
    return tuple(kept)


def _with_area_grades(kept: PreviousInspection, other: PreviousInspection) -> PreviousInspection:
    known = {grade.area for grade in kept.area_grades}
    more = tuple(grade for grade in other.area_grades if grade.area not in known)
    return replace(kept, area_grades=kept.area_grades + more) if more else kept


def _within(other: PreviousInspection, statement: PreviousInspection) -> bool:
    """Whether `other` is dated within the year, month or day `statement` states."""
    if other.date is None or statement.date is None or other.date.year != statement.date.year:
        return False
    if statement.precision == "year":
        return True
    return other.date.month == statement.date.month and (statement.precision == "month" or other.date == statement.date)


_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
