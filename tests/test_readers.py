"""Readers: files -> Document with pages, offsets and blocks; bad files rejected with a reason."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cskg.loaders.authorities import authority_index
from cskg.loaders.document import Block, Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.readers import read_document, sniff
from tests.conftest import CORPUS, seed

BARKING_2023 = CORPUS / "barking-and-dagenham" / "2023-09-04.pdf"
HARTLEPOOL_2018 = CORPUS / "hartlepool" / "2018-08-28.pdf"


def numbered(doc: Document) -> dict[int, Block]:
    blocks = [b for b in doc.blocks if b.kind == "numbered"]
    assert len({b.number for b in blocks}) == len(blocks), "a paragraph number appears twice"
    return {b.number: b for b in blocks}


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def barking() -> Document:
    return read_document(BARKING_2023)


@pytest.fixture(scope="module")
def seed_001() -> Document:
    return read_document(seed("001"))


# ---------------------------------------------------------------- sniffing and rejection

def test_sniff_decides_from_content_not_name() -> None:
    assert sniff(b"%PDF-1.7\n%\xe2\xe3") == "application/pdf"
    assert sniff(b"\n  <!DOCTYPE html>\n<html lang='en'>") == "text/html"
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "application/octet-stream"
    assert sniff("Inspection of Staffordshire".encode()) == "text/plain"


@pytest.mark.parametrize("name", ["bromley/2012-08-17.pdf", "blackpool/2012-07-13.pdf"])
def test_html_saved_as_pdf_is_rejected_with_what_to_do(name: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        read_document(CORPUS / name)
    assert "HTML page" in caught.value.reason
    assert "download the PDF" in caught.value.reason


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(RejectedInput, match="the file is empty"):
        read_document(empty)


def test_whitespace_only_text_is_rejected(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n   \n")
    with pytest.raises(RejectedInput, match="empty"):
        read_document(blank)


def test_truncated_pdf_is_rejected_as_corrupt(tmp_path: Path) -> None:
    data = BARKING_2023.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(RejectedInput) as caught:
        read_document(truncated)
    assert caught.value.reason.startswith("corrupt")
    assert "download the report again" in caught.value.reason


def _encrypted_pdf() -> bytes:
    """A one-page PDF whose trailer names a Standard security handler with a user password
    (the O and U entries match no empty password), as a protected report would."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"ab" * 16, b"ab" * 16, xref))
    return bytes(out)


def test_encrypted_pdf_is_rejected_with_what_to_do(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted_pdf())
    with pytest.raises(RejectedInput) as caught:
        read_document(locked)
    assert "encrypted" in caught.value.reason
    assert "save an unprotected copy" in caught.value.reason


