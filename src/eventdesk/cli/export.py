"""``eventdesk export``: the events that pass the filters, written to a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.options import DbOption, filter_options
from eventdesk.query import Desk, EventFilter

__all__ = ["COMMANDS"]


@filter_options
def export(
    *,
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="csv | geojson | jsonl | parquet")] = "csv",
    flavor: Annotated[
        str, typer.Option("--flavor", help="Columns of csv, geojson and parquet: acled (ACLED's 31, then eventdesk's).")
    ] = "acled",
    db: DbOption = "events.db",
    flt: EventFilter,
) -> None:
    """Write the events that pass the filters as CSV, GeoJSON, JSON lines or Parquet."""
    from eventdesk.export import export as write_export

    with Desk.open(db) as desk:
        result = write_export(desk, fmt, out, flt, flavor=flavor)
    note = f" ({result.left_out} left out: no coordinates)" if result.left_out else ""
    typer.echo(f"wrote {result.written} events to {out}{note}", err=True)


COMMANDS: dict[str, Callable[..., None]] = {"export": export}
