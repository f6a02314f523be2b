"""loaders: file -> Document -> ReportRecord. Reads PDF, text and markdown; recognises the framework."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks import detect
from cskg.loaders.organisations import extract_organisations
from cskg.loaders.plausibility import check_record
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord

__all__ = ["RejectedInput", "ReportRecord", "load_record", "load_records"]


def load_record(path: str | Path, source: str | None = None) -> ReportRecord:
    """Read one report file into its record. `source` is the name the record keeps for the file
    (its path relative to the folder being ingested); it defaults to the file's name."""
    path = Path(path)
    doc = read_document(path)
    _, parser = detect(doc)
    record = check_record(parser.parse(doc, source or path.name), doc, parser.EXPECTED)
    # Boards, partnerships and services are read the same way whatever the framework.
    return replace(record, organisations=record.organisations + extract_organisations(doc, record))


def load_records(path: str | Path, source: str | None = None) -> tuple[ReportRecord, ...]:
    """Every report a file holds, in the order they are printed."""
    return (load_record(path, source),)
