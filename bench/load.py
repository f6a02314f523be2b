"""A bounded load run against `cskg serve` on loopback, with hostile and slow queries mixed in.

    python bench/load.py --store cskg-store                 # a store built by `cskg ingest`
    python bench/load.py --store cskg-store --clients 16 64 --duration 60

For each number of clients it runs two phases of --duration seconds each: normal requests only (named queries,
REST lookups, small SPARQL, search), then the same with two extra clients sending hostile requests without
pause (SERVICE in escapes, 10,000 nested groups, a result over the row cap, a query that runs past the time
limit, a query that blows up its worker's memory, a 10 MB Accept header, SPARQL Update). It prints requests/s,
p50/p95/p99 of the normal requests in each phase and their ratio, errors (a normal request not answered 2xx, a
hostile one answered otherwise than its expected refusal), and the memory (PSS: shared pages counted once) of the
server and its workers every 5 s, at the start, at the peak and after the run. Targets (issue 13): 0 errors, memory back to its baseline after
the run, normal p95 during the hostile burst within 2x of p95 without it. "After the run" is once the server has
dropped the answers it cached under load: it runs with --cache-idle 20 here (600 s by default), and the bench waits
that long and a sweep more before it measures.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
NORMAL = [
    ("GET", "/authorities", None),
    ("GET", "/authorities/E10000028", None),
    ("GET", "/queries/latest-judgements?limit=50", None),
    ("GET", "/queries/findings?q=neglect&limit=50", None),
    ("GET", "/search?q=supervision", None),
    ("GET", "/boards?shared=true", None),
    ("POST", "/sparql", "SELECT ?i ?d WHERE { ?i <https://w3id.org/cskg/ontology#startDate> ?d } LIMIT 20"),
]
# (name, method, path, body, headers, the statuses that are the right answer)
HOSTILE = [
    ("service-escaped", "POST", "/sparql", SERVICE.replace("SERVICE", "SERVIC\\u0045"), {}, {400, 403}),
    ("nesting-10000", "POST", "/sparql", "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000, {}, {400, 413}),
    # 422 from the row cap, or 503 when writing 100,000 rows takes longer than the time limit under load
    ("over-row-cap", "POST", "/sparql", "SELECT * WHERE { ?s ?p ?o }", {}, {422, 503}),
    # {n} makes every text new, so the server cannot refuse it for having overrun a moment ago: the worst case
    ("past-time-limit", "POST", "/sparql",
     "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?i != {n}) }", {}, {503}),
    ("memory-bomb", "POST", "/sparql",
     "SELECT (STRLEN(?x) AS ?n) WHERE { BIND(\"aaaaaaaaaaaaaaaa\" AS ?a0) "
     + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(28)) + " BIND(?a28 AS ?x) }",
     {}, {200, 422, 503}),
    ("accept-10MB", "GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "text/html;q=0.5," * 600_000}, {431}),
    ("update", "POST", "/sparql", "DROP ALL", {"Content-Type": "application/sparql-update"}, {403}),
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    count: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_by_process(pid: int, field: str = "Pss") -> list[float]:
    """Memory of a process and then of each of its descendants, in MB: proportional set size by default
    (pages shared by the forked query workers counted once in all), or "Rss"."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/smaps_rollup").read_text()
            found.append(int(next(line.split()[1] for line in status.splitlines() if line.startswith(field + ":")))
                         / 1024)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return found


def rss_mb(pid: int) -> float:
    return sum(rss_by_process(pid))


def send(client: httpx.Client, method: str, path: str, body: str | None, headers: dict) -> httpx.Response:
    if method == "POST" and body is not None:
        headers = {"Content-Type": "application/sparql-query", **headers}
        return client.post(path, content=body.encode(), headers=headers)
    return client.request(method, path, headers=headers)


