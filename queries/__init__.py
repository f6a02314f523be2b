"""Named SPARQL queries: the .rq files of this folder, each with a header such as

    # name: judgements
    # description: One row per graded judgement of every stored inspection.
    # param: authority (authority, optional): GSS code, DfE code or name of one council
    # param: framework (string, optional): framework notation, e.g. ILACS-standard

A parameter binds the query variable of its name (or those named after `=>`, as in
`# param: authority (authority, optional) => ?council: …`, where the parameter's name is taken
by a result column, or `=> ?a, ?authority`, which binds the pattern's variable and keeps the
parameter's own to test whether it was given) through VALUES blocks at the head of the outermost WHERE group and of every
sub-SELECT that uses the variable without computing it (graph/stores/binding.py), so an optional
parameter that is not given simply leaves its variable free. Types:
  string   a plain literal
  authority  a council given by GSS code, DfE code or name -> its IRI
  iri      an absolute IRI
  integer, date   typed literals
  text     a search of the full-text index (graph/text_index.py: words, "phrases", prefix*); binds the
           variable to every finding, recommendation or body whose text matches, by a VALUES block
A string parameter named framework, area, kind, timescale or grade takes only the values the vocabularies
define (queries/enumerations.py); another value is refused with the list (UnknownValue).

Every named query also takes the paging parameters `limit` and `offset` (whole numbers), appended as
LIMIT/OFFSET after the query's own ORDER BY, so pages are stable and a caller never has to fetch
every finding of the corpus to show the first screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from cskg.errors import QueryError, UnknownQuery, UnknownValue
from cskg.graph.namespaces import authority_uri
from cskg.graph.stores.base import SelectResult, Store
from cskg.graph.text_index import TextIndex
from cskg.graph.text_search import SearchSyntaxError
from cskg.loaders.authorities import authority_index

QUERIES_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("string", "authority", "iri", "integer", "date", "text")

# "#   more text": an indented comment line of the header continues the entry above it.
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>\w+)(?P<optional>,\s*optional)?\)"
                    r"(?:\s*=>\s*(?P<variables>\?[A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*\?[A-Za-z_][A-Za-z0-9_]*)*))?"
                    r"\s*:?\s*(?P<doc>.*)$")


# The paging parameters every named query takes, with what each does.
PAGING = {"limit": "at most this many rows (a page), in the query's own order",
          "offset": "skip this many rows first (with limit: the page start)"}


# The largest LIMIT or OFFSET a store takes (a signed 64-bit count): more is no page of any graph.
MAX_ROWS_PARAMETER = 2**63 - 1
# What an IRI parameter may not hold (SPARQL's IRIREF excludes them): it could not be written as <…>.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_safe(text: str) -> bool:
    """Whether the text can stand inside an IRI written <…> in a query."""
    return not _NOT_IN_IRI.search(text)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str
    optional: bool
    description: str
    variables: tuple[str, ...] = ()  # the query variables it binds; the parameter's own name unless the header says

    @property
    def bound_variables(self) -> tuple[str, ...]:
        return self.variables or (self.name,)

    def bind(self, raw: str, text_index: TextIndex | None = None) -> URIRef | Literal | tuple[URIRef, ...]:
        if self.type == "text":
            if text_index is None:
                raise QueryError(f"parameter {self.name} searches the text index, and none was given; "
                                 "build it with `cskg reindex`")
            try:
                return text_index.iris(raw)
            except SearchSyntaxError as exc:
                raise QueryError(f"parameter {self.name}: {exc}") from exc
        if self.type == "string":
            from cskg.queries.enumerations import ENUMERATED, canonical, unknown_value_message  # reads the vocabularies

            enumerated = ENUMERATED.get(self.name)
            if enumerated is None:
                return Literal(raw)
            message = unknown_value_message(self.name, raw, enumerated())
            if message:
                raise UnknownValue(f"parameter {message}")
            return Literal(canonical(raw, enumerated()))
        if self.type == "integer":
            if not re.fullmatch(r"-?\d+", raw.strip()):
                raise QueryError(f"parameter {self.name} must be a whole number, not {raw!r}")
            return Literal(int(raw), datatype=XSD.integer)
        if self.type == "date":
            try:
                return Literal(date.fromisoformat(raw.strip()).isoformat(), datatype=XSD.date)
            except ValueError as exc:
                raise QueryError(f"parameter {self.name} must be a date YYYY-MM-DD, not {raw!r}") from exc
        if self.type == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", raw.strip()) or _NOT_IN_IRI.search(raw.strip()):
                raise QueryError(f"parameter {self.name} must be an absolute IRI without spaces or any of "
                                 f'<>"{{}}|^`\\, not {raw[:80]!r}')
            return URIRef(raw.strip())
        authority = authority_index().resolve_code(raw)
        if authority is None:
            raise QueryError(f"parameter {self.name}: no council matches {raw!r}; give a GSS code "
                             "(E10000028), a DfE code (860) or a name (Staffordshire)")
        return authority_uri(authority.gss)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    path: Path

    def bindings(self, values: dict[str, str],
                 text_index: TextIndex | None = None) -> dict[str, URIRef | Literal | tuple[URIRef, ...]]:
        known = {p.name: p for p in self.parameters}
        values = {k: v for k, v in values.items() if k not in PAGING}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(known) or 'none'}")
        missing = [p.name for p in self.parameters if not p.optional and p.name not in values]
        if missing:
            raise QueryError(f"query {self.name} needs parameter {', '.join(missing)}")
        bound = {}
        for name, raw in values.items():
            if raw != "":
                term = known[name].bind(raw, text_index)
                bound.update((variable, term) for variable in known[name].bound_variables)
        return bound

    def paged(self, values: dict[str, str]) -> str:
        """The query text with the paging parameters of `values` appended as LIMIT / OFFSET."""
        modifiers = []
        for name in PAGING:
            raw = values.get(name, "")
            if raw == "":
                continue
            if not re.fullmatch(r"\s*\d+\s*", raw) or int(raw) > MAX_ROWS_PARAMETER:
                raise QueryError(f"parameter {name} must be a whole number of rows from 0 to {MAX_ROWS_PARAMETER}, "
                                 f"not {raw[:40]!r}")
            modifiers.append(f"{name.upper()} {int(raw)}")
        return self.sparql if not modifiers else f"{self.sparql.rstrip()}\n{' '.join(modifiers)}\n"

    def count_text(self) -> str:
        """A query counting the rows this one gives (its own ORDER BY left out): the total of a paged answer."""
        select = re.search(r"(?m)^\s*SELECT\b", self.sparql)
        if select is None:
            raise QueryError(f"query {self.name} is no SELECT query")
        body = self.sparql[select.start():]
        last = body.rfind("}")
        if re.match(r"\s*ORDER\s+BY\b", body[last + 1:], re.I):
            body = body[:last + 1]
        return f"{self.sparql[:select.start()]}SELECT (COUNT(*) AS ?total) WHERE {{ {{\n{body}\n}} }}\n"

    def count(self, store: Store, values: dict[str, str] | None = None,
              text_index: TextIndex | None = None) -> int:
        """How many rows the query gives for the parameter values, paging parameters aside."""
        rows = store.select(self.count_text(), self.bindings(values or {}, text_index)).rows
        return int(rows[0][0]) if rows else 0

    def run(self, store: Store, values: dict[str, str] | None = None,
            text_index: TextIndex | None = None) -> SelectResult:
        """The query's rows for the parameter values; `text_index` answers text parameters."""
        values = values or {}
        return store.select(self.paged(values), self.bindings(values, text_index))


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Parameter] = []
    last = ""  # the header entry an indented comment line continues
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        continued = _CONTINUATION.match(line)
        if continued and last == "param":
            params[-1] = replace(params[-1], description=f"{params[-1].description} {continued.group(1).strip()}")
            continue
        if continued and last in ("name", "description"):
            header[last] = f"{header[last]} {continued.group(1).strip()}"
            continue
        key, _, value = line.lstrip("# ").partition(":")
        key = key.strip().lower()
        if key == "param":
            match = _PARAM.match(value.strip())
            if not match or match.group("type") not in PARAM_TYPES:
                raise QueryError(f"{path.name}: malformed parameter line {line!r}; expected "
                                 f"'# param: NAME (TYPE[, optional]) [=> ?VARIABLE[, ?VARIABLE]]: description' "
                                 f"with TYPE in {PARAM_TYPES}")
            if match.group("name") in PAGING:
                raise QueryError(f"{path.name}: parameter {match.group('name')!r} is reserved: every named "
                                 f"query takes {' and '.join(PAGING)} for paging")
            params.append(Parameter(match.group("name"), match.group("type"), bool(match.group("optional")),
                                    match.group("doc").strip(),
                                    tuple(v.strip().lstrip("?") for v in (match.group("variables") or "").split(",") if v.strip())))
            last = key
        elif key in ("name", "description"):
            header[key] = (header.get(key, "") + " " + value.strip()).strip()
            last = key
        else:
            last = ""
    return NamedQuery(header.get("name", path.stem), header.get("description", ""), tuple(params), text, path)


def list_queries(directory: Path = QUERIES_DIR) -> list[NamedQuery]:
    return [parse_query_file(p) for p in sorted(directory.glob("*.rq"))]


def named_query(name: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """A named query of the project's library (this folder), by name only: never a path."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        path = directory / f"{name}.rq"
        if path.is_file():
            return parse_query_file(path)
    names = ", ".join(q.name for q in list_queries(directory))
    raise UnknownQuery(f"unknown query {name[:80]!r}: use one of {names}")


def load_query(name_or_path: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """A named query of this folder, or any .rq file given by path (the command line's choice)."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and candidate.is_file():
        return parse_query_file(candidate)
    try:
        return named_query(name_or_path, directory)
    except UnknownQuery as exc:
        raise UnknownQuery(f"{exc}, or the path of a .rq file") from None
