"""`cskg` query, queries, stats and serve: output formats and exit codes, on the fixture reports."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cskg.cli import main
from cskg.errors import EXIT_OK, EXIT_QUERY, EXIT_STORE, EXIT_USAGE

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = tmp_path_factory.mktemp("cli") / "store"
    fixtures.build_store(location).close()
    return str(location)


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_on_a_populated_store(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    code, out, err = run(capsys, "stats", "--store", store_dir)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].startswith("triples: ") and int(lines[0].split()[1]) > 1000
    assert lines[1] == "graphs: 9"  # five reports, vocabulary, authorities, the reference list of bodies, derived
    counts = dict(line.split(": ", 1) for line in lines)
    assert lines[2:9] == ["reports: 5", "inspections: 5", "councils-with-reports: 3", "councils-known: 158",
                          "councils-current: 153", "judgements: 22", "findings: 5"]
    assert lines[9:11] == ["recommendations: 4", "bodies: 1"]
    assert sum(int(counts[f"{kind}-triples"]) for kind in ("report", "reference", "derived")) == int(counts["triples"])
    assert int(counts["derived-triples"]) > 0
    assert int(counts["reference-triples"]) > 10_000  # vocabularies, 158 councils with their neighbour links
    assert lines[14:] == ["reports:ILACS-short: 1", "reports:ILACS-standard: 2", "reports:SIF: 2"]
    assert "`cskg ingest` counts the triples of the report graphs" in err


def test_stats_on_an_empty_store(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, "stats", "--store", ":memory:")
    assert code == EXIT_OK
    assert out.splitlines() == ["triples: 0", "graphs: 0", "reports: 0", "inspections: 0", "councils-with-reports: 0",
                                "councils-known: 0", "councils-current: 0", "judgements: 0", "findings: 0",
                                "recommendations: 0", "bodies: 0", "report-triples: 0", "reference-triples: 0",
                                "derived-triples: 0"]


def test_stats_without_a_store_is_a_store_error(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    code, _, err = run(capsys, "stats", "--store", str(tmp_path / "absent"))
    assert code == EXIT_STORE
    assert "cskg ingest" in err


def test_query_csv(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    code, out, _ = run(capsys, "query", "judgements", "--store", store_dir, "--format", "csv",
                       "--param", "authority=Derbyshire", "--param", "area=overall-effectiveness")
    assert code == EXIT_OK
    assert list(csv.reader(io.StringIO(out))) == [
        ["source", "authority_code", "authority", "framework", "inspection_start", "inspection_end", "published",
         "lead_inspector", "area", "grade", "grade_rank"],
        ["derbyshire/2021-07-30.pdf", "E10000007", "Derbyshire", "ILACS-short", "2021-06-14", "2021-06-18",
         "2021-07-30", "Lisa Summers", "overall-effectiveness", "good", "2"]]


def test_query_json(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    code, out, _ = run(capsys, "query", "authority-timeline", "--store", store_dir, "--format", "json",
                       "--param", "authority=861")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert [(r["framework"], r["overall_grade"], r["overall_rank"]) for r in rows] == [
        ("SIF", "good", 2), ("ILACS-standard", "inadequate", 4)]


def test_query_table(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    code, out, _ = run(capsys, "query", "stats", "--store", store_dir)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split() == ["measure", "value"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["reports", "5"]


def test_query_file_by_path(capsys: pytest.CaptureFixture, store_dir: str, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("# name: count\nPREFIX cskg: <https://w3id.org/cskg/ontology#>\n"
                  "SELECT (COUNT(?i) AS ?n) WHERE { ?i a cskg:Inspection }\n")
    code, out, _ = run(capsys, "query", str(rq), "--store", store_dir, "--format", "csv")
    assert (code, out) == (EXIT_OK, "n\n5\n")


@pytest.mark.parametrize("argv, message", [
    (["query", "no-such-query"], "unknown query"),
    (["query", "judgements", "--param", "authority=Atlantis"], "no council matches"),
    (["query", "judgements", "--param", "colour=red"], "has no parameter colour"),
    (["query", "neighbours"], "needs parameter authority"),
    (["query", "judgements-by-grade", "--param", "grade_rank=two"], "whole number"),
])
def test_query_errors_exit_4(capsys: pytest.CaptureFixture, store_dir: str, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv, "--store", store_dir)
    assert code == EXIT_QUERY
    assert out == ""
    assert message in err


def test_malformed_and_non_select_files_exit_4(capsys: pytest.CaptureFixture, store_dir: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?s WHERE { ?s ?p }\n")
    code, _, err = run(capsys, "query", str(broken), "--store", store_dir)
    assert code == EXIT_QUERY and "malformed SPARQL" in err
    construct = tmp_path / "graph.rq"
    construct.write_text("CONSTRUCT WHERE { ?s ?p ?o }\n")
    code, _, err = run(capsys, "query", str(construct), "--store", store_dir)
    assert code == EXIT_QUERY and "/sparql endpoint" in err


def test_malformed_param_is_a_usage_error(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["query", "judgements", "--param", "authority", "--store", store_dir])
    assert exit_info.value.code == EXIT_USAGE
    assert "NAME=VALUE" in capsys.readouterr().err


def test_queries_lists_names_and_parameters(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, "queries")
    assert code == EXIT_OK
    assert "latest-judgements: One row per council" in out
    assert "--param authority=…  (authority) the council" in out
    from cskg.queries import list_queries

    described = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in out.splitlines() if not line.startswith(" ")}
    for query in list_queries():
        # The whole description, continuation lines of the .rq header included.
        assert described[query.name] == query.description and query.description.endswith((".", ")")), query.name
        shown = out.split(f"{query.name}: ", 1)[1].split("\n")[1:]
        params = [line.split("=…")[0].strip() for line in shown[:len(query.parameters) + 2]]
        assert params == [f"--param {p.name}" for p in query.parameters] + ["--param limit", "--param offset"]
    assert described["board"].endswith("The body's name and other spellings are in every row.")


def test_serve_without_a_store_exits_3(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    code, _, err = run(capsys, "serve", "--store", str(tmp_path / "absent"))
    assert code == EXIT_STORE
    assert "no store at" in err


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--timeout", "0", "query_timeout must be a positive number"), ("--cache-idle", "-1", "cache_idle must not be")])
def test_serve_with_a_limit_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture, store_dir: str,
                                                          option: str, value: str, words: str) -> None:
    code, _, err = run(capsys, "serve", "--store", store_dir, option, value)
    assert code == EXIT_USAGE
    assert words in err


@pytest.mark.parametrize(("options", "in_memory"), [((), False), (("--on-disk",), False), (("--in-memory",), True)])
def test_serve_reads_the_store_in_place_unless_told_to_copy_it_into_memory(options: tuple[str, ...],
                                                                           in_memory: bool) -> None:
    from cskg.cli import build_parser

    assert build_parser().parse_args(["serve", *options]).in_memory is in_memory


def test_serve_in_place_and_in_memory_at_once_is_a_usage_error(capsys: pytest.CaptureFixture, store_dir: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--store", store_dir, "--on-disk", "--in-memory"])
    assert stopped.value.code == EXIT_USAGE
    assert "not allowed with argument" in capsys.readouterr().err


def test_console_script_exit_status(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cskg.cli", "query", "nope", "--store", ":memory:"],
                          capture_output=True, text=True)
    assert done.returncode == EXIT_QUERY
    assert "unknown query 'nope'" in done.stderr
