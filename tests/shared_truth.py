"""The labelled truth of shared bodies (tests/data/shared_truth/*.csv), read from the PDFs by people:
every sentence of the corpus and seeds that ties two or more councils to one body (shared=yes), and
sentences that look like sharing but are not (shared=no: a shared chair, joint working with another
council's board, an arrangement that has ended). Columns: file (relative to corpus/reports, seeds as
seeds/NAME), page, councils (GSS codes the sentence names), group (a group name the sentence uses, as
printed), body, kind, shared, quote (at most a dozen words).

A row's councils are those it names plus the members of its group on the report's date, when the
gazetteer knows the group; a group it does not know (a region: "pan-London", "the South West")
adds none. Used by tests/test_shared_truth.py and bench/shared_bodies.py.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from cskg.loaders.gazetteer import gazetteer

TRUTH_DIR = Path(__file__).resolve().parent / "data" / "shared_truth"


@dataclass(frozen=True, slots=True)
class TruthRow:
    file: str
    page: int
    councils: tuple[str, ...]
    group: str
    body: str
    kind: str
    shared: bool
    quote: str

    @property
    def published(self) -> date | None:
        try:
            return date.fromisoformat(Path(self.file).stem[:10])
        except ValueError:
            return None

    @property
    def source(self) -> str:
        """The report's source path as cskg stores it (relative to the folder ingested)."""
        return self.file.removeprefix("seeds/")

    def all_councils(self) -> frozenset[str]:
        found = set(self.councils)
        group = gazetteer().group_named(self.group) if self.group else None
        if group is not None:
            found.update(group.members_on(self.published))
        return frozenset(found)

    def pairs(self) -> set[tuple[str, str]]:
        return set(combinations(sorted(self.all_councils()), 2)) if self.shared else set()


def truth_rows() -> list[TruthRow]:
    rows: list[TruthRow] = []
    for path in sorted(TRUTH_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                rows.append(TruthRow(r["file"], int(r["page"]), tuple(r["councils"].split()), r["group"].strip(),
                                     r["body"], r["kind"], r["shared"].strip() == "yes", r["quote"]))
    return rows


def truth_pairs(rows: list[TruthRow] | None = None) -> set[tuple[str, str]]:
    """Every council pair a sentence of the corpus states to share a body."""
    return {pair for row in (rows if rows is not None else truth_rows()) for pair in row.pairs()}
