"""Jinja2 rendering of the pages (api/templates/), with the filters the templates share."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from cskg.api.pages.grades import legend, style
from cskg.api.pages.resource import local_href

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.globals.update(grade_style=style, grade_legend=legend)
templates.env.filters["local_href"] = local_href
templates.env.filters["urlpart"] = lambda text: quote(str(text), safe="")


def compile_templates() -> int:
    """Every template compiled now (Jinja2 compiles one on its first use, which made each page type's first visit
    tens of milliseconds slower); how many."""
    names = templates.env.list_templates(extensions=["html"])
    for name in names:
        templates.env.get_template(name)
    return len(names)


def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Vary"] = "Accept"
    return response
