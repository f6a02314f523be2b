"""Memory and start-up of `cskg serve` against `oxigraph serve` on the same data, after the same mixed load.

    python bench/serve_memory.py --store cskg-store                  # a store built by `cskg ingest`
    python bench/serve_memory.py --store cskg-store --clients 8 --duration 30

Four servers are started in turn on loopback, each alone on the machine:
  oxigraph in memory   `oxigraph serve` (no --location) with the store's quads POSTed to /store
  oxigraph on disk     `oxigraph serve-read-only` on a copy of the store folder
  cskg                 `cskg serve` on the store folder as the README runs it: a read-only checkpoint of the folder
                       read in place by the server and its workers, with a 60 s query time limit (oxigraph has none)
  cskg --in-memory     the same from copies of the store in memory (the server's and the workers' parent's)
Each gets the same mixed load: --clients threads POST every named query (parameters bound as bench/api_bench.py
binds them) over /sparql in turn for --duration seconds. Printed per server: seconds from start to the first
answer (for oxigraph in memory, before its data is loaded), memory at rest and right after the load, as RSS and
PSS summed over the server and its child processes (PSS counts the pages forked workers share once), p50/p95
of the load's queries; then each cskg's RSS and PSS as a ratio of oxigraph's in the same mode and the other. Issue 17's target:
cskg's RSS after a mixed load within 1.5x of `oxigraph serve` on the same data.
"""

from __future__ import annotations

import argparse
from contextlib import closing
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_bench import QueryClient, cases, free_port, samples, stop  # noqa: E402
from load import rss_by_process  # noqa: E402

from cskg.api.settings import Settings  # noqa: E402
from cskg.graph.stores import OxigraphStore  # noqa: E402
from cskg.graph.text_index import open_text_index  # noqa: E402
from cskg.queries import list_queries  # noqa: E402

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
MAX_QUERY_BYTES = Settings().max_request_bytes
SERVERS = ("oxigraph-memory", "oxigraph-disk", "cskg", "cskg-in-memory")
SETTLE = 20.0  # seconds after the load for the last measure: past the retirement of cskg's burst workers (5 s)


@dataclass(frozen=True)
class Measure:
    name: str
    start_s: float
    rest: tuple[float, float]  # (RSS, PSS) MB
    after: tuple[float, float]  # 3 s after the load
    settled: tuple[float, float]  # SETTLE s after the load: cskg's extra workers have stopped by then
    p50_ms: float
    p95_ms: float
    queries: int
    failures: int


def memory(pid: int) -> tuple[float, float]:
    return sum(rss_by_process(pid, "Rss")), sum(rss_by_process(pid, "Pss"))


