"""Damaged input (Hardening item 6): what is not one report is refused with a message naming the file
and the reason; a report read with gaps loads with a warning; a batch holding damaged files stores
every good report whole and nothing of the damaged ones. Inputs are built from real reports."""

from __future__ import annotations

import ctypes
import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from cskg.graph.ingest import ingest
from cskg.graph.namespaces import CSKG
from cskg.graph.stores import open_store
from cskg.loaders import RejectedInput, load_record
from cskg.loaders.frameworks import FRAMEWORKS
from cskg.loaders.readers.pdf_structure import check_compressed_streams, check_cross_references
from tests.conftest import CORPUS, seed

SIF_PDF = "bromley/2016-06-27.pdf"  # a SIF report with its LSCB review: seven judgements


def _rejected(path: Path) -> str:
    with pytest.raises(RejectedInput) as caught:
        load_record(path)
    assert caught.value.path == str(path)
    return caught.value.reason


def _variant(tmp_path: Path, prefix: str, change, name: str | None = None) -> Path:
    path = tmp_path / (name or f"{prefix}-variant.txt")
    path.write_text(change(seed(prefix).read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _with_garbage_inserted(data: bytes, at: float, size: int = 64 * 1024) -> bytes:
    cut = int(len(data) * at)
    return data[:cut] + random.Random(cut).randbytes(size) + data[cut:]


def _with_garbage_page(data: bytes, index: int) -> bytes:
    """The PDF with a page of random words inserted before page `index` (0-based), built with pypdfium2."""
    pdf = pdfium.PdfDocument(data)
    page = pdf.new_page(595, 842, index=index)
    rng = random.Random(index)
    for line in range(40):
        words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                         for _ in range(12))
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 10.0)
        encoded = (words + "\0").encode("utf-16-le")
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(encoded), ctypes.POINTER(ctypes.c_ushort)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, 800 - 18 * line)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


# ------------------------------------------------------------------ refused

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_a_report_printed_twice_in_one_file_is_refused(tmp_path: Path, prefix: str) -> None:
    reason = _rejected(_variant(tmp_path, prefix, lambda text: text + "\n\n" + text))
    assert reason.startswith("the report is printed more than once in this file (")
    assert "give each report once" in reason


@pytest.mark.parametrize("at", [0.3, 0.5, 0.7])
def test_a_pdf_with_garbage_inserted_is_refused_as_damaged(tmp_path: Path, at: float) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(_with_garbage_inserted((CORPUS / SIF_PDF).read_bytes(), at))
    reason = _rejected(path)
    assert reason.startswith("corrupt PDF: ") and "download the report again" in reason


def _deflated_streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each FlateDecode stream's data, longest first."""
    spans = []
    for keyword in re.finditer(rb"(?<![A-Za-z])stream\r?\n", data):
        head = data.rfind(b" obj", 0, keyword.start())
        if b"/FlateDecode" in data[head:keyword.start()]:
            spans.append((keyword.end(), data.find(b"endstream", keyword.end())))
    return sorted(spans, key=lambda span: span[0] - span[1])


@pytest.mark.parametrize("which", [0, 1, 2, 5])
def test_a_pdf_with_bytes_overwritten_in_a_compressed_stream_is_refused(tmp_path: Path, which: int) -> None:
    """Overwritten in place, nothing moves, so the cross-references still hold; PDFium would read the stream
    as far as it can (a report once lost 60 of its 132 findings that way). The stream's checksum tells."""
    data = bytearray((CORPUS / SIF_PDF).read_bytes())
    start, end = _deflated_streams(bytes(data))[which]
    middle = (start + end) // 2
    data[middle:middle + 300] = random.Random(which).randbytes(300)
    path = tmp_path / "overwritten.pdf"
    path.write_bytes(bytes(data))
    reason = _rejected(path)
    assert re.match(r"corrupt PDF: the compressed stream of object \d+ is (damaged|cut short)", reason), reason


