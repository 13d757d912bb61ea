"""Downloads: /api/export.{csv,geojson,jsonl,parquet}."""

# No "from __future__ import annotations": FastAPI resolves the annotations when the routes are made.

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from eventdesk.api.deps import DeskDep
from eventdesk.api.params import filter_params
from eventdesk.errors import EventdeskError
from eventdesk.export import FORMATS, MEDIA_TYPES, render
from eventdesk.query import EventFilter

__all__ = ["router"]


def router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["export"])

    @api.get("/export.{fmt}", responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}})
    def export_events(
        fmt: str, d: DeskDep, flt: Annotated[EventFilter, Depends(filter_params())], flavor: str = "acled"
    ) -> Response:
        if fmt not in FORMATS:
            raise EventdeskError("ED042", f"format: choose from {', '.join(FORMATS)}")
        result = render(d, fmt, flt, flavor=flavor)
        headers = {
            "Content-Disposition": f'attachment; filename="events.{fmt}"',
            "X-Eventdesk-Written": str(result.written),
            "X-Eventdesk-Left-Out": str(result.left_out),
        }
        return Response(result.content, media_type=MEDIA_TYPES[fmt], headers=headers)

    return api
