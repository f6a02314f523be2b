"""The SPARQL endpoint over real HTTP: SPARQLWrapper, rdflib's SPARQLStore and raw httpx against uvicorn on
loopback, serving the hand-built fixture reports (tests/test_api_records.py) from an on-disk store."""

from __future__ import annotations

import importlib.util
import socket
import threading
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from cskg.api.app import create_app
from cskg.api.executor import WorkerPool
from cskg.api.negotiation import parse_accept
from cskg.api.settings import Settings
from cskg.api.worker import Job

_spec = importlib.util.spec_from_file_location("cskg_test_api_records", Path(__file__).with_name("test_api_records.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

CSKG = "https://w3id.org/cskg/ontology#"
PREFIX = f"PREFIX cskg: <{CSKG}>\n"
INSPECTIONS = PREFIX + "SELECT ?i WHERE { ?i a cskg:Inspection } ORDER BY ?i"
ALL_INSPECTIONS = sorted(f"https://w3id.org/cskg/id/inspection/{key}" for key in (
    "E10000028/SIF/2017-02-06", "E10000028/ILACS-standard/2023-11-06", "E06000021/SIF/2016-01-11",
    "E06000021/ILACS-standard/2022-02-21", "E10000007/ILACS-short/2021-06-14"))
# Every triple pattern matches thousands of triples: the cross product cannot finish within the limit.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON_RESULTS = parse_accept("application/sparql-results+json")
TIMEOUT = 1.5
MAX_ROWS = 1000


class Server:
    def __init__(self, settings: Settings) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.02)

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    location = tmp_path_factory.mktemp("api") / "store"
    fixtures.build_store(location).close()
    running = Server(Settings(store=str(location), query_timeout=TIMEOUT, max_rows=MAX_ROWS,
                              max_request_bytes=4096, workers=2))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def wrapper(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POST:
        sparql.setMethod(POST)
    elif method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    return sparql


# --- SPARQLWrapper: every result format, GET and both POST forms -----------------------------------------

@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_sparqlwrapper_select_json(server: Server, method: str | None) -> None:
    result = wrapper(server, INSPECTIONS, JSON, method).queryAndConvert()
    assert result["head"]["vars"] == ["i"]
    assert [b["i"] for b in result["results"]["bindings"]] == [{"type": "uri", "value": i} for i in ALL_INSPECTIONS]


def test_sparqlwrapper_select_xml(server: Server) -> None:
    document = wrapper(server, INSPECTIONS, XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == ALL_INSPECTIONS


def test_sparqlwrapper_select_csv_and_tsv(server: Server) -> None:
    query = PREFIX + ('SELECT ?code ?name WHERE { ?a cskg:gssCode ?code ; <http://www.w3.org/2000/01/rdf-schema#label> '
                      '?name FILTER(?code IN ("E10000028", "E06000021")) } ORDER BY ?code')
    csv_text = wrapper(server, query, CSV).queryAndConvert().decode()
    assert csv_text.splitlines() == ["code,name", "E06000021,Stoke-on-Trent", "E10000028,Staffordshire"]
    tsv_text = wrapper(server, query, TSV).queryAndConvert().decode()
    assert tsv_text.splitlines() == ["?code\t?name", '"E06000021"\t"Stoke-on-Trent"', '"E10000028"\t"Staffordshire"']


def test_sparqlwrapper_typed_literals_in_json(server: Server) -> None:
    query = PREFIX + ("SELECT ?start ?rank WHERE { <https://w3id.org/cskg/id/inspection/E06000021/ILACS-standard/"
                      "2022-02-21> cskg:startDate ?start ; cskg:hasJudgement/cskg:grade/cskg:rank ?rank } "
                      "ORDER BY DESC(?rank) LIMIT 1")
    binding = wrapper(server, query, JSON).queryAndConvert()["results"]["bindings"][0]
    assert binding["start"] == {"type": "literal", "value": "2022-02-21",
                                "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert binding["rank"]["value"] == "4"


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(server: Server, fmt: str) -> None:
    yes = wrapper(server, PREFIX + "ASK { ?i cskg:framework <https://w3id.org/cskg/id/framework/SIF> }", fmt)
    no = wrapper(server, PREFIX + "ASK { ?i cskg:framework <https://w3id.org/cskg/id/framework/JAR> }", fmt)
    if fmt == JSON:
        assert yes.queryAndConvert()["boolean"] is True
        assert no.queryAndConvert()["boolean"] is False
    else:
        assert yes.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.data == "true"
        assert no.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.data == "false"


CONSTRUCT = PREFIX + "CONSTRUCT { ?i a cskg:Inspection ; cskg:startDate ?d } WHERE { ?i a cskg:Inspection ; cskg:startDate ?d }"


def expected_construct() -> set:
    starts = {"E10000028/SIF/2017-02-06": "2017-02-06", "E10000028/ILACS-standard/2023-11-06": "2023-11-06",
              "E06000021/SIF/2016-01-11": "2016-01-11", "E06000021/ILACS-standard/2022-02-21": "2022-02-21",
              "E10000007/ILACS-short/2021-06-14": "2021-06-14"}
    out = set()
    for key, start in starts.items():
        node = URIRef(f"https://w3id.org/cskg/id/inspection/{key}")
        out.add((node, RDF.type, URIRef(CSKG + "Inspection")))
        out.add((node, URIRef(CSKG + "startDate"),
                 Literal(start, datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
    return out


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML, XML])
def test_sparqlwrapper_construct_in_every_rdf_format(server: Server, fmt: str) -> None:
    result = wrapper(server, CONSTRUCT, fmt).query()
    graph = result.convert()
    if not isinstance(graph, Graph):  # SPARQLWrapper hands Turtle back as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert set(graph) == expected_construct()


def test_describe_returns_the_resource(server: Server) -> None:
    iri = "https://w3id.org/cskg/id/authority/E10000028"
    graph = wrapper(server, f"DESCRIBE <{iri}>", TURTLE).queryAndConvert()
    graph = Graph().parse(data=graph, format="turtle") if not isinstance(graph, Graph) else graph
    assert (URIRef(iri), URIRef(CSKG + "gssCode"), Literal("E10000028")) in graph


# --- rdflib's SPARQLStore ------------------------------------------------------------------------------

def test_rdflib_sparqlstore_select_and_construct(server: Server) -> None:
    graph = Graph(store=SPARQLStore(server.sparql, returnFormat="json"))
    rows = graph.query(INSPECTIONS)
    assert [str(r.i) for r in rows] == ALL_INSPECTIONS
    assert set(graph.query(CONSTRUCT).graph) == expected_construct()
    assert graph.query(PREFIX + "ASK { ?i a cskg:Inspection }").askAnswer is True


def test_rdflib_sparqlstore_with_xml_results(server: Server) -> None:
    graph = Graph(store=SPARQLStore(server.sparql, returnFormat="xml"))
    assert [str(r.i) for r in graph.query(INSPECTIONS)] == ALL_INSPECTIONS


# --- the protocol over raw HTTP ------------------------------------------------------------------------

def test_accept_picks_the_format(client: httpx.Client) -> None:
    for accept, media in [("text/csv", "text/csv"), ("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/tab-separated-values", "text/tab-separated-values"),
                          ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
                          ("*/*", "application/sparql-results+json"), ("text/*", "text/csv")]:
        response = client.get("/sparql", params={"query": INSPECTIONS}, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media, accept
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"})
    assert response.headers["content-type"].startswith("application/n-triples")
    assert set(Graph().parse(data=response.text, format="nt")) == expected_construct()


def test_unproducible_format_is_406(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"query": INSPECTIONS}, headers={"Accept": "text/turtle"}).status_code == 406
    assert client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"}).status_code == 406
    assert client.get("/sparql", params={"query": INSPECTIONS}, headers={"Accept": "image/png"}).status_code == 406


def test_graph_results_for_clients_that_only_name_result_formats(client: httpx.Client) -> None:
    # rdflib's SPARQLStore asks for SPARQL JSON/XML results whatever the query form: it gets the RDF sibling.
    for accept, media, syntax in [("application/sparql-results+json", "application/ld+json", "json-ld"),
                                  ("application/sparql-results+xml", "application/rdf+xml", "xml")]:
        response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
        assert response.headers["content-type"].split(";")[0] == media
        assert set(Graph().parse(data=response.text, format=syntax)) == expected_construct()


def test_malformed_query_is_400_with_the_parser_message(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/cskg/graph/reference>",
])
def test_updates_are_refused(client: httpx.Client, query: str) -> None:
    for response in (client.get("/sparql", params={"query": query}),
                     client.post("/sparql", data={"query": query}),
                     client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 403
        assert "read-only" in response.text
    assert client.post("/sparql", data={"update": query}).status_code == 403
    assert client.post("/sparql", content=query,
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    # Nothing changed: every graph is still there.
    assert client.get("/sparql", params={"query": INSPECTIONS}).json()["results"]["bindings"]


def test_service_is_refused(client: httpx.Client) -> None:
    for query in ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                  "SELECT * WHERE { ?x ?y ?z .SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
                  "select * { service ?endpoint { ?s ?p ?o } }"):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 403
        assert "SERVICE" in response.text


class _Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def stop(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


# Spellings of SERVICE that a text scanner can misread: codepoint escapes (expanded before parsing, by
# the SPARQL grammar), '#' inside IRIs taken for comments, keywords inside nested groups, sub-queries,
# EXISTS, OPTIONAL and UNION, variables as endpoints, comments and strings around the clause.
HOSTILE_SERVICE = (
    "SELECT * WHERE {{ BIND(<http://x/\\u0041#> AS ?a) SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <\\u0068ttp://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p <http://x/#> . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p '#' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p \"\\\"#\" . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o # comment\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o .\n#\nSERVICE\n<{url}>\n{{ ?s ?p ?o }} }}",
    "PREFIX e: <{url}#> SELECT * WHERE {{ SERVICE e: {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SERVICE <x> {{ ?s ?p ?o }} }}",
)


@pytest.mark.parametrize("template", HOSTILE_SERVICE)
def test_no_spelling_of_service_reaches_the_network(client: httpx.Client, template: str) -> None:
    listener = _Listener()
    try:
        query = template.format(url=f"http://127.0.0.1:{listener.port}/sparql", port=listener.port)
        for response in (client.get("/sparql", params={"query": query}),
                         client.post("/sparql", data={"query": query}),
                         client.post("/sparql", content=query.encode(),
                                     headers={"Content-Type": "application/sparql-query"})):
            assert response.status_code == 403, (query, response.status_code, response.text)
            assert "SERVICE" in response.text
        time.sleep(0.3)  # a request the engine had started would have connected by now
    finally:
        listener.stop()
    assert listener.connections == 0


def test_deep_nesting_is_refused_before_parsing(client: httpx.Client) -> None:
    query = "SELECT * WHERE " + "{" * 1_000 + "}" * 1_000
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "nests 1000 levels" in response.text
    # The workers are all still there: a normal query answers at once.
    assert client.get("/sparql", params={"query": INSPECTIONS}).status_code == 200


def test_service_inside_strings_and_variables_is_fine(client: httpx.Client) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) } # SERVICE'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == [{"service": {"type": "literal", "value": "SERVICE <http://x/>"}}]
    # A prefixed name and an escaped letter in a string are not the keyword either.
    query = 'PREFIX ex: <http://x/> SELECT ?s WHERE { ?s ex:service "\\u0053ERVICE" }'
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_a_text_confirmed_free_of_service_is_not_parsed_again_and_a_refused_one_stays_refused() -> None:
    """The parser's verdict on a text that spells "service" is remembered only when it lets the text through."""
    from cskg.api.guard import _parsed_without_service, check_query
    from cskg.errors import Forbidden

    named = "# a body or service the finding names\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 100"
    assert check_query(named) == "SELECT"
    parsed = _parsed_without_service.cache_info()
    assert check_query(named) == "SELECT"
    assert _parsed_without_service.cache_info().hits == parsed.hits + 1
    hostile = "SELECT * WHERE { ?s ?p ?o # service\n SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(Forbidden):
            check_query(hostile)
    hidden = "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }"  # an escaped spelling
    for _ in range(2):
        with pytest.raises(Forbidden):
            check_query(hidden)


def test_request_size_caps(client: httpx.Client) -> None:
    big = INSPECTIONS + " #" + "x" * 5000
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    assert client.post("/sparql", data={"query": big}).status_code == 413
    assert client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415


def test_result_row_cap(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 422
    assert f"more than {MAX_ROWS} rows" in response.text
    limited = client.get("/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert len(limited.json()["results"]["bindings"]) == MAX_ROWS
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert graph.status_code == 422


def test_protocol_dataset_restricts_the_default_graph(client: httpx.Client) -> None:
    graph = "https://w3id.org/cskg/graph/report/E10000028/SIF/2017-02-06"
    response = client.get("/sparql", params={"query": INSPECTIONS, "default-graph-uri": graph})
    assert [b["i"]["value"] for b in response.json()["results"]["bindings"]] == [
        "https://w3id.org/cskg/id/inspection/E10000028/SIF/2017-02-06"]
    named = client.post("/sparql", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                         "named-graph-uri": [graph, "https://w3id.org/cskg/graph/reference"]})
    assert sorted(b["g"]["value"] for b in named.json()["results"]["bindings"]) == [
        "https://w3id.org/cskg/graph/reference", graph]


def test_default_graph_is_the_union_of_all_graphs(client: httpx.Client) -> None:
    # Authorities (reference graph) join inspections (report graphs) without naming any graph.
    query = PREFIX + 'SELECT (COUNT(?i) AS ?n) WHERE { ?i cskg:inspectedAuthority ?a . ?a cskg:gssCode "E10000028" }'
    assert client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"] == "2"


def test_slow_query_is_stopped_and_the_server_stays_responsive(client: httpx.Client, server: Server) -> None:
    slow: dict[str, httpx.Response] = {}
    finished: list[str] = []

    def run_slow() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as other:
            slow["response"] = other.get("/sparql", params={"query": SLOW})
        finished.append("slow")

    thread = threading.Thread(target=run_slow)
    thread.start()
    # Wait until a worker is evaluating the slow query; /health answers meanwhile.
    while client.get("/health").json()["workers_busy"] < 1 and thread.is_alive():
        time.sleep(0.01)
    assert not finished
    fast = client.get("/sparql", params={"query": INSPECTIONS})
    health = client.get("/health")
    finished.append("fast")
    thread.join()
    assert fast.status_code == 200 and health.status_code == 200
    assert finished == ["fast", "slow"]
    assert slow["response"].status_code == 503
    assert f"longer than the {TIMEOUT:g} s limit" in slow["response"].text
    # Right after the stop, queries succeed again (the killed worker is replaced in the background).
    for _ in range(4):
        after = client.get("/sparql", params={"query": INSPECTIONS})
        assert after.status_code == 200
        assert len(after.json()["results"]["bindings"]) == 5
    assert client.get("/health").json()["workers_replaced"] >= 1


def test_get_sparql_without_query_is_the_service_description(client: httpx.Client, server: Server) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = next(graph.subjects(RDF.type, URIRef(sd + "Service")))
    assert graph.value(service, URIRef(sd + "endpoint")) == URIRef(server.sparql)
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    assert (service, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph
    names = set(graph.objects(None, URIRef(sd + "name")))
    assert URIRef("https://w3id.org/cskg/graph/report/E10000007/ILACS-short/2021-06-14") in names
    assert len(names) == 9  # five reports, vocabulary, reference, the reference list of bodies, derived
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_void_description(client: httpx.Client, server: Server) -> None:
    response = client.get("/.well-known/void")
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    void = "http://rdfs.org/ns/void#"
    dataset = next(graph.subjects(RDF.type, URIRef(void + "Dataset")))
    assert graph.value(dataset, URIRef(void + "sparqlEndpoint")) == URIRef(server.sparql)
    partitions = {graph.value(p, URIRef(void + "class")): graph.value(p, URIRef(void + "entities")).toPython()
                  for p in graph.objects(dataset, URIRef(void + "classPartition"))}
    assert partitions[URIRef(CSKG + "Inspection")] == 5
    assert partitions[URIRef(CSKG + "InspectionReport")] == 5
    assert graph.value(dataset, URIRef(void + "triples")).toPython() > 1000


def test_openapi_documents_every_lookup(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/sparql", "/authorities", "/authorities/{code}", "/authorities/{code}/inspections",
                 "/inspections/{id}", "/search", "/queries", "/queries/{name}", "/.well-known/void"):
        assert path in paths, path


def test_a_query_that_blows_up_fails_alone_within_its_workers_memory(tmp_path: Path) -> None:
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    # The time limit is far above what the query needs to reach the memory cap (a few seconds), so that a busy
    # machine slows it without turning the memory refusal into a time-out.
    running = Server(Settings(store=str(location), query_timeout=90, workers=2, max_request_bytes=8192,
                              worker_memory=3 * 1024**3 // 2))
    try:
        # A 1.6 kB query that doubles a string 22 times: 4 GiB of text, held by one worker.
        binds = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(22))
        query = f'SELECT (STRLEN(?s22) AS ?n) WHERE {{ BIND("{"x" * 1024}" AS ?s0) {binds} }}'
        with httpx.Client(base_url=running.url, timeout=60) as client:
            response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
            assert response.status_code == 503, response.text
            assert "more memory than a query worker may use (a worker may use 1.5 GiB)" in response.text
            # The other worker answers meanwhile, and the stopped one is replaced.
            assert client.get("/sparql", params={"query": INSPECTIONS}).status_code == 200
            deadline = time.monotonic() + 60
            while client.get("/health").json()["workers_replaced"] < 1 and time.monotonic() < deadline:
                time.sleep(0.2)
            for _ in range(4):
                assert client.get("/sparql", params={"query": INSPECTIONS}).status_code == 200
    finally:
        running.stop()


@contextmanager
def started_pool(tmp_path: Path, **options) -> Iterator[WorkerPool]:
    """Query workers over the fixture reports' store, one worker unless `options` say more; closed after."""
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    pool = WorkerPool(str(location), **{"size": 1, "timeout": TIMEOUT, "max_rows": MAX_ROWS, **options})
    pool.start()
    try:
        yield pool
    finally:
        pool.close()


def _wait_for_cached(app, words: str, deadline: float) -> bool:
    """Whether a query holding these words is in the served store's answer cache before the deadline."""
    while time.monotonic() < deadline and not any(words in key for key in app.state.store.keys()):
        time.sleep(0.05)
    return any(words in key for key in app.state.store.keys())


@pytest.mark.parametrize("in_memory", [True, False])
def test_the_home_pages_data_is_read_before_its_first_visit(tmp_path: Path, in_memory: bool) -> None:
    """Whether the store is served from memory or read in place, the map's queries are in the answer cache before
    the first visitor of the home page asks: it does not wait for them."""
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    running = Server(Settings(store=str(location), workers=1, spare_workers=0, in_memory=in_memory))
    try:
        app = running.server.config.app
        deadline = time.monotonic() + 60
        served = "memory" if in_memory else "in place"
        while httpx.get(running.url + "/health").json()["served_from"] != served and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _wait_for_cached(app, "cskg:latestJudgement ?judgement", deadline)
        page = httpx.get(running.url + "/", headers={"Accept": "text/html"})
        assert page.status_code == 200 and 'data-gss="E10000028" data-rank="2"' in page.text
        # Every judgement follows, from which the map of another area or date is drawn, and the shared boards.
        from cskg.queries import load_query

        assert _wait_for_cached(app, load_query("judgements").sparql, deadline)
        assert _wait_for_cached(app, "?tie_a cskg:sharedBody ?org", deadline)
        earlier = httpx.get(running.url + "/?as_of=2018-01-01", headers={"Accept": "text/html"})
        assert earlier.status_code == 200 and 'data-gss="E10000028" data-rank="3"' in earlier.text
    finally:
        running.stop()


def test_a_query_sent_while_the_workers_load_waits_for_them_and_is_answered(tmp_path: Path) -> None:
    """The server answers from its first second; its workers load the store in the background and a query sent
    meanwhile is answered when they are up, not refused."""
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    pool = WorkerPool(str(location), size=1, timeout=TIMEOUT, max_rows=MAX_ROWS)
    try:
        pool.start(wait=False)
        assert pool._idle.qsize() == 0  # returned before any worker was up
        answer = pool.run(Job(INSPECTIONS, JSON_RESULTS))
        assert answer.status == 200 and len(json.loads(answer.body)["results"]["bindings"]) == 5
    finally:
        pool.close()


def test_workers_that_cannot_start_in_the_background_answer_503_with_the_reason(tmp_path: Path) -> None:
    pool = WorkerPool(str(tmp_path / "not-a-store"), size=1, timeout=TIMEOUT, max_rows=MAX_ROWS, start_timeout=30)
    try:
        pool.start(wait=False)
        answer = pool.run(Job(INSPECTIONS, JSON_RESULTS))
        assert answer.status == 503 and b"could not start" in answer.body
    finally:
        pool.close()


def test_a_worker_grown_by_its_queries_is_renewed_once_idle(tmp_path: Path, monkeypatch) -> None:
    """A worker keeps what a big answer made it allocate; once idle it is replaced by a fresh fork of the loaded
    parent, so the server's memory after a load goes back to what it was (here any growth counts)."""
    import cskg.api.executor as executor

    monkeypatch.setattr(executor, "RENEW_ABOVE", 0)
    monkeypatch.setattr(executor, "RETIRE_AFTER", 0.2)

    def workers() -> list:
        with pool._lock:
            return list(pool._all)

    def renewed(first: int) -> bool:
        """One worker again, not the first one."""
        pids = [worker.process.pid for worker in workers()]
        return len(pids) == 1 and pids[0] != first

    with started_pool(tmp_path, spares=0) as pool:
        first = workers()[0].process.pid
        assert pool.run(Job("SELECT * WHERE { ?s ?p ?o } LIMIT 1000", JSON_RESULTS)).status == 200
        deadline = time.monotonic() + 30
        while not renewed(first) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert renewed(first)
        assert pool.run(Job(INSPECTIONS, JSON_RESULTS)).status == 200 and pool.replaced == 0


def test_a_stopped_worker_is_replaced_at_once_by_a_loaded_spare(tmp_path: Path) -> None:
    with started_pool(tmp_path, spares=1) as pool:
        assert pool.run(Job(SLOW, JSON_RESULTS)).status == 503  # overran: its worker is killed
        # The spare stood in before the answer came back: one worker idle, no reload awaited.
        assert pool._idle.qsize() == 1 and pool.busy == 0
        assert pool.run(Job(INSPECTIONS, JSON_RESULTS)).status == 200
        deadline = time.monotonic() + 60
        while pool._spare.qsize() < 1 and time.monotonic() < deadline:  # a new spare loads meanwhile
            time.sleep(0.1)
        assert pool._spare.qsize() == 1 and pool.replaced == 1


def test_a_huge_accept_header_is_refused_before_it_is_read(client: httpx.Client) -> None:
    """A 10 MB Accept header once took 1.4 s of the event loop; now it is a 431 with a message, and the
    server answers the next request as usual."""
    huge = "text/html;q=0.5," * 600_000
    answer = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": huge})
    assert answer.status_code == 431
    assert "Accept" in answer.json()["detail"]
    normal = client.get("/sparql", params={"query": "ASK {}"},
                        headers={"Accept": "application/sparql-results+json"})
    assert normal.status_code == 200 and normal.json()["boolean"] is True


def test_a_result_over_the_byte_cap_is_a_422_while_the_worker_lives(tmp_path: Path) -> None:
    location = tmp_path / "store"
    fixtures.build_store(location).close()
    running = Server(Settings(store=str(location), workers=1, spare_workers=0, max_result_bytes=2048))
    try:
        with httpx.Client(base_url=running.url, timeout=30) as c:
            big = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
            assert big.status_code == 422 and "larger than 2048 bytes" in big.text
            small = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
            assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 1
    finally:
        running.stop()


def test_workers_come_back_when_their_loaded_parent_is_killed_too(tmp_path: Path) -> None:
    """Workers are forked from one process holding the loaded store; kill -9 that process and a worker, and
    the pool loads the store once more and answers."""
    import os
    import signal

    with started_pool(tmp_path, spares=0) as pool:
        assert pool.run(Job(INSPECTIONS, JSON_RESULTS)).status == 200
        os.kill(pool._zygote.process.pid, signal.SIGKILL)
        worker = pool._idle.queue[0]
        os.kill(worker.process.pid, signal.SIGKILL)
        assert pool.run(Job(INSPECTIONS, JSON_RESULTS)).status == 503  # the one worker died under this job
        deadline = time.monotonic() + 60
        while pool._idle.qsize() < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.run(Job(INSPECTIONS, JSON_RESULTS)).status == 200
        assert pool._zygote.alive()


def test_a_quick_query_is_answered_while_slow_ones_hold_every_worker(tmp_path: Path) -> None:
    """One worker busy with a query that runs to the time limit: a quick query gets a worker forked for it
    and its answer comes back while the slow one still runs."""
    with started_pool(tmp_path, timeout=5.0, spares=0, burst=2) as pool:
        slow: list = []
        holder = threading.Thread(target=lambda: slow.append(pool.run(Job(SLOW, JSON_RESULTS))))
        holder.start()
        while pool.busy < 1:
            time.sleep(0.01)
        quick = pool.run(Job(INSPECTIONS, JSON_RESULTS))
        assert quick.status == 200 and holder.is_alive() and not slow
        holder.join()
        assert slow[0].status == 503
        assert pool._bursting == 1  # kept for the next burst, until idle for RETIRE_AFTER seconds
        deadline = time.monotonic() + 30
        while pool._bursting and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool._bursting == 0 and len(pool._all) == 1


@pytest.mark.parametrize("in_memory", [True, False])
def test_a_report_ingested_while_the_server_runs_is_served_without_a_restart(tmp_path: Path, in_memory: bool) -> None:
    """The server holds no handle on the store folder (it serves a checkpoint beside the folder, or with --in-memory
    memory copies); after an ingest it loads the new state and swaps it in."""
    from cskg.graph.ingest import ingest
    from cskg.graph.stores import OxigraphStore
    from tests.conftest import seed

    location = tmp_path / "store"
    fixtures.build_store(location).close()
    running = Server(Settings(store=str(location), workers=1, spare_workers=0, in_memory=in_memory))
    count = PREFIX + "SELECT (COUNT(?i) AS ?n) WHERE { ?i a cskg:Inspection }"
    try:
        with httpx.Client(base_url=running.url, timeout=30) as c:
            def inspections() -> int:
                answer = c.get("/sparql", params={"query": count})
                return int(answer.json()["results"]["bindings"][0]["n"]["value"])

            before = inspections()
            writer = OxigraphStore(str(location))  # a second process would do the same: the lock is free
            try:
                summary = ingest([seed("000")], writer, jobs=1)
            finally:
                writer.close()
            assert len(summary.loaded) == 1
            deadline = time.monotonic() + 60
            while inspections() == before and time.monotonic() < deadline:
                time.sleep(0.2)
            assert inspections() == before + 1
            health = c.get("/health").json()
            assert health["status"] == "ok"
            if not in_memory:  # read in place from one checkpoint beside the folder, the one before it let go
                assert health["served_from"] == "in place"
                while len(list(tmp_path.glob(".store.serving-*"))) > 1 and time.monotonic() < deadline:
                    time.sleep(0.1)  # the old state is let go once its last query has ended
                assert len(list(tmp_path.glob(".store.serving-*"))) == 1
    finally:
        running.stop()
    assert not list(tmp_path.glob(".store.serving-*"))  # the checkpoints go with the server
