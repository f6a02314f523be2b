"""Limits checked before a request reaches any route: a request whose headers are too large is answered at once.

A 10 MB Accept header took 1.4 s to read in the event loop, and every other request waited behind it. Browsers
and SPARQL clients send a few kilobytes at most, so a bound far above that refuses nothing real.
"""

from __future__ import annotations

import json

from cskg.errors import HeadersTooLarge

MAX_HEADER_BYTES = 32 * 1024  # all of a request's header names and values together


class HeaderLimit:
    """ASGI middleware: 431 with a message for a request whose headers exceed `max_bytes` in all."""

    def __init__(self, app, max_bytes: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and sum(len(k) + len(v) for k, v in scope["headers"]) > self.max_bytes:
            error = HeadersTooLarge(f"the request's headers hold more than {self.max_bytes} bytes; send a "
                                    "shorter Accept (or other) header")
            body = json.dumps({"detail": error.message}).encode()
            await send({"type": "http.response.start", "status": error.http_status,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
