"""A bounded load test of the REST API on 127.0.0.1 (issue 12, "make the probing
permanent"): concurrent clients mixing the desk's reads with bad input against a real
uvicorn server. It checks what a load must never do (a 5xx, a lost or wrong answer,
a dropped connection) and prints the latency percentiles; it asserts no time, since
the machines are shared and noisy.

    PYTHONPATH=src python -m pytest -q -s tests/web/test_load.py
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from desk_support import LiveServer

#: Clients at once and requests each: bounded, so the test stays a few seconds long.
CLIENTS = 8
REQUESTS_EACH = 40


def _plan(event_id: str) -> list[tuple[str, int]]:
    """(path, the status it must get): the desk's reads, and bad input that must be its 4xx."""
    return [
        ("/api/events?limit=50", 200),
        ("/api/events?country=Syria&sort=fatalities", 200),
        ("/api/stats/counts?by=type", 200),
        ("/api/stats/share?actor=Islamic%20State&share_target=civilians", 200),
        (f"/api/events/{event_id}", 200),
        (f"/api/events/{event_id[:8]}", 200),
        ("/api/export.csv", 200),
        ("/api/events?since=soon", 400),
        ("/api/stats/share?actor=x&share_target=civilians&confidence=1.5", 422),
        ("/api/events/ffffffffffffffff", 404),
    ]


def _client(base: str, plan: list[tuple[str, int]], offset: int) -> list[tuple[str, int, int, float]]:
    """One client's requests: (path, wanted status, got status, seconds)."""
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(REQUESTS_EACH):
            path, wanted = plan[(offset + i) % len(plan)]
            t0 = time.perf_counter()
            got = client.get(path).status_code
            out.append((path, wanted, got, time.perf_counter() - t0))
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def test_a_bounded_load_gets_no_server_error_and_every_answer_right(live: LiveServer, db: Any) -> None:
    plan = _plan(db.ids["e_market"])
    with ThreadPoolExecutor(CLIENTS) as pool:
        runs = list(pool.map(lambda k: _client(live.url, plan, k), range(CLIENTS)))
    results = [r for run in runs for r in run]
    statuses = Counter(got for _, _, got, _ in results)
    wrong = [(path, wanted, got) for path, wanted, got, _ in results if got != wanted]
    seconds = [s for *_, s in results]
    print(
        f"\n{len(results)} requests from {CLIENTS} clients: statuses {dict(sorted(statuses.items()))}; "
        f"latency median {statistics.median(seconds) * 1000:.0f} ms, p95 {_percentile(seconds, 0.95) * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms"
    )
    assert len(results) == CLIENTS * REQUESTS_EACH  # nothing dropped
    assert not [s for s in statuses if s >= 500], statuses
    assert not wrong, wrong[:5]
