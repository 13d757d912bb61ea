"""The REST API and the web UI, one FastAPI app over one database file.

Every HTML page has a JSON twin under /api. Reads need nothing; writes
(reviews) need ``Authorization: Bearer <token>`` for a known reviewer, or they
are refused with 401 / ED041 before their body is read. Requests for a Host
the server does not serve are refused (``api/guard.py``). One router per resource (``api/routes/``);
what they share is in ``api/deps.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response

from eventdesk import __version__
from eventdesk.api.errors import install_error_handlers
from eventdesk.api.guard import LOCAL_HOSTS, MAX_BODY_BYTES, Guard, GuardRules
from eventdesk.api.routes import events, export, links, pages, reviews, stats, worklists
from eventdesk.store import SQLiteStore

__all__ = ["CONTENT_SECURITY_POLICY", "create_app", "tokens_from_env"]

#: Article text is untrusted: no inline script, no script from anywhere but
#: this server, no plugins, no framing, no base-URI games.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

_SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def tokens_from_env(value: str | None = None) -> dict[str, str]:
    """token -> reviewer from ``EVENTDESK_REVIEWER_TOKENS="name:token,name2:token2"``."""
    raw = os.environ.get("EVENTDESK_REVIEWER_TOKENS", "") if value is None else value
    out: dict[str, str] = {}
    for item in raw.split(","):
        name, sep, token = item.strip().partition(":")
        if sep and name.strip() and token.strip():
            out[token.strip()] = name.strip()
    return out


async def _security_headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    response.headers.update(_SECURITY_HEADERS)
    return response


def create_app(
    db_path: str | Path,
    *,
    reviewer_tokens: Mapping[str, str] | None = None,
    hosts: Iterable[str] = LOCAL_HOSTS,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The desk app for the database at ``db_path``.

    ``reviewer_tokens`` maps token -> reviewer name; when None it is read from
    the EVENTDESK_REVIEWER_TOKENS environment variable ("name:token,...").
    ``hosts`` are the Host names served (the loopback names by default);
    ``max_body_bytes`` caps a request body (see ``api/guard.py``).
    """
    path = str(db_path)
    SQLiteStore.open(path, create=False).close()  # migrate once, up front; no database is ED022
    app = FastAPI(
        title="eventdesk",
        version=__version__,
        description="Sourced, geocoded political-violence events: query, stats, review, export.",
        # The bundled Swagger/ReDoc pages load script from a CDN and inline, which
        # the CSP forbids and an offline desk cannot reach: the schema is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = path
    app.state.reviewer_tokens = dict(tokens_from_env() if reviewer_tokens is None else reviewer_tokens)
    install_error_handlers(app)
    app.middleware("http")(_security_headers)
    for module in (events, stats, export, reviews, links, worklists, pages):
        app.include_router(module.router())
    pages.mount_static(app)
    rules = GuardRules(hosts=frozenset(hosts), reviewer_tokens=app.state.reviewer_tokens, max_body_bytes=max_body_bytes)
    app.add_middleware(Guard, rules=rules)
    return app
