"""What the endpoint refuses before evaluating anything: updates and federated (SERVICE) queries.

Checks run on the query text with comments, strings and IRIs blanked out (api/sparql_text.mask), so
`# INSERT` in a comment or "SERVICE" in a literal never trips them and `SeRvIcE` never slips through.
"""

from __future__ import annotations

import re
from typing import Literal

from cskg.api.sparql_text import keyword_positions, mask

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PROLOGUE = re.compile(r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


class Refused(Exception):
    """A request the endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def first_keyword(query: str) -> str:
    """The first keyword after the prologue (BASE/PREFIX declarations), upper case; "" if none."""
    masked = mask(query)
    rest = masked[_PROLOGUE.match(masked).end():]
    word = _FIRST_WORD.match(rest)
    return word.group(0).upper() if word else ""


def check_query(query: str) -> QueryForm | None:
    """The query form, or None when the text does not start like a query (the parser then says why).

    Raises Refused for SPARQL Update and for SERVICE."""
    keyword = first_keyword(query)
    if keyword in UPDATE_KEYWORDS:
        raise Refused(403, f"this endpoint is read-only: SPARQL Update ({keyword}) is refused. "
                           "Change the data with `cskg ingest` instead.")
    if keyword_positions(query, "SERVICE"):
        raise Refused(403, "federated queries (SERVICE) are refused: this endpoint makes no outbound "
                           "requests. Query the other endpoint yourself and combine the results.")
    return keyword if keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else None  # type: ignore[return-value]
