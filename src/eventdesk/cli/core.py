"""The spine's commands: ingest, events, show, demo."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from eventdesk import IngestSummary, ingest
from eventdesk.cli.options import CsvOption, DbOption, JsonOption
from eventdesk.config import Config
from eventdesk.pipeline import Progress as IngestProgress
from eventdesk.records import Event, Mention, Span
from eventdesk.store import SQLiteStore, open_store

__all__ = ["EventRow", "event_rows", "example_paths", "register"]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def example_paths() -> list[str]:
    """The bundled example reports, sorted."""
    folder = resources.files("eventdesk.data").joinpath("examples")
    return sorted(str(p) for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))  # type: ignore[attr-defined]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


def _run_ingest(
    paths: list[str], db: Path, *, published: dt.date | None, outlet: str | None, config: Config, workers: int = 1
) -> IngestSummary:
    columns = (
        TextColumn("[bold]ingest[/]"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[docs]} docs  {task.fields[rate]:.1f} docs/s  {task.fields[errors]} errors"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("ingest", total=None, docs=0, rate=0.0, errors=0)

        def update(p: IngestProgress) -> None:
            rate = p.documents / p.elapsed if p.elapsed else 0.0
            bar.update(task, docs=p.documents, rate=rate, errors=p.errors)

        return ingest(paths, db, published=published, outlet=outlet, config=config, workers=workers, progress=update)


def print_summary(summary: IngestSummary) -> None:
    """The final lines of an ingest: counts, rate, and each error with its code."""
    out.print(
        f"{summary.documents} documents in {summary.seconds:.1f}s ({summary.docs_per_second:.1f} docs/s): "
        f"{summary.stored} stored, {summary.unchanged} unchanged, {summary.duplicates} duplicates, "
        f"{summary.not_extracted} not extracted (language), {len(summary.errors)} errors"
    )
    out.print(
        f"{summary.mentions} event mentions and {summary.stat_claims} statistical claims added; "
        f"{summary.events} events in {summary.db}"
    )
    for source, code, message in summary.errors:
        out.print(Text(f"[{code}] {source}: {message}", style="red"))
    for source, code, message in summary.warnings:
        out.print(Text(f"[{code}] {source}: {message} (stored anyway)", style="yellow"))


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = Path("events.db"),
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that lack one.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for documents that lack one.")] = None,
    encoding: Annotated[str | None, typer.Option(help="Read every input in this encoding instead of UTF-8.")] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest single document accepted, in bytes.")
    ] = Config().max_document_bytes,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes running the pipeline.")] = 1,
) -> None:
    """Ingest news reports into the database and code their events."""
    config = Config(max_document_bytes=max_bytes, encoding=encoding)
    summary = _run_ingest(paths, db, published=_parse_date(published), outlet=outlet, config=config, workers=workers)
    print_summary(summary)


# -- events listing ---------------------------------------------------------

EventRow = dict[str, Any]


def event_rows(db: Path, *, include_all: bool = False) -> list[EventRow]:
    """One flat row per event as the desk shows it (latest reviews applied)."""
    from eventdesk.link import EVENT_STATUSES
    from eventdesk.query import DEFAULT_STATUSES, Desk, EventFilter
    from eventdesk.records import STATUSES

    every = tuple(s for s in STATUSES if s in EVENT_STATUSES)
    flt = EventFilter(statuses=every if include_all else DEFAULT_STATUSES)
    with Desk.open(db) as desk:
        return [
            {
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
            for ev in desk.select(flt)
        ]


def _actor_name(store: SQLiteStore, actor_id: str | None) -> str:
    if not actor_id:
        return ""
    actor = store.actor(actor_id)
    return actor.name if actor else actor_id


def _print_rows(rows: list[EventRow], *, as_json: bool, as_csv: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
        return
    columns = ("id", "date", "sub_event_type", "actor1", "actor2", "place", "country", "fatalities", "status")
    table = Table(title=title, show_lines=False)
    for name in columns:
        table.add_column("killed" if name == "fatalities" else name, overflow="fold")
    for row in rows:
        # An 8-character id prefix is unique in practice; `show` accepts prefixes.
        cells = {**row, "id": row["id"][:8]}
        table.add_row(*(Text("" if cells[c] is None else str(cells[c])) for c in columns))
    # Piped output gets a wide table instead of rich's 80-column default.
    (out if out.is_terminal else Console(highlight=False, width=170)).print(table)


def events_command(
    db: DbOption = Path("events.db"),
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    all_statuses: Annotated[bool, typer.Option("--all", help="Include alleged, claimed and denied events.")] = False,
) -> None:
    """List the events in the database."""
    _require(db)
    rows = event_rows(db, include_all=all_statuses)
    _print_rows(rows, as_json=as_json, as_csv=as_csv, title=f"{len(rows)} events in {db}")


def _require(db: Path) -> None:
    """A reading command on a database that is not there says how to make one."""
    if not db.exists():
        raise typer.BadParameter(f"{db} does not exist: run `eventdesk ingest PATH --db {db}` first", param_hint="--db")


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


def print_event(store: SQLiteStore, event: Event) -> None:
    place = store.place(event.place_id) if event.place_id else None
    out.print(Text(f"Event {event.id}: {event.event_type} / {event.sub_event_type} ({event.status})", style="bold"))
    out.print(f"  actor1: {_actor_name(store, event.actor1)}   actor2: {_actor_name(store, event.actor2)}")
    where = (
        f"{place.name}, {place.admin1 or ''} {place.country or ''} ({place.latitude}, {place.longitude})"
        f" precision {place.precision}"
        if place
        else "unknown"
    )
    out.print(f"  where: {where}")
    out.print(
        f"  when: {event.start or '?'} .. {event.end or '?'}   fatalities low/best/high: "
        f"{event.fatalities_low}/{event.fatalities_best}/{event.fatalities_high}"
    )
    out.print(f"  sources: {event.source_count}   intra-group: {event.intra_group}")
    for mention in store.mentions_by_id(event.mention_ids):
        print_mention(store, mention)


def print_mention(store: SQLiteStore, m: Mention) -> None:
    article = store.article(m.article_id)
    where = (
        f"{article.outlet or '?'}, {article.published or 'undated'}: {article.title or article.source}"
        if article
        else m.article_id
    )
    out.print(Text(f"\n  Mention {m.id} in {where}", style="bold"))
    for name, value, span, style in _mention_fields(m):
        out.print(Text(f"    {name}: ", style="bold").append(Text(value)))
        sentence = m.sentence if m.sentence.start <= span.start and span.end <= m.sentence.end else span
        out.print(Text("      ").append(marked(sentence, [(span, style)])))


def show_command(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="An event or mention id (or a unique prefix).")],
    db: DbOption = Path("events.db"),
) -> None:
    """Print an event with every field's evidence sentence, the span marked «thus»."""
    _require(db)
    with open_store(db) as store:
        event_ids, mention_ids = store.ids_starting(record_id)
        if len(event_ids) + len(mention_ids) != 1:
            found = "no record" if not event_ids + mention_ids else "several records"
            err.print(f"[ED040] {found} with id {record_id!r}")
            raise typer.Exit(1)
        event = store.event(event_ids[0]) if event_ids else None
        if event is not None:
            print_event(store, event)
        else:
            print_mention(store, store.mentions_by_id(mention_ids)[0])


def demo_command(db: DbOption = Path("events.db")) -> None:
    """Ingest the bundled example reports and print the events found."""
    paths = example_paths()
    out.print(f"Ingesting {len(paths)} bundled example reports into {db}")
    summary = _run_ingest(paths, db, published=None, outlet=None, config=Config())
    print_summary(summary)
    rows = event_rows(db)
    with open_store(db) as store:
        claims = store.stat_claims()
    _print_rows(rows, as_json=False, as_csv=False, title=f"{len(rows)} events (asserted or reported)")
    for claim in claims:
        out.print(Text(f"statistic: {claim.span.text}", style="italic"))
    if rows:
        out.print(f"\nSee one with its evidence: eventdesk show {rows[0]['id'][:8]} --db {db}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("events")(events_command)
    app.command("show")(show_command)
    app.command("demo")(demo_command)
