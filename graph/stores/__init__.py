"""Stores: one interface (base.Store), three kinds; open_store picks one from a location."""

from __future__ import annotations

import os
from pathlib import Path

from cskg.graph.stores.base import MEMORY, SelectResult, Store, StoreError, is_folder, is_server, no_store
from cskg.graph.stores.oxigraph_store import OxigraphStore, UnsupportedMediaType, checkpoint
from cskg.graph.stores.remote import RemoteStore

DEFAULT_LOCATION = "cskg-store"

__all__ = ["DEFAULT_LOCATION", "MEMORY", "OxigraphStore", "RemoteStore", "SelectResult", "Store",
           "StoreError", "UnsupportedMediaType", "checkpoint", "is_folder", "is_server", "open_store", "resolve_location"]


def resolve_location(location: str | None) -> str:
    """--store, else CSKG_STORE, else ./cskg-store."""
    return location or os.environ.get("CSKG_STORE") or DEFAULT_LOCATION


def open_store(location: str | None = None, *, read_only: bool = False) -> Store:
    loc = resolve_location(location)
    if loc == MEMORY:
        return OxigraphStore(None)
    if is_server(loc):
        return RemoteStore(loc)
    path = Path(loc)
    if path.exists() and not path.is_dir():
        raise StoreError(f"the store location {loc} is a file, not a folder: "
                         "pass a folder (it is created if absent) with --store or CSKG_STORE")
    if read_only and not path.exists():
        raise no_store(loc)
    return OxigraphStore(path, read_only=read_only)
