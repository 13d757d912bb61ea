"""``eventdesk review``, ``split``, ``link`` and ``merges``: an analyst's accept,
reject or edit, and corrections of the linker, appended to their logs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.options import DbOption, JsonOption
from eventdesk.query import Desk, jsonable

__all__ = ["COMMANDS"]

ReviewerOption = Annotated[str, typer.Option("--reviewer", envvar="EVENTDESK_REVIEWER", help="Your name.")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why; kept with the decision.")]


def review(
    event_id: Annotated[
        str,
        typer.Argument(help="The event's or mention's id, or a unique prefix of it (as `events` and `show` print)."),
    ],
    action: Annotated[str, typer.Option("--action", help="accept | reject | edit")],
    reviewer: ReviewerOption,
    field: Annotated[str | None, typer.Option("--field", help="One field (default: the whole event).")] = None,
    value: Annotated[
        str | None,
        typer.Option("--value", help="New value for an edit; for place_id a GeoNames id or LAT,LON[@PRECISION 1-3]."),
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why; kept with the review.")] = "",
    db: DbOption = Path("events.db"),
    as_json: JsonOption = False,
) -> None:
    """Accept, reject or edit an event, a mention, or one of their fields (append-only).

    A review of a mention is applied at once by relinking: a rejected mention
    stands behind no event; an edited one is linked and fused with its new values."""
    with Desk.open(db) as desk:
        r = desk.review(event_id, action=action, reviewer=reviewer, field=field, value=value, reason=reason)
    if as_json:
        typer.echo(json.dumps(jsonable(r), ensure_ascii=False))
    else:
        typer.echo(f"review {r.id}: {r.reviewer} {r.action} {r.field or r.target_kind} {r.target_id}")


def split(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a unique prefix of it.")],
    mention: Annotated[
        list[str], typer.Option("--mention", help="A mention to split off (id or prefix); repeat for more.")
    ],
    reviewer: ReviewerOption,
    reason: ReasonOption = "",
    db: DbOption = Path("events.db"),
    as_json: JsonOption = False,
) -> None:
    """Split mentions off an event: they are never linked with its other mentions
    again, through any later relink or re-ingest (relinks at once)."""
    with Desk.open(db) as desk:
        now = desk.split(event_id, mention, reviewer=reviewer, reason=reason)
    if as_json:
        typer.echo(json.dumps({"event_ids": list(now)}))
    else:
        typer.echo(f"split: its mentions are now in {len(now)} events: {', '.join(now)}")


def link(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more event ids (or unique prefixes).")],
    reviewer: ReviewerOption,
    reason: ReasonOption = "",
    db: DbOption = Path("events.db"),
    as_json: JsonOption = False,
) -> None:
    """Force events into one: their mentions stay linked through every later relink
    or re-ingest (relinks at once)."""
    with Desk.open(db) as desk:
        now = desk.link(event_ids, reviewer=reviewer, reason=reason)
    if as_json:
        typer.echo(json.dumps({"event_id": now}))
    else:
        typer.echo(f"linked into event {now}")


def merges(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a unique prefix of it.")],
    db: DbOption = Path("events.db"),
    as_json: JsonOption = False,
) -> None:
    """Print an event's merge log: which mentions were linked, by which rule, and why."""
    with Desk.open(db) as desk:
        detail = desk.event(desk.event_id(event_id))
    if as_json:
        typer.echo(json.dumps(jsonable(detail.merges), ensure_ascii=False))
        return
    if not detail.merges:
        typer.echo(f"event {detail.event.id}: one mention, no merges")
    for m in detail.merges:
        typer.echo(f"{m.first_seen[:19]}  {m.left} + {m.right}  {m.rule}: {'; '.join(m.matched)}")


COMMANDS: dict[str, Callable[..., None]] = {"review": review, "split": split, "link": link, "merges": merges}
