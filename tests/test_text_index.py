"""The full-text index: its search syntax, agreement with a plain word search, and keeping in step with
the store (ingest, a replaced report, a dropped graph, `cskg reindex`, a remote store)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from cskg.cli import main
from cskg.graph.ingest import ingest
from cskg.graph.stores import open_store
from cskg.graph.text_index import MAX_READERS, TextIndex, index_location, open_synced, read_entries
from cskg.graph.text_search import SearchSyntaxError, fts5_query
from tests.conftest import SEEDS, seed
from tests.test_stores import oxigraph_server  # noqa: F401 (a fixture)

# Searches an analyst types: words, phrases, prefixes, mixed case, punctuation inside words.
SEARCHES = ("neglect", "supervision", '"private fostering"', "exploitation", "LADO", "supervis*",
            "Neglect supervision", '"child protection" plan*', "children's", "care-leavers", "exploit*",
            '"management oversight"', "Ofsted", "domestic abuse", '"front door"*', "ÉDUCATION")
TEXTS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?item ?text WHERE {
  { ?i cskg:hasFinding ?item . ?item cskg:text ?text } UNION { ?i cskg:hasRecommendation ?item . ?item cskg:text ?text }
  UNION { ?item cskg:organisationKind ?k ; rdfs:label|skos:altLabel ?text }
}"""


# --- a plain word search, written without FTS5, to check the index against --------------------------

def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[^\W_]+", "".join(c for c in folded if not unicodedata.combining(c)))


def plain_match(search: str, text: str) -> bool:
    """All terms of the search occur: a word as a whole word, a quoted phrase as consecutive words,
    word* as the start of a word."""
    held = words(text)
    for quoted, prefix_mark, bare in re.findall(r'"([^"]*)"(\*?)|(\S+)', search):
        prefix = bool(prefix_mark) or bare.endswith("*")
        wanted = words(quoted if quoted else bare.rstrip("*"))
        n = len(wanted)
        if not any(held[i:i + n - 1] == wanted[:-1] and i + n <= len(held)
                   and (held[i + n - 1].startswith(wanted[-1]) if prefix else held[i + n - 1] == wanted[-1])
                   for i in range(len(held))):
            return False
    return True


def plain_search(texts: list[tuple[str, str]], search: str) -> set[str]:
    return {item for item, text in texts if plain_match(search, text)}


def check_agreement(store) -> dict[str, int]:
    index = TextIndex()
    index.sync(store)
    texts = [(str(item), str(text)) for item, text in store.select(TEXTS).rows]
    found = {}
    for search in SEARCHES:
        expected = plain_search(texts, search)
        assert set(index.matching(search)) == expected, search
        found[search] = len(expected)
    return found


@pytest.fixture(scope="module")
def seeds_store():
    store = open_store(":memory:")
    summary = ingest([SEEDS], store, jobs=1)
    assert not summary.rejected
    return store


# --- the search syntax -----------------------------------------------------------------------------

def test_search_syntax_quotes_every_term() -> None:
    assert fts5_query('Neglect "private  fostering" supervis*') == '"neglect" "private fostering" "supervis"*'
    assert fts5_query("children's care-leavers") == '"children s" "care leavers"'
    assert fts5_query('"front door"* - &') == '"front door"*'


@pytest.mark.parametrize("search, complaint", [
    ('"private fostering', "unbalanced quote"), ("*", "a * must follow"), ("neglect *", "a * must follow"),
    ("NEAR(neglect abuse)", "operators are not supported"), ("neglect OR abuse", "operators are not supported"),
    ("NOT neglect", "operators are not supported"), ("text:neglect", "is not part of the search syntax"),
    ("(neglect)", "is not part of the search syntax"), ("sup*vision", "* may only end a word"),
    ('"neglect*"', "after the phrase's closing quote"), ('""', "holds no words"), ("- & ...", "no words"),
    ("^neglect", "is not part of the search syntax")])
def test_malformed_searches_say_what_is_wrong(search: str, complaint: str) -> None:
    with pytest.raises(SearchSyntaxError, match=re.escape(complaint)):
        fts5_query(search)


# --- agreement with a plain word search ------------------------------------------------------------

def test_index_agrees_with_a_plain_word_search_on_the_seeds(seeds_store) -> None:
    found = check_agreement(seeds_store)
    # The test set is not vacuous: the five words of the issue are all found.
    assert all(found[s] > 0 for s in ("neglect", "supervision", '"private fostering"', "exploitation", "LADO"))
    assert found["supervis*"] > found["supervision"]


def test_index_agrees_with_a_plain_word_search_on_the_corpus(corpus_store) -> None:
    found = check_agreement(corpus_store.store)
    assert found["neglect"] > 100 and found['"private fostering"'] > 10


