"""Fields over the whole corpus and the seeds, as stored (the session's corpus_store): class typing,
local statistics of every SIF inspection, previous inspections of ILACS inspections."""

from __future__ import annotations

CSKG = "https://w3id.org/cskg/ontology#"


def _count(store, query: str) -> int:
    return int(store.select(f"PREFIX cskg: <{CSKG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                            + query).as_dicts()[0]["n"])


def test_a_plain_class_query_counts_every_recommendation(corpus_store) -> None:
    store = corpus_store.store
    linked = _count(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?i cskg:hasRecommendation ?r }")
    typed = _count(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a cskg:Recommendation }")
    areas = _count(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a cskg:AreaForImprovement }")
    assert linked == typed > 2000
    assert 0 < areas < typed


def test_every_instance_of_a_subclass_is_typed_with_its_superclasses(corpus_store) -> None:
    """Over every named graph: reports, reference and bodies (the vocabulary states the axioms)."""
    missing = _count(corpus_store.store, """
        SELECT (COUNT(*) AS ?n) WHERE {
          GRAPH <https://w3id.org/cskg/graph/vocabulary> { ?class rdfs:subClassOf ?super . FILTER(isIRI(?super)) }
          GRAPH ?g { ?x a ?class }
          FILTER NOT EXISTS { GRAPH ?g { ?x a ?super } }
        }""")
    assert missing == 0
