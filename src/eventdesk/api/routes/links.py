"""Linking corrections: POST /api/links/split and /api/links/link (need a reviewer
token), GET /api/events/{event_id}/merges (the merge log)."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from eventdesk.api.deps import DeskDep, ReviewerDep, json_response
from eventdesk.query.views import MergeView

__all__ = ["LinkIn", "SplitIn", "router"]

#: An id as posted: a full id or a prefix, never a page of text.
_Id = Annotated[str, Field(min_length=1, max_length=64)]


class SplitIn(BaseModel):
    """Split ``mention_ids`` off ``event_id``; they are never linked with its other mentions again."""

    model_config = ConfigDict(extra="forbid")
    event_id: _Id
    mention_ids: list[_Id] = Field(min_length=1, max_length=1000)
    reason: str = Field(default="", max_length=2000)


class LinkIn(BaseModel):
    """Force ``event_ids`` into one event, through every later relink."""

    model_config = ConfigDict(extra="forbid")
    event_ids: list[_Id] = Field(min_length=2, max_length=100)
    reason: str = Field(default="", max_length=2000)


class SplitOut(BaseModel):
    event_ids: list[str]


class LinkOut(BaseModel):
    event_id: str


def router() -> APIRouter:
    api = APIRouter(tags=["links"])

    @api.post("/api/links/split", response_model=SplitOut, status_code=201)
    def post_split(body: Annotated[SplitIn, Body()], d: DeskDep, name: ReviewerDep) -> JSONResponse:
        now = d.split(body.event_id, body.mention_ids, reviewer=name, reason=body.reason)
        return json_response({"event_ids": list(now)}, status=201)

    @api.post("/api/links/link", response_model=LinkOut, status_code=201)
    def post_link(body: Annotated[LinkIn, Body()], d: DeskDep, name: ReviewerDep) -> JSONResponse:
        return json_response({"event_id": d.link(body.event_ids, reviewer=name, reason=body.reason)}, status=201)

    @api.get("/api/events/{event_id}/merges", response_model=list[MergeView])
    def get_merges(event_id: str, d: DeskDep) -> JSONResponse:
        return json_response(d.event(event_id).merges)

    return api
