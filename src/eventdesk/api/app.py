"""The REST API and the web UI, one FastAPI app over one database file.

Every HTML page has a JSON twin under /api. Reads need nothing; writes
(reviews) need ``Authorization: Bearer <token>`` for a known reviewer, or they
are refused with 401 / ED041.
"""

# No "from __future__ import annotations": FastAPI resolves the local Annotated
# dependency aliases at definition time.

import hmac
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, Header, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventdesk import __version__
from eventdesk.api.errors import install_error_handlers
from eventdesk.api.params import filter_params
from eventdesk.errors import EventdeskError
from eventdesk.export import FORMATS, MEDIA_TYPES, render
from eventdesk.query import (
    COUNT_DIMENSIONS,
    EDITABLE_FIELDS,
    SORTS,
    ArticleView,
    CountTable,
    Desk,
    EventDetail,
    EventFilter,
    EventPage,
    ShareResult,
    jsonable,
)
from eventdesk.records import STATUSES, Review
from eventdesk.store import SQLiteStore

__all__ = ["CONTENT_SECURITY_POLICY", "DeskFacets", "ReviewIn", "create_app", "tokens_from_env"]

#: Article text is untrusted: no inline script, no script from anywhere but
#: this server, no plugins, no framing, no base-URI games.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

MAX_LIMIT = 1000


def tokens_from_env(value: str | None = None) -> dict[str, str]:
    """token -> reviewer from ``EVENTDESK_REVIEWER_TOKENS="name:token,name2:token2"``."""
    raw = os.environ.get("EVENTDESK_REVIEWER_TOKENS", "") if value is None else value
    out: dict[str, str] = {}
    for item in raw.split(","):
        name, sep, token = item.strip().partition(":")
        if sep and name.strip() and token.strip():
            out[token.strip()] = name.strip()
    return out


class ReviewIn(BaseModel):
    """A review as posted; the reviewer comes from the token, the time from the server."""

    event_id: str = Field(min_length=1)
    action: Literal["accept", "reject", "edit"]
    field: str | None = None
    value: Any = None
    reason: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorRef:
    id: str
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DeskFacets:
    """Values the UI offers in its filter pickers."""

    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    countries: tuple[str, ...]
    outlets: tuple[str, ...]
    target_types: tuple[str, ...]
    actors: tuple[ActorRef, ...]
    statuses: tuple[str, ...]
    editable_fields: tuple[str, ...]
    count_dimensions: tuple[str, ...]
    sorts: tuple[str, ...]
    version: str


def _json(value: object, status: int = 200) -> JSONResponse:
    return JSONResponse(jsonable(value), status_code=status)


