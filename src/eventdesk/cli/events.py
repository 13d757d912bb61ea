"""Reading the desk: ``events``, ``show``, ``query`` and ``stats``.

Every command reads through ``eventdesk.query.Desk``, so each shows the
latest reviews: after a review sets fatalities to 99, all of them say 99.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from eventdesk.cli.options import CsvOption, DbOption, JsonOption, filter_options
from eventdesk.cli.output import Rows, UsageError, out, out_format, print_rows
from eventdesk.query import COUNT_DIMENSIONS, DEFAULT_STATUSES, SORTS, Desk, EventFilter, EventView, MentionView
from eventdesk.records import STATUSES, Mention, Span

__all__ = ["COMMANDS", "DESK_COMMANDS", "EVENT_COLUMNS", "event_rows", "event_table", "marked"]

#: Columns of ``events``: one flat row per event.
EVENT_COLUMNS = (
    "id",
    "date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "place",
    "country",
    "fatalities",
    "status",
    "intra_group",
    "sources",
)
_EVENTS_SHOWN = ("id", "date", "sub_event_type", "actor1", "actor2", "place", "country", "fatalities", "status")

#: Columns of ``query``: the desk's view, with its review state.
_QUERY_COLUMNS = (
    *EVENT_COLUMNS[:6],
    "location",
    "country",
    "fatalities",
    "status",
    "sources",
    "review",
)


# -- events -----------------------------------------------------------------


def _flat(ev: EventView) -> dict[str, Any]:
    return {
        "id": ev.id,
        "date": ev.start.isoformat() if ev.start else "",
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1_name or "",
        "actor2": ev.actor2_name or "",
        "place": ev.location or "",
        "country": ev.country or "",
        "fatalities": ev.fatalities_best,
        "status": ev.status,
        "intra_group": ev.intra_group,
        "sources": ev.source_count,
    }


def event_rows(db: str | Path, *, include_all: bool = False) -> list[dict[str, Any]]:
    """One flat row per event as the desk shows it (latest reviews applied)."""
    from eventdesk.link import EVENT_STATUSES

    every = tuple(s for s in STATUSES if s in EVENT_STATUSES)
    with Desk.open(db) as desk:
        return [_flat(ev) for ev in desk.select(EventFilter(statuses=every if include_all else DEFAULT_STATUSES))]


def event_table(rows: list[dict[str, Any]], title: str) -> Rows:
    """``events``' rows: every column in JSON and CSV, the main ones in the table."""
    return Rows(
        title=title,
        columns=EVENT_COLUMNS,
        rows=[[row[c] for c in EVENT_COLUMNS] for row in rows],
        payload=rows,
        shown=_EVENTS_SHOWN,
        headers={"fatalities": "killed"},
        # An 8-character id prefix is unique in practice; `show` accepts prefixes.
        cells={"id": lambda v: str(v)[:8]},
    )


def events(
    db: DbOption = "events.db",
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    all_statuses: Annotated[bool, typer.Option("--all", help="Include alleged, claimed and denied events.")] = False,
) -> None:
    """List the events in the database."""
    fmt = out_format(as_json, as_csv)
    rows = event_rows(db, include_all=all_statuses)
    print_rows(fmt, event_table(rows, f"{len(rows)} events in {db}"))


# -- show -------------------------------------------------------------------


def marked(sentence: Span, spans: list[tuple[Span, str]]) -> Text:
    """``sentence`` with each span wrapped in «» and styled, for any terminal."""
    text = Text()
    cursor = sentence.start
    for span, style in sorted(
        (s for s in spans if sentence.start <= s[0].start and s[0].end <= sentence.end), key=lambda s: s[0].start
    ):
        if span.start < cursor:
            continue  # overlapping spans: the first one wins the marking
        text.append(sentence.text[cursor - sentence.start : span.start - sentence.start])
        text.append("«" + span.text + "»", style=style)
        cursor = span.end
    text.append(sentence.text[cursor - sentence.start :])
    return text


def _mention_fields(m: Mention) -> list[tuple[str, str, Span, str]]:
    """(field, value, evidence span, style) for every field of a mention."""
    fields: list[tuple[str, str, Span, str]] = [("trigger", m.sub_event_type, m.trigger, "bold")]
    for role in m.roles:
        if role.role == "time" and m.time is not None and m.time.span == role.span:
            continue  # shown below with its resolved range
        value = role.name or role.span.text
        if role.resolved_id:
            value += f" ({role.resolved_id})"
        if role.kind:
            value += f" [{role.kind}]"
        fields.append((role.role, value, role.span, "cyan"))
    for c in m.casualties:
        fields.append((c.kind, f"{c.low}/{c.best}/{c.high} ({c.rule})", c.span, "red"))
    if m.time and m.time.span:
        rng = f"{m.time.start or '?'} .. {m.time.end or '?'} ({m.time.precision})"
        fields.append(("time", rng, m.time.span, "green"))
    if m.status_cue:
        fields.append(("status", m.status, m.status_cue, "magenta"))
    if m.attributed_to:
        fields.append(("according to", m.attributed_to.text, m.attributed_to, "yellow"))
    return fields


