"""CLI twins of the desk: ``query``, ``stats``, ``serve``, ``export``, ``review``.

A thin shell over ``eventdesk.query.Desk`` and ``eventdesk.export``: every
filter option maps one to one onto ``EventFilter.build`` and onto the REST
API's query parameters of the same name. ``register(app)`` adds the commands
to the package's typer app.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from eventdesk.cli.options import CsvOption, DbOption, JsonOption
from eventdesk.errors import EventdeskError
from eventdesk.query import COUNT_DIMENSIONS, SORTS, Desk, EventFilter, EventView, jsonable

__all__ = ["register"]

# -- shared option groups ----------------------------------------------------

# --db, --json and --csv are the package's shared options (eventdesk.cli.options).
Db = DbOption
AsJson = JsonOption
AsCsv = CsvOption
EventType = Annotated[list[str] | None, typer.Option("--event-type", help="ACLED event type (repeatable).")]
SubType = Annotated[list[str] | None, typer.Option("--sub-event-type", help="ACLED sub-event type (repeatable).")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor id, name or alias; its factions match too.")]
ActorRole = Annotated[str, typer.Option("--actor-role", help="any | perpetrator | target.")]
TargetType = Annotated[list[str] | None, typer.Option("--target-type", help="Target kind, e.g. military (repeatable).")]
Country = Annotated[list[str] | None, typer.Option("--country", help="Country (repeatable).")]
Admin1 = Annotated[list[str] | None, typer.Option("--admin1", help="First-level admin area (repeatable).")]
Lat = Annotated[float | None, typer.Option("--lat", help="Latitude of a point (with --lon, --radius-km).")]
Lon = Annotated[float | None, typer.Option("--lon", help="Longitude of a point.")]
Radius = Annotated[float | None, typer.Option("--radius-km", help="Radius around --lat/--lon in km.")]
Since = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
Status = Annotated[
    list[str] | None,
    typer.Option("--status", help="Status (repeatable); default asserted and reported only."),
]
AllStatuses = Annotated[bool, typer.Option("--all-statuses", help="Include alleged, denied, ... claims.")]
Outlet = Annotated[list[str] | None, typer.Option("--outlet", help="Outlet (repeatable).")]
Rejected = Annotated[bool, typer.Option("--include-rejected", help="Show events an analyst rejected.")]


def _filter(**kw: Any) -> EventFilter:
    return EventFilter.build(**kw)


@contextmanager
def _desk(db: Path) -> Iterator[Desk]:
    """Open the desk; a coded error becomes one line on stderr and exit status 1."""
    try:
        with Desk.open(db) as desk:
            yield desk
    except EventdeskError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None


def _out_format(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        typer.echo("[ED042] choose one of --json and --csv", err=True)
        raise typer.Exit(2)
    return "json" if as_json else "csv" if as_csv else "table"


def _print_rows(fmt: str, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], payload: Any) -> None:
    if fmt == "json":
        typer.echo(json.dumps(jsonable(payload), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


_EVENT_COLUMNS = (
    "id",
    "date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "fatalities",
    "status",
    "sources",
    "review",
)


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


def _event_row(e: EventView) -> tuple[Any, ...]:
    return (
        e.id,
        e.start,
        e.event_type,
        e.sub_event_type,
        e.actor1_name,
        e.actor2_name,
        e.location,
        e.country,
        e.fatalities_best,
        e.status,
        e.source_count,
        e.review_state,
    )


# -- commands ------------------------------------------------------------------


def query(
    db: Db = Path("events.db"),
    event_type: EventType = None,
    sub_event_type: SubType = None,
    actor: ActorOpt = None,
    actor_role: ActorRole = "any",
    target_type: TargetType = None,
    country: Country = None,
    admin1: Admin1 = None,
    lat: Lat = None,
    lon: Lon = None,
    radius_km: Radius = None,
    since: Since = None,
    until: Until = None,
    status: Status = None,
    all_statuses: AllStatuses = False,
    outlet: Outlet = None,
    include_rejected: Rejected = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Events per page.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many events.")] = 0,
    sort: Annotated[str, typer.Option("--sort", help=" | ".join(SORTS))] = "date",
    as_json: AsJson = False,
    as_csv: AsCsv = False,
) -> None:
    """List the events that pass the filters (latest reviews applied)."""
    fmt = _out_format(as_json, as_csv)
    with _desk(db) as desk:
        flt = _filter(
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            actor_role=actor_role,
            target_type=target_type,
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            radius_km=radius_km,
            since=since,
            until=until,
            status=status,
            all_statuses=all_statuses,
            outlet=outlet,
            include_rejected=include_rejected,
        )
        page = desk.query(flt, limit=limit, offset=offset, sort=sort)
    shown = f"{offset + 1}-{offset + len(page.events)}" if page.events else "0"
    _print_rows(
        fmt,
        f"events {shown} of {page.total}",
        _EVENT_COLUMNS,
        [_event_row(e) for e in page.events],
        page,
    )


def stats(
    db: Db = Path("events.db"),
    by: Annotated[str, typer.Option("--by", help=" | ".join(COUNT_DIMENSIONS))] = "type",
    share_target: Annotated[
        str | None,
        typer.Option(
            "--share-target",
            help="Instead of counts: the share of --actor's events (as perpetrator) that hit this target kind.",
        ),
    ] = None,
    confidence: Annotated[float, typer.Option("--confidence", help="Of the Wilson interval.")] = 0.95,
    event_type: EventType = None,
    sub_event_type: SubType = None,
    actor: ActorOpt = None,
    actor_role: ActorRole = "any",
    target_type: TargetType = None,
    country: Country = None,
    admin1: Admin1 = None,
    lat: Lat = None,
    lon: Lon = None,
    radius_km: Radius = None,
    since: Since = None,
    until: Until = None,
    status: Status = None,
    all_statuses: AllStatuses = False,
    outlet: Outlet = None,
    include_rejected: Rejected = False,
    as_json: AsJson = False,
    as_csv: AsCsv = False,
) -> None:
    """Counts of events and fatalities by a dimension, or the share statistic."""
    fmt = _out_format(as_json, as_csv)
    with _desk(db) as desk:
        flt = _filter(
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            actor_role=actor_role,
            target_type=target_type,
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            radius_km=radius_km,
            since=since,
            until=until,
            status=status,
            all_statuses=all_statuses,
            outlet=outlet,
            include_rejected=include_rejected,
        )
        if share_target is None:
            table = desk.counts(flt, by=by)
            _print_rows(
                fmt,
                f"events by {by} (total {table.total})",
                ("key", by, "events", "fatalities"),
                [(r.key, r.label, r.events, r.fatalities) for r in table.rows],
                table,
            )
            return
        if not actor:
            typer.echo("[ED042] --share-target needs --actor", err=True)
            raise typer.Exit(2)
        try:
            s = desk.share(
                actor=actor,
                target_type=share_target,
                since=flt.since,
                until=flt.until,
                flt=flt,
                confidence=confidence,
            )
        except EventdeskError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
    _print_rows(
        fmt,
        f"share of {actor}'s events that hit {share_target} (Wilson {confidence:.0%} CI)",
        ("numerator", "denominator", "share", "low", "high"),
        [(s.numerator, s.denominator, _pct(s.share), _pct(s.low), _pct(s.high))],
        s,
    )


def export(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="csv | geojson | jsonl | parquet")] = "csv",
    db: Db = Path("events.db"),
    event_type: EventType = None,
    sub_event_type: SubType = None,
    actor: ActorOpt = None,
    actor_role: ActorRole = "any",
    target_type: TargetType = None,
    country: Country = None,
    admin1: Admin1 = None,
    lat: Lat = None,
    lon: Lon = None,
    radius_km: Radius = None,
    since: Since = None,
    until: Until = None,
    status: Status = None,
    all_statuses: AllStatuses = False,
    outlet: Outlet = None,
    include_rejected: Rejected = False,
) -> None:
    """Write the events that pass the filters as CSV, GeoJSON, JSON lines or Parquet."""
    from eventdesk.export import export as write_export

    with _desk(db) as desk:
        flt = _filter(
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            actor_role=actor_role,
            target_type=target_type,
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            radius_km=radius_km,
            since=since,
            until=until,
            status=status,
            all_statuses=all_statuses,
            outlet=outlet,
            include_rejected=include_rejected,
        )
        result = write_export(desk, fmt, out, flt)
    note = f" ({result.left_out} left out: no coordinates)" if result.left_out else ""
    typer.echo(f"wrote {result.written} events to {out}{note}", err=True)


def review(
    event_id: Annotated[str, typer.Argument(help="The event's id.")],
    action: Annotated[str, typer.Option("--action", help="accept | reject | edit")],
    reviewer: Annotated[str, typer.Option("--reviewer", envvar="EVENTDESK_REVIEWER", help="Your name.")],
    field: Annotated[str | None, typer.Option("--field", help="One field (default: the whole event).")] = None,
    value: Annotated[str | None, typer.Option("--value", help="New value for an edit.")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why; kept with the review.")] = "",
    db: Db = Path("events.db"),
    as_json: AsJson = False,
) -> None:
    """Accept, reject or edit an event or one of its fields (append-only)."""
    with _desk(db) as desk:
        r = desk.review(event_id, action=action, reviewer=reviewer, field=field, value=value, reason=reason)
    if as_json:
        typer.echo(json.dumps(jsonable(r), ensure_ascii=False))
    else:
        typer.echo(f"review {r.id}: {r.reviewer} {r.action} {r.field or 'event'} {event_id}")


def serve(
    db: Db = Path("events.db"),
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8001,
) -> None:
    """Serve the REST API and the web UI (reviewer tokens from EVENTDESK_REVIEWER_TOKENS)."""
    import uvicorn

    from eventdesk.api import create_app

    try:
        app = create_app(db)
    except EventdeskError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"eventdesk on http://{host}:{port}/  (database {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


COMMANDS: dict[str, Callable[..., None]] = {
    "query": query,
    "stats": stats,
    "serve": serve,
    "export": export,
    "review": review,
}


def register(app: typer.Typer) -> None:
    """Add the desk's commands to the package's typer app."""
    for name, func in COMMANDS.items():
        app.command(name)(func)
