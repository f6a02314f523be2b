"""api: the FastAPI app (SPARQL 1.1 Protocol endpoint, REST lookups) and the exports."""
