"""The council page's timeline: every inspection's normalised overall rank against its date, as SVG geometry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cskg.api import models
from cskg.api.pages.grades import GradeStyle, style

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 250, 20, 20, 40  # room for the rank words and the year axis
UNGRADED_GAP = 28  # inspections without an overall grade sit on the axis, this far below rank 4


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    style: GradeStyle
    label: str  # what the point's <title> says
    href: str


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    left: int
    bottom_y: int
    points: list[Point]  # inspections with an overall grade
    ungraded: list[Point]  # inspections without one (JAR), drawn on the axis
    years: list[Tick]
    ranks: list[Tick]


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def timeline(inspections: list[models.InspectionSummary]) -> Timeline | None:
    dated = [(i, _day(i.inspection_start or i.published)) for i in inspections if i.inspection_start or i.published]
    if not dated:
        return None
    first = date(min(d.year for _, d in dated), 1, 1)
    last = date(max(d.year for _, d in dated) + 1, 1, 1)
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - UNGRADED_GAP

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - first).days / span, 1)

    def y(rank: int) -> float:
        return round(TOP + plot_h * (rank - 1) / 3, 1)

    points, ungraded = [], []
    for inspection, day in dated:
        grade = inspection.overall_grade or "no overall grade"
        label = f"{day.isoformat()} {inspection.framework}: {grade}"
        if inspection.overall_rank is None:
            ungraded.append(Point(x(day), HEIGHT - BOTTOM, style(None), label, inspection.href))
        else:
            points.append(Point(x(day), y(inspection.overall_rank), style(inspection.overall_rank), label,
                                inspection.href))
    step = max(1, (last.year - first.year) // 8)
    years = [Tick(x(date(year, 1, 1)), str(year)) for year in range(first.year, last.year + 1, step)]
    ranks = [Tick(y(rank), style(rank).words) for rank in range(1, 5)]
    return Timeline(WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, points, ungraded, years, ranks)
