"""schemathesis against the app's own OpenAPI schema: no request gets a 5xx.

Every operation of /openapi.json is called, in process, with cases that
schemathesis generates from the schema: valid ones (positive) and, where an
operation has a parameter that can be made invalid, invalid ones (negative).
Once as a stranger and once with a reviewer's bearer token, so that the review
writes are reached past the guard. A bounded, deterministic run: at most
``MAX_EXAMPLES`` cases per operation and mode, ``derandomize=True``, no
example database, so CI sees the same cases every time.

Random strings would seldom name an event, an article, an export format or an
actor that the sample database holds, and the routes would answer 404/400
before any real work. So half the time, a case's id, format, actor or
reviewed field is swapped for one that exists (``_seed``), and a reviewed
value is sometimes an extreme number: the inputs that once gave 500s
(issue 12 item 6).

schemathesis's own pytest integration (``schemathesis.pytest.from_fixture``)
needs ``Node._nodeid``, which pytest 9 no longer has; the cases are drawn here
with hypothesis's ``@given`` from each operation's ``as_strategy`` instead.

The figures are in docs/reliability.md.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import hypothesis.errors
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

import desk_sample as sample
from eventdesk.api import create_app
from eventdesk.export.formats import FORMATS
from eventdesk.query.reviews import EDITABLE_FIELDS

#: Cases per operation and generation mode.
MAX_EXAMPLES = 25
#: The app serves loopback names only (api/guard.py); the test client says it is one.
HOST = {"Host": "localhost"}
Seen = collections.Counter[tuple[str, str, int]]
#: Values a review may try to set that once broke the server. (Infinity and NaN
#: are not JSON, and schemathesis will not send them; the raw "1e400" body is
#: tests/api/test_app.py's.)
_EXTREMES = [1e308, -1e308, 2**63, -(2**63) - 1, 0.9999999999999999, -1, "", "x" * 300]


def _seed(case: Any, data: st.DataObject, db: sample.Sample, mode: GenerationMode) -> None:
    """Half the time, replace a generated id, format, actor or review field by a real one."""

    def coin() -> bool:
        return data.draw(st.booleans())

    path = case.path_parameters or {}
    for key, pool in (("event_id", sorted(db.ids.values())), ("article_id", sorted(db.articles.values()))):
        if isinstance(path.get(key), str) and coin():
            path[key] = data.draw(st.sampled_from(pool))
    if isinstance(path.get("fmt"), str) and mode is GenerationMode.POSITIVE and coin():
        path["fmt"] = data.draw(st.sampled_from(FORMATS))
    if mode is GenerationMode.POSITIVE and case.operation.path == "/api/stats/share" and coin():
        case.query = {**(case.query or {}), "actor": data.draw(st.sampled_from(["ISIS", "Daesh", "SAA"]))}
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("event_ids"), list) and coin():
        # A forced link of real events (each relinks the sample database).
        body["event_ids"] = data.draw(st.lists(st.sampled_from(sorted(db.ids.values())), min_size=2, max_size=3))
    if isinstance(body, dict) and isinstance(body.get("event_id"), str) and coin():
        body["event_id"] = data.draw(st.sampled_from(sorted(db.ids.values())))
        if mode is GenerationMode.POSITIVE and coin():
            body["action"] = "edit"
            body["field"] = data.draw(st.sampled_from(EDITABLE_FIELDS))
            if coin():
                body["value"] = data.draw(st.sampled_from(_EXTREMES))


def _run(operation: Any, mode: GenerationMode, db: sample.Sample, headers: dict[str, str], seen: Seen) -> None:
    """Up to ``MAX_EXAMPLES`` cases of one operation in one mode; fails on a 5xx."""

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def call(case: Any, data: st.DataObject) -> None:
        _seed(case, data, db, mode)
        response = case.call(headers=headers)
        seen[(operation.label, mode.value, response.status_code)] += 1
        case.validate_response(response, checks=[not_a_server_error], headers=headers)

    try:
        call()
    except hypothesis.errors.Unsatisfiable:
        # Nothing in this operation can be made invalid (no parameters, or only
        # a free-form string in the path): it has no negative case.
        assert mode is GenerationMode.NEGATIVE, operation.label


def _probe(db: sample.Sample, token: str | None) -> tuple[int, Seen]:
    """Run every operation in both modes: (operations, how often each (operation, mode, status) was seen)."""
    app = create_app(db.path, reviewer_tokens=sample.TOKENS)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=HOST)
    operations = [result.ok() for result in schema.get_all_operations()]
    headers = dict(HOST) | ({"Authorization": f"Bearer {token}"} if token else {})
    seen: Seen = collections.Counter()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, db, headers, seen)
    return len(operations), seen


@pytest.mark.parametrize("token", [None, "tok-alice"], ids=["stranger", "reviewer"])
def test_no_generated_request_gets_a_server_error(tmp_path: Path, token: str | None) -> None:
    db = sample.build(tmp_path / "events.db")
    operations, seen = _probe(db, token)
    assert operations == 15  # with GET /api/queue, /api/unlinked and the three link operations
    assert len({label for (label, _, _) in seen}) == operations  # every operation was called
    total = sum(seen.values())
    print(f"{operations} operations, {total} requests, statuses {sorted({s for (_, _, s) in seen})}")
    assert all(status < 500 for (_, _, status) in seen)
    statuses = {status for (_, _, status) in seen}
    # The cases get past the validation: real reads and, with a token, real review writes.
    assert 200 in statuses
    assert (201 in statuses) == (token is not None)
