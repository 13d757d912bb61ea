"""The editor's work lists: ``queue`` (the review queue) and ``unlinked`` (the
articles and mentions in no event), twins of GET /api/queue and /api/unlinked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.options import CsvOption, DbOption, JsonOption, filter_options
from eventdesk.cli.output import Rows, out_format, print_rows
from eventdesk.query import Desk, EventFilter

__all__ = ["COMMANDS"]

_SHORT = {"id": lambda v: str(v)[:8], "event": lambda v: str(v)[:8], "article": lambda v: str(v)[:8]}


@filter_options
def queue(
    *,
    db: DbOption = Path("events.db"),
    flt: EventFilter,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Events per page.")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many events.")] = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The review queue: unreviewed events most in need of a look first, with why
    (review one with `eventdesk review ID`; unless --status is given, every status is in it)."""
    fmt = out_format(as_json, as_csv)
    with Desk.open(db) as desk:
        page = desk.queue(flt, limit=limit, offset=offset)
    rows = [
        (
            i.event.id,
            i.priority,
            i.event.start,
            i.event.sub_event_type,
            i.event.actor1_name or "",
            i.event.location or "",
            i.event.status,
            i.event.source_count,
            "; ".join(i.reasons),
        )
        for i in page.items
    ]
    columns = ("id", "priority", "date", "sub_event_type", "actor1", "location", "status", "sources", "why")
    title = f"review queue: {len(rows)} of {page.total} waiting"
    print_rows(fmt, Rows(title=title, columns=columns, rows=rows, payload=page, cells=_SHORT))


def unlinked(
    db: DbOption = Path("events.db"),
    limit: Annotated[int, typer.Option("--limit", min=0, help="Rows of each kind per page.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many of each kind.")] = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The articles and mentions that belong to no event, with why (a status that is
    never an event, an article not coded or with no event in it)."""
    fmt = out_format(as_json, as_csv)
    with Desk.open(db) as desk:
        page = desk.unlinked(limit=limit, offset=offset)
    rows = [("article", a.id, "", a.title or a.source or "", a.outlet or "", a.reason) for a in page.articles]
    rows += [
        ("mention", m.id, m.article_id, f"{m.sub_event_type}: {m.sentence}", m.outlet or "", m.reason)
        for m in page.mentions
    ]
    columns = ("kind", "id", "article", "what", "outlet", "why")
    title = f"unlinked: {page.articles_total} article(s), {page.mentions_total} mention(s)"
    print_rows(fmt, Rows(title=title, columns=columns, rows=rows, payload=page, cells=_SHORT))


COMMANDS: dict[str, Callable[..., None]] = {"queue": queue, "unlinked": unlinked}
