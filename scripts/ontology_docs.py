"""Write the ontology's HTML documentation with pyLODE (OntPub) from ontology/*.ttl.

    python scripts/ontology_docs.py [-o docs/ontology.html]

OntPub documents one OWL ontology: its classes and properties, under the metadata of its
owl:Ontology node. So of ontology/*.ttl it reads the files that declare an owl:Ontology (the
shapes excepted); the SKOS vocabularies hold concepts, not classes or properties, and their
concept schemes would otherwise be taken for further ontologies and muddle the metadata.
The vocabularies get a section of their own, written here into the same page before its
namespaces: every concept scheme (frameworks, judgement areas, grade scales, organisation kinds,
service types, roles, timescales, measures) with each concept's IRI, notation, label and note,
in a stable order (schemes as listed in SCHEME_ORDER, grades best first, others by notation).
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

from html import escape

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cskg.graph.namespaces import CSKG, ID
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


# Schemes in the order an analyst meets them; schemes not listed follow, by IRI.
SCHEME_ORDER = ("frameworks", "areas/", "grades/", "organisation-kinds", "service-types", "organisation-roles",
                "timescales", "measures")


def vocabulary_graph(files: list[Path] | None = None) -> Graph:
    graph = Graph()
    for path in files or vocabulary_files():
        graph.parse(path, format="turtle")
    return graph


def _scheme_key(scheme: URIRef) -> tuple[int, str]:
    local = str(scheme).removeprefix(str(ID["scheme/"]))
    ranks = [i for i, name in enumerate(SCHEME_ORDER) if local == name or (name.endswith("/") and local.startswith(name))]
    return (ranks[0] if ranks else len(SCHEME_ORDER), local)


def _text(g: Graph, node: URIRef, *properties: URIRef) -> str:
    for prop in properties:
        value = g.value(node, prop)
        if value is not None:
            return str(value)
    return ""


def _anchor(iri: URIRef) -> str:
    return "concept-" + str(iri).removeprefix(str(ID)).replace("/", "-")


def _concept_key(g: Graph, concept: URIRef) -> tuple[int, str, str]:
    rank = g.value(concept, CSKG.rank)
    return (int(rank) if rank is not None else 0, _text(g, concept, SKOS.notation).casefold(), str(concept))


def vocabulary_section(g: Graph) -> tuple[str, str]:
    """The HTML section documenting every concept scheme, and its table-of-contents entry."""
    schemes = sorted({s for s in g.objects(None, SKOS.inScheme) if isinstance(s, URIRef)}, key=_scheme_key)
    parts = ['      <div class="section" id="vocabularies">\n        <h2>Vocabularies (SKOS)</h2>\n',
             "        <p>The concepts queries name by IRI or notation: frameworks, judgement areas, grades "
             "(with their normalised rank, 1 best … 4 worst), organisation kinds, service types, roles, "
             "recommendation timescales and statistic measures.</p>\n"]
    toc = ['        <li>\n          <h4>\n            <a href="#vocabularies">Vocabularies (SKOS)</a>\n'
           '          </h4>\n          <ul class="second">\n']
    for scheme in schemes:
        anchor = _anchor(scheme)
        label = _text(g, scheme, SKOS.prefLabel, RDFS.label) or str(scheme)
        parts.append(f'        <div class="vocabulary" id="{anchor}">\n          <h3>{escape(label)}</h3>\n'
                     f'          <p><a href="{escape(str(scheme))}">{escape(str(scheme))}</a></p>\n')
        note = _text(g, scheme, SKOS.definition)
        if note:
            parts.append(f"          <p>{escape(note)}</p>\n")
        parts.append("          <table>\n            <tr><th>notation</th><th>label</th><th>IRI</th><th>rank</th>"
                     "<th>note</th></tr>\n")
        concepts = sorted((c for c in g.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)),
                          key=lambda c: _concept_key(g, c))
        for concept in concepts:
            rank = g.value(concept, CSKG.rank)
            parts.append(
                f'            <tr id="{_anchor(concept)}"><td><code>{escape(_text(g, concept, SKOS.notation))}</code></td>'
                f"<td>{escape(_text(g, concept, SKOS.prefLabel, RDFS.label))}</td>"
                f'<td><a href="{escape(str(concept))}">{escape(str(concept))}</a></td>'
                f"<td>{'' if rank is None else int(rank)}</td>"
                f"<td>{escape(_text(g, concept, SKOS.definition, SKOS.scopeNote))}</td></tr>\n")
        parts.append("          </table>\n        </div>\n")
        toc.append(f'            <li>\n              <a href="#{anchor}">{escape(label)}</a>\n            </li>\n')
    parts.append("      </div>\n")
    toc.append("          </ul>\n        </li>\n")
    return "".join(parts), "".join(toc)


def _insert_before(html: str, marker: str, text: str, fallback: str = "</body>") -> str:
    at = html.find(marker)
    if at < 0:
        at = html.rfind(fallback)
    return html[:at] + text + html[at:]


def render_html(files: list[Path] | None = None) -> str:
    html = _ontpub()(ontology=ontology_graph(files)).make_html()
    section, toc = vocabulary_section(vocabulary_graph(files))
    html = _insert_before(html, '      <div id="namespaces">', section)
    toc_at = html.find('<div id="toc">')
    head, tail = html[:toc_at], html[toc_at:]
    return head + _insert_before(tail, '        <li>\n          <h4>\n            <a href="#namespaces">', toc)


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
