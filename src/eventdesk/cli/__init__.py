"""The ``eventdesk`` command: a thin shell over the Python API.

Each sub-module adds its commands with ``register(app)``; the verbs are the
Python API's names (``eventdesk ingest`` calls ``eventdesk.ingest``).
"""

from __future__ import annotations

import typer

from eventdesk.cli import core, desk, evaluate
from eventdesk.errors import EventdeskError

__all__ = ["app", "main"]

app = typer.Typer(
    name="eventdesk",
    help="Build a sourced, geocoded database of political-violence events from news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
core.register(app)
evaluate.register(app)
desk.register(app)


def main() -> None:
    """Entry point: coded errors end the command with their message, not a traceback."""
    try:
        app()
    except EventdeskError as exc:
        typer.echo(str(exc), err=True)
        raise SystemExit(1) from exc
