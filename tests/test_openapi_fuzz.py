"""schemathesis against /openapi.json of a real server on loopback: every operation, generated requests (valid
and invalid), bounded and deterministic. It finds no 5xx, no status the schema does not document, no body or
content type outside the schema, and a correct Allow header on 405.

Left out: `positive_data_acceptance`. The schema cannot say what makes a SPARQL text well formed or which
parameters each named query needs, so a schema-valid `query=0` or `/queries/authority-timeline` without its
council is rightly a 400, which that check counts as a failure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cskg.api.settings import Settings

_spec = importlib.util.spec_from_file_location("cskg_test_api_http", Path(__file__).with_name("test_api.py"))
http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(http)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    location = tmp_path_factory.mktemp("fuzz") / "store"
    http.fixtures.build_store(location).close()
    running = http.Server(Settings(store=str(location), workers=1, spare_workers=0, query_timeout=2.0))
    yield running
    running.stop()


def test_generated_requests_find_no_server_error_and_nothing_outside_the_schema(server, tmp_path: Path) -> None:
    schemathesis = Path(sys.executable).with_name("schemathesis")
    done = subprocess.run(
        [str(schemathesis), "run", f"{server.url}/openapi.json", "--checks", "all",
         "--exclude-checks", "positive_data_acceptance", "--max-examples", "25", "--generation-deterministic",
         "--suppress-health-check", "filter_too_much", "--continue-on-failure", "--no-color",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)  # its cache folder goes there
    summary = done.stdout[-6000:]
    assert done.returncode == 0, summary
    assert " passed" in summary and "failure" not in summary.split("SUMMARY")[-1].lower(), summary
