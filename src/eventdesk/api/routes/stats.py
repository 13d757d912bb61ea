"""Counts and the share statistic: /api/stats/counts, /api/stats/share."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from eventdesk.api.deps import DeskDep, json_response
from eventdesk.api.params import filter_params
from eventdesk.errors import EventdeskError
from eventdesk.query import COUNT_DIMENSIONS, CountTable, EventFilter, ShareResult
from eventdesk.query.stats import MAX_CONFIDENCE

__all__ = ["router"]


def router() -> APIRouter:
    api = APIRouter(prefix="/api/stats", tags=["stats"])

    @api.get("/counts", response_model=CountTable)
    def stats_counts(
        d: DeskDep,
        flt: Annotated[EventFilter, Depends(filter_params())],
        by: Annotated[str, Query(description=" | ".join(COUNT_DIMENSIONS))] = "type",
    ) -> JSONResponse:
        return json_response(d.counts(flt, by=by))

    @api.get("/share", response_model=ShareResult)
    def stats_share(
        d: DeskDep,
        flt: Annotated[EventFilter, Depends(filter_params())],
        share_target: Annotated[
            str,
            Query(min_length=1, description="the target kind whose share is wanted, e.g. military"),
        ],
        confidence: Annotated[float, Query(gt=0, le=MAX_CONFIDENCE)] = 0.95,
    ) -> JSONResponse:
        """Of ``actor``'s events (as perpetrator, factions included) between ``since``
        and ``until`` that pass the other filters, the share whose target is of kind
        ``share_target``, with its Wilson score interval and the events behind it."""
        if not flt.actor:
            raise EventdeskError("ED042", "actor: the share statistic needs an actor")
        share = d.share(
            actor=flt.actor,
            target_type=share_target,
            since=flt.since,
            until=flt.until,
            flt=flt,
            confidence=confidence,
        )
        return json_response(share)

    return api
