"""What the routers share: the desk per request, the reviewer behind a token,
and the JSON response (the event filter's dependency is ``api.params``).

``create_app`` puts the database path and the reviewer tokens on
``app.state``; the dependencies read them from there, so the routers are plain
module-level objects rather than closures.
"""

# No "from __future__ import annotations": FastAPI resolves the Annotated
# dependency aliases at definition time.

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse

from eventdesk.api.guard import reviewer_of
from eventdesk.errors import EventdeskError
from eventdesk.query import Desk, jsonable

__all__ = ["DeskDep", "ReviewerDep", "json_response"]


def desk(request: Request) -> Iterator[Desk]:
    """A desk over the app's database for one request; migrated once by ``create_app``."""
    d = Desk.open(request.app.state.db_path, migrate=False, any_thread=True)
    try:
        yield d
    finally:
        d.close()


def reviewer(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The reviewer whose token is sent as ``Authorization: Bearer <token>``; ED041 otherwise.

    The guard (``api/guard.py``) has refused unknown tokens before the body was
    read; this names the reviewer for the route.
    """
    name = reviewer_of(authorization or "", request.app.state.reviewer_tokens)
    if name is None:
        raise EventdeskError("ED041", "review refused: send Authorization: Bearer <reviewer token>")
    return str(name)


def json_response(value: object, status: int = 200) -> JSONResponse:
    return JSONResponse(jsonable(value), status_code=status)


DeskDep = Annotated[Desk, Depends(desk)]


ReviewerDep = Annotated[str, Depends(reviewer)]
