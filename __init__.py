"""cskg: a knowledge graph of English local authority children's services and their Ofsted inspections."""

__version__ = "0.1.0"
