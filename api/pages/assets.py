"""The static files the pages load, all served by cskg itself: its own CSS and scripts, and the editor from npm."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from cskg.api.pages.sparql_page import YASGUI_BUILD, editor_installed

STATIC = Path(__file__).resolve().parent.parent / "static"


def mount_assets(app: FastAPI) -> None:
    mount_docs(app)
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


def _accessible(page: HTMLResponse, script: str | None = None) -> HTMLResponse:
    """The docs pages as FastAPI writes them lack a document language, and Swagger UI's grey small print (version
    stamp, spec address) is below WCAG AA contrast; screen readers and axe-core need both."""
    html = page.body.decode().replace("<html>", '<html lang="en">', 1)
    head = '<link rel="stylesheet" href="/static/docs.css">' + (f'<script src="{script}"></script>' if script else "")
    html = html.replace("</head>", f"{head}\n</head>", 1)
    return HTMLResponse(html)


def mount_docs(app: FastAPI) -> None:
    # Deep links turn each operation's path into a link inside the operation's toggle button, a control nested in
    # a control that keyboard and screen-reader users cannot reach; the operations keep their anchors without it.
    parameters = {**(app.swagger_ui_parameters or {}), "deepLinking": False}

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return _accessible(get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} - Swagger UI",
            swagger_js_url="/static-offline-docs/swagger-ui-bundle.js",
            swagger_css_url="/static-offline-docs/swagger-ui.css",
            swagger_favicon_url="/static-offline-docs/favicon.png", swagger_ui_parameters=parameters))


def mount_redoc(app: FastAPI) -> None:
    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _accessible(get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} - ReDoc",
                                          redoc_js_url="/static/redoc.standalone.js", with_google_fonts=False,
                                          redoc_favicon_url="/static-offline-docs/favicon.png"),
                           script="/static/redoc-labels.js")

    @app.get("/static/redoc.standalone.js", include_in_schema=False)
    async def redoc_bundle() -> Response:
        return Response(_redoc_bundle(), media_type="text/javascript")
