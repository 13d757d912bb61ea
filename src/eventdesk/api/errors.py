"""One error shape for every failure: ``{"ok": false, "error": ..., "status": ..., "code": ...}``.

400 bad query parameter (ED042), 401 review refused (ED041), 404 unknown id
(ED040) or route, 409 an id prefix that several records share (ED043), 422
request that does not validate (ED042), 503 a database that cannot be opened,
read or written (ED020: read-only, disk full, damaged), 500 anything else (no code).
"""

from __future__ import annotations

import logging
from typing import cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventdesk.errors import EventdeskError, coded

__all__ = ["error_response", "install_error_handlers"]

log = logging.getLogger("eventdesk.api")

_STATUS_OF_CODE = {"ED020": 503, "ED040": 404, "ED041": 401, "ED042": 400, "ED043": 409}


def error_response(status: int, message: str, code: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"ok": False, "error": message, "status": status, "code": code},
        status_code=status,
        headers=headers,
    )


async def _eventdesk_error(request: Request, exc: Exception) -> JSONResponse:
    err = cast(EventdeskError, exc)  # registered for this type only
    return error_response(_STATUS_OF_CODE.get(err.code, 500), str(err), err.code)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    parts = []
    for err in cast(RequestValidationError, exc).errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return error_response(422, coded("ED042", "; ".join(parts)), "ED042")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    http = cast(StarletteHTTPException, exc)
    return error_response(http.status_code, str(http.detail), None)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return error_response(500, "internal error", None)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EventdeskError, _eventdesk_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)