def test_ranking_and_order(seeds_store) -> None:
    index = TextIndex()
    index.sync(seeds_store)
    total, hits = index.search("neglect", kinds=("finding",), order="relevance", limit=5)
    assert total == len(index.matching("neglect", kinds=("finding",))) and len(hits) == 5
    assert [h.score for h in hits] == sorted(h.score for h in hits)  # BM25: lower is better
    total, newest = index.search("neglect", kinds=("finding",), order="newest", limit=total)
    dates = [index_dates(index)[h.iri] for h in newest]
    assert dates == sorted(dates, reverse=True)
    _, second_page = index.search("neglect", kinds=("finding",), order="newest", limit=2, offset=2)
    assert second_page == newest[2:4]
    # Bodies (a name in every report naming the body) are counted once, on any page, also past the last.
    for order in ("relevance", "newest"):
        everything = index.matching("safeguarding")
        assert any("/id/body/" in iri for iri in everything)
        assert index.search("safeguarding", order=order, limit=3)[0] == len(everything)
        assert index.search("safeguarding", order=order, limit=3, offset=10_000) == (len(everything), [])
        assert {h.iri for h in index.search("safeguarding", order=order, limit=10_000)[1]} == set(everything)
    _, staffs = index.search("neglect", authority="E10000028", limit=100)
    assert staffs and all("/E10000028/" in h.iri for h in staffs)


def index_dates(index: TextIndex) -> dict[str, str]:
    db = sqlite3.connect(index.location) if index.location != ":memory:" else index._db
    return dict(db.execute("SELECT iri, MAX(date) FROM entries GROUP BY iri"))


# --- in step with the store ------------------------------------------------------------------------

def entries_of(index: TextIndex, graph: str) -> int:
    return index._db.execute("SELECT COUNT(*) FROM entries WHERE graph = ?", (graph,)).fetchone()[0]


def test_a_replaced_reports_texts_are_replaced_in_the_same_ingest(tmp_path: Path) -> None:
    original = seed("001")
    text = original.read_text(encoding="utf-8")
    assert "LADO" in text and "quokkawise" not in text
    changed = tmp_path / "changed" / original.name
    changed.parent.mkdir()
    changed.write_text(text.replace("LADO", "quokkawise"), encoding="utf-8")

    store = open_store(":memory:")
    index = TextIndex(str(tmp_path / "index.sqlite"))
    first = ingest([original], store, jobs=1, text_index=index)
    graph = first.loaded[0].graph
    lado = index.matching("LADO", kinds=("finding", "recommendation"))
    assert lado and not index.matching("quokkawise")
    assert entries_of(index, graph) == len(list(read_entries(store, [graph])))

    second = ingest([changed], store, jobs=1, text_index=index)
    assert second.loaded[0].graph == graph  # the same inspection: its graph was replaced
    assert set(index.matching("quokkawise")) == set(lado)
    assert not index.matching("LADO", kinds=("finding", "recommendation"))
    # Every text of the new graph, none of the old one (whose body named LADO is gone too).
    assert entries_of(index, graph) == len(list(read_entries(store, [graph])))
    assert not index.is_stale(store)


def _writer_and_server(tmp_path: Path) -> tuple[Path, Path, object, TextIndex, TextIndex]:
    """A seed and its copy with LADO spelt "quokkawise"; a store holding the seed, written with one connection
    to an index file (an ingest) while another (a server) searches it."""
    original = seed("001")
    changed = tmp_path / "changed" / original.name
    changed.parent.mkdir()
    changed.write_text(original.read_text(encoding="utf-8").replace("LADO", "quokkawise"), encoding="utf-8")
    store = open_store(":memory:")
    location = str(tmp_path / "index.sqlite")
    writer, server = TextIndex(location), TextIndex(location)
    ingest([original], store, jobs=1, text_index=writer)
    return original, changed, store, writer, server


def test_a_kept_answer_never_outlives_a_write_by_another_connection(tmp_path: Path) -> None:
    """The server keeps recent searches' answers; an ingest writing the same index file from another
    connection (another process, in use) makes it search again."""
    original, changed, store, writer, server = _writer_and_server(tmp_path)
    found = server.search("LADO", kinds=("finding", "recommendation"))
    assert found[0] and server.search("LADO", kinds=("finding", "recommendation")) is found  # kept
    assert not server.matching("quokkawise")
    ingest([changed], store, jobs=1, text_index=writer)
    assert server.search("LADO", kinds=("finding", "recommendation"))[0] == 0
    assert server.matching("quokkawise")
    writer.close()
    server.close()


