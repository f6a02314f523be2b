"""A file holding two reports gives two records and two graphs, each with its own judgements,
recommendations and findings, and the same source file. Inputs: corpus PDFs joined with pypdfium2."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cskg.graph.ingest import ingest
from cskg.graph.stores import open_store
from cskg.loaders import RejectedInput, load_record, load_records
from tests.conftest import CORPUS

SIF, LSCB = "surrey/2015-06-03.pdf", "surrey/2015-08-03.pdf"  # Surrey's SIF inspection and its separate LSCB review
ILACS = "bromley/2024-01-12.pdf"


def joined_pdf(tmp_path: Path, *names: str) -> Path:
    joined = pdfium.PdfDocument.new()
    for name in names:
        part = pdfium.PdfDocument(CORPUS / name)
        joined.import_pages(part)
        part.close()
    out = io.BytesIO()
    joined.save(out)
    joined.close()
    path = tmp_path / "joined.pdf"
    path.write_bytes(out.getvalue())
    return path


def _facts(record) -> tuple:
    return (record.framework, record.authority_code, record.inspection_start,
            [(j.area, j.grade) for j in record.judgements],
            [r.text[:40] for r in record.recommendations], [(f.paragraph, f.text[:40]) for f in record.findings],
            [(s.measure, s.value) for s in record.statistics])


@pytest.mark.parametrize("first, second", [(SIF, LSCB), (ILACS, SIF)])
def test_two_reports_in_one_pdf_give_the_records_of_each(tmp_path: Path, first: str, second: str) -> None:
    path = joined_pdf(tmp_path, first, second)
    records = load_records(path, "joined.pdf")
    alone = [load_record(CORPUS / first), load_record(CORPUS / second)]
    assert [_facts(r) for r in records] == [_facts(r) for r in alone]
    assert [r.source for r in records] == ["joined.pdf", "joined.pdf"]
    # The second report's evidence points at the joined file's pages.
    offset = alone[0].page_count
    assert records[0].page_count == alone[0].page_count and records[1].page_count == alone[1].page_count
    assert [f.evidence.page for f in records[1].findings] == [f.evidence.page + offset for f in alone[1].findings]
    with pytest.raises(RejectedInput, match="holds 2 reports"):
        load_record(path)


def test_ingest_stores_a_graph_per_report_with_the_same_source(tmp_path: Path) -> None:
    path = joined_pdf(tmp_path, SIF, LSCB)
    store = open_store(":memory:")
    summary = ingest([path], store, jobs=1)
    assert not summary.rejected
    assert sorted(item.framework for item in summary.loaded) == ["LSCB-review", "SIF"]
    rows = store.select("""PREFIX cskg: <https://w3id.org/cskg/ontology#>
        SELECT ?g ?source (COUNT(DISTINCT ?j) AS ?judgements) (COUNT(DISTINCT ?f) AS ?findings) WHERE {
          GRAPH ?g { ?r cskg:sourcePath ?source . ?i cskg:report ?r ; cskg:hasJudgement ?j ; cskg:hasFinding ?f }
        } GROUP BY ?g ?source ORDER BY ?g""").as_dicts()
    alone = [load_record(CORPUS / SIF), load_record(CORPUS / LSCB)]
    assert sorted((r["source"], int(r["judgements"]), int(r["findings"])) for r in rows) == sorted(
        ("joined.pdf", len(a.judgements), len(a.findings)) for a in alone)
