"""Batch ingest: bad input is rejected by name and reason, the batch goes on, nothing partial is stored."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from cskg.graph import ingest as ingest_module
from cskg.graph.ingest import Loaded, discover, ingest
from cskg.graph.stores import open_store
from tests.conftest import CORPUS, seed

REPORT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?r a <https://w3id.org/cskg/ontology#InspectionReport> } }"


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "staffordshire").mkdir(parents=True)
    shutil.copy(seed("001"), folder / "staffordshire" / "2024-01-12.txt")
    shutil.copy(CORPUS / "bromley" / "2012-08-17.pdf", folder / "saved-page.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    good_pdf = next(iter(sorted(CORPUS.glob("*/*.pdf"))))
    data = good_pdf.read_bytes()
    if data.startswith(b"%PDF"):
        (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "notes.txt").write_text("Shopping list: milk, eggs, bread.\n")
    return folder


def test_discover_keeps_paths_relative_to_the_folder_given(mixed_folder: Path) -> None:
    sources = [source for _, source in discover([mixed_folder])]
    assert "staffordshire/2024-01-12.txt" in sources
    assert discover([mixed_folder / "notes.txt"])[0][1] == "notes.txt"


def test_bad_files_are_rejected_by_name_and_the_batch_goes_on(mixed_folder: Path) -> None:
    store = open_store(":memory:")
    summary = ingest([mixed_folder], store, jobs=2)
    assert [item.source for item in summary.loaded] == ["staffordshire/2024-01-12.txt"]
    reasons = {item.source: item.reason for item in summary.rejected}
    assert "HTML page" in reasons["saved-page.pdf"]
    assert reasons["empty.pdf"] == "the file is empty"
    assert "corrupt" in reasons["truncated.pdf"]
    assert "not a recognised" in reasons["notes.txt"]
    assert store.select(REPORT_GRAPHS).rows[0][0] == 1


def test_a_report_failing_validation_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from cskg.graph import mapping

    real_map = mapping.map_record

    def break_dates(record):
        mapped = real_map(record)
        inspection = next(mapped.graph.subjects(
            predicate=URIRef("https://w3id.org/cskg/ontology#framework")))
        mapped.graph.add((inspection, URIRef("https://w3id.org/cskg/ontology#startDate"),
                          Literal("not a date")))
        return mapped

    monkeypatch.setattr(ingest_module, "map_record", break_dates)
    store = open_store(":memory:")
    summary = ingest([seed("001")], store, jobs=1)
    assert summary.loaded == []
    assert len(summary.rejected) == 1 and "SHACL" in summary.rejected[0].reason
    assert store.select(REPORT_GRAPHS).rows[0][0] == 0


def test_reingesting_replaces_the_report_graph(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "store"))
    first = ingest([seed("001")], store, jobs=1)
    size = store.count_quads()
    second = ingest([seed("001")], store, jobs=1)
    assert isinstance(first.loaded[0], Loaded) and isinstance(second.loaded[0], Loaded)
    assert store.count_quads() == size
    assert store.select(REPORT_GRAPHS).rows[0][0] == 1
    store.close()


def test_cli_ingest_reports_rejections_and_exits_non_zero(mixed_folder: Path, tmp_path: Path) -> None:
    cskg = [sys.executable, "-m", "cskg.cli"]
    run = subprocess.run([*cskg, "ingest", str(mixed_folder), "--store", str(tmp_path / "s"), "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "loaded 1 reports" in run.stdout
    assert "rejected 4" in run.stdout
    assert "rejected saved-page.pdf: this is an HTML page" in run.stdout
    stats = subprocess.run([*cskg, "stats", "--store", str(tmp_path / "s")], capture_output=True, text=True,
                           timeout=120)
    assert stats.returncode == 0, stats.stderr

