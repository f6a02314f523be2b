"""The outcomes workbook: one row per current council with its latest ILACS inspection (the ADCS ILACS
outcomes summary), and every stored inspection one row each.

Every current council of the reference data gets a row, blank where the store holds no ILACS
inspection of it. Before 2023 ILACS graded children in care and care leavers in one judgement: it
has its own column, and the two separate columns stay empty for such reports. The previous grade
is the overall grade of the council's graded inspection before the latest ILACS one (SIF or
ILACS), compared by normalised rank for the direction of travel.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cskg.api.exports.sparql import rows as export_rows
from cskg.api.exports.summary_columns import (
    INSPECTION_COLUMNS, OFSTED_PROVIDER_PAGE, OUTCOME_COLUMNS, Column)
from cskg.graph.stores.base import Store, Value

ILACS_PREFIX = "ILACS"
OVERALL = "overall-effectiveness"
ILACS_AREAS: tuple[tuple[str, str], ...] = (  # judgement-area notation -> column
    ("impact-of-leaders", "impact_of_leaders"), ("help-and-protection", "help_and_protection"),
    ("children-in-care", "children_in_care"), ("care-leavers", "care_leavers"),
    ("children-in-care-and-care-leavers", "children_in_care_and_care_leavers"))
GRADE_COUNTS: tuple[tuple[int, str], ...] = (
    (1, "neighbours_outstanding"), (2, "neighbours_good"), (3, "neighbours_requires_improvement"),
    (4, "neighbours_inadequate"))
COLUMNS: tuple[str, ...] = tuple(c.name for c in OUTCOME_COLUMNS)


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True, slots=True)
class Summary:
    outcomes: Sheet
    inspections: Sheet
    generated: datetime


@dataclass(frozen=True, slots=True)
class Inspection:
    iri: str
    report: str
    gss_code: str
    framework: str
    start: str | None
    end: str | None
    published: str | None
    source: str
    leads: tuple[str, ...]
    grades: dict[str, tuple[str, int]] = field(default_factory=dict)  # area notation -> (grade, rank)
    published_source: str | None = None  # "report" or "manifest" (cskg:publishedSource)

    @property
    def order(self) -> tuple[str, str, str]:
        """Inspections of a council in time order; two on one day keep one stable order."""
        return (self.start or self.published or "", self.published or "", self.iri)

    @property
    def overall(self) -> tuple[str, int] | None:
        return self.grades.get(OVERALL)

    def cells(self) -> dict[str, Value]:
        overall = self.overall
        return {"gss_code": self.gss_code, "framework": self.framework, "inspection_start": self.start,
                "inspection_end": self.end, "published": self.published,
                "published_source": (self.published_source or "report") if self.published else None,
                "lead_inspector": "; ".join(self.leads) or None,
                "overall": overall[0] if overall else None, "overall_rank": overall[1] if overall else None,
                "report_file": self.source, "report_iri": self.report}


def _inspections(store: Store) -> list[Inspection]:
    grades: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for row in export_rows(store, "summary-judgements"):
        grades[row["inspection"]][row["area"]] = (row["grade"], int(row["rank"]))
    found: dict[str, Inspection] = {}
    for row in export_rows(store, "summary-inspections"):
        lead = row["lead_inspector"]
        seen = found.get(row["inspection"])
        if seen is not None:  # a second lead inspector: the query gives a row each
            if lead and lead not in seen.leads:
                found[row["inspection"]] = Inspection(**{**_fields(seen), "leads": (*seen.leads, lead)})
            continue
        found[row["inspection"]] = Inspection(
            row["inspection"], row["report"], row["gss_code"], row["framework"], row["inspection_start"],
            row["inspection_end"], row["published"], row["source"], (lead,) if lead else (),
            grades.get(row["inspection"], {}), row["published_source"])
    return sorted(found.values(), key=lambda i: (i.gss_code, i.order))


def _fields(item: Inspection) -> dict:
    return {name: getattr(item, name) for name in Inspection.__slots__}


def direction_of_travel(rank: int | None, previous: int | None) -> str | None:
    """Rank 1 is best, so a lower rank than before is an improvement."""
    if rank is None or previous is None:
        return None
    return "improved" if rank < previous else "declined" if rank > previous else "same"


def _previous(history: list[Inspection], latest: Inspection) -> Inspection | None:
    graded = [i for i in history if i.overall and i.order < latest.order]
    return graded[-1] if graded else None


def _neighbour_cells(neighbours: list[tuple[str, str]], latest: dict[str, Inspection]) -> dict[str, Value]:
    graded = [(name, latest[code].overall) for code, name in neighbours
              if code in latest and latest[code].overall is not None]
    ranks = [overall[1] for _, overall in graded]
    return {"neighbours_inspected": len(graded),
            **{name: sum(1 for r in ranks if r == rank) for rank, name in GRADE_COUNTS},
            "neighbours_mean_overall_rank": round(sum(ranks) / len(ranks), 2) if ranks else None,
            "neighbours_overall": "; ".join(f"{name}: {overall[0]}" for name, overall in graded) or None}


def _neighbours(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Each council's statistical neighbours (code, name) in rank order."""
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in export_rows(store, "summary-neighbours"):
        if row["neighbour_code"]:
            neighbours[row["authority_code"]].append((row["neighbour_code"], row["neighbour"] or row["neighbour_code"]))
    return neighbours


