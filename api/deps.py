"""FastAPI dependencies shared by every router."""

from __future__ import annotations

from fastapi import Request

from cskg.api.settings import Settings
from cskg.graph.stores.base import Store


def get_store(request: Request) -> Store:
    """The store the app serves, opened once at start-up (read-only for a folder store)."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_executor(request: Request):
    """The query executor: evaluates user SPARQL in stoppable worker processes."""
    return request.app.state.executor
