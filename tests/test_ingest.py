"""Batch ingest: bad input is rejected by name and reason, the batch goes on, nothing partial is stored."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from cskg.graph import ingest as ingest_module
from cskg.graph.ingest import Loaded, discover, ingest
from cskg.graph.stores import OxigraphStore, StoreError, open_store
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
    second = ingest([seed("001")], store, jobs=1, force=True)  # the same file: read again only when forced
    assert isinstance(first.loaded[0], Loaded) and isinstance(second.loaded[0], Loaded)
    assert store.count_quads() == size
    assert store.select(REPORT_GRAPHS).rows[0][0] == 1
    store.close()


class _RefusingStore(OxigraphStore):
    """An on-disk store that cannot take the report graphs of one council, as a store whose disk
    fails part-way would; it refuses them in a batch too."""

    def __init__(self, path: Path, refused: str) -> None:
        super().__init__(path)
        self.refused = refused

    def replace_graph(self, graph: str, ntriples: str) -> None:
        if self.refused in graph:
            raise StoreError("no space left on device")
        super().replace_graph(graph, ntriples)

    def add_graphs(self, graphs) -> None:
        if any(self.refused in graph for graph, _ in graphs):
            raise StoreError("no space left on device")
        super().add_graphs(graphs)


def test_a_graph_the_store_refuses_rejects_only_its_report(tmp_path: Path) -> None:
    store = _RefusingStore(tmp_path / "store", refused="/E10000028/")  # Staffordshire
    summary = ingest([seed("001"), seed("002"), seed("003")], store, jobs=1)
    assert sorted(item.source for item in summary.loaded) == sorted([seed("002").name, seed("003").name])
    assert [item.source for item in summary.rejected] == [seed("001").name]
    assert "the store did not take the report's graph (no space left on device)" in summary.rejected[0].reason
    assert store.select(REPORT_GRAPHS).rows[0][0] == 2
    store.close()


def test_reports_written_in_one_batch_equal_reports_written_one_by_one(tmp_path: Path) -> None:
    files = [seed("000"), seed("001"), seed("002"), seed("003"), seed("004")]
    batched = open_store(str(tmp_path / "batched"))
    ingest(files, batched, jobs=1)
    single = open_store(str(tmp_path / "single"))
    for file in files:  # one ingest per file: each report its own write
        ingest([file], single, jobs=1)
    dump = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), " \
           "'https://w3id.org/cskg/graph/report/')) }"
    written_together = batched.query_serialized(dump, "application/n-triples")
    assert written_together and sorted(written_together.splitlines()) == \
        sorted(single.query_serialized(dump, "application/n-triples").splitlines())
    batched.close()
    single.close()


def test_progress_is_heard_per_file_before_the_batched_write(tmp_path: Path) -> None:
    """A progress bar steps on on_processed: every file is heard as soon as it is validated, while
    on disk the seeds' graphs are written together, after all of them."""
    files = [seed("000"), seed("001"), seed("002")]
    events: list[tuple[str, str]] = []
    store = open_store(str(tmp_path / "s"))
    ingest(files, store, jobs=1, on_processed=lambda source: events.append(("processed", source)),
           on_result=lambda result: events.append(("stored", result.source)))
    store.close()
    names = [file.name for file in files]
    assert [event for event in events if event[0] == "processed"] == [("processed", name) for name in names]
    assert sorted(source for kind, source in events if kind == "stored") == sorted(names)
    assert [kind for kind, _ in events] == ["processed"] * 3 + ["stored"] * 3


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



def test_pipes_devices_and_oversized_files_are_refused_by_name_and_the_rest_goes_on(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(seed("001"), folder / "good.txt")
    cap = (folder / "good.txt").stat().st_size + 100
    os.mkfifo(folder / "pipe.pdf")  # reading it would block for ever
    (folder / "big.txt").write_bytes(b"x" * (cap + 1))
    monkeypatch.setenv("CSKG_MAX_FILE_BYTES", str(cap))
    store = open_store(":memory:")
    summary = ingest([folder, Path("/dev/zero")], store, jobs=1)
    reasons = {item.source: item.reason for item in summary.rejected}
    assert "not a regular file" in reasons["pipe.pdf"] and "not a regular file" in reasons["zero"]
    assert f"larger than {cap:,} bytes" in reasons["big.txt"] and "CSKG_MAX_FILE_BYTES" in reasons["big.txt"]
    assert [item.source for item in summary.loaded] == ["good.txt"]


def test_file_names_are_shown_escaped_and_stored_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    forged = "x.txt\nloaded 999 reports"
    (folder / forged).write_text("Shopping list: milk, eggs, bread.\n")
    odd = os.fsdecode(b"caf\xe9.txt")  # not UTF-8
    shutil.copy(seed("001"), folder / odd)
    result = subprocess.run([sys.executable, "-m", "cskg.cli", "ingest", str(folder), "--store", ":memory:"],
                            capture_output=True, text=True, timeout=300)
    lines = result.stdout.splitlines()
    assert not any(line.startswith("loaded 999") for line in lines)
    assert any("x.txt\\nloaded 999 reports" in line for line in lines)
    assert lines[0].startswith("loaded 1 reports")
    assert [source for _, source in discover([folder]) if source.startswith("caf")] == ["caf\ufffd.txt"]


def test_re_ingesting_the_same_files_does_not_grow_the_store(tmp_path: Path) -> None:
    # As `cskg ingest` runs them: each ingest opens the store, writes, and closes it. The data files
    # (.sst) stay the size of one copy; the write-ahead log is replaced, not added to.
    location = tmp_path / "store"
    files = [seed("000"), seed("001"), seed("004")]

    def ingest_once() -> tuple[int, int]:
        store = open_store(str(location))
        try:
            ingest(files, store, jobs=1, force=True)  # re-ingested in full each time
        finally:
            store.close()
        # RocksDB's own text logs (LOG, LOG.old.*: ~140 kB each) are left out: they are no data.
        found = [f for f in location.rglob("*") if f.is_file() and not f.name.startswith("LOG")]
        return sum(f.stat().st_size for f in found if f.suffix == ".sst"), sum(f.stat().st_size for f in found)

    data, _ = ingest_once()
    again = [ingest_once() for _ in range(3)]
    assert all(d <= data * 1.1 for d, _ in again), (data, again)
    assert again[-1][1] <= again[0][1] * 1.05, again