def print_event(e: EventView, mentions: tuple[MentionView, ...]) -> None:
    """An event as the desk shows it (reviews applied), then each mention's evidence."""
    out.print(Text(f"Event {e.id}: {e.event_type} / {e.sub_event_type} ({e.status})", style="bold"))
    out.print(f"  actor1: {e.actor1_name or ''}   actor2: {e.actor2_name or ''}")
    where = (
        f"{e.location}, {e.admin1 or ''} {e.country or ''} ({e.latitude}, {e.longitude}) precision {e.geo_precision}"
        if e.place_id and e.location
        else "unknown"
    )
    out.print(f"  where: {where}")
    out.print(
        f"  when: {e.start or '?'} .. {e.end or '?'}   fatalities low/best/high: "
        f"{e.fatalities_low}/{e.fatalities_best}/{e.fatalities_high}"
    )
    out.print(f"  sources: {e.source_count}   intra-group: {e.intra_group}")
    for mention in mentions:
        print_mention(mention)


def print_mention(view: MentionView) -> None:
    m = view.mention
    where = f"{view.outlet or '?'}, {view.published or 'undated'}: {view.title or view.source}"
    out.print(Text(f"\n  Mention {m.id} in {where}", style="bold"))
    for name, value, span, style in _mention_fields(m):
        out.print(Text(f"    {name}: ", style="bold").append(Text(value)))
        sentence = m.sentence if m.sentence.start <= span.start and span.end <= m.sentence.end else span
        out.print(Text("      ").append(marked(sentence, [(span, style)])))


def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An event or mention id (or a unique prefix).")],
    db: DbOption = "events.db",
) -> None:
    """Print an event with every field's evidence sentence, the span marked «thus»."""
    with Desk.open(db) as desk:
        kind, found = desk.find(record_id)
        if kind == "event":
            detail = desk.event(found)
            print_event(detail.event, detail.mentions)
        else:
            print_mention(desk.mention(found))


# -- query and stats --------------------------------------------------------


def _query_row(e: EventView) -> tuple[Any, ...]:
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


@filter_options
def query(
    *,
    db: DbOption = "events.db",
    flt: EventFilter,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Events per page.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many events.")] = 0,
    sort: Annotated[str, typer.Option("--sort", help=" | ".join(SORTS))] = "date",
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """List the events that pass the filters (latest reviews applied)."""
    fmt = out_format(as_json, as_csv)
    with Desk.open(db) as desk:
        page = desk.query(flt, limit=limit, offset=offset, sort=sort)
    shown = f"{offset + 1}-{offset + len(page.events)}" if page.events else "0"
    rows = [_query_row(e) for e in page.events]
    print_rows(fmt, Rows(title=f"events {shown} of {page.total}", columns=_QUERY_COLUMNS, rows=rows, payload=page))


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


@filter_options
def stats(
    *,
    db: DbOption = "events.db",
    by: Annotated[str, typer.Option("--by", help=" | ".join(COUNT_DIMENSIONS))] = "type",
    share_target: Annotated[
        str | None,
        typer.Option(
            "--share-target",
            help="Instead of counts: the share of --actor's events (as perpetrator) that hit this target kind.",
        ),
    ] = None,
    confidence: Annotated[float, typer.Option("--confidence", help="Of the Wilson interval.")] = 0.95,
    list_events: Annotated[
        bool,
        typer.Option(
            "--list",
            help="With --share-target: list the denominator's events, which of them count and why.",
        ),
    ] = False,
    flt: EventFilter,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Counts of events and fatalities by a dimension, or the share statistic."""
    fmt = out_format(as_json, as_csv)
    if share_target is not None and not flt.actor:
        raise UsageError("ED042", "--share-target needs --actor")
    with Desk.open(db) as desk:
        if share_target is None:
            t = desk.counts(flt, by=by)
            rows = [(r.key, r.label, r.events, r.fatalities) for r in t.rows]
            title = f"events by {by} (total {t.total})"
            print_rows(fmt, Rows(title=title, columns=("key", by, "events", "fatalities"), rows=rows, payload=t))
            return
        s = desk.share(
            actor=flt.actor or "",
            target_type=share_target,
            since=flt.since,
            until=flt.until,
            flt=flt,
            confidence=confidence,
        )
        title = f"share of {flt.actor}'s events that hit {share_target} (Wilson {confidence:.0%} CI)"
        if list_events:
            # The drill-down: every event of the denominator, those of the numerator first.
            why = dict(zip(s.numerator_ids, s.reasons, strict=True))
            behind = desk.select(flt.but(actor_role="perpetrator", event_ids=s.denominator_ids))
            shown = sorted(behind, key=lambda e: e.id not in why)
            listed: list[tuple[str, ...]] = [
                (
                    e.id,
                    e.start.isoformat() if e.start else "",
                    e.sub_event_type,
                    ", ".join(e.target_kinds),
                    "yes" if e.id in why else "no",
                    why.get(e.id, ""),
                )
                for e in shown
            ]
            columns = ("id", "date", "sub_event_type", "target_kinds", "counted", "why")
            summary = f"{s.numerator}/{s.denominator} {_pct(s.share)} [{_pct(s.low)}, {_pct(s.high)}]"
            short = {"id": lambda v: v[:8]}
            listing = Rows(title=f"{title}: {summary}", columns=columns, rows=listed, payload=s, cells=short)
            print_rows(fmt, listing)
            return
    print_rows(
        fmt,
        Rows(
            title=title,
            columns=("numerator", "denominator", "share", "low", "high"),
            rows=[(s.numerator, s.denominator, _pct(s.share), _pct(s.low), _pct(s.high))],
            payload=s,
        ),
    )


COMMANDS: dict[str, Callable[..., None]] = {"events": events, "show": show}
#: The twins of the REST API's reads.
DESK_COMMANDS: dict[str, Callable[..., None]] = {"query": query, "stats": stats}
