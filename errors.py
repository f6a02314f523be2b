"""The one exception hierarchy of cskg.

Every error cskg raises on purpose is a `CskgError`: its message says what went wrong and what to do next, and
its class says how the command line exits (`exit_code`) and how the API answers (`http_status`). The CLI has one
branch for them and the API one handler, so a new error needs a class here, not a new status picked elsewhere.
This module sits below every step (loaders, graph, queries, api) and imports none of them.
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_STORE, EXIT_QUERY = 0, 1, 2, 3, 4


class CskgError(Exception):
    """Something cskg could not do; `message` is meant for the person who asked."""

    exit_code: ClassVar[int] = EXIT_REJECTED
    http_status: ClassVar[int] = 500
    label: ClassVar[str] = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputRejected(CskgError):
    """A file is not a report cskg can read."""

    exit_code = EXIT_REJECTED
    http_status = 422
    label = "rejected"


class StoreError(CskgError):
    """The store cannot be opened, read or written (missing folder, lock held, remote endpoint down)."""

    exit_code = EXIT_STORE
    http_status = 503
    label = "store error"


class RequestError(CskgError):
    """The request or command line asks for something malformed; answered 400 unless a subclass says more."""

    exit_code = EXIT_USAGE
    http_status = 400
    label = "bad request"


class QueryError(RequestError):
    """A query that cannot run as given: malformed SPARQL, a missing or malformed parameter."""

    exit_code = EXIT_QUERY
    label = "query error"


class UnknownQuery(QueryError):
    http_status = 404


class NotFound(RequestError):
    """Nothing matches: the message says what was looked for and how to find valid values."""

    http_status = 404
    label = "not found"


class UnknownValue(QueryError):
    """A filter or parameter value outside its allowed set; the message lists the allowed values."""

    http_status = 422
    label = "unknown value"


class Forbidden(RequestError):
    """A request the read-only endpoint never runs (SPARQL Update, SERVICE)."""

    http_status = 403
    label = "refused"


class NotAcceptable(RequestError):
    http_status = 406
    label = "not acceptable"


class PayloadTooLarge(RequestError):
    http_status = 413
    label = "too large"


class UriTooLong(RequestError):
    http_status = 414
    label = "too long"


class UnsupportedMediaType(RequestError):
    http_status = 415
    label = "unsupported media type"


class TooManyResults(RequestError):
    """A result above the row or byte cap; the message says how to page."""

    http_status = 422
    label = "too many results"


class HeadersTooLarge(RequestError):
    http_status = 431
    label = "headers too large"