def first_answer(url: str, process: subprocess.Popen, timeout: float = 600) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with status {process.returncode}")
        try:
            if httpx.post(url, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                return time.perf_counter() - began
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def mixed_load(url: str, bound: list[str], clients: int, duration: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client(offset: int) -> None:
        session = QueryClient()
        index = offset
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                status, _ = session.post(url, bound[index % len(bound)], timeout=60)
            except (TimeoutError, RuntimeError):
                status = 0
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                failures[0] += status != 200
            index += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def measure(name: str, argv: list[str], url: str, bound: list[str], args: argparse.Namespace,
            before_load=None, settle=None) -> Measure:
    print(f"{name}: starting", file=sys.stderr, flush=True)
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start_s = first_answer(url, process)
        if before_load:
            before_load()
        if settle:
            settle()
        time.sleep(3)
        rest = memory(process.pid)
        print(f"{name}: mixed load, {args.clients} clients for {args.duration:g} s", file=sys.stderr, flush=True)
        latencies, failures = mixed_load(url, bound, args.clients, args.duration)
        time.sleep(3)
        after = memory(process.pid)
        time.sleep(SETTLE - 3)
        settled = memory(process.pid)
        ordered = sorted(latencies)
        return Measure(name, start_s, rest, after, settled, statistics.median(ordered) * 1000,
                       ordered[int(0.95 * (len(ordered) - 1))] * 1000, len(latencies), failures)
    finally:
        stop(process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, help="a store folder built by cskg ingest")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS),
                        help="measure only these servers (default: all four)")
    args = parser.parse_args()
    if not OXIGRAPH.exists():
        print(f"no oxigraph binary at {OXIGRAPH}: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    store = OxigraphStore(args.store, read_only=True)
    try:
        with closing(open_text_index(args.store)) as index:
            labelled = cases(list_queries(), samples(store), index)
    finally:
        store.close()
    # A text search bound to its hits as a VALUES block can outgrow cskg's 64 KiB request limit (cskg itself
    # binds it inside the server): such a text would be refused by one server and answered by the others.
    def sent(sparql: str) -> int:
        return len(urlencode({"query": sparql}))

    bound = [sparql for _, sparql in labelled if sent(sparql) <= MAX_QUERY_BYTES]
    for label, sparql in labelled:
        if sent(sparql) > MAX_QUERY_BYTES:
            print(f"left out of the load: {label} (its form-encoded text is {sent(sparql)} bytes)", file=sys.stderr)
    scratch = Path(tempfile.mkdtemp(prefix="cskg-serve-memory-"))
    try:
        results = []
        if "oxigraph-memory" in args.servers:
            dump = scratch / "all.nq"
            source = ox.Store.read_only(args.store)
            source.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
            del source
            port = free_port()

            def load_dump() -> None:
                with dump.open("rb") as data:
                    httpx.post(f"http://127.0.0.1:{port}/store", content=data, timeout=600,
                               headers={"Content-Type": "application/n-quads"}).raise_for_status()

            results.append(measure("oxigraph in memory", [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}",
                                                           "--union-default-graph"],
                                   f"http://127.0.0.1:{port}/query", bound, args, load_dump))
        if "oxigraph-disk" in args.servers:
            shutil.copytree(args.store, scratch / "copy")
            port = free_port()
            results.append(measure("oxigraph on disk", [str(OXIGRAPH), "serve-read-only", "--location",
                                                        str(scratch / "copy"), "--bind", f"127.0.0.1:{port}",
                                                        "--union-default-graph"],
                                   f"http://127.0.0.1:{port}/query", bound, args))
        if "cskg" in args.servers:
            port = free_port()
            results.append(measure("cskg", [sys.executable, "-m", "cskg.cli", "serve", "--store", args.store,
                                            "--port", str(port), "--timeout", "60"],
                                   f"http://127.0.0.1:{port}/sparql", bound, args))
        if "cskg-in-memory" in args.servers:
            port = free_port()
            base = f"http://127.0.0.1:{port}"

            def served_from_memory() -> None:
                while httpx.get(base + "/health", timeout=10).json().get("served_from") != "memory":
                    time.sleep(0.5)

            results.append(measure("cskg --in-memory", [sys.executable, "-m", "cskg.cli", "serve", "--store",
                                                        args.store, "--port", str(port), "--timeout", "60",
                                                        "--in-memory"], base + "/sparql", bound, args,
                                   settle=served_from_memory))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"{len(bound)} named queries; {args.clients} clients for {args.duration:g} s on each server")
    print(f"memory in MB (RSS / PSS): at rest, 3 s after the load, {SETTLE:g} s after it")
    print(f"{'server':<20}{'start s':>8}{'rest':>12}{'after':>12}{'settled':>12}"
          f"{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}{'failed':>7}")
    for m in results:
        cells = "".join(f"{f'{rss:.0f} / {pss:.0f}':>12}" for rss, pss in (m.rest, m.after, m.settled))
        print(f"{m.name:<20}{m.start_s:>8.2f}{cells}{m.p50_ms:>8.1f}{m.p95_ms:>8.1f}{m.queries:>9}{m.failures:>7}")
    for cskg, other in ((mine, theirs) for mine in results if mine.name.startswith("cskg")
                        for theirs in results if theirs.name.startswith("oxigraph")):
        ratios = ", ".join(f"{when} RSS {mine[0] / theirs[0]:.2f}x PSS {mine[1] / theirs[1]:.2f}x"
                           for when, mine, theirs in (("at rest", cskg.rest, other.rest),
                                                      ("after", cskg.after, other.after),
                                                      ("settled", cskg.settled, other.settled)))
        print(f"{cskg.name} / {other.name}: {ratios} (target: 1.5x after a mixed load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
