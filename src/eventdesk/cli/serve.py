"""``eventdesk serve``: the REST API and the web UI over one database file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.options import DbOption

__all__ = ["COMMANDS"]


def serve(
    db: DbOption = Path("events.db"),
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8001,
) -> None:
    """Serve the REST API and the web UI (reviewer tokens from EVENTDESK_REVIEWER_TOKENS)."""
    import uvicorn

    from eventdesk.api import create_app

    app = create_app(db)
    typer.echo(f"eventdesk on http://{host}:{port}/  (database {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


COMMANDS: dict[str, Callable[..., None]] = {"serve": serve}
