"""The editor's work lists: GET /api/queue (the review queue) and GET /api/unlinked
(the articles and mentions that belong to no event)."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from eventdesk.api.deps import DeskDep, json_response
from eventdesk.api.params import filter_params
from eventdesk.api.routes.events import MAX_LIMIT
from eventdesk.query import EventFilter, ReviewQueue, Unlinked

__all__ = ["router"]


def router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["review"])

    @api.get("/queue", response_model=ReviewQueue)
    def review_queue(
        d: DeskDep,
        flt: Annotated[EventFilter, Depends(filter_params())],
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> JSONResponse:
        """The unreviewed events most in need of a look first, each with its reasons
        (unless a status is chosen, every status linking keeps is in it)."""
        return json_response(d.queue(flt, limit=limit, offset=offset))

    @api.get("/unlinked", response_model=Unlinked)
    def unlinked(
        d: DeskDep,
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> JSONResponse:
        """The articles and mentions that belong to no event, one page of each, with why."""
        return json_response(d.unlinked(limit=limit, offset=offset))

    return api