def create_app(db_path: str | Path, *, reviewer_tokens: Mapping[str, str] | None = None) -> FastAPI:
    """The desk app for the database at ``db_path``.

    ``reviewer_tokens`` maps token -> reviewer name; when None it is read from
    the EVENTDESK_REVIEWER_TOKENS environment variable ("name:token,...").
    """
    path = str(db_path)
    SQLiteStore.open(path).close()  # create or migrate once, up front
    tokens = dict(tokens_from_env() if reviewer_tokens is None else reviewer_tokens)

    app = FastAPI(
        title="eventdesk",
        version=__version__,
        description="Sourced, geocoded political-violence events: query, stats, review, export.",
        # The bundled Swagger/ReDoc pages load script from a CDN and inline, which
        # the CSP forbids and an offline desk cannot reach: the schema is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def desk() -> Iterator[Desk]:
        d = Desk.open(path, migrate=False, any_thread=True)
        try:
            yield d
        finally:
            d.close()

    def reviewer(authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() == "bearer" and token:
            for known, name in tokens.items():
                if hmac.compare_digest(known.encode(), token.strip().encode()):
                    return name
        raise EventdeskError("ED041", "review refused: send Authorization: Bearer <reviewer token>")

    DeskDep = Annotated[Desk, Depends(desk)]
    FilterDep = Annotated[EventFilter, Depends(filter_params())]

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(
        d: DeskDep,
        flt: FilterDep,
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        sort: Annotated[str, Query(description=" | ".join(SORTS))] = "-date",
    ) -> JSONResponse:
        return _json(d.query(flt, limit=limit, offset=offset, sort=sort))

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(event_id: str, d: DeskDep) -> JSONResponse:
        return _json(d.event(event_id))

    @app.get("/api/articles/{article_id}", response_model=ArticleView, tags=["articles"])
    def get_article(article_id: str, d: DeskDep) -> JSONResponse:
        return _json(d.article(article_id))

    @app.get("/api/stats/counts", response_model=CountTable, tags=["stats"])
    def stats_counts(
        d: DeskDep,
        flt: FilterDep,
        by: Annotated[str, Query(description=" | ".join(COUNT_DIMENSIONS))] = "type",
    ) -> JSONResponse:
        return _json(d.counts(flt, by=by))

    @app.get("/api/stats/share", response_model=ShareResult, tags=["stats"])
    def stats_share(
        d: DeskDep,
        flt: FilterDep,
        share_target: Annotated[
            str,
            Query(min_length=1, description="the target kind whose share is wanted, e.g. military"),
        ],
        confidence: Annotated[float, Query(gt=0, lt=1)] = 0.95,
    ) -> JSONResponse:
        """Of ``actor``'s events (as perpetrator, factions included) between ``since``
        and ``until`` that pass the other filters, the share whose target is of kind
        ``share_target``, with its Wilson score interval and the events behind it."""
        if not flt.actor:
            raise EventdeskError("ED042", "actor: the share statistic needs an actor")
        return _json(
            d.share(
                actor=flt.actor,
                target_type=share_target,
                since=flt.since,
                until=flt.until,
                flt=flt,
                confidence=confidence,
            )
        )

    @app.get(
        "/api/export.{fmt}",
        tags=["export"],
        responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}},
    )
    def export_events(fmt: str, d: DeskDep, flt: FilterDep) -> Response:
        if fmt not in FORMATS:
            raise EventdeskError("ED042", f"format: choose from {', '.join(FORMATS)}")
        result = render(d, fmt, flt)
        headers = {
            "Content-Disposition": f'attachment; filename="events.{fmt}"',
            "X-Eventdesk-Written": str(result.written),
            "X-Eventdesk-Left-Out": str(result.left_out),
        }
        return Response(result.content, media_type=MEDIA_TYPES[fmt], headers=headers)

    @app.post("/api/reviews", response_model=Review, status_code=201, tags=["reviews"])
    def post_review(
        body: Annotated[ReviewIn, Body()],
        d: DeskDep,
        name: Annotated[str, Depends(reviewer)],
    ) -> JSONResponse:
        review = d.review(
            body.event_id,
            action=body.action,
            reviewer=name,
            field=body.field,
            value=body.value,
            reason=body.reason,
        )
        return _json(review, status=201)

    @app.get("/api/reviews/{event_id}", response_model=list[Review], tags=["reviews"])
    def list_reviews(event_id: str, d: DeskDep) -> JSONResponse:
        return _json(d.event(event_id).reviews)

    @app.get("/api/facets", response_model=DeskFacets, tags=["events"])
    def facets(d: DeskDep) -> JSONResponse:
        return _json(_facets(d))

    _mount_web(app)
    return app


def _facets(d: Desk) -> DeskFacets:
    events = d.select(EventFilter(statuses=STATUSES, include_rejected=True))

    def values(attr: str) -> tuple[str, ...]:
        return tuple(sorted({str(getattr(e, attr)) for e in events if getattr(e, attr)}))

    return DeskFacets(
        event_types=values("event_type"),
        sub_event_types=values("sub_event_type"),
        countries=values("country"),
        outlets=tuple(sorted({o for e in events for o in e.outlets})),
        target_types=tuple(sorted({k for e in events for k in e.target_kinds})),
        actors=tuple(sorted((ActorRef(id=a.id, name=a.name) for a in d.store.actors()), key=lambda a: a.name)),
        statuses=STATUSES,
        editable_fields=EDITABLE_FIELDS,
        count_dimensions=tuple(COUNT_DIMENSIONS),
        sorts=SORTS,
        version=__version__,
    )


def _mount_web(app: FastAPI) -> None:
    web = resources.files("eventdesk.web")
    static = Path(str(web.joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    def page(name: str) -> FileResponse:
        return FileResponse(static / name, media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def index_page() -> FileResponse:
        return page("index.html")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str) -> FileResponse:
        return page("event.html")

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(article_id: str) -> FileResponse:
        return page("article.html")
