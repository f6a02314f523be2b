"""The named queries' parameter sets the equivalence test and the query bench run: every parameter's typical
values as the tests use them, and every council with a stored inspection for the per-council queries."""

from __future__ import annotations

from pathlib import Path

from cskg.graph.stores.base import Store

# The named queries as they were before the derived graph (kept to check that the rewritten ones give the same rows).
BEFORE_DIR = Path(__file__).resolve().parent / "data" / "queries_before"

_COUNCILS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
SELECT DISTINCT ?code WHERE { ?i cskg:inspectedAuthority ?a . ?a cskg:gssCode ?code } ORDER BY ?code"""
_BODIES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
SELECT ?b WHERE { ?m cskg:mentionOf ?b } GROUP BY ?b ORDER BY DESC(COUNT(?m)) ?b LIMIT 5"""

FIXED: dict[str, list[dict[str, str]]] = {
    "judgements": [{}, {"authority": "Staffordshire"}, {"framework": "ILACS-short", "area": "help-and-protection"},
                   {"area": "overall-effectiveness"}, {"framework": "SIF"}],
    "latest-judgements": [{}, {"authority": "E10000028"}, {"authority": "E06000021"}],
    "grade-changes": [{}, {"authority": "E10000028"}, {"authority": "E06000021"}],
    "judgements-by-grade": [{}, {"grade": "inadequate"}, {"framework": "SIF"}, {"grade_rank": "4"},
                            {"area": "help-and-protection"}, {"framework": "ILACS-standard", "grade_rank": "1"}],
    "recommendations": [{}, {"q": "supervision"}, {"timescale": "immediately"}, {"authority": "Staffordshire"},
                        {"framework": "SLAC"}, {"q": "supervis*", "authority": "E10000028"}],
    "findings": [{}, {"q": "neglect"}, {"q": '"private fostering"'}, {"area": "help-and-protection"},
                 {"authority": "E10000028", "framework": "ILACS-standard"}, {"kind": "lscb"}, {"body": "safeguarding"},
                 {"body": "youth offending", "q": "partnership*"}],
    "inspectors": [{}, {"name": "smith"}, {"framework": "ILACS-standard"}],
    "previous-inspections": [{}, {"authority": "E10000028"}],
    "warnings": [{}, {"code": "no-findings"}, {"framework": "SIF"}],
    "bodies": [{}, {"kind": "lscb"}],
    "boards": [{"authority": "Staffordshire"}, {"authority": "E06000021"}],
    "shared-boards": [{}, {"authority": "E06000021"}, {"authority": "Manchester"}, {"authority": "E09000001"},
                      {"authority": "E08000025"}, {"authority": "Peterborough"}, {"authority": "E06000040"}],
    "authority-timeline": [],
    "neighbours": [],
    "board": [],
}


def cases(store: Store) -> list[tuple[str, dict[str, str]]]:
    """(query name, parameters) of every case, councils and bodies taken from the store."""
    councils = [str(row[0]) for row in store.select(_COUNCILS).rows]
    bodies = [str(row[0]) for row in store.select(_BODIES).rows]
    out = [(name, params) for name, sets in FIXED.items() for params in sets]
    out += [(name, {"authority": code}) for name in ("authority-timeline", "neighbours", "previous-inspections",
                                                       "grade-changes", "latest-judgements") for code in councils]
    out += [("board", {"body": body}) for body in bodies]
    return out
