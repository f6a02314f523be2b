"""The search page: the form, and the newest hits of the REST search (the full-text index) when words are given."""

from __future__ import annotations

from dataclasses import dataclass

from cskg.api import lookups, models
from cskg.graph.text_index import TextIndex

MAX_HITS = 500


@dataclass(frozen=True, slots=True)
class SearchPage:
    q: str
    authority: str
    results: models.SearchResults | None  # None until words are given


def search(index: TextIndex, q: str, authority: str | None, limit: int) -> SearchPage:
    words = q.strip()
    if words and not 2 <= len(words) <= 200:
        raise ValueError("give 2 to 200 characters to search for")
    results = lookups.search(index, words, min(max(limit, 1), MAX_HITS), authority or None) if words else None
    return SearchPage(words, authority or "", results)
