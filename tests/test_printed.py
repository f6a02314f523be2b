"""parsing.JoinedText, the blocks as one searchable text with spans in Document.text, and find_printed: a pattern
over the printed lines of consecutive blocks."""

from __future__ import annotations

import re

from cskg.loaders.parsing import JoinedText, find_printed, search_printed
from cskg.loaders.readers.text import read as read_text

ROW = re.compile(r"(?P<label>help\s+and\s+protection)[\s|]+(?P<grade>good|inadequate)", re.I)


def test_a_label_wrapped_into_the_next_block_matches_with_its_span_in_the_text() -> None:
    doc = read_text("t.txt", b"Judgement\n\nChildren who need help and\n\nprotection\n\nInadequate\n\nLater words\n",
                    "0" * 64)
    found = search_printed(doc, doc.blocks, ROW)
    assert found is not None and found["grade"] == "Inadequate"
    assert doc.text[found.start:found.end] == "help and\n\nprotection\n\nInadequate"
    assert search_printed(doc, doc.blocks, ROW, reach=1) is None  # one block alone does not hold it


def test_markup_the_reader_dropped_is_outside_the_span() -> None:
    doc = read_text("t.md", b"| <b>2. Help and protection</b>   | **Good** |\n", "0" * 64)
    found = search_printed(doc, doc.blocks, ROW)
    assert found is not None and found["grade"] == "Good"
    assert doc.text[found.start:found.end] == "Help and protection</b>   | **Good"


def test_each_match_once_in_reading_order_and_anchored_at_printed_lines() -> None:
    doc = read_text("t.txt", b"Help and protection good\nthen help and protection inadequate\n\nHelp and protection good\n",
                    "0" * 64)
    assert [m["grade"] for m in find_printed(doc, doc.blocks, ROW)] == ["good", "inadequate", "good"]
    at_line_start = re.compile(r"^help\s+and\s+protection\s+(?P<grade>\w+)", re.I | re.M)
    assert [m["grade"] for m in find_printed(doc, doc.blocks, at_line_start)] == ["good", "good"]


def test_a_match_over_joined_blocks_spans_where_it_is_printed() -> None:
    doc = read_text("t.txt", b"Westvale      acted      within      weeks of joining in 2015 services were judged good.\n\n"
                             b"Its  board  met  in  May.\n", "0" * 64)
    joined = JoinedText.of(doc, doc.blocks)
    assert joined.text == ("Westvale acted within weeks of joining in 2015 services were judged good. "
                           "Its board met in May.")
    # "in" is printed inside "joining" too, where the folded spaces put it at the same distance into the block
    start, end = joined.span(*re.search(r"in 2015.*?good\.", joined.text).span())
    assert doc.text[start:end] == "in 2015 services were judged good."
    start, end = joined.span(*re.search(r"good\. Its board", joined.text).span())
    assert doc.text[start:end] == "good.\n\nIts  board"
    assert [joined.piece_at(i) for i in (0, 73, 74)] == [0, 0, 1]  # the separator belongs to the piece before


def test_a_printed_star_is_text_not_markup() -> None:
    doc = read_text("t.txt", b"In  Westvale  five  pupils  gained  grades  A*  to  C in  2015.\n", "0" * 64)
    joined = JoinedText.of(doc, doc.blocks)
    start, end = joined.span(*re.search(r"A\* to C in", joined.text).span())
    assert doc.text[start:end] == "A*  to  C in"
