"""Data flows one way (ARCHITECTURE.md): each step imports only from the steps before it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# each step with the cskg packages it may import; ontology/ is shared data every step reads, and errors.py
# (the one exception hierarchy) sits below every step
STEPS = {
    "loaders": {"loaders", "ontology", "errors"},
    "graph": {"loaders", "ontology", "graph", "errors"},
    "queries": {"loaders", "ontology", "graph", "queries", "errors"},
    "api": {"loaders", "ontology", "graph", "queries", "api", "errors"},
}


def imported_steps(path: Path) -> set[str]:
    """The top-level cskg packages a module imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            parts = name.split(".")
            if parts[0] == "cskg" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_step_imports_only_the_steps_before_it(step: str) -> None:
    wrong = {str(path.relative_to(ROOT)): sorted(imported_steps(path) - STEPS[step])
             for path in sorted((ROOT / step).rglob("*.py"))}
    assert {path: steps for path, steps in wrong.items() if steps} == {}


def test_the_check_sees_imports() -> None:
    """The walk finds imports inside functions too, where a later step is easiest to slip in."""
    steps = imported_steps(ROOT / "bench" / "accuracy.py")
    assert "loaders" in steps and "graph" in steps


def test_the_exception_hierarchy_imports_no_step() -> None:
    assert imported_steps(ROOT / "errors.py") == set()
