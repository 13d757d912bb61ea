"""The ``eventdesk`` command: a thin shell over the Python API.

One module per verb family, each with its ``COMMANDS``; the verbs are the
Python API's names (``eventdesk ingest`` calls ``eventdesk.ingest``). Every
command runs under ``output.coded``, so a coded error is one line on stderr.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from eventdesk.cli import evaluate, events, export, ingest, review, serve, worklists
from eventdesk.cli.output import coded
from eventdesk.errors import EventdeskError

__all__ = ["DESK_COMMANDS", "app", "main", "register", "register_desk"]

#: The twins of the REST API: read, count, review (and its work lists), export, serve.
DESK_COMMANDS: dict[str, Callable[..., None]] = {
    **events.DESK_COMMANDS,
    **serve.COMMANDS,
    **export.COMMANDS,
    **review.COMMANDS,
    **worklists.COMMANDS,
}


def _add(app: typer.Typer, commands: dict[str, Callable[..., None]]) -> None:
    for name, func in commands.items():
        app.command(name)(coded(func))


def register_desk(app: typer.Typer) -> None:
    """Add the desk's commands (``DESK_COMMANDS``) to a typer app."""
    _add(app, DESK_COMMANDS)


def register(app: typer.Typer) -> None:
    """Add every command to a typer app, in the order ``--help`` lists them."""
    _add(
        app, {"ingest": ingest.ingest_command, "relink": ingest.relink_command, **events.COMMANDS, "demo": ingest.demo}
    )
    evaluate.register(app)
    register_desk(app)


app = typer.Typer(
    name="eventdesk",
    help="Build a sourced, geocoded database of political-violence events from news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
register(app)


def main() -> None:
    """Entry point: coded errors end the command with their message, not a traceback."""
    try:
        app()
    except EventdeskError as exc:
        typer.echo(str(exc), err=True)
        raise SystemExit(1) from exc
