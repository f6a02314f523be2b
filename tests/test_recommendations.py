"""Bulleted recommendation lists (loaders/recommendations.bulleted_list): each bullet an item, dash or lettered
sub-points inside the item above, a sub-heading with more bullets under it does not end the list, and a section
of prose lists nothing."""

from __future__ import annotations

import re

from cskg.loaders.readers.text import read as read_text
from cskg.loaders.recommendations import bulleted_lists

HEADING = re.compile(r"^What needs to improve", re.I)


def _items(body: str) -> list[str]:
    doc = read_text("t.md", body.encode("utf-8"), "0" * 64)
    return [r.text for r in bulleted_lists(doc, HEADING)]


def test_dash_sub_points_stay_inside_their_item() -> None:
    body = ("## What needs to improve?\n\n"
            "• Services to care leavers, including:\n"
            "– sufficiency of accommodation\n"
            "– access to health histories.\n"
            "• Permanence planning for children.\n\n"
            "## The experiences and progress of children in care: good\n\n1. Children are well supported.\n")
    assert _items(body) == ["Services to care leavers, including: – sufficiency of accommodation – access to "
                            "health histories.", "Permanence planning for children."]


def test_a_sub_heading_with_bullets_under_it_does_not_end_the_list() -> None:
    body = ("## What needs to improve?\n\n• The quality of plans.\n\n### Care leavers\n\n"
            "• Pathway plans for care leavers.\n\n## The experiences and progress of care leavers: good\n\n"
            "1. Care leavers are supported.\n")
    assert _items(body) == ["The quality of plans.", "Pathway plans for care leavers."]


def test_a_section_of_prose_lists_nothing() -> None:
    body = ("## What needs to improve?\n\nThere are very few areas of variability in otherwise exceptional "
            "practice, and leaders know them.\n\n## The experiences and progress of children in care: outstanding\n\n"
            "1. Children thrive.\n")
    assert _items(body) == []
