"""Every field cskg extracts, against people's reading of the reports (tests/field_truth.py): findings,
recommendations, team, previous inspections and local statistics each at least 98 % precise and 98 %
complete over all the labelled reports, and a PDF holding two reports read part by part against the
truth of each."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tests.field_truth import FIELDS, QUOTE_WORDS, TRUTH_DIR, read, score_record, score_truth, table, total, truths
from tests.test_report_parts import joined_pdf

THRESHOLD = 0.98
JOINED = ("surrey__2015-06-03.json", "surrey__2015-08-03.json")  # a SIF report and its separate LSCB review


@pytest.fixture(scope="module")
def scores() -> dict:
    labelled = truths()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip((t.name for t in labelled), pool.map(score_truth, labelled)))


def test_the_truth_covers_every_framework_and_holds_only_a_few_words_per_item() -> None:
    labelled = truths()
    assert len(labelled) >= 25 + 5  # corpus reports and the five seeds
    assert {t.data["framework"] for t in labelled} >= {"SIF", "ILACS-standard", "ILACS-short", "LSCB-review", "LAC"}
    for truth in labelled:
        assert set(truth.data) >= {"file", "framework", "findings", "recommendations", "team",
                                   "previous_inspections", "statistics"}, truth.name
        assert truth.path.is_file(), truth.file
        for item in truth.data["recommendations"]:
            assert item["kind"] in ("recommendation", "area-for-improvement"), (truth.name, item)
        for quote in (i["words"] for key in ("findings", "recommendations", "previous_inspections")
                      for i in truth.data[key] if i.get("words")):
            assert len(quote.split()) <= QUOTE_WORDS, (truth.name, quote)
        for heading in (i["section"] for i in truth.data["findings"] if i.get("section")):
            assert len(heading.removesuffix(" …").split()) <= QUOTE_WORDS, (truth.name, heading)


@pytest.mark.parametrize("name", FIELDS)
def test_each_field_is_at_least_98_percent_precise_and_complete(scores: dict, name: str) -> None:
    summed = total(scores.values())
    score = summed[name]
    detail = "\n".join(["missed:", *score.misses[:25], "extra:", *score.extras[:25]])
    assert score.precision >= THRESHOLD and score.recall >= THRESHOLD, f"\n{table(summed)}\n{detail}"


def test_each_report_of_a_two_report_pdf_agrees_with_its_own_truth(tmp_path: Path) -> None:
    labelled = {t.name: t for t in truths()}
    first, second = (labelled[name] for name in JOINED)
    records, docs = read(joined_pdf(tmp_path, first.source, second.source), "joined.pdf")
    assert [r.framework for r in records] == ["SIF", "LSCB-review"]
    offset = first.data["pages"]  # the second report's pages follow the first's
    parts = [score_record(first.data, records[0], docs[0], "part 1"),
             score_record(second.data, records[1], docs[1], "part 2", offset)]
    summed = total(parts)
    for name in FIELDS:
        score = summed[name]
        assert score.precision >= THRESHOLD and score.recall >= THRESHOLD, \
            f"{name}\n{table(summed)}\n" + "\n".join(score.misses[:20] + score.extras[:20])
    assert summed["findings"].matched == len(first.data["findings"]) + len(second.data["findings"]) > 100


def test_the_truth_folder_is_where_the_harness_reads() -> None:
    assert TRUTH_DIR.is_dir() and (TRUTH_DIR / "FORMAT.md").is_file()
