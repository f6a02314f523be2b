"""The static files the pages load, all served by cskg itself: its own CSS and scripts, and the editor from npm."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from cskg.api.pages.sparql_page import YASGUI_BUILD, editor_installed

STATIC = Path(__file__).resolve().parent.parent / "static"


def mount_assets(app: FastAPI) -> None:
    mount_redoc(app)  # before the /static mount, which would otherwise answer its bundle's path
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if editor_installed():  # `npm ci` puts it there; without it the SPARQL page is a plain form
        app.mount("/vendor/yasgui", StaticFiles(directory=YASGUI_BUILD), name="yasgui")


# ReDoc's sidebar footer loads Redocly's logo from Redocly's own asset host whatever its options; cskg serves the
# bundle fastapi-offline ships with every address on that host pointed at the local favicon (matched by host, so a
# newer bundle naming another file is covered too), and /redoc makes no outside request.
_REDOCLY_ASSET = re.compile(rb"https?://cdn\.redoc\.ly/[\w./-]*")
_OFFLINE_DOCS = Path(fastapi_offline.__file__).resolve().parent / "static"


@lru_cache(maxsize=1)
def _redoc_bundle() -> bytes:
    bundle = (_OFFLINE_DOCS / "redoc.standalone.js").read_bytes()
    return _REDOCLY_ASSET.sub(b"/static-offline-docs/favicon.png", bundle)


def mount_redoc(app: FastAPI) -> None:
    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} - ReDoc",
                              redoc_js_url="/static/redoc.standalone.js", with_google_fonts=False,
                              redoc_favicon_url="/static-offline-docs/favicon.png")

    @app.get("/static/redoc.standalone.js", include_in_schema=False)
    async def redoc_bundle() -> Response:
        return Response(_redoc_bundle(), media_type="text/javascript")
