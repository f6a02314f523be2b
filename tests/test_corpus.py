"""The whole corpus and the seeds, ingested as a user would: what loads, what is refused, what it says."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path

from cskg.graph.validate import validate_stored_reports
from cskg.queries import load_query
from tests.conftest import CORPUS, PROJECT_ROOT, SEEDS

HTML_SAVED_AS_PDF = {"blackpool/2012-07-13.pdf", "bromley/2012-08-17.pdf"}
JUDGEMENT_COLUMNS = ("source", "authority_code", "authority", "framework", "inspection_start", "inspection_end",
                     "published", "lead_inspector", "area", "grade", "grade_rank")


def _accuracy_module():
    spec = importlib.util.spec_from_file_location("cskg_bench_accuracy", PROJECT_ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_real_pdf_loads_and_the_html_pages_are_refused(corpus_store) -> None:
    summary = corpus_store.summary
    pdfs = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.pdf")}
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert len(pdfs) == 227
    loaded = {item.source for item in summary.loaded}
    assert loaded == (pdfs - HTML_SAVED_AS_PDF) | seeds
    assert {item.source: item.reason.split(";")[0] for item in summary.rejected} == {
        name: "this is an HTML page saved with a report's name, not a report" for name in HTML_SAVED_AS_PDF}
    assert summary.replaced == []  # no two files describe the same inspection


def test_every_stored_report_graph_conforms_to_the_shapes(corpus_store) -> None:
    results = list(validate_stored_reports(corpus_store.store))
    assert len(results) == 225 + 5
    failing = [(graph, report.violations[:3]) for graph, report in results if not report.conforms]
    assert failing == []


def test_judgements_query_has_one_row_per_graded_judgement(corpus_store) -> None:
    result = load_query("judgements").run(corpus_store.store)
    assert result.variables == JUDGEMENT_COLUMNS
    rows = result.as_dicts()
    judgements = corpus_store.store.select(
        "SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?j a <https://w3id.org/cskg/ontology#Judgement> }")
    assert len(rows) == judgements.rows[0][0]
    assert all(row["grade_rank"] in (1, 2, 3, 4) for row in rows)
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    stoke_jar = next(rows for source, rows in by_source.items() if source.startswith("002_"))
    assert len(stoke_jar) == 12
    assert {r["framework"] for r in stoke_jar} == {"JAR"}
    staffordshire_slac = next(rows for source, rows in by_source.items() if source.startswith("000_"))
    assert len(staffordshire_slac) == 34
    stoke_sif = next(rows for source, rows in by_source.items() if source.startswith("004_"))
    assert sorted(r["area"] for r in stoke_sif) == sorted([
        "overall-effectiveness", "help-and-protection", "children-looked-after", "adoption-performance",
        "care-leavers", "leadership-management-governance", "lscb"])


def test_judgements_csv_from_the_command_line_has_exactly_the_documented_columns(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    cskg = [sys.executable, "-m", "cskg.cli"]
    subprocess.run([*cskg, "ingest", str(SEEDS), "--store", store, "--quiet"], check=True, capture_output=True,
                   timeout=300)
    run = subprocess.run([*cskg, "query", "judgements", "--format", "csv", "--store", store],
                         capture_output=True, text=True, timeout=120, check=True)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert tuple(rows[0]) == JUDGEMENT_COLUMNS
    assert len(rows) == 34 + 5 + 12 + 22 + 7
    staffordshire_ilacs = [r for r in rows if r["source"].startswith("001_")]
    assert {(r["authority_code"], r["framework"], r["inspection_start"], r["inspection_end"], r["published"],
             r["lead_inspector"]) for r in staffordshire_ilacs} == {
        ("E10000028", "ILACS-short", "2023-11-06", "2023-11-10", "", "Alison Smale")}
    assert sorted((r["area"], r["grade"], r["grade_rank"]) for r in staffordshire_ilacs) == [
        ("care-leavers", "requires improvement to be good", "3"),
        ("children-in-care", "good", "2"),
        ("help-and-protection", "requires improvement to be good", "3"),
        ("impact-of-leaders", "requires improvement to be good", "3"),
        ("overall-effectiveness", "requires improvement to be good", "3"),
    ]


def test_agreement_with_the_peer_summary_after_adjudication(corpus_store, shared_dir: Path) -> None:
    accuracy = _accuracy_module()
    ours = accuracy.rows_from_store(corpus_store.store)
    peer = accuracy.load_peer(shared_dir / "corpus")
    stale = accuracy.apply_corrections(peer, accuracy.load_corrections(accuracy.CORRECTIONS))
    assert stale == []  # every recorded peer error still describes the peer's file
    agreed, disagreements, unparsed = accuracy.compare(ours, peer)
    assert unparsed == []
    total = len(peer)
    assert total == 117
    low = {field: count / total for field, count in agreed.items() if count / total < 0.99}
    assert low == {}, disagreements


def test_outcomes_sheet_of_the_corpus_has_every_council_and_agrees_with_latest_judgements(corpus_store) -> None:
    from cskg.api.exports.summary import summary

    book = summary(corpus_store.store)
    sheet = [dict(zip(book.outcomes.names, row)) for row in book.outcomes.rows]
    assert len(sheet) == 153 and len({r["gss_code"] for r in sheet}) == 153
    latest = {r["authority_code"]: r for r in load_query("latest-judgements").run(corpus_store.store).as_dicts()}
    inspected = {r["gss_code"]: r for r in sheet if r["framework"]}
    assert set(inspected) == set(latest) and len(latest) > 70
    for code, row in inspected.items():
        expected = latest[code]
        assert {c: row[c] for c in ("framework", "inspection_start", "published", "overall", "overall_rank")} == {
            c: expected[c] for c in ("framework", "inspection_start", "published", "overall", "overall_rank")}
        assert row["report_file"] == expected["source"]
        if row["children_in_care_and_care_leavers"]:  # 2018-22 ILACS: the combined judgement in its own column
            assert (row["children_in_care"], row["care_leavers"]) == (None, None)
            assert expected["children_in_care"] == expected["care_leavers"] == row["children_in_care_and_care_leavers"]
        else:
            assert (row["children_in_care"], row["care_leavers"]) == (
                expected["children_in_care"], expected["care_leavers"])
    combined = [r for r in inspected.values() if r["children_in_care_and_care_leavers"]]
    assert combined and all("2018" <= r["inspection_start"] < "2023" for r in combined)


def test_every_link_of_the_outcomes_workbook_resolves(corpus_store) -> None:
    from cskg.api.exports.summary import summary

    book = summary(corpus_store.store)
    ofsted = re.compile(r"https://reports[.]ofsted[.]gov[.]uk/provider/44/[0-9]{5,7}")
    for sheet in (book.outcomes, book.inspections):
        for row in (dict(zip(sheet.names, r)) for r in sheet.rows):
            if row["report_file"] is not None:
                assert (CORPUS / row["report_file"]).is_file() or (SEEDS / row["report_file"]).is_file()
            if "ofsted_page" in row:
                assert ofsted.fullmatch(row["ofsted_page"]), row
    assert len(book.inspections.rows) == len(corpus_store.summary.loaded)


def test_gephi_labels_of_the_corpus_stand_alone(corpus_store) -> None:
    from cskg.api.exports.labels import council_codes
    from cskg.api.exports.network import build_network

    g = build_network(corpus_store.store, "inspections", neighbours=True)
    labels = [d["label"].casefold() for _, d in g.nodes(data=True)]
    assert len(labels) == len(set(labels))
    names = {d["gss_code"]: d["label"] for _, d in g.nodes(data=True) if d["category"] == "authority"}
    own = [(n, d) for n, d in g.nodes(data=True) if d["category"] in ("organisation", "service")
           and len(council_codes(n)) == 1]
    assert len(own) > 100
    for node, data in own:  # a council's own body names its council
        assert names[council_codes(node)[0]].casefold() in data["label"].casefold()
    shared = [d for n, d in g.nodes(data=True) if d["category"] == "organisation" and not council_codes(n)]
    assert shared and all(d["label"] == d["name"] for d in shared)  # a body with a name of its own keeps it


def test_no_finding_or_recommendation_holds_ofsteds_back_cover(corpus_store) -> None:
    # The closing page (what Ofsted is, its licence, its address) is cut off in the reader, for every framework.
    rows = corpus_store.store.select("""
        PREFIX cskg: <https://w3id.org/cskg/ontology#>
        SELECT ?kind (COUNT(DISTINCT ?item) AS ?n) (SUM(IF(REGEX(?text,
            "regulates and inspects|Piccadilly Gate|Open Government Licence|enquiries@ofsted[.]gov[.]uk"), 1, 0)) AS ?back)
        WHERE { { ?i cskg:hasFinding ?item BIND("finding" AS ?kind) } UNION
                { ?i cskg:hasRecommendation ?item BIND("recommendation" AS ?kind) }
                ?item cskg:text ?text }
        GROUP BY ?kind ORDER BY ?kind""").as_dicts()
    assert {r["kind"]: r["back"] for r in rows} == {"finding": 0, "recommendation": 0}
    assert all(r["n"] > 2000 for r in rows)
