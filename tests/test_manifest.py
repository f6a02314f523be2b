"""Publication dates and report pages from a manifest (`cskg ingest PATH… --manifest FILE.csv`), where
each date came from, and every council's Ofsted provider page."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cskg.graph.ingest import ingest
from cskg.graph.reference import authorities_graph
from cskg.graph.stores import open_store
from cskg.loaders.manifest import ManifestEntry, ManifestError, parse_manifest
from tests.conftest import seed

CSKG = [sys.executable, "-m", "cskg.cli"]
ILACS, SIF = seed("001").name, seed("004").name  # ILACS prints no publication date; SIF prints 10 August 2015
PAGE = "https://reports.ofsted.gov.uk/provider/44/80561"
DATES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?source ?issued ?from ?page WHERE {
  ?r cskg:sourcePath ?source .
  OPTIONAL { ?r dcterms:issued ?issued } OPTIONAL { ?r cskg:publishedSource ?from } OPTIONAL { ?r cskg:reportPage ?page }
} ORDER BY ?source"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "staffordshire").mkdir(parents=True)
    (folder / "staffordshire" / ILACS).write_bytes(seed("001").read_bytes())
    (folder / SIF).write_bytes(seed("004").read_bytes())
    return folder


def _dates(store) -> list[tuple]:
    return [(r["source"], r["issued"], r["from"], r["page"]) for r in store.select(DATES).as_dicts()]


def test_the_manifest_gives_the_date_a_report_does_not_print_and_a_printed_date_wins(folder: Path) -> None:
    manifest = parse_manifest(f"file,published,url\nstaffordshire/{ILACS},2024-01-12,{PAGE}\n{SIF},2015-09-30,\n")
    assert manifest.problems == ()
    store = open_store(":memory:")
    summary = ingest([folder], store, jobs=1, manifest=manifest.entries)
    assert not summary.rejected
    assert _dates(store) == [
        (SIF, "2015-08-10", "report", None),
        (f"staffordshire/{ILACS}", "2024-01-12", "manifest", PAGE),
    ]


def test_without_a_manifest_a_printed_date_is_marked_as_the_reports(folder: Path) -> None:
    store = open_store(":memory:")
    ingest([folder], store, jobs=1)
    assert _dates(store) == [(SIF, "2015-08-10", "report", None), (f"staffordshire/{ILACS}", None, None, None)]


def test_a_manifest_date_before_the_inspection_ended_is_not_used(folder: Path) -> None:
    manifest = parse_manifest(f"file,published\nstaffordshire/{ILACS},2023-11-08\n")
    store = open_store(":memory:")
    summary = ingest([folder], store, jobs=1, manifest=manifest.entries)
    assert not summary.rejected  # the report is stored, without the date
    warned = next(item for item in summary.loaded if item.source.startswith("staffordshire/"))
    assert warned.warnings == ("implausible-date: the manifest's publication date 2023-11-08 is before the "
                               "inspection ended (2023-11-10); not used",)
    assert _dates(store)[1] == (f"staffordshire/{ILACS}", None, None, None)


def test_bad_rows_are_named_and_the_rest_is_read() -> None:
    manifest = parse_manifest(
        "File,Published,URL\n"
        "a.pdf,2024-01-12,\n"
        "b.pdf,12/01/2024,\n"
        ",2024-01-12,\n"
        "c.pdf,2024-02-30,\n"
        "d.pdf,2024-01-12,javascript:alert(1)\n"
        "a.pdf,2024-01-13,\n"
        "e.pdf,2024-01-12,https://x.org/,extra\n"
        "./f/g.pdf,2024-03-01,https://reports.ofsted.gov.uk/provider/44/1\n")
    assert manifest.entries == {"a.pdf": ManifestEntry(date(2024, 1, 12), None, 2),
                                "f/g.pdf": ManifestEntry(date(2024, 3, 1), "https://reports.ofsted.gov.uk/provider/44/1", 9)}
    assert manifest.problems == (
        "line 3: published '12/01/2024' is not an ISO date (YYYY-MM-DD)",
        "line 4: no file named",
        "line 5: published '2024-02-30' is not an ISO date (YYYY-MM-DD)",
        "line 6: url 'javascript:alert(1)' is not an http(s) address",
        "line 7: a.pdf is listed twice; the first row is kept",
        "line 8: more cells than the header has columns",
    )


def test_a_manifest_without_its_columns_is_refused() -> None:
    with pytest.raises(ManifestError, match="missing: published"):
        parse_manifest("file,date\na.pdf,2024-01-12\n")
    with pytest.raises(ManifestError, match="missing: file, published"):
        parse_manifest("")


def test_cli_manifest(folder: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "dates.csv"
    manifest.write_text(f"file,published,url\nstaffordshire/{ILACS},2024-01-12,{PAGE}\n"
                        "nowhere.pdf,2024-01-12,\n"
                        f"{SIF},not a date,\n", encoding="utf-8")
    store = str(tmp_path / "store")
    run = subprocess.run([*CSKG, "ingest", str(folder), "--store", store, "--quiet", "--manifest", str(manifest)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # the rows left out are input rejected; the reports are stored
    lines = run.stdout.splitlines()
    assert lines[0].startswith("loaded 2 reports")
    assert f"  manifest {manifest} line 4: published 'not a date' is not an ISO date (YYYY-MM-DD); row left out" in lines
    assert f"  manifest {manifest} line 3: no file 'nowhere.pdf' among the inputs; row not used" in lines
    query = subprocess.run([*CSKG, "query", "judgements", "--store", store, "--format", "csv",
                            "--param", "framework=ILACS-short"], capture_output=True, text=True, timeout=120)
    assert query.returncode == 0 and ",2024-01-12," in query.stdout.splitlines()[1]
    missing = subprocess.run([*CSKG, "ingest", str(folder), "--store", store, "--manifest", str(tmp_path / "no.csv")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "cannot read the manifest" in missing.stderr


def test_every_council_with_a_urn_links_to_its_ofsted_provider_page() -> None:
    from rdflib import URIRef

    from cskg.graph.namespaces import CSKG as NS, authority_uri

    g = authorities_graph()
    councils = set(g.subjects(NS.ofstedURN, None))
    assert len(councils) > 150
    for council in councils:
        urn = g.value(council, NS.ofstedURN)
        assert list(g.objects(council, NS.providerPage)) == [URIRef(f"https://reports.ofsted.gov.uk/provider/44/{urn}")]
    assert g.value(authority_uri("E10000028"), NS.providerPage) == URIRef(PAGE)


def test_the_outcomes_sheet_says_where_each_publication_date_came_from(folder: Path) -> None:
    from cskg.api.exports.summary import summary
    from cskg.graph.ingest import ensure_base_graphs

    manifest = parse_manifest(f"file,published,url\nstaffordshire/{ILACS},2024-01-12,{PAGE}\n")
    store = open_store(":memory:")
    ensure_base_graphs(store)
    ingest([folder], store, jobs=1, manifest=manifest.entries)
    sheet = summary(store).inspections
    columns = [c.name for c in sheet.columns]
    dated = {(row[columns.index("published")], row[columns.index("published_source")]) for row in sheet.rows}
    assert ("2024-01-12", "manifest") in {(str(d), s) for d, s in dated}
    assert ("2015-08-10", "report") in {(str(d), s) for d, s in dated}