def test_pdf_without_text_layer_is_rejected_with_ocr_advice(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(buffer.getvalue())
    with pytest.raises(RejectedInput) as caught:
        read_document(scanned)
    assert "no text layer" in caught.value.reason
    assert "OCR" in caught.value.reason


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    image = tmp_path / "report.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(RejectedInput, match="neither PDF nor text"):
        read_document(image)


# ---------------------------------------------------------------- PDF pages and blocks

def test_pdf_pages_tile_the_text_with_their_offsets(barking: Document) -> None:
    assert barking.media_type == "application/pdf"
    assert barking.page_count == 12
    assert [p.number for p in barking.pages] == list(range(1, 13))
    assert barking.pages[0].start == 0
    for before, after in zip(barking.pages, barking.pages[1:]):
        assert after.start == before.end + 2  # pages are joined by one blank line
        assert barking.text[before.end:after.start] == "\n\n"
    assert barking.pages[-1].end == len(barking.text)
    page_2 = barking.text[barking.pages[1].start:barking.pages[1].end]
    assert "What needs to improve?" in page_2
    assert barking.page_at(barking.text.index("What needs to improve?")) == 2


def test_pdf_text_matches_pypdfium2_words(barking: Document) -> None:
    pdf = pdfium.PdfDocument(str(BARKING_2023))
    try:
        for index in (0, 5, 11):
            expected = pdf[index].get_textpage().get_text_range().replace("\ufffe", "-")
            page = barking.pages[index]
            assert folded(barking.text[page.start:page.end]) == folded(expected)
    finally:
        pdf.close()


def test_numbered_paragraphs_are_each_found_once_in_order(barking: Document) -> None:
    paragraphs = numbered(barking)
    assert sorted(paragraphs) == list(range(1, 69))
    assert [b.number for b in barking.blocks if b.kind == "numbered"] == list(range(1, 69))
    assert paragraphs[1].text.startswith("Children and families have access to a good range")
    assert not paragraphs[1].text.startswith("1.")  # the number lives in Block.number


def test_numbered_paragraph_continues_across_the_page_break(barking: Document) -> None:
    fourth = numbered(barking)[4]
    assert fourth.page == 2
    assert barking.page_at(fourth.end - 1) == 3
    assert "For a small number of children, this results in responses" in fourth.text
    assert fourth.text.endswith(".")


def test_running_headers_and_page_numbers_never_become_blocks(barking: Document) -> None:
    # the ILACS title, with the council's name from the reference data
    council = authority_index().by_gss["E09000002"].name
    header = f"Inspection of London Borough of {council} local authority children’s services"
    assert barking.text.count(header) == 11  # printed on every page but the first
    assert not any(header in b.text for b in barking.blocks)
    assert not any(re.search(r"10 to 21 July 2023 \d", b.text) for b in barking.blocks)


def test_line_joined_by_pdfium_at_a_hyphen_stays_in_its_paragraph(barking: Document) -> None:
    twelfth = numbered(barking)[12]
    assert "over-optimistic" in twelfth.text
    assert "future and contingency planning" in twelfth.text
    assert "they remain in circumstances that are harmful" in twelfth.text


def test_headings_bullets_and_wrapped_section_headings(barking: Document) -> None:
    headings = [b.text for b in barking.blocks if b.kind == "heading"]
    assert "What needs to improve?" in headings
    assert ("The experiences and progress of children who need help and protection: "
            "requires improvement to be good") in headings
    assert "The experiences and progress of care leavers: good" in headings
    index = [b.text for b in barking.blocks].index("What needs to improve?")
    bullets = []
    for block in barking.blocks[index + 1:]:
        if block.kind != "bullet":
            break
        bullets.append(block.text)
    assert len(bullets) == 8
    assert bullets[0] == "Timeliness of strategy meetings."
    # the fifth item whole, from its first words to its last, as one bullet
    assert bullets[4].startswith("Consistency of response to 16-") and bullets[4].endswith("present as homeless.")
    assert len(bullets[4].split()) == 11


def test_heading_wrapped_after_its_colon_is_one_heading() -> None:
    doc = read_document(HARTLEPOOL_2018)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "The experiences and progress of children in care and care leavers: Outstanding" in headings


def test_block_spans_point_at_their_text(barking: Document) -> None:
    for block in barking.blocks:
        span = folded(barking.text[block.start:block.end])
        assert block.text[:12].replace("-", "") in span.replace("- ", "").replace("-", ""), block
        assert block.page == barking.page_at(block.start)


# ---------------------------------------------------------------- text seeds

def test_text_seed_is_one_unpaginated_page(seed_001: Document) -> None:
    assert seed_001.media_type == "text/markdown"
    assert seed_001.page_count is None
    assert seed_001.paginated is False
    assert all(b.page is None for b in seed_001.blocks)


def test_text_seed_numbered_paragraphs_and_page_break_tails(seed_001: Document) -> None:
    paragraphs = numbered(seed_001)
    assert sorted(paragraphs) == list(range(1, 46))
    # the seed marks page breaks with blank lines and sometimes a dash before the continuation
    assert paragraphs[24].text.endswith("not precisely aligned to their academic abilities or needs.")
    assert "still more to do to ensure that all" in paragraphs[24].text
    assert "frustrations which take too long to resolve" in paragraphs[43].text
    assert not any(b.kind == "bullet" and b.text.startswith("to ensure") for b in seed_001.blocks)


def test_text_seed_table_rows_keep_their_cells(seed_001: Document) -> None:
    rows = [b for b in seed_001.blocks if b.kind == "table_row"]
    assert rows[0].cells == ("Judgement", "Grade")
    assert rows[-1].cells == ("Overall effectiveness", "Requires improvement to be good")
    assert len(rows) == 6


def test_text_seed_headings_and_bullets(seed_001: Document) -> None:
    headings = [b.text for b in seed_001.blocks if b.kind == "heading"]
    assert headings[0] == "Inspection of Staffordshire County Council local authority children's services"
    assert "What needs to improve?" in headings
    assert "The experiences and progress of children in care: good" in headings
    bullets = [b for b in seed_001.blocks if b.kind == "bullet"]
    assert len(bullets) == 4
    assert bullets[0].text.startswith("The quality and effectiveness of management oversight")


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_other_seeds_read_into_blocks(prefix: str) -> None:
    doc = read_document(seed(prefix))
    assert doc.blocks
    assert all(0 <= b.start < b.end <= len(doc.text) for b in doc.blocks)
    assert [b.start for b in doc.blocks] == sorted(b.start for b in doc.blocks)


def test_inline_html_of_text_extractions_is_dropped_from_blocks_and_cells() -> None:
    doc = read_document(seed("004"))
    assert not any("<b>" in b.text or "<sup>" in b.text or any("<" in c for c in b.cells) for b in doc.blocks)
    rows = {b.cells for b in doc.blocks if b.kind == "table_row"}
    assert ("2.1 Adoption performance", "Good") in rows
    assert ("1. Children who need help and protection", "Requires improvement") in rows
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "Review of the effectiveness of the Local Safeguarding Children Board" in headings
    assert "---" not in headings  # a markdown rule is no heading


def test_text_drawn_at_size_one_still_joins_wrapped_lines() -> None:
    """pdfium reports size 1 for text drawn through a scaled matrix (peterborough 2015): line gaps, not
    font sizes, tell a wrapped line from a new block."""
    doc = read_document(CORPUS / "peterborough" / "2015-09-18.pdf")
    bullet = next(b for b in doc.blocks if b.text.startswith("Approximately 45,817 children"))
    assert bullet.kind == "bullet" and bullet.text.endswith("24% of the total population in the area.")


def test_wrapped_heading_at_its_own_line_spacing_is_one_heading() -> None:
    doc = read_document(CORPUS / "barking-and-dagenham" / "2014-07-07.pdf")
    headings = [b.text for b in doc.blocks if b.kind == "heading" and b.page == 30]
    assert headings[:2] == ["Section 2: The effectiveness of the Local Safeguarding Children Board",
                            "The effectiveness of the LSCB requires improvement"]


def test_numbered_line_after_a_subheading_starts_a_paragraph_and_footnotes_are_their_own_blocks() -> None:
    doc = read_document(CORPUS / "st-helens" / "2015-01-20.pdf")
    first = next(b for b in doc.blocks if b.text.startswith("Ensure that the profile"))
    assert first.kind == "numbered" and first.number == 1
    city = read_document(CORPUS / "london-corporation" / "2016-09-20.pdf")
    notes = [b for b in city.blocks if b.kind == "footnote" and b.page == 1]
    # the whole note from its number, though it runs over more lines than a page's edge
    assert [b.text.split()[:3] for b in notes] == [["1", "Ofsted", "produces"]]


def test_a_sentence_running_over_a_page_of_several_footnotes_is_one_block() -> None:
    """Barking's local context: a bullet ends its page mid-sentence ("… from 200 at 31 March"), four notes of
    seven lines stand below it (a number on a line of its own, text a little larger), and "2013." opens the
    next page."""
    doc = read_document(CORPUS / "barking-and-dagenham" / "2014-07-07.pdf")
    bullet = next(b for b in doc.blocks if "from 200 at 31 March" in b.text)
    assert bullet.kind == "bullet" and "from 200 at 31 March 2013. However," in bullet.text
    assert "Census" not in bullet.text
    notes = [b.text.split()[:2] for b in doc.blocks if b.kind == "footnote" and b.page == 8]
    assert notes == [["2", "GLA"], ["3", "Spring"], ["4", "Spring"]]


def test_a_text_opening_with_a_short_line_opens_with_a_heading() -> None:
    from cskg.loaders.readers.text import read
    doc = read("t.txt", b"Context\n\n1. The council looks after 312 children.\n", "0" * 64)
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Context"),
                                                      ("numbered", "The council looks after 312 children.")]


def test_first_page_is_page_one_at_least_its_first_3000_characters(barking: Document) -> None:
    from cskg.loaders.document import FIRST_PAGE_CHARS
    page_one = barking.pages[0]
    assert barking.first_page_end == max(page_one.end, FIRST_PAGE_CHARS)
    first = barking.first_page_blocks
    assert first == tuple(b for b in barking.blocks if b.start < barking.first_page_end and b.kind != "footnote")
    assert any(b.text.startswith(("Inspection dates", "Inspection date")) for b in first)
    from cskg.loaders.readers.text import read
    text = read("t.txt", ("word " * 2000).encode(), "0" * 64)
    assert text.first_page_end == FIRST_PAGE_CHARS
