"""The web pages in a real browser: Playwright drives Debian's Chromium against `cskg serve` on loopback,
serving a store the real `cskg ingest` built from the seeds.

Every page must render with no console error and no request to any host but the server (the page fixture
records both, and blocks outside requests so a page that tries one fails instead of waiting on the network);
axe-core (npm) finds no serious or critical accessibility violation; a screenshot of each page is written to
test-output/browser/ for people to look at. Needs /usr/bin/chromium and `npm ci` (the README's test command
installs both): a missing browser fails these tests, it never skips them.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import PROJECT_ROOT, SEEDS

CHROMIUM = os.environ.get("CSKG_CHROMIUM", "/usr/bin/chromium")
# Without these Chromium reaches for Google's services at start-up (updates, sync, field trials, QUIC probes).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "test-output" / "browser"
CURRENT_GSS = {a["gss"] for a in json.loads((PROJECT_ROOT / "ontology" / "authorities.json").read_text())
               if a["status"] == "current"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cskg serve` over a store built by `cskg ingest` from the seeds; its base URL."""
    store = tmp_path_factory.mktemp("browser") / "store"
    cskg = [sys.executable, "-m", "cskg.cli"]
    subprocess.run([*cskg, "ingest", str(SEEDS), "--store", str(store)], check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen([*cskg, "serve", "--store", str(store), "--port", str(port), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"cskg serve did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (the README's test command does)")
    if not AXE.is_file():
        pytest.fail(f"no {AXE.relative_to(PROJECT_ROOT)}: run `npm ci` (the README's test command does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser tab on the server, with what it logged and what it asked other hosts for."""

    page: object  # playwright.sync_api.Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '?'}"
        return response

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def type_query_and_run(self, query: str) -> None:
        """On the SPARQL page: replace the editor's text with the query, as typed, and press Run."""
        self.open("/sparql")
        self.page.wait_for_selector("#editor .CodeMirror")
        self.page.click("#editor .CodeMirror")
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(query)
        self.page.click("#run")

    def screenshot_and_check_accessibility(self, name: str) -> None:
        self.screenshot(name)
        self.assert_accessible()

    def assert_accessible(self) -> None:
        """axe-core finds no serious or critical violation on the page as it stands."""
        self.page.add_script_tag(path=str(AXE))
        found = self.page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.any[0] || {}).message)}))""")
        assert found == [], json.dumps(found, indent=1)


@pytest.fixture
def visit(browser, server: str) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Visit(page, server)
    own = urlsplit(server).netloc

    def route(handle) -> None:
        url = handle.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own:
            seen.outside_requests.append(url)
            handle.abort()
        else:
            handle.continue_()

    context.route("**/*", route)
    page.on("console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.on("requestfailed", lambda request: seen.console_errors.append(f"request failed: {request.url}"))
    yield seen
    context.close()
    assert seen.console_errors == []
    assert seen.outside_requests == []


def test_docs_and_redoc_render_the_operations_offline(visit: Visit) -> None:
    visit.open("/docs")
    visit.page.wait_for_selector(".opblock-summary-path")
    paths = visit.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/authorities/{code}" in [p.replace("\u200b", "") for p in paths]
    visit.screenshot_and_check_accessibility("docs")
    visit.open("/redoc")
    visit.page.wait_for_selector("h2:has-text('One council by GSS code, DfE code or name slug')")
    visit.screenshot_and_check_accessibility("redoc")


def test_home_map_has_every_council_with_its_grade(visit: Visit) -> None:
    visit.open("/")
    shapes = visit.page.locator("svg#england-map path[data-gss]")
    codes = shapes.evaluate_all("paths => paths.map(p => p.dataset.gss)")
    assert len(codes) == 153 and set(codes) == CURRENT_GSS
    rows = visit.page.locator("table#grades tbody tr")
    assert rows.count() == 153
    # Staffordshire's latest overall effectiveness among the seeds: the 2023 ILACS short inspection's.
    staffordshire = visit.page.locator('path[data-gss="E10000028"]')
    assert staffordshire.get_attribute("data-rank") == "3"
    assert staffordshire.locator("title").text_content() == (
        "Staffordshire: requires improvement to be good (3 requires improvement / adequate)")
    assert "requires improvement to be good (3)" in visit.page.locator(
        'table#grades tr[data-gss="E10000028"]').inner_text()
    visit.screenshot_and_check_accessibility("home")


def test_map_switches_area_and_date(visit: Visit) -> None:
    visit.open("/")
    visit.page.select_option("#area", "help-and-protection")
    visit.page.fill("#as_of", "2016-01-01")
    visit.page.click("text=Show")
    visit.page.wait_for_url("**/?area=help-and-protection&as_of=2016-01-01")
    # Stoke-on-Trent's 2015 SIF graded help and protection "requires improvement"; Staffordshire's 2023
    # inspection is after the date, so it has no grade on this map.
    assert visit.page.locator('path[data-gss="E06000021"]').get_attribute("data-rank") == "3"
    assert visit.page.locator('path[data-gss="E10000028"]').get_attribute("data-rank") == ""
    visit.screenshot("home-help-and-protection-2016")


def test_council_page_shows_its_timeline(visit: Visit) -> None:
    visit.open("/authorities/E06000021")
    assert visit.page.locator("h1").inner_text() == "Stoke-on-Trent"
    timeline = visit.page.locator("svg#timeline")
    assert timeline.is_visible()
    assert timeline.locator('.point[data-rank="3"]').count() == 1  # the 2015 SIF: requires improvement
    assert timeline.locator(".point.ungraded").count() == 1  # the JAR: no overall grade
    ofsted = visit.page.locator('a[href^="https://reports.ofsted.gov.uk/provider/44/"]')
    assert ofsted.count() == 1
    visit.screenshot_and_check_accessibility("council")


def test_inspection_page_lists_judgements_and_findings_with_pages(visit: Visit) -> None:
    visit.open("/authorities/E06000021")
    visit.page.click('#timeline .point[data-rank="3"]')
    visit.page.wait_for_url("**/inspections/E06000021/SIF/**")
    assert "requires improvement (3)" in visit.page.locator("table").first.inner_text()
    findings = visit.page.locator("blockquote.finding")
    assert findings.count() > 10
    assert "page " in findings.first.locator("footer").inner_text()
    visit.screenshot_and_check_accessibility("inspection")


def test_board_page_lists_members_and_evidence(visit: Visit, server: str) -> None:
    shared = httpx.get(server + "/boards", params={"shared": "true", "limit": "all"}).json()
    assert shared, "the seeds tie at least one body to two councils"
    body = shared[0]
    visit.open("/boards")
    assert visit.page.locator("table#bodies tbody tr").count() == len(shared)
    visit.screenshot_and_check_accessibility("boards")
    visit.page.click(f'table#bodies a[href="{body["href"]}"]')
    visit.page.wait_for_url("**" + body["href"])
    assert visit.page.locator("h1").inner_text() == body["name"]
    assert visit.page.locator("ul.members li").count() == body["members"]
    assert visit.page.locator("#network .council").count() == body["members"]  # its small network
    visit.screenshot_and_check_accessibility("board")


def test_search_page_finds_what_the_api_finds(visit: Visit, server: str) -> None:
    visit.open("/search")
    visit.page.fill("#q", "neglect")
    visit.page.click("button:has-text('Search')")
    visit.page.wait_for_selector("#summary")
    total = httpx.get(server + "/search", params={"q": "neglect"}).json()["total"]
    assert total > 0
    assert visit.page.locator("#summary").inner_text().startswith(f"{total} match")
    visit.screenshot_and_check_accessibility("search")


def test_query_typed_into_the_editor_returns_rows(visit: Visit) -> None:
    visit.type_query_and_run("PREFIX cskg: <https://w3id.org/cskg/ontology#>\n"
                             "SELECT ?source WHERE { ?report cskg:sourcePath ?source } ORDER BY ?source")
    visit.page.wait_for_selector("#yasr table tbody tr")
    assert visit.page.locator("#yasr table tbody tr").count() == 5  # the five seeds
    assert "query=" in visit.page.url  # the query is in the URL: a link reproduces it
    assert visit.page.locator("#downloads a").all_inner_texts() == ["CSV", "JSON", "TSV"]
    visit.screenshot_and_check_accessibility("sparql")


def test_editor_shows_endpoint_errors_as_worded(visit: Visit, server: str) -> None:
    query = "SELECT ?x WHERE { ?x ?y }"
    worded = httpx.get(server + "/sparql", params={"query": query}).text
    assert worded
    visit.type_query_and_run(query)
    visit.page.wait_for_selector("#yasr .errorResult")
    assert worded.strip() in visit.page.locator("#yasr .errorResult").inner_text()
    # The editor logs the endpoint's answer, and Chromium the 400 status, as console errors: the expected ones.
    visit.console_errors[:] = [e for e in visit.console_errors
                               if "status of 400" not in e and e.strip() != worded.strip()]


def test_sparql_link_reproduces_results_and_words_errors(visit: Visit) -> None:
    visit.open("/sparql?query=" + "SELECT%20%3Fs%20WHERE%20%7B%20%3Fs%20a%20%3Ft%20%7D%20LIMIT%20150")
    assert visit.page.locator("#result-table tbody tr").count() == 100  # the first page
    assert visit.page.locator("#result-count").inner_text().startswith("150 rows, page 1 of 2")
    assert visit.page.locator("#editor .CodeMirror").is_visible()
    response = visit.page.goto(visit.base + "/sparql?query=SELEC")
    assert response.status == 400
    # Chromium logs the document's own 400 status as a console error: the expected one.
    visit.console_errors[:] = [e for e in visit.console_errors if "status of 400" not in e]
    assert visit.page.locator("#query-error").inner_text().startswith("400: ")


def test_graph_iris_dereference_to_pages(visit: Visit) -> None:
    visit.open("/id/authority/E10000028")
    assert visit.page.url.endswith("/authorities/E10000028")
    visit.open("/id/framework/SIF")
    assert visit.page.locator("h1").inner_text() == "https://w3id.org/cskg/id/framework/SIF"
    rows = visit.page.locator("table").first.locator("tbody tr").all_inner_texts()
    assert "http://www.w3.org/2004/02/skos/core#notation\tSIF" in rows
    assert visit.page.locator('a[href="/id/scheme/frameworks"]').count() >= 1  # graph IRIs link to their pages
    visit.screenshot_and_check_accessibility("resource")
