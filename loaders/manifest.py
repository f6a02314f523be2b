"""A manifest of publication dates and report pages: what a report does not print, given by the user.

`cskg ingest PATH… --manifest FILE.csv` reads a CSV with a header row and the columns `file` (the report's
path relative to the folder given to ingest, as cskg names its source), `published` (ISO date, YYYY-MM-DD)
and optionally `url` (the report's page at Ofsted, http or https). A date the report prints wins over the
manifest's; the record says where its date came from. A bad row is named with its line and reason and
left out; the other rows are used.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from cskg.errors import RequestError
from cskg.loaders.records import ReportRecord, ReportWarning

REQUIRED_COLUMNS = ("file", "published")
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a row per report: a manifest of every Ofsted report is a few MB


class ManifestError(RequestError):
    """The manifest as a whole cannot be read (missing file, no header, a required column missing): a usage
    error (exit 2), as the command line gave it."""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    published: date
    url: str | None = None
    line: int = 0  # the row's line in the manifest, for messages


@dataclass(frozen=True, slots=True)
class Manifest:
    entries: dict[str, ManifestEntry]  # by source name (the file relative to the folder given)
    problems: tuple[str, ...]  # "line N: reason" of each row left out


def read_manifest(path: str | Path) -> Manifest:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise ManifestError(f"cannot read the manifest {path} ({exc.strerror})") from exc
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"the manifest {path} is larger than {MAX_MANIFEST_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"the manifest {path} is not UTF-8 text; save it as UTF-8 CSV") from exc
    return parse_manifest(text, str(path))


def parse_manifest(text: str, name: str = "manifest") -> Manifest:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ManifestError(f"{name}: the header row needs the columns file, published (and optionally url); "
                            f"missing: {', '.join(missing)}")
    reader.fieldnames = columns
    entries: dict[str, ManifestEntry] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        entry, problem = _entry(row, line)
        file = (row.get("file") or "").strip().replace("\\", "/").removeprefix("./")
        if problem is None and file in entries:
            problem = f"{file} is listed twice; the first row is kept"
        if problem is not None:
            problems.append(f"line {line}: {problem}")
        else:
            entries[file] = entry  # type: ignore[assignment]
    return Manifest(entries, tuple(problems))


def _entry(row: dict[str, str | None], line: int) -> tuple[ManifestEntry | None, str | None]:
    if None in row:  # more cells than columns
        return None, "more cells than the header has columns"
    file = (row.get("file") or "").strip()
    published = (row.get("published") or "").strip()
    url = (row.get("url") or "").strip() or None
    if not file:
        return None, "no file named"
    try:
        when = date.fromisoformat(published)
    except ValueError:
        return None, f"published {published!r} is not an ISO date (YYYY-MM-DD)"
    if len(published) != 10:
        return None, f"published {published!r} is not an ISO date (YYYY-MM-DD)"
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in ' <>"{}|\\^`'):
            return None, f"url {url!r} is not an http(s) address"
    return ManifestEntry(when, url, line), None


def apply_manifest(record: ReportRecord, entry: ManifestEntry | None) -> ReportRecord:
    """The record with the manifest's date where the report prints none, and its page. A manifest date
    before the inspection ended is not taken (a warning says so): it is not this report's."""
    if entry is None:
        return record
    record = replace(record, report_url=entry.url or record.report_url)
    if record.published is not None:
        return record
    end = record.inspection_end or record.inspection_start
    if end is not None and entry.published < end:
        warning = ReportWarning("implausible-date", f"the manifest's publication date {entry.published.isoformat()} "
                                                    f"is before the inspection ended ({end.isoformat()}); not used")
        return replace(record, warnings=record.warnings + (warning,))
    warnings = tuple(w for w in record.warnings if w.code != "missing-publication-date")
    return replace(record, published=entry.published, published_from="manifest", warnings=warnings)