def _outcome_row(council: dict, history: list[Inspection], latest: dict[str, Inspection],
                 neighbours: list[tuple[str, str]], generated: datetime) -> tuple[Value, ...]:
    code = council["gss_code"]
    urn = council["urn"]
    cells: dict[str, Value] = {
        "council": council["council"], "gss_code": code, "la_code": council["la_code"], "urn": urn,
        "region": council["region"], "generated": generated,
        "ofsted_page": OFSTED_PROVIDER_PAGE.format(urn=urn) if urn else None,
        **_neighbour_cells(neighbours, latest)}
    ilacs = latest.get(code)
    if ilacs is not None:
        cells.update(ilacs.cells())
        cells.update({column: ilacs.grades[area][0] for area, column in ILACS_AREAS if area in ilacs.grades})
        previous = _previous(history, ilacs)
        if previous is not None:
            cells.update(previous_framework=previous.framework, previous_inspection_start=previous.start,
                         previous_overall=previous.overall[0], previous_overall_rank=previous.overall[1],
                         direction_of_travel=direction_of_travel(cells["overall_rank"], previous.overall[1]))
    return tuple(cells.get(name) for name in COLUMNS)


def _inspection_row(item: Inspection, names: dict[str, str]) -> tuple[Value, ...]:
    cells = {**item.cells(), "council": names.get(item.gss_code, item.gss_code), "inspection_iri": item.iri,
             "judgements": "; ".join(f"{area}: {grade}" for area, (grade, _) in sorted(item.grades.items())) or None}
    return tuple(cells.get(c.name) for c in INSPECTION_COLUMNS)


def summary(store: Store, generated: datetime | None = None) -> Summary:
    """Both sheets as the store holds them now; `generated` stamps them (default: now, UTC, to the second)."""
    stamp = (generated or datetime.now(timezone.utc)).replace(microsecond=0, tzinfo=None)
    councils = export_rows(store, "summary-councils")
    names = {c["gss_code"]: c["council"] or c["gss_code"] for c in councils}
    inspections = _inspections(store)
    history: dict[str, list[Inspection]] = defaultdict(list)
    latest: dict[str, Inspection] = {}
    for item in inspections:  # in time order per council, so the last ILACS one seen is the latest
        history[item.gss_code].append(item)
        if item.framework.startswith(ILACS_PREFIX):
            latest[item.gss_code] = item
    neighbours = _neighbours(store)
    current = sorted((c for c in councils if c["status"] == "current"), key=lambda c: (c["council"] or "", c["gss_code"]))
    outcomes = tuple(_outcome_row(c, history[c["gss_code"]], latest, neighbours[c["gss_code"]], stamp)
                     for c in current)
    every = tuple(_inspection_row(i, names) for i in sorted(
        inspections, key=lambda i: (names.get(i.gss_code, i.gss_code), i.gss_code, i.order)))
    return Summary(Sheet("ILACS outcomes", OUTCOME_COLUMNS, outcomes),
                   Sheet("Inspections", INSPECTION_COLUMNS, every), stamp)


def summary_sheet(store: Store, generated: datetime | None = None) -> Sheet:
    """The outcomes sheet alone: one row per current council."""
    return summary(store, generated).outcomes
