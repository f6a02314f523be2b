"""Enumerated REST filters: an unknown value gets a 422 that lists the allowed ones (queries/enumerations.py)
instead of an empty answer."""

from __future__ import annotations

from cskg.errors import UnknownValue
from cskg.queries.enumerations import body_kinds, ilacs_grades, regions, unknown_value_message

AUTHORITY_STATUSES = ("current", "predecessor")

__all__ = ["AUTHORITY_STATUSES", "body_kinds", "check", "ilacs_grades", "regions"]


def check(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    message = unknown_value_message(name, value or "", allowed)
    if message:
        raise UnknownValue(message)
