"""Fields over the whole corpus and the seeds, as stored (the session's corpus_store): class typing,
local statistics of every SIF inspection, previous inspections of ILACS inspections."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.conftest import CORPUS

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


# A sentence naming the council's earlier inspection with its year, as a reader finds it: "last/previous
# … inspection" or "last inspected", then within a few words a year, with no visit of another kind between.
_NAMES_PREVIOUS = re.compile(
    r"\b(?:last|previous)\b[^.]{0,70}?\binspect(?:ion|ed)\b(?:(?!visit)[^.]){0,40}?\b(?:19|20)\d\d\b", re.I)
_SERVICE = re.compile(r"\b(?:adoption|fostering|children.s\s+homes?|residential|secure|youth\s+offending)\b", re.I)


def _names_a_previous_inspection(path: Path) -> bool:
    from cskg.loaders.readers import read_document

    text = " ".join(read_document(path).text.split())
    return any(not _SERVICE.search(match.group(0)) for match in _NAMES_PREVIOUS.finditer(text))


def test_every_ilacs_inspection_whose_report_names_a_previous_inspection_has_one(loaded_files: dict) -> None:
    ilacs = sorted(source for source, loaded in loaded_files.items()
                   if loaded.records and loaded.records[0].framework.startswith("ILACS")
                   and not source.startswith("seeds/"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        naming = [source for source, names in zip(ilacs, pool.map(_names_a_previous_inspection,
                                                                  [CORPUS / s for s in ilacs])) if names]
    assert len(naming) >= 90
    missing = [source for source in naming
               if not any(p.date is not None for p in loaded_files[source].records[0].previous_inspections)]
    assert missing == []


def test_previous_statements_keep_their_precision_in_the_graph(corpus_store) -> None:
    rows = corpus_store.store.select(f"""PREFIX cskg: <{CSKG}>
        SELECT ?type (COUNT(*) AS ?n) WHERE {{ ?s cskg:statedDate ?d BIND(DATATYPE(?d) AS ?type) }} GROUP BY ?type""")
    counts = {row["type"].rpartition("#")[2]: int(row["n"]) for row in rows.as_dicts()}
    assert set(counts) <= {"date", "gYearMonth", "gYear"}
    assert counts.get("gYear", 0) > 50 and counts.get("gYearMonth", 0) > 50
