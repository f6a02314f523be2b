"""Shared fixtures. Report data is read from ../shared (or $CSKG_SHARED); never copied here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CSKG_SHARED", PROJECT_ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "reports"


def seed(prefix: str) -> Path:
    """A seed by its number prefix ('000' .. '004')."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix} not found under {SEEDS}; set CSKG_SHARED to the shared data folder")
    return matches[0]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED}; set CSKG_SHARED to the shared data folder")
    return SHARED


@dataclass(frozen=True)
class IngestedCorpus:
    store: object  # cskg.graph.stores.Store
    summary: object  # cskg.graph.ingest.IngestSummary


@pytest.fixture(scope="session")
def corpus_store(shared_dir: Path) -> IngestedCorpus:
    """The seeds and the whole corpus ingested once, with all cores, into an in-memory store."""
    from cskg.graph.ingest import ingest
    from cskg.graph.stores import open_store

    store = open_store(":memory:")
    summary = ingest([SEEDS, CORPUS], store)
    return IngestedCorpus(store, summary)
