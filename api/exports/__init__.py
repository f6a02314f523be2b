"""Exports: networks for Gephi (GEXF, GraphML, CSV), RDF dumps and the summary sheet."""
