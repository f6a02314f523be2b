"""One module per inspection framework, each ending with its declaration (framework.Framework): notations,
grade scale family, grades, judgement areas, expectations, and its two functions

    detect(doc: Document) -> str | None
        the framework notation when the document is a report of this framework, else None
    parse(doc: Document, source: str) -> ReportRecord
        the typed record; raises RejectedInput when a required fact cannot be read

`FRAMEWORKS` lists them in the order detection is tried: the most specific first. Grade scales and
scale families are read from the declarations, nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks import ilacs, jar, lac, lscb_review, sif, slac
from cskg.loaders.frameworks.framework import Framework

FRAMEWORKS: tuple[Framework, ...] = tuple(m.FRAMEWORK for m in (ilacs, sif, lscb_review, lac, slac, jar))
_BY_NOTATION = {notation: framework for framework in FRAMEWORKS for notation in framework.notations}
# family -> grade label -> rank, for every graded family
GRADE_RANKS: Mapping[str, Mapping[str, int]] = MappingProxyType(
    {framework.family: framework.grades for framework in FRAMEWORKS if framework.grades})


def detect(doc: Document) -> tuple[str, Framework]:
    for framework in FRAMEWORKS:
        notation = framework.detect(doc)
        if notation:
            return notation, framework
    raise RejectedInput(doc.path, "not a recognised Ofsted local authority children's services inspection "
                                  "report (no JAR, SLAC, looked after children, SIF or ILACS title found)")


def family_of(notation: str) -> str:
    """The grade scale and area scheme family of a framework notation (the notation itself for one cskg
    declares no parser for, such as the ungraded visits)."""
    framework = _BY_NOTATION.get(notation)
    return framework.family if framework is not None else notation


def grade_scale(notation: str) -> Mapping[str, int]:
    """Grade label -> rank of the framework's scale; empty for a notation without one."""
    return GRADE_RANKS.get(family_of(notation), {})


def overall_areas(notation: str) -> tuple[str, ...]:
    """The areas the framework grades overall (a SLAC inspection grades two services apart); empty for a
    notation without a declaration."""
    framework = _BY_NOTATION.get(notation)
    return framework.expected.overall_areas if framework is not None else ()


__all__ = ["FRAMEWORKS", "GRADE_RANKS", "Framework", "detect", "family_of", "grade_scale", "overall_areas"]
