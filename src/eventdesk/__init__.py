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

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from eventdesk.config import Config
from eventdesk.errors import DocumentError, EventdeskError
from eventdesk.pipeline import DocumentResult, IngestSummary, Pipeline, Progress, ingest_into, relink
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


def ingest(
    paths: Iterable[str],
    db: str | Path = "events.db",
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    progress: Callable[[Progress], None] | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Ingest every document behind ``paths`` into the SQLite database ``db``.

    ``pipeline`` is loaded on the first new document, so a re-run over
    documents already stored costs no model load. With ``workers`` > 1 the
    pipeline runs in that many forked processes while this one reads,
    cleans and writes, in input order (so results do not depend on workers).
    """
    with open_store(db) as store:
        return ingest_into(
            store,
            paths,
            db=db,
            published=published,
            outlet=outlet,
            config=config,
            pipeline=pipeline,
            workers=workers,
            progress=progress,
            stdin=stdin,
        )
