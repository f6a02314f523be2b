"""One parser module per inspection framework, all with the same small interface:

    detect(doc: Document) -> str | None
        the framework notation when the document is a report of this framework, else None
    parse(doc: Document, source: str) -> ReportRecord
        the typed record; raises RejectedInput when a required fact cannot be read

`PARSERS` lists them in the order detection is tried: the most specific first.
"""

from __future__ import annotations

from types import ModuleType

from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks import ilacs, jar, lac, lscb_review, sif, slac

PARSERS: tuple[ModuleType, ...] = (ilacs, sif, lscb_review, lac, slac, jar)


def detect(doc: Document) -> tuple[str, ModuleType]:
    for parser in PARSERS:
        notation = parser.detect(doc)
        if notation:
            return notation, parser
    raise RejectedInput(doc.path, "not a recognised Ofsted local authority children's services inspection "
                                  "report (no JAR, SLAC, looked after children, SIF or ILACS title found)")
