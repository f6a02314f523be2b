"""What cskg knows of one inspection framework, declared once, in the framework's own module.

Adding a framework is one module under loaders/frameworks/ that ends with its `FRAMEWORK = Framework(…)`,
its place in `FRAMEWORKS` (loaders/frameworks/__init__.py), and its ontology terms (ARCHITECTURE.md,
"Adding a framework").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cskg.loaders.document import Document
from cskg.loaders.plausibility import Expectations
from cskg.loaders.records import ReportRecord


@dataclass(frozen=True, slots=True)
class Framework:
    notations: tuple[str, ...]  # what `detect` may answer: ontology id/framework/{notation}
    family: str  # grade scale and area scheme shared by its notations: id/grade/{family}/…, id/area/{family}/…
    grades: Mapping[str, int]  # grade label as printed (lower case) -> rank, 1 best … 4 worst; empty: ungraded
    areas: tuple[str, ...]  # notations of its judgement areas (ontology/areas-*.ttl)
    expected: Expectations  # years in use, overall areas, numbering (loaders/plausibility.py)
    detect: Callable[[Document], str | None]  # the notation when the document is a report of this framework
    parse: Callable[[Document, str], ReportRecord]  # pure: the Document's blocks -> the record
