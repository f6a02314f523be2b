"""The project holds no report text: no file git tracks repeats a run of WORDS words of a report or seed in
../shared (the project rule: a few words per item of a test's truth, never report sentences in code, comments
or test inputs). The reports are read from ../shared at test time, never from a copy.

Two kinds of text every report of a framework prints are not a report's prose and are allowed: a run printed in
the reports of TEMPLATE_COUNCILS or more councils (report titles, judgement headings with their grades, Ofsted's
standard paragraphs), and the long judgement labels the framework parsers recognise (SLAC's, printed in few of
the corpus's reports). The shared-bodies truth may quote up to a dozen words a row; its quotes are held to that.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

# A run this long is a copied sentence, not a coincidence: the longest stock phrases of the reports that the
# project's own words meet by chance ("… the experiences and progress of children in care and care leavers"
# aside, which TEMPLATE_COUNCILS allows) are ten or eleven words, and the shared-bodies truth's quotes may hold
# twelve words, so a quote of thirteen is caught there.
WORDS = 12
# Text printed in the reports of this many councils is the framework's template, not one report's prose.
TEMPLATE_COUNCILS = 5
# A judgement label of the parsers' tables this long or longer is masked where the project prints it.
LABEL_WORDS = 8
SHARED_TRUTH = "tests/data/shared_truth/"
SHARED_TRUTH_QUOTE_WORDS = 12

_WORD = re.compile(r"[a-z0-9]+", re.I)
_APOSTROPHES = re.compile(r"[’‘'`]")


def words(text: str) -> list[tuple[str, int]]:
    """The words of a text, lower case, apostrophes dropped ("children’s" and "children's" are one word), with
    each word's offset; hyphens, slashes and markup separate words."""
    folded = _APOSTROPHES.sub("", text)
    # dropping apostrophes shifts offsets; map them back through the kept characters
    kept = [i for i, c in enumerate(text) if c not in "’‘'`"]
    return [(m.group().lower(), kept[m.start()]) for m in _WORD.finditer(folded)]


def plain_words(text: str) -> list[str]:
    """words() without the offsets, for the reports (twelve million characters, read on every run)."""
    return _WORD.findall(_APOSTROPHES.sub("", text).lower())


def _labels() -> list[tuple[str, ...]]:
    """The judgement labels the framework parsers recognise, as word tuples (LABEL_WORDS words or more)."""
    from cskg.loaders.frameworks import ilacs, jar, lac, lscb_review, sif, slac

    found: set[tuple[str, ...]] = set()
    for module in (ilacs, jar, lac, lscb_review, sif, slac):
        table = getattr(module, "AREAS", {})
        for key, value in table.items():
            for text in (key, *(value if isinstance(value, tuple) else (value,))):
                if "\\" not in text:  # a regular expression is no printed label
                    label = tuple(w for w, _ in words(text))
                    if len(label) >= LABEL_WORDS:
                        found.add(label)
    return sorted(found)


@dataclass(frozen=True)
class Window:
    file: str
    line: int
    text: str