def normal_client(url: str, stop: threading.Event, tally: Tally, lock: threading.Lock, offset: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        index = offset
        while not stop.is_set():
            method, path, body = NORMAL[index % len(NORMAL)]
            index += 1
            started = time.perf_counter()
            try:
                answer = send(client, method, path, body, {"Accept": "application/json"} if body is None else {})
            except httpx.HTTPError as exc:
                error = f"{path}: {type(exc).__name__}"
            else:
                error = f"{path}: {answer.status_code} {answer.text[:70]}" if answer.status_code >= 300 else ""
            elapsed = time.perf_counter() - started
            with lock:
                tally.count += 1
                tally.latencies.append(elapsed)
                tally.by_path.setdefault(path, []).append(elapsed)
                if error:
                    tally.errors.append(error)


def hostile_client(url: str, stop: threading.Event, tally: Tally, lock: threading.Lock, offset: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        index = offset
        while not stop.is_set():
            name, method, path, body, headers, expected = HOSTILE[index % len(HOSTILE)]
            index += 1
            body = body.replace("{n}", str(index)) if body else body
            try:
                status = send(client, method, path, body, dict(headers)).status_code
            except httpx.HTTPError as exc:
                status = 0
                print(f"    hostile {name}: {type(exc).__name__}", file=sys.stderr)
            with lock:
                tally.count += 1
                if status not in expected:
                    tally.errors.append(f"{name}: {status}")


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else float("nan")


def run_phase(url: str, clients: int, duration: float, hostile: bool, server_pid: int,
              rss_log: list[tuple[float, float]], started: float) -> tuple[Tally, Tally, float]:
    stop, lock = threading.Event(), threading.Lock()
    normal, bad = Tally(), Tally()
    threads = [threading.Thread(target=normal_client, args=(url, stop, normal, lock, i)) for i in range(clients)]
    if hostile:
        threads += [threading.Thread(target=hostile_client, args=(url, stop, bad, lock, i * 3)) for i in range(2)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    while time.perf_counter() - begin < duration:
        time.sleep(1.0)
        rss_log.append((time.perf_counter() - started, rss_mb(server_pid)))
    stop.set()
    for thread in threads:
        thread.join()
    return normal, bad, time.perf_counter() - begin


def wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.time() + 600
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"cskg serve exited with {process.returncode}")
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("cskg serve did not answer within 600 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, help="a store folder built by `cskg ingest`")
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--cache-idle", type=float, default=20.0,
                        help="the server's --cache-idle: cached answers unread this long are dropped")
    parser.add_argument("--in-memory", action="store_true",
                        help="run the server with --in-memory (memory copies) instead of in place (the default)")
    args = parser.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cskg = Path(sys.executable).with_name("cskg")
    process = subprocess.Popen([str(cskg), "serve", "--store", args.store, "--port", str(port), "--timeout", "2",
                                "--cache-idle", str(args.cache_idle), *(["--in-memory"] if args.in_memory else [])],
                               stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_ready(url, process)
        # With --in-memory, start-up answers from the folder in place; the run starts once the memory copies serve.
        while args.in_memory and httpx.get(url + "/health", timeout=30).json().get("served_from") == "in place":
            time.sleep(0.5)
        with httpx.Client(base_url=url, timeout=120) as client:  # each lookup once, as a server in use has
            for method, path, body in NORMAL:
                send(client, method, path, body, {})
        started = time.perf_counter()
        time.sleep(2)
        baseline = rss_mb(process.pid)
        at_rest, rss_at_rest = rss_by_process(process.pid), rss_by_process(process.pid, "Rss")
        rss_log: list[tuple[float, float]] = [(0.0, baseline)]
        print(f"server ready; PSS of server and workers at rest: {baseline:.0f} MB "
              f"(RSS summed per process: {sum(rss_at_rest):.0f} MB)")
        failed = False
        for clients in args.clients:
            quiet, _, quiet_s = run_phase(url, clients, args.duration, False, process.pid, rss_log, started)
            loud, bad, loud_s = run_phase(url, clients, args.duration, True, process.pid, rss_log, started)
            q95, l95 = percentile(quiet.latencies, 95), percentile(loud.latencies, 95)
            print(f"\n{clients} clients, {args.duration:.0f} s per phase")
            print(f"  {'phase':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
            for label, tally, seconds in (("normal only", quiet, quiet_s), ("normal, hostile mixed", loud, loud_s)):
                lat = tally.latencies
                print(f"  {label:<22}{tally.count / seconds:>8.1f}{percentile(lat, 50) * 1e3:>9.1f}"
                      f"{percentile(lat, 95) * 1e3:>9.1f}{percentile(lat, 99) * 1e3:>9.1f}{len(tally.errors):>8}")
            for path in sorted(loud.by_path):
                print(f"    {path[:40]:<42} p95 {percentile(quiet.by_path.get(path, []), 95) * 1e3:>8.1f} ms alone, "
                      f"{percentile(loud.by_path[path], 95) * 1e3:>8.1f} ms with hostile")
            print(f"  hostile requests: {bad.count}, answered otherwise than refused as expected: {len(bad.errors)}")
            print(f"  normal p95 with hostile / without: {l95 / q95:.2f} (target <= 2)")
            for error in sorted(set(quiet.errors + loud.errors + bad.errors))[:10]:
                print(f"    error: {error}")
            failed |= bool(quiet.errors or loud.errors or bad.errors) or l95 / q95 > 2
        # Workers replaced after the hostile phase finish loading; the answers cached under load expire.
        time.sleep(max(10.0, args.cache_idle + min(30.0, args.cache_idle / 4) + 2))
        after = rss_mb(process.pid)
        print(f"\nPSS per process (server first), MB: before {[round(mb) for mb in at_rest]}, "
              f"after {[round(mb) for mb in rss_by_process(process.pid)]}")
        print(f"RSS per process (server first), MB: before {[round(mb) for mb in rss_at_rest]}, "
              f"after {[round(mb) for mb in rss_by_process(process.pid, 'Rss')]}")
        peak = max(mb for _, mb in rss_log)
        print("\nPSS of server and workers (MB) every 5 s:")
        print("  " + "  ".join(f"{t:.0f}s:{mb:.0f}" for t, mb in rss_log[::5]))
        print(f"  at rest before {baseline:.0f}, peak {peak:.0f}, at rest after {after:.0f} "
              f"(after/before {after / baseline:.2f})")
        if failed:
            print("\nsome targets were missed (see above)")
    finally:
        process.terminate()
        process.wait(timeout=120)


if __name__ == "__main__":
    main()
