"""The inspection page: its findings grouped by the report section they sit in, in report order."""

from __future__ import annotations

from dataclasses import dataclass

from cskg.api import lookups, models
from cskg.graph.stores.base import Store


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    findings: list[models.FindingOut]


@dataclass(frozen=True, slots=True)
class InspectionPage:
    detail: models.InspectionDetail
    sections: list[Section]


def sections(findings: list[models.FindingOut]) -> list[Section]:
    grouped: dict[str, list[models.FindingOut]] = {}
    for finding in findings:  # dicts keep insertion order: sections appear as the report has them
        grouped.setdefault(finding.section or "Findings", []).append(finding)
    return [Section(title, items) for title, items in grouped.items()]


def inspection(store: Store, key: str) -> InspectionPage:
    detail = lookups.inspection(store, key)
    return InspectionPage(detail, sections(detail.findings))
