"""A compact digest of what the loaders extract from one report file, for the golden check
(tests/test_golden.py). Counts, dates, grades, keys and the first few words of each item: enough to
show any change to a field, and no report text beyond a few words per item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cskg.graph.mapping import map_record
from cskg.loaders import RejectedInput, load_records
from cskg.loaders.records import ReportRecord

WORDS = 4  # words of an item's text kept in the digest


def first_words(text: str, count: int = WORDS) -> str:
    return " ".join(re.findall(r"\S+", text)[:count])


def _date(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def record_digest(record: ReportRecord) -> dict:
    return {
        "framework": record.framework,
        "authority": record.authority_code,
        "title": first_words(record.title or "", 8),
        "pages": record.page_count,
        "dates": [_date(record.inspection_start), _date(record.inspection_end), _date(record.published)],
        "inspectors": [f"{i.role}: {i.name} ({i.title or ''})" for i in record.inspectors],
        "judgements": [f"{j.area}={j.grade} p{j.evidence.page}" for j in record.judgements],
        "recommendations": [f"{r.number} {r.kind} {r.timescale or '-'} p{r.evidence.page}: {first_words(r.text)}"
                            for r in record.recommendations],
        "findings": [f"{f.paragraph} {f.area or '-'} p{f.evidence.page}: {first_words(f.text)}"
                     for f in record.findings],
        "statistics": [f"{s.measure} {s.unit} {s.value:g} {_date(s.as_of)}" for s in record.statistics],
        "previous": [f"{_date(p.date)} {p.precision} {p.framework} {p.grade}"
                     + "".join(f" {a.area}={a.grade}" for a in p.area_grades) for p in record.previous_inspections],
        "organisations": len(record.organisations),
        "organisation_keys": sorted({m.key for m in record.organisations}),
        "warnings": [str(w) for w in record.warnings],
        "triples": len(map_record(record).graph),
    }


@dataclass(frozen=True)
class LoadedFile:
    source: str
    records: tuple[ReportRecord, ...]  # empty when the file was rejected
    rejected: str | None
    digest: dict


def load_file(item: tuple[Path, str]) -> LoadedFile:
    """One input file's records (or rejection) and its digest; runs in a worker process."""
    path, source = item
    try:
        records = load_records(path, source)
    except RejectedInput as exc:
        return LoadedFile(source, (), exc.reason, {"source": source, "rejected": exc.reason})
    return LoadedFile(source, records, None, {"source": source, "records": [record_digest(r) for r in records]})


def golden_path(folder: Path, source: str) -> Path:
    """golden/seeds/<name>.json for a seed (source 'seeds/<name>'), golden/corpus/<council>/<date>.json"""
    relative = Path(source) if source.startswith("seeds/") else Path("corpus", source)
    return folder / relative.with_suffix(".json")
