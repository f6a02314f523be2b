"""Server-side latency of each HTML page against the JSON of the same data, and each page's weight.

    python bench/pages_bench.py                      # ingest ../shared/seeds + ../shared/corpus/reports first
    python bench/pages_bench.py --store cskg-store   # reuse a store built by `cskg ingest`

`cskg serve` runs as a separate process on loopback. For each page type the bench requests the page (Accept:
text/html) and the JSON lookups whose data the page shows, for many councils, inspections and bodies in turn
(each page is visited --rounds times; the first visit of each is the uncached one), and prints p50/p95 of both
and the ratio of the p95s. Target: every page p95 <= 50 ms. Page weight is the HTML plus every stylesheet,
script and image it loads from the server, apart from the SPARQL editor's own files (/vendor/yasgui/);
target <= 500 KB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

SHARED = Path(os.environ.get("CSKG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')
EDITOR_FILES = "/vendor/yasgui/"
SERVER_LOG = Path(tempfile.gettempdir()) / "cskg-pages-bench-server.log"  # the servers' errors, for a failed request


@dataclass(frozen=True)
class PageCase:
    """One page and the JSON requests that carry the same data."""

    kind: str
    page: str
    json: tuple[tuple[str, dict], ...]  # (path, headers) of each JSON request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_store(folder: Path) -> None:
    reports = [str(SHARED / "seeds"), str(SHARED / "corpus" / "reports")]
    subprocess.run([sys.executable, "-m", "cskg.cli", "ingest", *reports, "--store", str(folder), "--quiet"],
                   check=False)  # exits 1 for the corpus's two HTML pages saved as .pdf, having stored the rest


def start_server(store: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "cskg.cli", "serve", "--store", store, "--port", str(port),
                                "--workers", "1"], stdout=subprocess.DEVNULL, stderr=SERVER_LOG.open("ab"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("cskg serve did not start")


def cases(client: httpx.Client, per_kind: int) -> list[PageCase]:
    """Pages of every type over the store's own councils, inspections and bodies."""
    councils = [a for a in client.get("/authorities", headers=JSON).json() if a["latest_ilacs"]][:per_kind]
    inspections = [i for a in councils[: per_kind // 2]
                   for i in client.get(f"/authorities/{a['gss']}/inspections", headers=JSON).json()["inspections"]]
    bodies = client.get("/boards", params={"shared": "true"}, headers=JSON).json()[:per_kind]
    query = ("PREFIX cskg: <https://w3id.org/cskg/ontology#> SELECT ?council ?code WHERE "
             "{ ?council cskg:gssCode ?code } ORDER BY ?code")
    out = [PageCase("home", "/", (("/authorities", JSON), ("/queries/judgements", JSON))),
           PageCase("home", "/?area=help-and-protection&as_of=2019-01-01",
                    (("/authorities", JSON), ("/queries/judgements?area=help-and-protection", JSON)))]
    out += [PageCase("council", f"/authorities/{a['gss']}",
                     ((f"/authorities/{a['gss']}", JSON), (f"/authorities/{a['gss']}/inspections", JSON),
                      (f"/authorities/{a['gss']}/shared-boards", JSON))) for a in councils]
    out += [PageCase("inspection", i["href"], ((i["href"], JSON),)) for i in inspections[:per_kind]]
    out += [PageCase("boards", "/boards", (("/boards?shared=true", JSON),)),
            PageCase("boards", "/boards?shared=false", (("/boards?shared=false", JSON),))]
    out += [PageCase("board", b["href"], ((b["href"], JSON),)) for b in bodies]
    out += [PageCase("search", f"/search?q={word}", ((f"/search?q={word}", JSON),))
            for word in ("neglect", "supervision", "care leavers", "missing", "housing", "advocacy")]
    out += [PageCase("sparql", f"/sparql?query={quote(query)}",
                     ((f"/sparql?query={quote(query)}", {"Accept": "application/sparql-results+json"}),))]
    out += [PageCase("resource", f"/id/framework/{f}", ((f"/id/framework/{f}", {"Accept": "text/turtle"}),))
            for f in ("ILACS-standard", "ILACS-short", "SIF", "SLAC", "JAR")]
    return out


def timed(client: httpx.Client, path: str, headers: dict) -> float:
    start = time.perf_counter()
    response = client.get(path, headers=headers)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} ({headers['Accept'].split(',')[0]}): HTTP {response.status_code} "
                         f"{response.text[:200]}; server log: {SERVER_LOG}")
    return elapsed


