"""The door of the server: checks that run before any route reads a byte of a body.

- **Host.** A request whose Host header is not one of the server's names is
  refused (ED051). A page on another site that rebinds its DNS name to
  127.0.0.1 then cannot talk to the desk.
- **Writes need a reviewer first.** Every request that may carry a body
  (POST, PUT, PATCH, DELETE) needs a known reviewer's bearer token, checked
  before the body is read (ED041). A stranger's 200 MB body is never read.
- **Body size.** A declared Content-Length over the limit is refused before
  reading (ED050); a body sent in chunks is counted as it arrives and cut off
  at the limit.

It is plain ASGI, so it sits in front of FastAPI's own body parsing.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from eventdesk.api.errors import error_response
from eventdesk.errors import coded

__all__ = ["LOCAL_HOSTS", "MAX_BODY_BYTES", "Guard", "GuardRules", "allowed_hosts", "host_name", "reviewer_of"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Names a browser on this machine uses for a server on loopback.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: A review is a few hundred bytes; 64 KiB leaves room for a long reason.
MAX_BODY_BYTES = 64 * 1024
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class GuardRules:
    """Which Host names are served, whose tokens may write, and how large a body may be."""

    hosts: frozenset[str]
    reviewer_tokens: Mapping[str, str]
    max_body_bytes: int = MAX_BODY_BYTES


def host_name(header: str) -> str:
    """The name in a Host header, without its port: "[::1]:8001" -> "::1"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        return value.partition(":")[0]
    return value


def reviewer_of(authorization: str, tokens: Mapping[str, str]) -> str | None:
    """The reviewer whose token an ``Authorization: Bearer <token>`` header sends, if any."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    for known, name in tokens.items():
        if hmac.compare_digest(known.encode(), token.strip().encode()):
            return name
    return None


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str) -> None:
    """Answer with the API's one error shape (``api.errors.error_response``)."""
    await error_response(status, coded(code, message), code)(scope, receive, send)


def _refusal(scope: Scope, rules: GuardRules) -> tuple[int, str, str] | None:
    """(status, code, message) when the request must not reach a route."""
    headers = _headers(scope)
    host = host_name(headers.get("host", ""))
    if host not in rules.hosts:
        return 400, "ED051", f"host {host!r} is not served here; start the server with --allow-host {host}"
    if scope.get("method", "GET") not in _WRITES:
        return None
    if reviewer_of(headers.get("authorization", ""), rules.reviewer_tokens) is None:
        return 401, "ED041", "review refused: send Authorization: Bearer <reviewer token>"
    declared = headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > rules.max_body_bytes):
        return 413, "ED050", f"request body over {rules.max_body_bytes} bytes"
    return None


class Guard:
    """ASGI middleware applying ``GuardRules`` to every HTTP request."""

    def __init__(self, app: ASGIApp, rules: GuardRules) -> None:
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _refusal(scope, self.rules)
        if refusal is not None:
            await _refuse(scope, receive, send, *refusal)
            return
        refused = False
        seen = 0

        async def guarded_send(message: Message) -> None:
            # Once the guard has answered 413, the route's own answer is dropped.
            if not refused:
                await send(message)

        async def capped_receive() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                seen += len(message.get("body", b""))
                if seen > self.rules.max_body_bytes:
                    limit = self.rules.max_body_bytes
                    await _refuse(scope, receive, send, 413, "ED050", f"request body over {limit} bytes")
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, capped_receive, guarded_send)


def allowed_hosts(extra: Iterable[str] = (), bind: str | None = None) -> frozenset[str]:
    """The local names, the interface the server binds (unless it is a wildcard), and ``extra``."""
    names = set(LOCAL_HOSTS) | {host_name(h) for h in extra}
    if bind and bind not in {"0.0.0.0", "::", ""}:
        names.add(host_name(bind))
    return frozenset(names)
