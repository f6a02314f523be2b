"""loaders/sentences.py: the one sentence splitter, a pure function over a block, with spans in the text."""

from __future__ import annotations

from cskg.loaders.parsing import clean_text
from cskg.loaders.readers import read_document
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.sentences import block_sentences, split
from tests.conftest import CORPUS


def test_split_at_full_stops_before_a_capital_digit_or_quote_but_not_after_abbreviations() -> None:
    text = "Children are seen, e.g. Weekly visits. 12 children wait. ‘Good’ work is seen! Is it? St. Helens acts."
    assert [text[a:b] for a, b in split(text)] == [
        "Children are seen, e.g. Weekly visits.", "12 children wait.", "‘Good’ work is seen!", "Is it?",
        "St. Helens acts."]


def test_sentences_point_at_their_words_in_the_text() -> None:
    doc = read_text("t.txt", b"Context\n\n4. The council looks after\n312 children. Most live\nlocally.\n", "0" * 64)
    block = doc.blocks[1]
    sentences = block_sentences(doc, block)
    assert [(s.text, s.paragraph) for s in sentences] == [("The council looks after 312 children.", 4),
                                                         ("Most live locally.", 4)]
    assert [clean_text(doc.text[s.start:s.end]) for s in sentences] == [s.text for s in sentences]


def test_a_sentence_over_a_page_break_has_no_running_header_and_starts_on_its_page() -> None:
    doc = read_document(CORPUS / "barking-and-dagenham" / "2023-09-04.pdf")
    for block in doc.blocks[1:]:  # the first is the title, on page 1
        for sentence in block_sentences(doc, block):
            assert "Inspection of Barking and Dagenham" not in sentence.text
            assert doc.text[sentence.start:sentence.end].split()[0] == sentence.text.split()[0]
            assert sentence.page == doc.page_at(sentence.start)
