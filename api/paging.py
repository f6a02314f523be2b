"""Pages of REST lists: the first page by default, the total and the next page's address in the headers.

Every list route takes `limit` (a whole number from 1 to MAX_PAGE, or `all`; PAGE_SIZE by default) and `offset`
(0 by default) and answers the page with `X-Total-Count: N` (how many items the whole list holds) and, while more
follow, `Link: <…&offset=…>; rel="next"` (RFC 8288, as GitHub's API pages), so a client follows `next` until there
is none. A JSON array stays an array; answers that are objects say the same in fields of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Query, Request, Response

from cskg.errors import RequestError

PAGE_SIZE = 100
MAX_PAGE = 10_000  # a larger page, or `all`, for a whole list (named queries' CSV streams it)
MAX_OFFSET = 10_000_000
LIMIT_PATTERN = rf"^(all|[1-9][0-9]{{0,{len(str(MAX_PAGE)) - 1}}})$"
LIMIT_DOC = (f"items per page, 1 to {MAX_PAGE}, or all for the whole list ({PAGE_SIZE} by default); "
             "the X-Total-Count header gives the total, the Link header rel=\"next\" the next page")

T = TypeVar("T")

# The paging headers of a list route's answer, for its OpenAPI description.
HEADERS_DOC = {200: {"headers": {
    "X-Total-Count": {"description": "items of the whole list", "schema": {"type": "integer"}},
    "Link": {"description": '<address of the next page>; rel="next", while more items follow',
             "schema": {"type": "string"}}}}}


@dataclass(frozen=True, slots=True)
class Page:
    limit: int | None  # None: every item from offset on
    offset: int

    def of(self, items: Sequence[T]) -> list[T]:
        end = None if self.limit is None else self.offset + self.limit
        return list(items[self.offset:end])

    def next_offset(self, total: int) -> int | None:
        """Where the next page starts, or None when this one reaches the end."""
        if not self.limit or self.offset + self.limit >= total:
            return None
        return self.offset + self.limit


def page_query(limit: str | None = Query(None, pattern=LIMIT_PATTERN, description=LIMIT_DOC),
               offset: int = Query(0, ge=0, le=MAX_OFFSET, description="skip this many items first")) -> Page:
    """The page a list route was asked for (a FastAPI dependency: a malformed value is a 422)."""
    if limit is None:
        return Page(PAGE_SIZE, offset)
    if limit == "all":
        return Page(None, offset)
    if int(limit) > MAX_PAGE:
        raise RequestError(f"limit must be at most {MAX_PAGE}, or all")
    return Page(int(limit), offset)


def next_url(request: Request, page: Page, total: int) -> str | None:
    """The address of the next page: this request's own with offset moved on (and the limit kept)."""
    following = page.next_offset(total)
    if following is None:
        return None
    params = dict(request.query_params)
    params["offset"] = str(following)
    params["limit"] = str(page.limit)
    return str(request.url.replace_query_params(**params))


def describe(response: Response, request: Request, page: Page, total: int) -> str | None:
    """Set the paging headers on `response`; returns the next page's address (None on the last page)."""
    following = next_url(request, page, total)
    response.headers["X-Total-Count"] = str(total)
    if following is not None:
        response.headers["Link"] = f'<{following}>; rel="next"'
    return following


def paged(items: Sequence[T], response: Response, request: Request, page: Page) -> list[T]:
    """One page of a list computed whole, with its headers set."""
    describe(response, request, page, len(items))
    return page.of(items)
