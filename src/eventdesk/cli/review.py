"""``eventdesk review``: an analyst's accept, reject or edit, appended to the log."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer

from eventdesk.cli.options import DbOption, JsonOption
from eventdesk.query import Desk, jsonable

__all__ = ["COMMANDS"]


def review(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a unique prefix of it (as `events` prints).")],
    action: Annotated[str, typer.Option("--action", help="accept | reject | edit")],
    reviewer: Annotated[str, typer.Option("--reviewer", envvar="EVENTDESK_REVIEWER", help="Your name.")],
    field: Annotated[str | None, typer.Option("--field", help="One field (default: the whole event).")] = None,
    value: Annotated[str | None, typer.Option("--value", help="New value for an edit.")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why; kept with the review.")] = "",
    db: DbOption = "events.db",
    as_json: JsonOption = False,
) -> None:
    """Accept, reject or edit an event or one of its fields (append-only)."""
    with Desk.open(db) as desk:
        r = desk.review(event_id, action=action, reviewer=reviewer, field=field, value=value, reason=reason)
    if as_json:
        typer.echo(json.dumps(jsonable(r), ensure_ascii=False))
    else:
        typer.echo(f"review {r.id}: {r.reviewer} {r.action} {r.field or 'event'} {r.target_id}")


COMMANDS: dict[str, Callable[..., None]] = {"review": review}
