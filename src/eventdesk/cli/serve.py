"""``eventdesk serve``: the REST API and the web UI over one database file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from eventdesk.cli.options import DbOption

__all__ = ["COMMANDS"]


def serve(
    db: DbOption = "events.db",
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8001,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also serve requests for this Host name (repeatable); loopback names and --host are served.",
        ),
    ] = None,
) -> None:
    """Serve the REST API and the web UI (reviewer tokens from EVENTDESK_REVIEWER_TOKENS)."""
    import uvicorn

    from eventdesk.api import create_app
    from eventdesk.api.guard import allowed_hosts

    app = create_app(db, hosts=allowed_hosts(allow_host or (), bind=host))
    typer.echo(f"eventdesk on http://{host}:{port}/  (database {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


COMMANDS: dict[str, Callable[..., None]] = {"serve": serve}
