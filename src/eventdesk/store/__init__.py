"""Store stage: where records live. SQLite by default (one file, nothing to start),
PostgreSQL for a team (a ``postgresql://`` URL: ``store/postgres.py``)."""

from __future__ import annotations

from pathlib import Path

from eventdesk.store.reads import CurrentRow, EventRole, ViewCriteria
from eventdesk.store.sqlite import SCHEMA_VERSION, SQLiteStore

__all__ = ["SCHEMA_VERSION", "CurrentRow", "EventRole", "SQLiteStore", "ViewCriteria", "open_store"]


def open_store(path: str | Path) -> SQLiteStore:
    """Open the database at ``path`` (a SQLite file, created on first use) or at a
    ``postgresql://`` URL (the database must exist; its tables are created on first use)."""
    return SQLiteStore.open(path)
