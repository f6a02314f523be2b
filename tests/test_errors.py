"""One exception hierarchy: every error cskg raises on purpose is a CskgError that knows its exit code and
HTTP status, and the API and CLI each turn it into an answer in one place."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from cskg import errors
from cskg.errors import CskgError

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("loaders", "graph", "queries", "api")
# Exceptions that never reach a user: control flow inside one module.
INTERNAL = {"ExportCancelled"}  # a client went away mid-download; the stream just stops


def _classes() -> list[type[CskgError]]:
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, CskgError)]


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_error_knows_its_exit_code_and_status(cls: type[CskgError]) -> None:
    assert cls.exit_code in (1, 2, 3, 4)
    assert 400 <= cls.http_status < 600
    assert issubclass(cls, errors.RequestError) == (400 <= cls.http_status < 500 and cls is not errors.InputRejected)


def test_no_step_defines_an_exception_outside_the_hierarchy() -> None:
    """A new error class derives from one of errors.py's, so the API and CLI know how to answer it."""
    hierarchy = {c.__name__ for c in _classes()}
    outside = []
    for step in STEPS:
        for path in (ROOT / step).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and node.name not in INTERNAL:
                    bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                    if any(b.endswith(("Error", "Exception")) for b in bases) and not bases & hierarchy:
                        outside.append(f"{path.relative_to(ROOT)}:{node.name}({', '.join(sorted(bases))})")
    assert outside == []


def test_the_api_answers_every_cskg_error_with_its_status(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from cskg.api.app import create_app
    from cskg.api.settings import Settings
    from cskg.graph.stores import OxigraphStore

    app = create_app(Settings(store=OxigraphStore(None), workers=1, spare_workers=0))
    for cls in _classes():
        @app.get(f"/raise/{cls.__name__}")
        def fail(cls: type[CskgError] = cls) -> None:
            raise cls(f"a {cls.__name__} happened; do this next")
    with TestClient(app) as client:
        for cls in _classes():
            answer = client.get(f"/raise/{cls.__name__}")
            assert answer.status_code == cls.http_status
            assert answer.json() == {"detail": f"a {cls.__name__} happened; do this next"}


def test_a_wrong_method_is_a_405_naming_every_method_of_the_path() -> None:
    """/sparql has a GET and a POST route; Starlette alone named only the first."""
    from fastapi.testclient import TestClient

    from cskg.api.app import create_app
    from cskg.api.settings import Settings
    from cskg.graph.stores import OxigraphStore

    with TestClient(create_app(Settings(store=OxigraphStore(None), workers=1, spare_workers=0))) as client:
        for path, allowed in (("/sparql", "GET, POST"), ("/queries/findings", "GET"), ("/authorities", "GET")):
            answer = client.request("PATCH", path)
            assert (answer.status_code, answer.headers["allow"]) == (405, allowed)
