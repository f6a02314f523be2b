"""How long after an ingest ends the running server answers with the new report, and how long it took to start.

    python bench/live_update.py --store cskg-store      # a store built by `cskg ingest` (copied, not changed)
    python bench/live_update.py --store cskg-store --in-memory   # the server answering from memory copies

It copies the store to a temporary folder, starts `cskg serve` on it and times the first answer; then ingests
one seed report with `cskg ingest` (a separate process, as a user would) and times, from the moment that
command exits, until /sparql counts one inspection more. Target (issue 17): visible within 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from cskg.graph.text_index import index_location

SHARED = Path(os.environ.get("CSKG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
COUNT = "SELECT (COUNT(?i) AS ?n) WHERE { ?i a <https://w3id.org/cskg/ontology#Inspection> }"


def inspections(url: str) -> int | None:
    try:
        answer = httpx.get(url + "/sparql", params={"query": COUNT}, timeout=10)
    except httpx.HTTPError:
        return None
    if answer.status_code != 200:
        return None
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--report", default=str(sorted((SHARED / "seeds").glob("000_*.txt"))[0]))
    parser.add_argument("--in-memory", action="store_true", help="serve from memory copies (`cskg serve --in-memory`)")
    args = parser.parse_args()
    cskg = str(Path(sys.executable).with_name("cskg"))
    with tempfile.TemporaryDirectory(prefix="cskg-live-") as scratch:
        store = Path(scratch) / "store"
        shutil.copytree(args.store, store)
        # The text index the ingest keeps beside the store, as a served store has it (without it the server would
        # build one before its first answer, which is not what a user who ran `cskg ingest` waits for)
        if Path(index_location(args.store)).exists():
            shutil.copy2(index_location(args.store), index_location(str(store)))
        # The report may be in the store already: take its graph out of the copy, so that the ingest adds it.
        copy = ox.Store(str(store))
        name = Path(args.report).name
        graphs = {quad.graph_name for quad in copy.quads_for_pattern(None, None, ox.Literal(name), None)}
        for graph in graphs:
            copy.remove_graph(graph)
        copy.flush()
        del copy
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        began = time.monotonic()
        server = subprocess.Popen([cskg, "serve", "--store", str(store), "--port", str(port),
                                   *(["--in-memory"] if args.in_memory else [])],
                                  stderr=subprocess.DEVNULL)
        try:
            while (before := inspections(url)) is None:
                time.sleep(0.05)
            print(f"start-up: first /sparql answer {time.monotonic() - began:.2f} s after `cskg serve` began "
                  f"({before} inspections)")
            while args.in_memory and httpx.get(url + "/health", timeout=10).json()["served_from"] != "memory":
                time.sleep(0.05)
            if args.in_memory:
                print(f"start-up: served from memory copies {time.monotonic() - began:.2f} s after it began")
            done = subprocess.run([cskg, "ingest", args.report, "--store", str(store), "--quiet"],
                                  capture_output=True, text=True)
            ended = time.monotonic()
            print(f"ingest of {Path(args.report).name}: exit {done.returncode}, {done.stdout.strip()[:120]}")
            while (now := inspections(url)) == before and time.monotonic() - ended < 120:
                time.sleep(0.05)
            print(f"live update: {now} inspections {time.monotonic() - ended:.2f} s after the ingest ended "
                  "(target <= 5 s)")
            while args.in_memory and httpx.get(url + "/health", timeout=10).json()["served_from"] != "memory":
                time.sleep(0.05)
            if args.in_memory:
                print(f"live update: served from memory again {time.monotonic() - ended:.2f} s after the ingest ended")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
