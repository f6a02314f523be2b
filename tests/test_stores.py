"""Store behaviour users rely on: persistence, atomic replacement, no duplicates, remote round trip."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef

from cskg.graph.stores import OxigraphStore, RemoteStore, StoreError, open_store

G1 = "https://w3id.org/cskg/graph/report/test/one"
G2 = "https://w3id.org/cskg/graph/report/test/two"
EX = "https://example.org/"


def triples(n: int, label: str) -> str:
    return "\n".join(f'<{EX}s{i}> <{EX}label> "{label} {i}" .' for i in range(n))


def labels(store, graph: str) -> list[str]:
    result = store.select(f"SELECT ?l WHERE {{ GRAPH <{graph}> {{ ?s <{EX}label> ?l }} }} ORDER BY ?l")
    return [row[0] for row in result.rows]


def exercise_replace(store) -> None:
    """The contract every store kind honours."""
    store.replace_graph(G1, triples(3, "first"))
    store.replace_graph(G2, triples(2, "other"))
    store.replace_graph(G1, triples(2, "second"))  # re-ingest: replaces, never duplicates
    assert labels(store, G1) == ["second 0", "second 1"]
    assert labels(store, G2) == ["other 0", "other 1"]
    assert {G1, G2} <= set(store.graphs())
    # The default graph is the union of the named graphs.
    union = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}label> ?l }}")
    assert union.rows[0][0] == 4
    # Variables bind by substitution: the same query serves one value or, unbound, all.
    bound = store.select(f"SELECT ?s WHERE {{ ?s <{EX}label> ?l }}", {"l": Literal("other 1")})
    assert bound.rows == ((f"{EX}s1",),)
    iri_bound = store.select(f"SELECT ?l WHERE {{ ?s <{EX}label> ?l }} ORDER BY ?l", {"s": URIRef(f"{EX}s0")})
    assert [r[0] for r in iri_bound.rows] == ["other 0", "second 0"]
    assert store.ask(f"ASK {{ <{EX}s0> <{EX}label> \"other 0\" }}") is True
    # Values come in the SELECT's column order: numbers as numbers, None where a variable is unbound.
    typed = store.select(f"SELECT ?s ?missing ?n ?l WHERE {{ GRAPH <{G2}> {{ ?s <{EX}label> ?l }} "
                         f"OPTIONAL {{ ?s <{EX}none> ?missing }} BIND(STRLEN(?l) AS ?n) }} ORDER BY ?s")
    assert typed.variables == ("s", "missing", "n", "l")
    assert typed.rows == ((f"{EX}s0", None, 7, "other 0"), (f"{EX}s1", None, 7, "other 1"))
    store.drop_graph(G2)
    assert labels(store, G2) == []
    assert store.count_quads() == 2


def test_memory_store_replaces_graphs_without_duplicates() -> None:
    exercise_replace(open_store(":memory:"))


def test_failed_replacement_leaves_the_old_graph_whole() -> None:
    store = OxigraphStore(None)
    store.replace_graph(G1, triples(3, "kept"))
    with pytest.raises(SyntaxError):
        store.replace_graph(G1, triples(2, "new") + "\n<broken")
    assert labels(store, G1) == ["kept 0", "kept 1", "kept 2"]


G3 = "https://w3id.org/cskg/graph/report/test/three"


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_graphs_added_together_are_stored_whole(where: str, tmp_path: Path) -> None:
    store = open_store(":memory:" if where == "memory" else str(tmp_path / "store"))
    store.add_graphs([(G1, triples(3, "one") + "\n"), (G2, triples(2, "two") + "\n")])
    assert labels(store, G1) == ["one 0", "one 1", "one 2"]
    assert labels(store, G2) == ["two 0", "two 1"]
    assert store.count_quads() == 5
    store.close()


def test_graphs_added_together_keep_their_triples_in_any_n_triples_layout(tmp_path: Path) -> None:
    """Statements without the space before the dot, blank lines, no final line feed: each triple still
    lands in its own graph, none in another or the default graph."""
    store = open_store(str(tmp_path / "store"))
    tight = f'<{EX}s0> <{EX}label> "tight 0".\n\n<{EX}s1> <{EX}label> "tight 1"   .'
    store.add_graphs([(G1, triples(2, "plain") + "\n"), (G2, tight), (G3, triples(1, "last"))])
    assert labels(store, G1) == ["plain 0", "plain 1"]
    assert labels(store, G2) == ["tight 0", "tight 1"]
    assert labels(store, G3) == ["last 0"]
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0] == 5
    assert store.count_quads() == 5  # nothing in the default graph
    store.close()


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_failed_add_leaves_none_of_its_graphs(where: str, tmp_path: Path) -> None:
    store = open_store(":memory:" if where == "memory" else str(tmp_path / "store"))
    store.replace_graph(G1, triples(1, "before"))
    broken = triples(2, "bad") + "\n<broken .\n"
    with pytest.raises((StoreError, SyntaxError)):
        store.add_graphs([(G2, triples(2, "fine") + "\n"), (G3, broken)])
    assert labels(store, G2) == [] and labels(store, G3) == []
    assert labels(store, G1) == ["before 0"]
    store.close()


def test_embedded_store_persists_between_runs(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = open_store(str(location))
    exercise_replace(store)
    store.close()
    reopened = open_store(str(location), read_only=True)
    assert labels(reopened, G1) == ["second 0", "second 1"]
    reopened.close()


def test_a_memory_copy_abandoned_by_a_stopped_server_is_removed_by_the_next(tmp_path: Path) -> None:
    """A server stopped while it copies its store leaves the copy's scratch folder: the next copy removes it,
    but never the folder of a process still running."""
    import os

    from cskg.graph.stores.oxigraph_store import _COPY_PREFIX, _remove_abandoned

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f"cskg-copy-{ended.stdout.strip()}-x1"
    running = tmp_path / f"cskg-copy-{os.getpid()}-x2"
    for folder in (abandoned, running):
        folder.mkdir()
        (folder / "store.nq").write_text("<a> <b> <c> <d> .\n")
    _remove_abandoned(tmp_path, _COPY_PREFIX)
    assert not abandoned.exists() and running.exists()


def test_store_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSKG_STORE", str(tmp_path / "env-store"))
    store = open_store(None)
    assert store.location == str(tmp_path / "env-store")
    store.close()


def test_bad_locations_say_what_to_do(tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        open_store(str(a_file))
    with pytest.raises(StoreError, match="cskg ingest"):
        open_store(str(tmp_path / "absent"), read_only=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path: Path):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the `oxigraph` server is not installed: pip install -e '.[test]'")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[:500]}")
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_remote_store_round_trip_against_oxigraph_server(oxigraph_server: str) -> None:
    store = open_store(oxigraph_server)
    assert isinstance(store, RemoteStore)
    exercise_replace(store)
    store.close()


def test_remote_store_ingest_replace_query(oxigraph_server: str, tmp_path: Path) -> None:
    from cskg.graph.ingest import ingest
    from cskg.queries import load_query
    from tests.conftest import seed

    store = open_store(oxigraph_server)
    source = seed("001")
    first = ingest([source], store, jobs=1)
    assert len(first.loaded) == 1, first.rejected
    count = store.count_quads()
    second = ingest([source], store, jobs=1, force=True)  # re-ingest (forced) replaces the report graph
    assert len(second.loaded) == 1
    assert store.count_quads() == count
    rows = load_query("judgements").run(store).as_dicts()
    assert len(rows) == 5
    assert {r["authority_code"] for r in rows} == {"E10000028"}
    store.close()


def test_unreachable_remote_store_is_a_store_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreError, match="Is the server running"):
        store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_leftovers_of_an_interrupted_bulk_write_are_removed_when_the_store_is_next_opened_for_writing(
        tmp_path: Path) -> None:
    """A bulk load killed mid-way leaves `bulk-<random>.sst` in the folder (seen with kill -9 during a
    3-million-quad load); the next writer removes it, and a read-only opener leaves the folder untouched."""
    location = tmp_path / "store"
    store = OxigraphStore(str(location))
    store.replace_graph("http://example.org/g", "<http://example.org/s> <http://example.org/p> \"o\" .\n")
    store.close()
    leftover = location / "bulk-123052542073168722642116180934759084382.sst"
    leftover.write_bytes(b"\0" * 4096)
    OxigraphStore(str(location), read_only=True).close()
    assert leftover.exists()
    reopened = OxigraphStore(str(location))
    assert not leftover.exists()
    assert reopened.count_quads() == 1
    reopened.close()
