"""Option definitions shared by every command, so flags read the same everywhere.

The event filter's options are not written here: ``filter_options`` generates
them from the filter's one declaration (``eventdesk.query.filter_fields``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from eventdesk.query import EventFilter, FilterField, filter_fields

__all__ = ["CsvOption", "DbOption", "JsonOption", "filter_options"]

#: Text, not a Path: a Path would fold a PostgreSQL URL's "//".
DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="SQLite database file (ingest creates it; every other command needs it to exist),"
        " or a PostgreSQL URL: postgresql://user@host/dbname.",
        envvar="EVENTDESK_DB",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")]


def _annotation(f: FilterField) -> Any:
    return Annotated[f.parameter_type, typer.Option(f.option, help=f.help)]


def _parameter(f: FilterField) -> inspect.Parameter:
    return inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=_annotation(f))


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command``'s ``flt: EventFilter`` parameter to the CLI as one option per filter field.

    typer reads a command's options from its signature, so the wrapper's
    signature is ``command``'s with ``flt`` replaced by the fields, in place.
    """
    signature = inspect.signature(command, eval_str=True)
    fields = filter_fields()
    params: list[inspect.Parameter] = []
    for p in signature.parameters.values():
        params.extend([_parameter(f) for f in fields] if p.name == "flt" else [p.replace(kind=p.KEYWORD_ONLY)])

    @functools.wraps(command)
    def run(**kwargs: Any) -> None:
        given = {f.name: kwargs.pop(f.name) for f in fields}
        command(flt=EventFilter.build(**given), **kwargs)

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run
