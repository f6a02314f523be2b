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


def seed_reprinted(folder: Path, prefix: str, start: str, end: str, printed: str) -> Path:
    """A copy of a seed whose text from `start` up to `end` is printed as `printed` instead (a report's head
    reflowed, say), written into `folder`."""
    text = seed(prefix).read_text(encoding="utf-8")
    copy = folder / f"{prefix}-reprinted.txt"
    copy.write_text(text[:text.index(start)] + printed + text[text.index(end):], encoding="utf-8")
    return copy


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/data/golden from what the loaders extract now (also CSKG_UPDATE_GOLDEN=1)")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden")) or os.environ.get("CSKG_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def loaded_files(shared_dir: Path) -> dict:
    """Every seed and corpus file read by the loaders once, with all cores: source -> tests.golden.LoadedFile
    (its records, or the reason it was rejected, and its golden digest). Seeds are keyed 'seeds/<name>'."""
    from concurrent.futures import ProcessPoolExecutor

    from tests.golden import load_file

    items = [(p, p.relative_to(CORPUS).as_posix()) for p in sorted(CORPUS.rglob("*.pdf"))]
    items += [(p, f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return {loaded.source: loaded for loaded in pool.map(load_file, items, chunksize=2)}


def _report_text(path: Path) -> str | None:
    """The text of one corpus or seed file as the readers make it, or None for a file that is no report (an
    HTML page saved as .pdf); runs in a worker process."""
    from cskg.loaders import RejectedInput
    from cskg.loaders.readers import read_document

    try:
        return read_document(path).text
    except RejectedInput:
        return None


@pytest.fixture(scope="session")
def report_texts(shared_dir: Path, request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The text of every corpus report and seed, keyed like loaded_files ('<council>/<date>.pdf',
    'seeds/<name>'). Reading 227 PDFs takes ~20 s on two cores, so each text is kept in the pytest cache folder
    under its file's SHA-256 (and reader version): later runs read only new or changed files."""
    import hashlib
    from concurrent.futures import ProcessPoolExecutor

    readers = PROJECT_ROOT / "loaders" / "readers"
    version = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(readers.glob("*.py")))).hexdigest()[:12]
    store = getattr(request.config, "cache", None)  # None when run with -p no:cacheprovider: read every file
    cache = store.mkdir(f"report-text-{version}") if store is not None else tmp_path_factory.mktemp("report-text")
    items = [(p, p.relative_to(CORPUS).as_posix()) for p in sorted(CORPUS.rglob("*.pdf"))]
    items += [(p, f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))]
    texts: dict[str, str] = {}
    missing: list[tuple[str, Path, Path]] = []
    for path, source in items:
        kept = cache / f"{hashlib.sha256(path.read_bytes()).hexdigest()}.txt"
        if kept.is_file():
            text = kept.read_text(encoding="utf-8")
            if text:  # an empty file stands for a file that is no report
                texts[source] = text
        else:
            missing.append((source, path, kept))
    if missing:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for (source, _, kept), text in zip(missing, pool.map(_report_text, [m[1] for m in missing], chunksize=2)):
                kept.write_text(text or "", encoding="utf-8")
                if text:
                    texts[source] = text
    return texts
