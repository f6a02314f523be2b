"""How a normalised grade (rank 1 best .. 4 worst) is shown: words, a colour-blind-safe colour and a pattern.

Colour is never the only carrier: each rank has its own fill pattern (solid, dots, hatching, cross-hatching)
and every place that shows a colour also says the grade in words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GradeStyle:
    rank: int | None
    words: str
    colour: str  # Okabe-Ito palette: distinguishable with every common colour-vision deficiency
    pattern: str  # the id of the SVG <pattern> that fills a map shape of this rank
    text: str  # the colour of words written on it (contrast at least 4.5:1)


STYLES = {
    1: GradeStyle(1, "1 outstanding", "#0072B2", "g1", "#FFFFFF"),
    2: GradeStyle(2, "2 good", "#56B4E9", "g2", "#000000"),
    3: GradeStyle(3, "3 requires improvement / adequate", "#E69F00", "g3", "#000000"),
    4: GradeStyle(4, "4 inadequate", "#D55E00", "g4", "#000000"),
}
NO_GRADE = GradeStyle(None, "no graded inspection", "#E8E8E8", "g0", "#000000")


def style(rank: int | None) -> GradeStyle:
    return STYLES.get(rank, NO_GRADE) if rank is not None else NO_GRADE


def legend() -> list[GradeStyle]:
    return [*STYLES.values(), NO_GRADE]
