"""Write the ontology's HTML documentation with pyLODE (OntPub) from ontology/*.ttl.

    python scripts/ontology_docs.py [-o docs/ontology.html]

OntPub documents one OWL ontology: its classes and properties, under the metadata of its
owl:Ontology node. So of ontology/*.ttl it reads the files that declare an owl:Ontology (the
shapes excepted); the SKOS vocabularies hold concepts, not classes or properties, and their
concept schemes would otherwise be taken for further ontologies and muddle the metadata.
pyLODE is the optional `docs` dependency (pip install -e '.[docs]').
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import logging
import sys
import types
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from cskg.ontology import vocabulary_files

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "ontology.html"


def _ontpub() -> type:
    """pyLODE's OntPub class. pyLODE 3.4 reads its own version from a pyproject.toml it expects
    beside site-packages and fails to import without it (RDFLib/pyLODE#260); when that file is
    missing, its version module is given the installed distribution's version instead."""
    spec = importlib.util.find_spec("pylode")
    if spec is None or spec.origin is None:
        raise SystemExit("pyLODE is not installed: pip install -e '.[docs]'")
    if "pylode.version" not in sys.modules and not (Path(spec.origin).parent.parent / "pyproject.toml").exists():
        shim = types.ModuleType("pylode.version")
        shim.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    root = logging.getLogger()
    level = root.level
    from pylode import OntPub

    root.setLevel(level)  # pyLODE turns the root logger to DEBUG on import
    return OntPub


def ontology_graph(files: list[Path] | None = None) -> Graph:
    """The OWL documents among the given Turtle files (default: ontology/*.ttl but the shapes)."""
    graph = Graph()
    for path in files or vocabulary_files():
        part = Graph().parse(path, format="turtle")
        if (None, RDF.type, OWL.Ontology) in part:
            graph += part
    return graph


def render_html(files: list[Path] | None = None) -> str:
    return _ontpub()(ontology=ontology_graph(files)).make_html()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}")
    args = parser.parse_args(argv)
    html = render_html()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(html, encoding="utf-8")
    print(f"wrote {args.output} ({len(html):,} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
