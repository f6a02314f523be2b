"""The labelled truth of shared bodies (tests/data/shared_truth/*.csv), read from the PDFs by people:
every sentence of the corpus and seeds that ties two or more councils to one body (shared=yes), and
sentences that look like sharing but are not (shared=no: a shared chair, joint working with another
council's board, an arrangement that has ended). Columns: file (relative to corpus/reports, seeds as
seeds/NAME), page, councils (GSS codes the sentence names), group (a group name the sentence uses, as
printed), body, kind, shared, quote (at most a dozen words).

A row's councils are those it names plus the members of its group on the report's date, when the
gazetteer knows the group, the group ties councils (a region such as London or a police area does not:
Group.expands) and the report's own council is a member (Wigan's "tri-borough" is not London's);
any other group adds none. Used by tests/test_shared_truth.py and bench/shared_bodies.py.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from cskg.loaders.authorities import authority_index
from cskg.loaders.gazetteer import gazetteer

TRUTH_DIR = Path(__file__).resolve().parent / "data" / "shared_truth"
# Every pair shared-boards asserts, marked true or false by a person who read its evidence.
MARKS_DIR = Path(__file__).resolve().parent.parent / "bench" / "shared_pairs_marks"


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

    @property
    def inspected(self) -> str | None:
        """The GSS code of the council the report is on (its folder; seeds carry none)."""
        folder = Path(self.file).parent.name
        council = authority_index().resolve_code(folder) if folder != "seeds" else None
        return council.gss if council else None

    def all_councils(self) -> frozenset[str]:
        """The councils named, and the members of the group named where the group ties councils
        (not a region or police area) and the report's own council is one of them, as in cskg."""
        found = set(self.councils)
        group = gazetteer().group_named(self.group) if self.group else None
        if group is not None and group.expands and self.inspected in group.members_on(self.published):
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


# Report text stays out of the project: bench files hold each evidence sentence as a digest and its first words.
EVIDENCE_WORDS = 6


def evidence_digest(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the sentence lower-cased with its white space collapsed
    ("" for no sentence: a tie from the reference list)."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16] if normalised else ""


def pair_row(row: dict) -> dict[str, str]:
    """A shared-boards row as the bench files hold it: each side's evidence as digest_x and words_x (its
    first EVIDENCE_WORDS words), never the sentence itself."""
    out = {k: "" if v is None else str(v) for k, v in row.items() if k not in ("evidence_a", "evidence_b")}
    for side in "ab":
        evidence = row.get(f"evidence_{side}") or ""
        out[f"digest_{side}"] = evidence_digest(evidence)
        out[f"words_{side}"] = " ".join(evidence.split()[:EVIDENCE_WORDS])
    return out


MARK_KEY = ("authority_a_code", "authority_b_code", "body_id",
            "source_a", "page_a", "digest_a", "source_b", "page_b", "digest_b")


def mark_key(row: dict) -> tuple[str, ...]:
    """A mark holds for a pair with the evidence that was read (its digest): new evidence must be read
    again. `row` is a shared-boards row or a row of a marks file."""
    held = row if "digest_a" in row else pair_row(row)
    return tuple("" if held[k] is None else str(held[k]) for k in MARK_KEY)


def marked_pairs() -> dict[tuple[str, ...], dict[str, str]]:
    """mark_key -> {verdict: true|false, note}, from every file of marks."""
    marks: dict[tuple[str, ...], dict[str, str]] = {}
    for path in sorted(MARKS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                if r.get("verdict") in ("true", "false"):
                    marks[mark_key(r)] = r
    return marks
