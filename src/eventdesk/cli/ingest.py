"""``eventdesk ingest`` and ``eventdesk demo``: reports in, events coded."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from eventdesk import IngestSummary, ingest, relink
from eventdesk.cli.events import event_rows, event_table
from eventdesk.cli.options import DbOption
from eventdesk.cli.output import err, out, print_rows
from eventdesk.config import Config
from eventdesk.errors import coded
from eventdesk.pipeline import Progress as IngestProgress
from eventdesk.store import SQLiteStore, open_store

__all__ = ["demo", "example_paths", "ingest_command", "print_summary", "relink_command"]


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
    paths: list[str],
    db: Path,
    *,
    published: dt.date | None,
    outlet: str | None,
    config: Config,
    workers: int = 1,
    follow_symlinks: bool = False,
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

        return ingest(
            paths,
            db,
            published=published,
            outlet=outlet,
            config=config,
            workers=workers,
            follow_symlinks=follow_symlinks,
            progress=update,
        )


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
        out.print(Text(coded(code, f"{source}: {message}"), style="red"))
    for source, code, message in summary.warnings:
        out.print(Text(coded(code, f"{source}: {message} (stored anyway)"), style="yellow"))


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
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow links in folders that lead outside the folders named (refused by default, ED017).",
        ),
    ] = False,
) -> None:
    """Ingest news reports into the database and code their events.

    Exits with status 1 when any document was refused (its coded error is in the
    summary); the documents that could be read are stored all the same."""
    config = Config(max_document_bytes=max_bytes, encoding=encoding)
    summary = _run_ingest(
        paths,
        db,
        published=_parse_date(published),
        outlet=outlet,
        config=config,
        workers=workers,
        follow_symlinks=follow_symlinks,
    )
    print_summary(summary)
    if summary.errors:
        raise typer.Exit(1)


def relink_command(db: DbOption = Path("events.db")) -> None:
    """Rebuild every event from the stored mentions (a full relink), under the analysts'
    splits, links and mention reviews; reviews follow their mentions, merges are logged."""
    with SQLiteStore.open(db, create=False) as store:
        before = store.counts()["events"]
        after = relink(store)
    out.print(f"{after} events in {db} (were {before})")


def demo(db: DbOption = Path("events.db")) -> None:
    """Ingest the bundled example reports and print the events found."""
    paths = example_paths()
    out.print(f"Ingesting {len(paths)} bundled example reports into {db}")
    summary = _run_ingest(paths, db, published=None, outlet=None, config=Config())
    print_summary(summary)
    rows = event_rows(db)
    with open_store(db) as store:
        claims = store.stat_claims()
    print_rows("table", event_table(rows, f"{len(rows)} events (asserted or reported)"))
    for claim in claims:
        out.print(Text(f"statistic: {claim.span.text}", style="italic"))
    if rows:
        out.print(f"\nSee one with its evidence: eventdesk show {rows[0]['id'][:8]} --db {db}")
