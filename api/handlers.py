"""The one place where an error becomes an HTTP answer: a CskgError by the status its class knows, and
Starlette's own errors (405 above all) with what a client needs to go on."""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from cskg.errors import CskgError


def _methods_for(app: FastAPI, path: str) -> list[str]:
    """Every method the API documents at this path (the OpenAPI paths are the public list of routes)."""
    methods = set()
    for template, operations in app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {method.upper() for method in operations}
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CskgError)
    async def cskg_error(request: Request, exc: CskgError) -> Response:
        # SPARQL protocol clients read errors as plain text; REST clients get FastAPI's {"detail": …} shape.
        if request.url.path == "/sparql":
            return PlainTextResponse(exc.message, status_code=exc.http_status)
        return JSONResponse({"detail": exc.message}, status_code=exc.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the methods of the first route matching the path; /sparql has two.
            headers["Allow"] = ", ".join(_methods_for(app, request.url.path)) or headers.get("Allow", "")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
