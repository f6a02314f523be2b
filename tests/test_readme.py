"""The README's examples run as written, and its tables name every command option and endpoint there is,
so that the README cannot drift from the code."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PROJECT_ROOT, SEEDS

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def fenced(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds ingested into a store folder, closed so that the CLI and the server can open it."""
    from cskg.graph.ingest import ingest
    from cskg.graph.stores import open_store

    location = str(tmp_path_factory.mktemp("readme") / "store")
    store = open_store(location)
    try:
        assert len(ingest([SEEDS], store, jobs=1).loaded) == 5
    finally:
        store.close()
    return location


def test_the_first_sparql_block_is_the_prefix_block() -> None:
    prefixes, *examples = fenced("sparql")
    lines = [line for line in prefixes.splitlines() if line.strip()]
    assert lines and all(line.startswith("PREFIX ") for line in lines)
    assert len(examples) >= 3


@pytest.mark.parametrize("index", range(len(fenced("sparql")) - 1))
def test_each_sparql_example_answers_on_the_seeds(client: TestClient, index: int) -> None:
    """Through /sparql, as an analyst sends them (so cskg:matches is answered from the text index)."""
    prefixes, *examples = fenced("sparql")
    answer = client.post("/sparql", content=(prefixes + examples[index]).encode(),
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]["bindings"]
    assert rows, examples[index]
    assert all(row for row in rows)


def _cli_examples() -> list[list[str]]:
    commands = [shlex.split(line) for block in fenced("sh") for line in block.splitlines()
                if line.startswith("cskg query ")]
    assert len(commands) >= 3
    return commands


@pytest.mark.parametrize("argv", _cli_examples(), ids=lambda argv: " ".join(argv[2:4]))
def test_each_cli_example_answers_on_the_seeds(seeds_store: str, argv: list[str],
                                               capsys: pytest.CaptureFixture) -> None:
    from cskg.cli import main

    assert main([*argv[1:], "--store", seeds_store]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 2  # a header and at least one row


@pytest.fixture(scope="module")
def client(seeds_store: str) -> Iterator[TestClient]:
    from cskg.api.app import create_app
    from cskg.api.settings import Settings

    with TestClient(create_app(Settings(store=seeds_store, workers=1))) as c:
        yield c


def test_each_rest_example_answers_on_the_seeds(client: TestClient) -> None:
    first_queries = README[README.index("## First queries"):README.index("## The `cskg` command")]
    paths = re.findall(r"`GET (/[^` ]+)`", first_queries)
    assert len(paths) >= 5
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:200])
        body = response.json()
        assert body["rows"] if isinstance(body, dict) and "rows" in body else body, path


def test_the_command_table_names_every_option_of_every_command() -> None:
    from cskg.cli import build_parser

    table = README[README.index("## The `cskg` command"):README.index("| endpoint |")]
    rows = {re.match(r"\| `cskg (\w+)", line).group(1): line for line in table.splitlines()
            if re.match(r"\| `cskg \w+", line)}
    subparsers = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(rows) == set(subparsers.choices)
    for name, parser in subparsers.choices.items():
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in rows[name] or f"/{option}" in rows[name], (name, option)


def test_the_endpoint_table_names_every_route(client: TestClient) -> None:
    table = README[README.index("| endpoint |"):README.index("### Exports")]
    listed = set(re.findall(r"(/[\w./{}-]*)", table))
    routes = set(client.get("/openapi.json").json()["paths"])
    assert len(routes) >= 14
    missing = sorted(r for r in routes if r not in listed)
    assert not missing


def test_the_export_table_names_every_format() -> None:
    from cskg.api.exports import FORMATS

    table = README[README.index("### Exports"):]
    for name in FORMATS:
        assert f"`{name}`" in table, name
    assert "**a zip archive**" in table
