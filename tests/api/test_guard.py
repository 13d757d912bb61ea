"""The server's door: Host names, a reviewer before any body is read, body size."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

import desk_sample as sample
from eventdesk.api import create_app
from eventdesk.api.guard import Guard, GuardRules, allowed_hosts, host_name


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8001", "127.0.0.1"),
        ("[::1]:8001", "::1"),
        ("LocalHost", "localhost"),
        ("desk.example.org", "desk.example.org"),
    ],
)
def test_host_name_drops_the_port(header: str, name: str) -> None:
    assert host_name(header) == name


def test_a_wildcard_bind_serves_only_the_names_given() -> None:
    hosts = allowed_hosts(["Desk.Example.org:443"], bind="0.0.0.0")
    assert {"127.0.0.1", "localhost", "::1", "desk.example.org"} == hosts
    assert "10.0.0.5" in allowed_hosts(bind="10.0.0.5")


def test_a_rebound_dns_name_is_refused(db: sample.Sample) -> None:
    with TestClient(create_app(db.path, reviewer_tokens=sample.TOKENS), base_url="http://attacker.example") as c:
        r = c.get("/api/events")
    assert r.status_code == 400 and r.json()["code"] == "ED051"
    with TestClient(create_app(db.path, hosts={"attacker.example"}), base_url="http://attacker.example") as c:
        assert c.get("/api/events").status_code == 200


def test_a_declared_body_over_the_limit_is_refused_unread(db: sample.Sample) -> None:
    app = create_app(db.path, reviewer_tokens={"t": "carol"}, max_body_bytes=1000)
    with TestClient(app, base_url="http://localhost") as c:
        r = c.post("/api/reviews", content=b"{" + b" " * 5000 + b"}", headers={"Authorization": "Bearer t"})
    assert r.status_code == 413 and r.json()["code"] == "ED050"


def _call(rules: GuardRules, headers: dict[str, str], chunks: list[bytes]) -> tuple[list[dict[str, Any]], int]:
    """Run one POST through the guard in front of an app that reads the whole body."""
    sent: list[dict[str, Any]] = []
    reads = 0

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        if reads > len(chunks):
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunks[reads - 1], "more_body": reads < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: Any, recv: Any, snd: Any) -> None:
        while (await recv())["type"] == "http.request":
            pass
        await snd({"type": "http.response.start", "status": 201, "headers": []})
        await snd({"type": "http.response.body", "body": b"stored"})

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/reviews",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(Guard(app, rules)(scope, receive, send))
    return sent, reads


_RULES = GuardRules(hosts=frozenset({"localhost"}), reviewer_tokens={"t": "carol"}, max_body_bytes=100)


def test_a_stranger_is_refused_before_a_byte_of_the_body_is_read() -> None:
    sent, reads = _call(_RULES, {"host": "localhost", "content-length": "200000000"}, [b"x" * 50])
    assert reads == 0
    assert sent[0]["status"] == 401 and b"ED041" in sent[1]["body"]


def test_a_chunked_body_is_cut_off_at_the_limit() -> None:
    sent, reads = _call(_RULES, {"host": "localhost", "authorization": "Bearer t"}, [b"x" * 60] * 10)
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [413]
    assert reads == 2 and b"ED050" in sent[1]["body"]


def test_a_reviewer_within_the_limit_passes() -> None:
    sent, _ = _call(_RULES, {"host": "localhost", "authorization": "Bearer t", "content-length": "60"}, [b"x" * 60])
    assert sent[0]["status"] == 201
