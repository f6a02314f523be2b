"""Incremental ingest on the seeds: a file whose SHA-256 the store records is skipped before it is
read; --force reads it again; a changed file is ingested again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import cskg.graph.ingest as ingest_module
from cskg.cli import main
from cskg.graph.ingest import ingest
from cskg.graph.stores import open_store
from cskg.graph.text_index import TextIndex
from tests.conftest import SEEDS, seed


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_second_ingest_skips_every_file_before_reading_it(seeds_copy: Path, monkeypatch) -> None:
    store = open_store(":memory:")
    first = ingest([seeds_copy], store, jobs=1)
    assert len(first.loaded) == 5 and not first.skipped
    quads = store.count_quads()

    def never(*_):
        raise AssertionError("a skipped file was read")

    monkeypatch.setattr(ingest_module, "process_file", never)
    processed: list[str] = []
    second = ingest([seeds_copy], store, jobs=1, on_processed=processed.append)
    assert (len(second.loaded), len(second.rejected)) == (0, 0)
    assert sorted(s.source for s in second.skipped) == sorted(p.name for p in seeds_copy.iterdir())
    assert all(s.stored_as == s.source for s in second.skipped)
    assert sorted(processed) == sorted(s.source for s in second.skipped)  # the progress bar still moves
    assert store.count_quads() == quads


def test_force_reads_again_and_a_changed_file_is_ingested(seeds_copy: Path) -> None:
    store = open_store(":memory:")
    ingest([seeds_copy], store, jobs=1)
    forced = ingest([seeds_copy], store, jobs=1, force=True)
    assert len(forced.loaded) == 5 and not forced.skipped

    changed = seeds_copy / seed("002").name
    changed.write_text(changed.read_text(encoding="utf-8").replace("neglect", "quokkawise"), encoding="utf-8")
    index = TextIndex()
    index.sync(store)
    again = ingest([seeds_copy], store, jobs=1, text_index=index)
    assert [item.source for item in again.loaded] == [changed.name]
    assert len(again.skipped) == 4
    assert index.matching("quokkawise") and not index.is_stale(store)


def test_same_bytes_under_another_name_are_skipped(seeds_copy: Path, tmp_path: Path) -> None:
    store = open_store(":memory:")
    ingest([seeds_copy / seed("001").name], store, jobs=1)
    renamed = tmp_path / "renamed.txt"
    shutil.copy(seeds_copy / seed("001").name, renamed)
    summary = ingest([renamed], store, jobs=1)
    assert [(s.source, s.stored_as) for s in summary.skipped] == [("renamed.txt", seed("001").name)]


def test_cli_says_what_it_skipped(seeds_copy: Path, tmp_path: Path, capsys) -> None:
    location = str(tmp_path / "store")
    assert main(["ingest", str(seeds_copy), "--store", location, "--quiet", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(seeds_copy), "--store", location, "--quiet", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("loaded 0 reports (none), 0 with warnings, 0 triples; rejected 0\n")
    assert "skipped 5 files already stored (same SHA-256; --force reads them again)" in out
    assert f"  skipped {seed('003').name}\n" in out
    assert main(["ingest", str(seeds_copy), "--store", location, "--quiet", "--jobs", "1", "--force"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("loaded 5 reports") and "skipped" not in out


def test_base_graphs_compare_by_their_triples_blank_nodes_up_to_renaming() -> None:
    from cskg.graph.ingest import same_triples

    ground = b'<urn:a> <urn:p> "x" .\n'
    listed = b'<urn:a> <urn:q> _:%s .\n_:%s <urn:first> <urn:b> .\n'
    assert same_triples(ground + listed % (b"one", b"one"), listed % (b"two", b"two") + ground)
    assert not same_triples(ground + listed % (b"one", b"one"), ground.replace(b'"x"', b'"y"') + listed % (b"t", b"t"))
    # The same ground triples and as many blank-node triples, but another structure.
    assert not same_triples(ground + listed % (b"one", b"one"), ground + listed % (b"one", b"two"))
