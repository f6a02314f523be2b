"""Which requests get HTML: browsers ask for text/html first; every other client keeps the JSON or RDF it gets."""

from __future__ import annotations

from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from cskg.api.negotiation import parse_accept

HTML_TYPES = ("text/html", "application/xhtml+xml")


def wants_html(accept: str | None) -> bool:
    """Whether the client's most wanted type is HTML (a browser's navigation, never curl's */* or a SPARQL client)."""
    best = parse_accept(accept)
    return best[0].type in HTML_TYPES


def _accept(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            return value.decode("latin-1")
    return None


class HtmlRoute(APIRoute):
    """A route that matches only requests wanting HTML, so the JSON route of the same path answers the rest.

    Page routes are mounted before the JSON routers: a browser gets the page, any other client falls through
    to the route it always had, which stays unchanged.
    """

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match is not Match.NONE and not wants_html(_accept(scope)):
            return Match.NONE, {}
        return match, child