def weight(client: httpx.Client, path: str) -> int:
    html = client.get(path, headers=HTML).content
    assets = {a for a in ASSET.findall(html.decode()) if not a.startswith(EDITOR_FILES)}
    return len(html) + sum(len(client.get(a).content) for a in assets)


def list_cases(store: str, per_kind: int) -> list[PageCase]:
    """The pages to visit, found on a server of their own: the servers timed after it start with nothing cached."""
    process, url = start_server(store)
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            return cases(client, per_kind)
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(store: str, page_cases: list[PageCase], *, html: bool, json: bool, rounds: int,
            warm_up: bool = False) -> tuple[dict[str, dict[str, list[float]]], dict[str, int]]:
    """Times per page type ({"html": [...], "json": [...]}) on a fresh server, and the heaviest page of each type."""
    process, url = start_server(store)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            times: dict[str, dict[str, list[float]]] = {}
            for round_no in range(rounds + (1 if warm_up else 0)):
                for case in page_cases:
                    spent = times.setdefault(case.kind, {"html": [], "json": []})
                    page_time = timed(client, case.page, HTML) if html else None
                    json_time = sum(timed(client, path, headers) for path, headers in case.json) if json else None
                    if warm_up and round_no == 0:
                        continue
                    if html:
                        spent["html"].append(page_time)
                    if json:
                        spent["json"].append(json_time)
            weights = {kind: max(weight(client, c.page) for c in page_cases if c.kind == kind) for kind in times}
    finally:
        process.terminate()
        process.wait(timeout=120)  # stopped while it makes its memory copies, it finishes them first
    return times, weights


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store folder built by `cskg ingest` (else ../shared is ingested)")
    parser.add_argument("--per-kind", type=int, default=40, help="councils, inspections and bodies visited")
    parser.add_argument("--rounds", type=int, default=3, help="visits of each page")
    args = parser.parse_args()
    scratch = None
    store = args.store
    if store is None:
        scratch = tempfile.mkdtemp(prefix="cskg-pages-bench-")
        store = str(Path(scratch) / "store")
        build_store(Path(store))
    try:
        page_cases = list_cases(store, args.per_kind)
        cold_html, _ = measure(store, page_cases, html=True, json=False, rounds=1)
        cold_json, weights = measure(store, page_cases, html=False, json=True, rounds=1)
        warm = measure(store, page_cases, html=True, json=True, rounds=args.rounds, warm_up=True)[0]
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    print("First visits (a fresh server for the pages and another for the JSON: nothing cached), then "
          f"{args.rounds} visits of each after one untimed visit (the server's result cache warm); ms")
    print(f"{'page':<11} {'visits':>6} {'cold HTML p95':>13} {'cold JSON p95':>13} {'ratio':>6}   "
          f"{'warm HTML p50':>13} {'p95':>6} {'warm JSON p95':>13} {'ratio':>6} {'max KB':>7}")
    for kind in cold_html:
        h, j = p(cold_html[kind]["html"], 95), p(cold_json[kind]["json"], 95)
        wh, wj = warm[kind]["html"], warm[kind]["json"]
        print(f"{kind:<11} {len(cold_html[kind]['html']):>6} {h * 1000:>13.1f} {j * 1000:>13.1f} {h / j:>6.2f}   "
              f"{p(wh, 50) * 1000:>13.1f} {p(wh, 95) * 1000:>6.1f} {p(wj, 95) * 1000:>13.1f} "
              f"{p(wh, 95) / p(wj, 95):>6.2f} {weights[kind] / 1024:>7.0f}")
    print("JSON = the lookups carrying the page's data, in sequence; max KB = heaviest page of the type with its CSS, "
          "scripts and images (the editor's own files apart)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