def test_every_corpus_pdf_passes_the_structure_checks() -> None:
    checked = 0
    for path in sorted(CORPUS.rglob("*.pdf")):
        data = path.read_bytes()
        if data.startswith(b"%PDF-"):
            check_cross_references(str(path), data)
            check_compressed_streams(str(path), data)
            checked += 1
    assert checked == 225


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes((CORPUS / SIF_PDF).read_bytes()[:200_000])
    assert "truncated" in _rejected(path)


@pytest.mark.parametrize("size", [115_000, 10_000_000])
def test_a_single_line_text_is_refused_before_parsing(tmp_path: Path, size: int) -> None:
    words = " ".join(seed("001").read_text(encoding="utf-8").split())
    path = tmp_path / "one-line.txt"
    path.write_text((words * (size // len(words) + 1))[:size], encoding="utf-8")
    assert _rejected(path).startswith(f"a line of {size:,} characters: not a report's text")


def test_a_report_with_no_judgement_is_refused(tmp_path: Path) -> None:
    def ungraded(text: str) -> str:
        text = re.sub(r"\t(?:Requires improvement to be good|Good|Inadequate|Outstanding)\n", "\n", text)
        return re.sub(r"^(#+ [^\n]*): [a-z ]+$", r"\1", text, flags=re.M)
    path = _variant(tmp_path, "001", ungraded)
    assert _rejected(path).startswith("no graded judgement found, and every ILACS-")


@pytest.mark.parametrize("prefix, old, new, framework", [
    ("004", "1/06/2015 – 25/06/2015", "1/06/2009 – 25/06/2009", "SIF"),
    ("003", "28 November 2011 to 09 December 2011", "28 November 2016 to 09 December 2016", "SLAC"),
    ("001", "6 to 10 November 2023", "6 to 10 November 2016", "ILACS-"),
])
def test_inspection_dates_outside_the_frameworks_years_are_refused(tmp_path: Path, prefix: str, old: str,
                                                                     new: str, framework: str) -> None:
    text = seed(prefix).read_text(encoding="utf-8")
    assert old in text
    path = _variant(tmp_path, prefix, lambda t: t.replace(old, new))
    reason = _rejected(path)
    assert reason.startswith("inspection start ") and f"lies outside the years of {framework}" in reason


def test_a_date_in_the_future_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "001", lambda t: t.replace("6 to 10 November 2023", "6 to 10 November 2093"))
    assert "lies in the future" in _rejected(path)


def test_the_frameworks_years_are_the_ontologys() -> None:
    from rdflib import Graph

    from cskg.graph.namespaces import framework_uri
    from cskg.ontology import ONTOLOGY_DIR

    g = Graph().parse(ONTOLOGY_DIR / "vocabularies.ttl")
    for framework in FRAMEWORKS:
        for notation in framework.notations:
            uri = framework_uri(notation)
            until = g.value(uri, CSKG.inUseUntil)
            assert int(str(g.value(uri, CSKG.inUseFrom))) == framework.expected.first_year, notation
            assert (int(str(until)) if until is not None else None) == framework.expected.last_year, notation


# ------------------------------------------------------------------ loaded, with a warning

def test_a_garbage_page_inside_a_pdf_leaves_the_report_whole(tmp_path: Path) -> None:
    """A page of noise between two pages of a whole PDF is no damage to the report: it loads as the
    original does. The same page in front of its title makes it no recognisable report."""
    original = load_record(CORPUS / SIF_PDF)
    inside = tmp_path / "inside.pdf"
    inside.write_bytes(_with_garbage_page((CORPUS / SIF_PDF).read_bytes(), 10))
    record = load_record(inside)
    assert record.page_count == original.page_count + 1
    assert [(j.area, j.grade) for j in record.judgements] == [(j.area, j.grade) for j in original.judgements]
    assert len(record.findings) == len(original.findings) == 110  # numbered paragraphs, recommendations apart
    assert len(record.recommendations) == len(original.recommendations) == 23
    front = tmp_path / "front.pdf"
    front.write_bytes(_with_garbage_page((CORPUS / SIF_PDF).read_bytes(), 0))
    assert _rejected(front).startswith("not a recognised Ofsted local authority children's services inspection")


def test_a_visit_longer_than_any_inspection_is_a_warning(tmp_path: Path) -> None:
    path = _variant(tmp_path, "001", lambda t: t.replace("6 to 10 November 2023", "6 November to 29 December 2023"))
    record = load_record(path)
    assert [w.code for w in record.warnings] == ["implausible-date"]
    assert "runs 53 days" in record.warnings[0].message


def test_paragraph_numbers_printed_twice_are_a_warning(tmp_path: Path) -> None:
    path = _variant(tmp_path, "001", lambda t: t.replace("- 5. When children", "- 4. When children"))
    record = load_record(path)
    assert [w.code for w in record.warnings] == ["duplicated-paragraphs"]
    assert record.warnings[0].message == "paragraph numbers printed twice: 4"


def test_a_few_long_paragraphs_printed_twice_are_a_warning(tmp_path: Path) -> None:
    """Two paragraphs printed again right after themselves (a page printed twice): the report is still
    one report, so it loads, with its repeated paragraph numbers and texts named."""
    def repeat_two(text: str) -> str:
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("- 12. "))
        return "\n".join(lines[:at + 1] + lines[at - 1:at + 1] + lines[at + 1:])
    record = load_record(_variant(tmp_path, "001", repeat_two))
    assert {w.code for w in record.warnings} == {"duplicated-paragraphs"}
    assert sorted(w.message for w in record.warnings) == ["2 long paragraphs printed twice",
                                                          "paragraph numbers printed twice: 11, 12"]


# ------------------------------------------------------------------ a batch

def test_a_batch_with_damaged_files_stores_the_good_reports_whole_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for prefix in ("000", "001", "004"):
        (folder / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
    (folder / "twice.txt").write_text(seed("003").read_text(encoding="utf-8") * 2, encoding="utf-8")
    (folder / "garbage.pdf").write_bytes(_with_garbage_inserted((CORPUS / SIF_PDF).read_bytes(), 0.5))
    (folder / "line.txt").write_text("x " * 6_000_000, encoding="utf-8")
    _variant(folder, "004", lambda t: t.replace("1/06/2015 – 25/06/2015", "1/06/2009 – 25/06/2009"), "old.txt")
    store = open_store(":memory:")
    summary = ingest([folder], store, jobs=2)
    assert sorted(item.source for item in summary.loaded) == sorted(seed(p).name for p in ("000", "001", "004"))
    reasons = {item.source: item.reason for item in summary.rejected}
    assert sorted(reasons) == ["garbage.pdf", "line.txt", "old.txt", "twice.txt"]
    assert reasons["garbage.pdf"].startswith("corrupt PDF")
    assert reasons["twice.txt"].startswith("the report is printed more than once")
    assert reasons["line.txt"].startswith("a line of 12,000,000 characters")
    assert reasons["old.txt"].startswith("inspection start 2009-06-01 lies outside the years of SIF")
    # Only the three good reports' graphs are stored, each whole (as many triples as the ingest counted).
    report_graphs = sorted(g for g in store.graphs() if "/graph/report/" in g)
    assert report_graphs == sorted(item.graph for item in summary.loaded)
    for item in summary.loaded:
        counted = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{item.graph}> {{ ?s ?p ?o }} }}")
        assert int(counted.as_dicts()[0]["n"]) == item.triples
    sources = {row["s"] for row in store.select(
        "SELECT ?s WHERE { ?r <https://w3id.org/cskg/ontology#sourcePath> ?s }").as_dicts()}
    assert sources == {seed(p).name for p in ("000", "001", "004")}
