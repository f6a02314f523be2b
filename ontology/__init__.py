"""The ontology, SKOS vocabularies, SHACL shapes and authority reference data, as files."""

from __future__ import annotations

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
AUTHORITIES_JSON = ONTOLOGY_DIR / "authorities.json"
GAZETTEER_JSON = ONTOLOGY_DIR / "gazetteer.json"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"


def vocabulary_files() -> list[Path]:
    """The ontology and its SKOS vocabularies: every Turtle file but the shapes."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p.name != SHAPES_TTL.name)
