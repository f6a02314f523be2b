"""cskg's search syntax, turned into an SQLite FTS5 query that cannot fail to parse.

A search is words, all of which a text must hold (in any order, as whole words, case and accents
ignored); "a phrase in quotes" (its words in that order, next to one another); and word* (any word
starting so). Punctuation inside a word splits it the way the index splits texts ("children's" is
the phrase "children s"). FTS5's own operators (AND, OR, NOT, NEAR, parentheses, column filters)
are not offered: a user typing them gets a message, never an FTS5 error, and every term reaches
FTS5 quoted, so no text a user sends is read as FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskg.errors import QueryError

# What FTS5's unicode61 tokenizer keeps in a token (letters and digits); everything else separates.
TOKEN = re.compile(r"[^\W_]+")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_REFUSED_CHARACTERS = set("(){}[]:^+")
MAX_TERMS = 32
SYNTAX_HELP = ('a search is words (all must occur), "a phrase" in double quotes, or word* for words starting '
               'so, e.g. supervision "private fostering" exploit*')


class SearchSyntaxError(QueryError):
    """A search text cskg cannot read; the message says what is wrong and how to write it."""


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False  # the last token may be the start of a longer word

    def fts5(self) -> str:
        return f'"{" ".join(self.tokens)}"' + ("*" if self.prefix else "")


def tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(text.lower()))


def _term(text: str, prefix: bool, raw: str) -> Term:
    found = tokens(text)
    if not found:
        if prefix:
            raise SearchSyntaxError(f"{raw!r}: a * must follow at least one letter or digit; {SYNTAX_HELP}")
        raise SearchSyntaxError(f"{raw!r} holds no letters or digits to search for; {SYNTAX_HELP}")
    return Term(found, prefix)


def parse_search(text: str) -> tuple[Term, ...]:
    """The terms of a search text; SearchSyntaxError when it is not cskg's search syntax."""
    terms: list[Term] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char == '"':
            closing = text.find('"', position + 1)
            if closing < 0:
                raise SearchSyntaxError(f"unbalanced quote: the phrase starting at character {position + 1} is "
                                        f"never closed; {SYNTAX_HELP}")
            prefix = text.startswith("*", closing + 1)
            end = closing + 1 + prefix
            raw = text[position:end]
            inner = text[position + 1:closing]
            if "*" in inner:
                raise SearchSyntaxError(f"{raw!r}: * goes after the phrase's closing quote; {SYNTAX_HELP}")
            if not tokens(inner):
                raise SearchSyntaxError(f"{raw!r}: the phrase holds no words; {SYNTAX_HELP}")
            terms.append(_term(inner, prefix, raw))
            position = end
            continue
        match = re.compile(r'[^\s"]+').match(text, position)
        assert match is not None  # a non-space, non-quote character starts a word
        word = match.group(0)
        position = match.end()
        if word in _OPERATORS or word.startswith("NEAR("):
            raise SearchSyntaxError(f"{word.split('(')[0]!r}: search operators are not supported; {SYNTAX_HELP}")
        refused = sorted(_REFUSED_CHARACTERS.intersection(word))
        if refused:
            raise SearchSyntaxError(f"{word!r}: {''.join(refused)} is not part of the search syntax; {SYNTAX_HELP}")
        prefix = word.endswith("*")
        stem = word[:-1] if prefix else word
        if "*" in stem:
            raise SearchSyntaxError(f"{word!r}: * may only end a word; {SYNTAX_HELP}")
        if not tokens(stem) and not prefix:
            continue  # a lone dash or ampersand between words: separators, as in the indexed texts
        terms.append(_term(stem, prefix, word))
    if not terms:
        raise SearchSyntaxError(f"no words to search for in {text[:80]!r}; {SYNTAX_HELP}")
    if len(terms) > MAX_TERMS:
        raise SearchSyntaxError(f"{len(terms)} search terms: give at most {MAX_TERMS}")
    return tuple(terms)


def fts5_query(text: str) -> str:
    """The FTS5 MATCH expression for a search text: every term quoted, all of them required."""
    return " ".join(term.fts5() for term in parse_search(text))
