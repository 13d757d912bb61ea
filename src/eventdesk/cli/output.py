"""What the CLI prints: one row printer, and one handler that turns a coded error into one line.

Commands never write "[EDnnn]" themselves: they raise ``EventdeskError`` (or
``UsageError`` for a bad combination of options) and ``coded`` prints it.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventdesk.errors import EventdeskError
from eventdesk.export.formats import csv_cell
from eventdesk.query import jsonable

__all__ = ["Rows", "UsageError", "coded", "err", "out", "out_format", "print_rows"]

P = ParamSpec("P")
T = TypeVar("T")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


class UsageError(EventdeskError):
    """Options that do not go together: exit status 2, like click's own usage errors."""


#: Coded errors that mean the command line named something that is not there
#: (ED022: no database at --db): exit status 2 as well, like click's bad parameter.
_USAGE_CODES = frozenset({"ED022"})


def coded(command: Callable[P, T]) -> Callable[P, T]:
    """Run ``command``; a coded error ends it with its one line on stderr and status 1 (2 for usage)."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return command(*args, **kwargs)
        except EventdeskError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2 if isinstance(exc, UsageError) or exc.code in _USAGE_CODES else 1) from None

    return run


def out_format(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise UsageError("ED042", "choose one of --json and --csv")
    return "json" if as_json else "csv" if as_csv else "table"


@dataclass(frozen=True, kw_only=True, slots=True)
class Rows:
    """A result as rows: ``--json`` prints ``payload``, ``--csv`` every column, the table ``shown``."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    payload: Any
    #: The table's columns (default: all) and their headers where they differ.
    shown: Sequence[str] = ()
    headers: dict[str, str] = field(default_factory=dict)
    #: Table cells per column, e.g. a shortened id (``show`` accepts prefixes).
    cells: dict[str, Callable[[Any], str]] = field(default_factory=dict)


def print_rows(fmt: str, result: Rows) -> None:
    """Print ``result`` as JSON, CSV (formulas neutralised as in exports) or a table."""
    if fmt == "json":
        sys.stdout.write(json.dumps(jsonable(result.payload), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[csv_cell(v) for v in row] for row in result.rows])
    else:
        _print_table(result)


def _print_table(result: Rows) -> None:
    shown = list(result.shown or result.columns)
    where = [list(result.columns).index(c) for c in shown]
    table = Table(title=result.title)
    for name in shown:
        table.add_column(result.headers.get(name, name), overflow="fold")
    for row in result.rows:
        cells = [result.cells.get(c, _cell)(row[i]) for c, i in zip(shown, where, strict=True)]
        table.add_row(*(Text(c) for c in cells))
    # Piped output gets a wide table instead of rich's 80-column default.
    (out if out.is_terminal else Console(highlight=False, width=170)).print(table)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