def _tracked_texts() -> dict[str, str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    texts = {}
    for name in filter(None, listed.decode().split("\0")):
        path = PROJECT_ROOT / name
        if name.startswith("node_modules/") or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return texts


def _is_shared_truth(name: str) -> bool:
    return name.startswith(SHARED_TRUTH) and name.endswith(".csv")


def _without_quotes(text: str) -> str:
    """A shared-bodies truth file with its quote column emptied (its quotes are checked for length instead)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    return "\n".join(" | ".join(v for k, v in row.items() if k != "quote" and isinstance(v, str)) for row in rows)


@dataclass(frozen=True)
class Runs:
    """The runs of WORDS words of one file, by their words joined with spaces, each at its first word's index."""
    file: str
    text: str
    found: list[tuple[str, int]]
    first: dict[str, int]

    def window(self, key: str) -> Window:
        i = self.first[key]
        start, (last, at) = self.found[i][1], self.found[i + WORDS - 1]
        return Window(self.file, self.text.count("\n", 0, start) + 1, " ".join(self.text[start:at + len(last)].split()))


def windows(name: str, text: str, labels: Iterable[tuple[str, ...]]) -> Runs:
    """Every run of WORDS words of a file, except runs touching a judgement label of the parsers' tables."""
    found = words(text)
    plain = [w for w, _ in found]
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for label in labels:
        by_first[label[0]].append(label)
    # masked_before[i]: how many of the first i words lie in a label
    masked = [False] * len(plain)
    for i, word in enumerate(plain):
        for label in by_first.get(word, ()):
            if tuple(plain[i:i + len(label)]) == label:
                masked[i:i + len(label)] = [True] * len(label)
    masked_before = list(accumulate(masked, initial=0))
    first: dict[str, int] = {}
    for i in range(len(plain) - WORDS + 1):
        if masked_before[i + WORDS] == masked_before[i]:
            first.setdefault(" ".join(plain[i:i + WORDS]), i)
    return Runs(name, text, found, first)


def council_counts(report_texts: dict[str, str], wanted: set[str]) -> dict[str, int]:
    """For each wanted run, the number of councils (a seed counts as one of its own) whose reports print it."""
    councils: dict[str, set[str]] = defaultdict(set)
    for source, text in report_texts.items():
        council = source.split("/")[0] if not source.startswith("seeds/") else source
        plain = plain_words(text)
        for i in range(len(plain) - WORDS + 1):
            key = " ".join(plain[i:i + WORDS])
            if key in wanted:
                councils[key].add(council)
    return {key: len(found) for key, found in councils.items()}


def copied_runs(files: dict[str, str], report_texts: dict[str, str]) -> list[Window]:
    labels = _labels()
    by_file = {name: windows(name, _without_quotes(text) if _is_shared_truth(name) else text, labels)
               for name, text in files.items()}
    counts = council_counts(report_texts, {key for runs in by_file.values() for key in runs.first})
    return [runs.window(key) for runs in by_file.values() for key in runs.first
            if 0 < counts.get(key, 0) < TEMPLATE_COUNCILS]


def _report(found: list[Window]) -> str:
    shown: dict[str, list[Window]] = defaultdict(list)
    for window in found:
        shown[window.file].append(window)
    lines = [f"{len(found)} runs of {WORDS} words copied from reports in {len(shown)} files:"]
    for name, runs in sorted(shown.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"  {name}: {len(runs)} runs, e.g. line {runs[0].line}: {runs[0].text!r}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def tracked() -> dict[str, str]:
    return _tracked_texts()


def test_no_tracked_file_repeats_a_run_of_report_text(tracked: dict[str, str], report_texts: dict[str, str]) -> None:
    assert len(report_texts) >= 225 + 5  # the corpus reports (two HTML pages aside) and the five seeds
    found = copied_runs(tracked, report_texts)
    assert not found, _report(found)


def test_the_shared_bodies_truth_quotes_a_dozen_words_at_most(tracked: dict[str, str]) -> None:
    truth = {name: text for name, text in tracked.items() if _is_shared_truth(name)}
    assert truth
    for name, text in truth.items():
        for row in csv.DictReader(io.StringIO(text)):
            assert len(row["quote"].split()) <= SHARED_TRUTH_QUOTE_WORDS, (name, row["quote"])


def test_a_pasted_report_paragraph_is_found_and_template_text_is_not(report_texts: dict[str, str]) -> None:
    """The check itself: a paragraph of a real report pasted into a test file is found where it was put; the
    same words with every third word changed, a report title and a parser's long judgement label are not."""
    source = next(s for s in sorted(report_texts) if not s.startswith("seeds/"))
    text = report_texts[source]
    # a stretch of prose from the middle of the report: 30 words from its middle
    plain = text.split()
    middle = len(plain) // 2
    paragraph = " ".join(plain[middle:middle + 30])
    pasted = f'def test_x() -> None:\n    body = (\n        "{paragraph}"\n    )\n'
    found = copied_runs({"tests/test_pasted.py": pasted}, {source: text})
    assert found and {w.line for w in found} == {3}
    changed = " ".join(w if i % 3 else "zebra" for i, w in enumerate(paragraph.split()))
    assert copied_runs({"tests/test_pasted.py": f'text = "{changed}"\n'}, {source: text}) == []
    label = "effectiveness of services in taking reasonable steps to ensure that children and young people are safe"
    assert copied_runs({"x.py": f'"{label}"'}, {"a/1.pdf": f"Judgement: {label}: good"}) == []
    template = ("Inspection of services for children in need of help and protection, children looked after and "
                "care leavers")
    many = {f"c{i}/1.pdf": f"{template}." for i in range(TEMPLATE_COUNCILS)}
    assert copied_runs({"x.py": template}, many) == []
    assert copied_runs({"x.py": template}, dict(list(many.items())[:TEMPLATE_COUNCILS - 1])) != []
