"""The HTML face of the API: what each page shows, assembled from the lookups and named queries."""
