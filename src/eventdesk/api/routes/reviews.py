"""Reviews: POST /api/reviews (needs a reviewer token; an event or a mention id),
GET /api/reviews/{event_id} (the event's review history)."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from eventdesk.api.deps import DeskDep, ReviewerDep, json_response
from eventdesk.records import Review

__all__ = ["ReviewIn", "router"]


class ReviewIn(BaseModel):
    """A review as posted; the reviewer comes from the token, the time from the server."""

    event_id: str = Field(min_length=1)
    action: Literal["accept", "reject", "edit"]
    field: str | None = None
    value: Any = None
    reason: str = ""


def router() -> APIRouter:
    api = APIRouter(prefix="/api/reviews", tags=["reviews"])

    @api.post("", response_model=Review, status_code=201)
    def post_review(body: Annotated[ReviewIn, Body()], d: DeskDep, name: ReviewerDep) -> JSONResponse:
        review = d.review(
            body.event_id,
            action=body.action,
            reviewer=name,
            field=body.field,
            value=body.value,
            reason=body.reason,
        )
        return json_response(review, status=201)

    @api.get("/{event_id}", response_model=list[Review])
    def list_reviews(event_id: str, d: DeskDep) -> JSONResponse:
        # Every review anchored on the event's mentions; an id a merge or a split
        # retired answers with the log of the events holding its mentions now.
        return json_response(d.history(event_id))

    return api
