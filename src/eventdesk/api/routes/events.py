"""Events, articles, and what the UI's filter form offers: /api/events, /api/articles, /api/facets, /api/filters."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from eventdesk import __version__
from eventdesk.api.deps import DeskDep, json_response
from eventdesk.api.params import filter_params
from eventdesk.query import (
    COUNT_DIMENSIONS,
    EDITABLE_FIELDS,
    SORTS,
    ArticleView,
    Desk,
    EventDetail,
    EventFilter,
    EventPage,
    filter_fields,
)
from eventdesk.records import STATUSES

__all__ = ["MAX_LIMIT", "DeskFacets", "router"]

MAX_LIMIT = 1000


@dataclass(frozen=True, kw_only=True, slots=True)
class ActorRef:
    """An actor the UI offers by name (the filter takes an id, a name or an alias)."""

    id: str
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DeskFacets:
    """Values the UI offers in its filter pickers."""

    version: str
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


def _facets(d: Desk) -> DeskFacets:
    events = d.select(EventFilter(statuses=STATUSES, include_rejected=True))

    def values(attr: str) -> tuple[str, ...]:
        return tuple(sorted({str(getattr(e, attr)) for e in events if getattr(e, attr)}))

    return DeskFacets(
        version=__version__,
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
    )


def router() -> APIRouter:
    api = APIRouter(prefix="/api")

    @api.get("/events", response_model=EventPage, tags=["events"])
    def list_events(
        d: DeskDep,
        flt: Annotated[EventFilter, Depends(filter_params())],
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        sort: Annotated[str, Query(description=" | ".join(SORTS))] = "-date",
    ) -> JSONResponse:
        return json_response(d.query(flt, limit=limit, offset=offset, sort=sort))

    @api.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(event_id: str, d: DeskDep) -> JSONResponse:
        return json_response(d.event(event_id))

    @api.get("/articles/{article_id}", response_model=ArticleView, tags=["articles"])
    def get_article(article_id: str, d: DeskDep) -> JSONResponse:
        return json_response(d.article(article_id))

    @api.get("/facets", response_model=DeskFacets, tags=["events"])
    def facets(d: DeskDep) -> JSONResponse:
        return json_response(_facets(d))

    @api.get("/filters", response_model=list[dict[str, Any]], tags=["events"])
    def filters() -> JSONResponse:
        """The event filter's parameters, as declared once: the web form is drawn from these."""
        return json_response([f.to_dict() for f in filter_fields()])

    return api
