"""The ADCS-style ILACS summary sheet: one row per authority with its latest ILACS inspection.

Built from the named query `latest-judgements` (its columns, in its order and row order) plus,
from the reference data in the store, the council's DfE code and how its statistical neighbours
were graded at their own latest ILACS inspections.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import IO

from cskg.api.exports.sparql import rows as export_rows
from cskg.graph.stores.base import Store, Value
from cskg.queries import load_query

QUERY = "latest-judgements"
QUERY_COLUMNS: tuple[str, ...] = (
    "authority_code", "authority", "region", "framework", "inspection_start", "inspection_end", "published",
    "lead_inspector", "overall", "impact_of_leaders", "help_and_protection", "children_in_care",
    "care_leavers", "overall_rank", "source")
GRADE_COUNTS: tuple[tuple[int, str], ...] = (
    (1, "neighbours_outstanding"), (2, "neighbours_good"), (3, "neighbours_requires_improvement"),
    (4, "neighbours_inadequate"))
NEIGHBOUR_COLUMNS: tuple[str, ...] = (
    "neighbours_inspected", *(name for _, name in GRADE_COUNTS), "neighbours_mean_overall_rank",
    "neighbours_overall")
COLUMNS: tuple[str, ...] = (QUERY_COLUMNS[0], "la_code", *QUERY_COLUMNS[1:], *NEIGHBOUR_COLUMNS)
DATE_COLUMNS = frozenset({"inspection_start", "inspection_end", "published"})


@dataclass(frozen=True, slots=True)
class Sheet:
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def _neighbours(store: Store) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """DfE code by GSS code, and each council's neighbours (code, name) in rank order."""
    dfe: dict[str, str] = {}
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in export_rows(store, "summary-neighbours"):
        code = row["authority_code"]
        if row["dfe_code"] is not None:
            dfe[code] = str(row["dfe_code"])
        if row["neighbour_code"]:
            neighbours[code].append((row["neighbour_code"], row["neighbour"] or row["neighbour_code"]))
    return dfe, neighbours


def summary_sheet(store: Store) -> Sheet:
    result = load_query(QUERY).run(store)
    missing = [c for c in QUERY_COLUMNS if c not in result.variables]
    if missing:
        raise ValueError(f"the {QUERY} query lacks the columns {', '.join(missing)}; "
                         f"it must select {', '.join(QUERY_COLUMNS)}")
    latest = result.as_dicts()
    by_code = {row["authority_code"]: row for row in latest}
    dfe, neighbours = _neighbours(store)
    out: list[tuple[Value, ...]] = []
    for row in latest:
        graded = [(name, by_code[code]) for code, name in neighbours.get(row["authority_code"], [])
                  if code in by_code and isinstance(by_code[code]["overall_rank"], int)]
        ranks = [n["overall_rank"] for _, n in graded]
        extra: dict[str, Value] = {
            "la_code": dfe.get(row["authority_code"]),
            "neighbours_inspected": len(graded),
            **{name: sum(1 for r in ranks if r == rank) for rank, name in GRADE_COUNTS},
            "neighbours_mean_overall_rank": round(sum(ranks) / len(ranks), 2) if ranks else None,
            "neighbours_overall": "; ".join(f"{name}: {n['overall']}" for name, n in graded),
        }
        out.append(tuple(row[c] if c in row else extra[c] for c in COLUMNS))
    return Sheet(COLUMNS, tuple(out))


def _csv_cell(value: Value) -> Value:
    return "" if value is None else value


def write_summary_csv(store: Store, out: IO[bytes]) -> None:
    sheet = summary_sheet(store)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(sheet.columns)
        for row in sheet.rows:
            writer.writerow([_csv_cell(v) for v in row])
    finally:
        text.detach()  # leave the caller's stream open


def _xlsx_cell(column: str, value: Value) -> object:
    if column in DATE_COLUMNS and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def write_summary_xlsx(store: Store, out: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = summary_sheet(store)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("ILACS summary")
    ws.freeze_panes = "C2"  # keep the header and the council's codes in view
    bold = Font(bold=True)
    header = []
    for name in sheet.columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in sheet.rows:
        cells = []
        for column, value in zip(sheet.columns, row):
            cell = WriteOnlyCell(ws, value=_xlsx_cell(column, value))
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        ws.append(cells)
    workbook.save(out)
