"""eventdesk: a sourced, geocoded, queryable database of political-violence events.

The Python API is what the CLI, the REST API and the web UI call::

    import eventdesk
    summary = eventdesk.ingest(["reports/"], "events.db")
    with eventdesk.open_store("events.db") as store:
        for event in store.events():
            print(event.sub_event_type, event.fatalities_best)

Importing eventdesk loads no model; ``Pipeline.load()`` (called by ``ingest``
on the first new document) does.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Unpack

from eventdesk.config import Config
from eventdesk.errors import DocumentError, EventdeskError
from eventdesk.pipeline import DocumentResult, IngestOptions, IngestSummary, Pipeline, ingest_into, relink
from eventdesk.query.current import refresh
from eventdesk.records import (
    Actor,
    Article,
    CasualtyCount,
    Event,
    Mention,
    Place,
    Review,
    Role,
    Span,
    StatClaim,
    TimeRange,
)
from eventdesk.store import SQLiteStore, open_store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CasualtyCount",
    "Config",
    "DocumentError",
    "DocumentResult",
    "Event",
    "EventdeskError",
    "IngestSummary",
    "Mention",
    "Pipeline",
    "Place",
    "Review",
    "Role",
    "SQLiteStore",
    "Span",
    "StatClaim",
    "TimeRange",
    "__version__",
    "ingest",
    "open_store",
    "relink",
]


def ingest(paths: Iterable[str], db: str | Path = "events.db", **options: Unpack[IngestOptions]) -> IngestSummary:
    """Ingest every document behind ``paths`` into the SQLite database ``db``.

    The options (``published``, ``outlet``, ``config``, ``pipeline``,
    ``workers``, ``progress``, ``stdin``) are
    :class:`eventdesk.pipeline.IngestOptions`; the run itself is
    :func:`eventdesk.pipeline.ingest_into`, handed the opened store.
    """
    with open_store(db) as store:
        summary = ingest_into(store, paths, db=db, **options)
        # The ingest relinked: the desk's current values are rebuilt now, not at the first read.
        refresh(store)
        return summary