def test_searches_from_many_threads_agree_and_see_a_write_in_every_thread(tmp_path: Path) -> None:
    """On a file searching threads read with connections of their own from a bounded pool (searches run at
    once); what one thread kept is emptied when any connection sees another connection's write."""
    from concurrent.futures import ThreadPoolExecutor

    original, changed, store, writer, server = _writer_and_server(tmp_path)
    words = ["LADO", "supervision", "neglect", "quokkawise", "private fostering"] * 8
    alone = {word: server.search(word)[0] for word in set(words)}
    with ThreadPoolExecutor(16) as pool:
        assert list(pool.map(lambda word: server.search(word)[0], words)) == [alone[w] for w in words]
        assert alone["LADO"] > 0 and alone["quokkawise"] == 0
        # several connections were used at once, never more than the pool's bound for 16 threads
        assert 1 < len(server._idle_readers) <= MAX_READERS
        ingest([changed], store, jobs=1, text_index=writer)
        after = list(pool.map(lambda word: server.search(word, kinds=("finding", "recommendation"))[0], words))
    assert after[words.index("LADO")] == 0 and after[words.index("quokkawise")] > 0
    writer.close()
    server.close()


def test_release_idle_closes_unused_connections_and_drops_unread_answers(tmp_path: Path) -> None:
    """What a burst of searches took (connections with their page caches, kept answers) is given back once
    nobody has searched for the idle time; searching afterwards opens a connection again and finds the same."""
    _, _, _, writer, server = _writer_and_server(tmp_path)
    first = server.search("LADO")
    assert first[0] > 0 and server._idle_readers and server._answers
    assert server.release_idle(3600) == 0  # all read within the hour: nothing goes
    readers, answers = len(server._idle_readers), len(server._answers)
    assert server.release_idle(0) == readers + answers
    assert not server._idle_readers and not server._answers
    assert server.search("LADO") == first
    writer.close()
    server.close()


def test_sync_finds_changed_and_dropped_graphs_without_being_told(tmp_path: Path) -> None:
    store = open_store(":memory:")
    ingest([seed("001"), seed("002")], store, jobs=1)
    index = TextIndex(str(tmp_path / "index.sqlite"))
    report = index.sync(store)
    assert report.updated == report.checked > 2 and report.removed == 0
    assert index.sync(store).updated == 0  # nothing changed: nothing read

    graphs = sorted(g for g in index.fingerprints() if "/report/" in g)
    store.drop_graph(graphs[0])
    assert index.is_stale(store)
    report = index.sync(store)
    assert (report.updated, report.removed) == (0, 1)
    assert entries_of(index, graphs[0]) == 0

    changed = tmp_path / seed("002").name
    changed.write_text(seed("002").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ingest([changed], store, jobs=1)  # no index given: the index learns of it from the fingerprint
    assert index.is_stale(store)
    assert index.sync(store).updated == 1


def test_cli_ingest_builds_the_index_and_reindex_rebuilds_it(tmp_path: Path, capsys) -> None:
    location = tmp_path / "store"
    assert main(["ingest", str(seed("001")), str(seed("003")), "--store", str(location), "--quiet", "--jobs", "1"]) == 0
    index_file = Path(index_location(str(location)))
    assert index_file.name == "store.text-index.sqlite" and index_file.parent == tmp_path
    capsys.readouterr()
    assert main(["reindex", "--store", str(location)]) == 0
    assert "0 indexed anew, 0 removed" in capsys.readouterr().out
    index_file.unlink()
    shutil.rmtree(tmp_path / "store.text-index.sqlite-wal", ignore_errors=True)
    assert main(["reindex", "--store", str(location)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"(\d+) graphs checked, \1 indexed anew", out), out

    assert main(["query", "findings", "--param", 'q="private fostering"', "--store", str(location),
                 "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and all("private fostering" in row.lower() for row in rows)
    assert main(["query", "findings", "--param", 'q="private fostering', "--store", str(location)]) == 4
    assert "unbalanced quote" in capsys.readouterr().err


def test_reindex_from_a_remote_store(oxigraph_server: str, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: F811
    store = open_store(oxigraph_server)
    ingest([seed("001")], store, jobs=1)
    store.close()
    monkeypatch.setenv("CSKG_TEXT_INDEX", str(tmp_path / "remote.sqlite"))
    assert main(["reindex", "--store", oxigraph_server]) == 0
    assert "remote.sqlite" in capsys.readouterr().out
    index = TextIndex(str(tmp_path / "remote.sqlite"))
    local = open_store(":memory:")
    ingest([seed("001")], local, jobs=1)
    expected = TextIndex()
    expected.sync(local)
    for search in SEARCHES:
        assert set(index.matching(search)) == set(expected.matching(search)), search


def test_an_index_that_cannot_be_written_is_built_in_memory(seeds_store, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    index, problem = open_synced(str(tmp_path / "store"), seeds_store, str(blocker / "index.sqlite"))
    assert index.location == ":memory:" and "cannot be opened" in problem
    assert set(index.matching("neglect")) == set(check_index(seeds_store).matching("neglect"))


def check_index(store) -> TextIndex:
    index = TextIndex()
    index.sync(store)
    return index
