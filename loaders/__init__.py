"""loaders: file -> Document -> ReportRecord. Reads PDF, text and markdown; recognises the framework."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.records import ReportRecord

# The readers and parsers are imported when a file is read, not with the package: graph/ and the server import
# cskg.loaders for its records and keys, and the PDF reader and framework parsers cost their start-up ~0.3 s.

__all__ = ["RejectedInput", "ReportRecord", "load_record", "load_records"]


def load_records(path: str | Path, source: str | None = None) -> tuple[ReportRecord, ...]:
    """Every report a file holds, in the order they are printed (loaders/report_parts.py), each with the
    same source: the name the record keeps for the file (its path relative to the folder being
    ingested), the file's name by default. RejectedInput when any of them cannot be read."""
    from cskg.loaders.readers import read_document
    from cskg.loaders.report_parts import parts

    path = Path(path)
    return tuple(_record(part, source or path.name) for part in parts(read_document(path)))


def load_record(path: str | Path, source: str | None = None) -> ReportRecord:
    """The record of a file holding one report; RejectedInput for a file holding several."""
    records = load_records(path, source)
    if len(records) != 1:
        raise RejectedInput(str(path), f"the file holds {len(records)} reports; read it with load_records")
    return records[0]


def _record(doc: Document, source: str) -> ReportRecord:
    from cskg.loaders.frameworks import detect
    from cskg.loaders.organisations import extract_organisations
    from cskg.loaders.plausibility import check_record

    _, framework = detect(doc)
    record = check_record(framework.parse(doc, source), doc, framework.expected)
    # Boards, partnerships and services are read the same way whatever the framework.
    return replace(record, organisations=record.organisations + extract_organisations(doc, record))
