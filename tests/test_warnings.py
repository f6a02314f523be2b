"""Warnings reach the user: each loaded report's warnings are counted in the ingest summary, listed by
`cskg ingest --verbose`, stored on the report in the graph (SHACL-valid) and listed by the named
query `warnings`."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from cskg.graph.ingest import ingest
from cskg.graph.mapping import map_record
from cskg.graph.stores import open_store
from cskg.graph.validate import validate_graph
from cskg.loaders import load_record
from cskg.loaders.records import WARNING_CODES, ReportWarning
from cskg.queries import load_query
from tests.conftest import seed

CSKG = [sys.executable, "-m", "cskg.cli"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two good seeds, and the ILACS seed without its overall-effectiveness row: one report with a warning."""
    folder = tmp_path_factory.mktemp("warned")
    for prefix in ("000", "004"):
        (folder / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
    text = seed("001").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("Overall effectiveness\t"))
    (folder / "no-overall.txt").write_text(text.replace(row + "\n", ""), encoding="utf-8")
    return folder


def test_a_missing_overall_grade_is_a_warning_with_its_code(inputs: Path) -> None:
    record = load_record(inputs / "no-overall.txt")
    assert "overall-effectiveness" not in {j.area for j in record.judgements}
    assert len(record.judgements) == 4
    assert [w.code for w in record.warnings] == ["missing-overall-grade"]
    assert record.warnings[0].message.startswith("overall-effectiveness: no grade found")


def test_clean_seeds_carry_no_warning_but_their_gaps() -> None:
    assert load_record(seed("001")).warnings == ()
    assert load_record(seed("004")).warnings == ()
    assert [w.code for w in load_record(seed("002")).warnings] == ["missing-dates"]  # the JAR prints none


def test_warnings_are_stored_on_the_report_and_pass_the_shapes(inputs: Path) -> None:
    mapped = map_record(load_record(inputs / "no-overall.txt"))
    rows = list(mapped.graph.query("""
        PREFIX cskg: <https://w3id.org/cskg/ontology#>
        SELECT ?report ?code ?message WHERE {
          ?report a cskg:InspectionReport ; cskg:warning ?w .
          ?w a cskg:ExtractionWarning ; cskg:warningCode ?code ; cskg:warningMessage ?message }"""))
    assert [(str(code), str(message)[:35]) for _, code, message in rows] == [
        ("missing-overall-grade", "overall-effectiveness: no grade fou")]
    assert validate_graph(mapped.graph).conforms


def test_the_shapes_refuse_a_warning_code_the_loaders_do_not_have(inputs: Path) -> None:
    from dataclasses import replace

    record = load_record(inputs / "no-overall.txt")
    odd = replace(record, warnings=(ReportWarning("no-such-code", "x"),))  # type: ignore[arg-type]
    assert not validate_graph(map_record(odd).graph).conforms


def test_the_shapes_list_every_warning_code() -> None:
    from rdflib import Graph
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from cskg.ontology import SHAPES_TTL

    shapes = Graph().parse(SHAPES_TTL)
    listed = next(Collection(shapes, node) for node in shapes.objects(
        next(shapes.subjects(SH.path, shapes.namespace_manager.expand_curie("cskg:warningCode"))), SH["in"]))
    assert [str(code) for code in listed] == list(WARNING_CODES)


def test_ingest_counts_reports_with_warnings(inputs: Path) -> None:
    summary = ingest([inputs], open_store(":memory:"), jobs=1)
    assert len(summary.loaded) == 3 and summary.with_warnings == 1
    warned = [item for item in summary.loaded if item.warnings]
    assert [item.source for item in warned] == ["no-overall.txt"]
    assert warned[0].warnings[0].startswith("missing-overall-grade: overall-effectiveness: no grade found")


def test_cli_summary_verbose_listing_and_the_named_query(inputs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    quiet = subprocess.run([*CSKG, "ingest", str(inputs), "--store", store, "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    lines = quiet.stdout.splitlines()
    assert lines[0].startswith("loaded 3 reports (") and ", 1 with warnings, " in lines[0]
    assert not any(line.startswith("  warning ") for line in lines)

    # --force: the files are stored already, and an unchanged file is otherwise skipped unread
    verbose = subprocess.run([*CSKG, "ingest", str(inputs), "--store", store, "--quiet", "--verbose", "--force"],
                             capture_output=True, text=True, timeout=300)
    assert verbose.returncode == 0, verbose.stderr
    listed = [line for line in verbose.stdout.splitlines() if line.startswith("  warning ")]
    assert len(listed) == 1
    assert listed[0].startswith("  warning no-overall.txt: missing-overall-grade: overall-effectiveness: no grade")

    query = subprocess.run([*CSKG, "query", "warnings", "--store", store, "--format", "csv"],
                           capture_output=True, text=True, timeout=120)
    assert query.returncode == 0, query.stderr
    rows = list(csv.DictReader(io.StringIO(query.stdout)))
    assert [(r["source"], r["code"], r["authority_code"], r["framework"], r["inspection_start"]) for r in rows] == [
        ("no-overall.txt", "missing-overall-grade", "E10000028", "ILACS-short", "2023-11-06")]


def test_the_warnings_query_filters_by_code_and_council(inputs: Path) -> None:
    store = open_store(":memory:")
    ingest([inputs, seed("002")], store, jobs=1)
    query = load_query("warnings")
    everything = query.run(store).as_dicts()
    assert sorted(r["code"] for r in everything) == ["missing-dates", "missing-overall-grade"]
    assert [r["source"] for r in query.run(store, {"code": "missing-dates"}).as_dicts()] == [seed("002").name]
    assert query.run(store, {"authority": "Stoke-on-Trent"}).as_dicts()[0]["code"] == "missing-dates"
    assert query.run(store, {"framework": "SLAC"}).as_dicts() == []
