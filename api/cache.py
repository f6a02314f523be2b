"""The served store with its SELECT results cached.

The server reads a snapshot (an in-memory copy, or a store opened read-only), so a query's answer
cannot change while it runs: REST lookups and named queries repeat the same SELECT texts, and
SelectResult is immutable, so sharing one result between requests is safe.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cskg.graph.stores.base import SelectResult, Store
from cskg.graph.stores.binding import bind_values


class CachedStore:
    def __init__(self, store: Store, maxsize: int = 512) -> None:
        self._store = store
        self._cached_select = lru_cache(maxsize=maxsize)(store.select)

    def select(self, query: str, bindings: dict | None = None) -> SelectResult:
        # Parameters go into the text (as every store binds them), so the text alone is the cache key.
        return self._cached_select(bind_values(query, bindings))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)
