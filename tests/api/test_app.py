"""The REST API, in process (FastAPI's TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventdesk.api import CONTENT_SECURITY_POLICY, create_app, tokens_from_env
from eventdesk.store import SQLiteStore

AUTH = {"Authorization": "Bearer tok-alice"}


def ids_of(response):
    assert response.status_code == 200, response.text
    return {e["id"] for e in response.json()["events"]}


def keys(db, *names):
    return {db.ids[n] for n in names}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                "e_checkpoint",
                "e_market",
                "e_patrol",
                "e_wadi",
                "e_shelling",
                "e_police",
                "e_hostile",
            ],
        ),
        ("event_type=Battles", ["e_checkpoint", "e_patrol", "e_police", "e_hostile"]),
        (
            "sub_event_type=Suicide+bomb&sub_event_type=Armed+clash",
            ["e_market", "e_checkpoint", "e_patrol", "e_police", "e_hostile"],
        ),
        (
            "actor=Daesh&actor_role=perpetrator",
            ["e_checkpoint", "e_market", "e_patrol", "e_police"],
        ),
        ("actor=isis-raqqa", ["e_patrol"]),
        ("actor=SAA&actor_role=target", ["e_checkpoint", "e_patrol"]),
        ("target_type=civilians", ["e_market", "e_shelling"]),
        ("country=Iraq&status=alleged", ["e_shepherds"]),
        ("admin1=Ar+Raqqah", ["e_checkpoint", "e_patrol"]),
        ("lat=36.37&lon=37.52&radius_km=10", ["e_market"]),
        ("since=2025-05-01&until=2025-05-31", ["e_shelling", "e_police"]),
        ("status=denied", ["e_hospital"]),
        ("status=alleged&status=denied", ["e_shepherds", "e_hospital"]),
        ("all_statuses=true&country=Iraq", ["e_shepherds"]),
        ("outlet=Raqqa+Post", ["e_checkpoint", "e_patrol"]),
    ],
)
def test_every_filter(client, db, query, expected):
    assert ids_of(client.get("/api/events?" + query)) == keys(db, *expected)


def test_pagination_reports_total(client):
    first = client.get("/api/events?limit=3&offset=0&sort=date").json()
    second = client.get("/api/events?limit=3&offset=3&sort=date").json()
    third = client.get("/api/events?limit=3&offset=6&sort=date").json()
    assert first["total"] == second["total"] == third["total"] == 7
    assert (first["limit"], second["offset"]) == (3, 3)
    seen = [e["id"] for page in (first, second, third) for e in page["events"]]
    assert len(seen) == len(set(seen)) == 7
    dates = [e["start"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)


def test_event_detail_has_mentions_excerpts_and_spans(client, db):
    body = client.get(f"/api/events/{db.ids['e_market']}").json()
    assert body["event"]["location"] == "Al Bab"
    assert body["machine"]["fatalities_best"] == 12
    (mention,) = body["mentions"]
    assert mention["outlet"] == "Levant Wire"
    for h in mention["highlights"]:
        assert mention["excerpt"][h["start"] : h["end"]] == h["text"]
    assert {"attribution", "casualties", "actor", "target", "place", "trigger"} <= {
        h["kind"] for h in mention["highlights"]
    }


def test_article(client, db):
    body = client.get(f"/api/articles/{db.articles['hostile']}").json()
    assert "<script>" in body["article"]["text"]  # stored as is; the UI renders it as text
    assert body["event_ids"] == [db.ids["e_hostile"]]


def test_counts_and_share(client, db):
    counts = client.get("/api/stats/counts?by=month&actor=isis").json()
    assert counts["by"] == "month" and counts["total"] == 4
    assert [(r["key"], r["events"]) for r in counts["rows"]] == [
        ("2025-03", 2),
        ("2025-04", 1),
        ("2025-05", 1),
    ]
    share = client.get("/api/stats/share?actor=ISIS&share_target=military&since=2025-01-01&until=2025-12-31").json()
    assert (share["numerator"], share["denominator"], share["share"]) == (2, 4, 0.5)
    assert share["low"] == pytest.approx(0.150039, abs=1e-6)
    assert share["high"] == pytest.approx(0.849961, abs=1e-6)
    assert set(share["numerator_ids"]) == keys(db, "e_checkpoint", "e_patrol")
    assert set(share["denominator_ids"]) == keys(db, "e_checkpoint", "e_market", "e_patrol", "e_police")


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert isinstance(body["error"], str) and body["error"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?since=last-week",
        "/api/events?status=certain",
        "/api/events?lat=1&lon=2",
        "/api/events?sort=colour",
        "/api/events?actor_role=bystander",
        "/api/stats/counts?by=colour",
        "/api/stats/share?share_target=military",
        "/api/export.xml",
    ],
)
def test_bad_parameters_are_400(client, path):
    assert_error(client.get(path), 400, "ED042")


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?limit=-1",
        "/api/events?limit=abc",
        "/api/events?lat=91&lon=0&radius_km=1",
        "/api/stats/share?actor=isis",
        "/api/stats/share?actor=isis&share_target=x&confidence=2",
    ],
)
def test_invalid_requests_are_422(client, path):
    assert_error(client.get(path), 422, "ED042")


def test_unknown_ids_are_404(client):
    assert_error(client.get("/api/events/nope"), 404, "ED040")
    assert_error(client.get("/api/articles/nope"), 404, "ED040")
    assert_error(
        client.post("/api/reviews", json={"event_id": "nope", "action": "accept"}, headers=AUTH),
        404,
        "ED040",
    )
    body = client.get("/api/no-such-route").json()
    assert body == {"ok": False, "error": "Not Found", "status": 404, "code": None}


def test_server_errors_have_the_same_shape(db):
    app = create_app(db.path, reviewer_tokens={})

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("kaput")

    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        body = assert_error(c.get("/api/boom"), 500, None)
    assert "kaput" not in body["error"]


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/stats/counts",
        "/api/stats/share",
        "/api/export.{fmt}",
        "/api/reviews",
    ):
        assert path in schema["paths"], path
    assert {"EventPage", "EventDetail", "ShareResult", "CountTable"} <= set(schema["components"]["schemas"])


def test_security_headers_on_pages_and_api(client):
    for path in ("/", "/api/events", "/static/js/common.js"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


# -- reviews ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "tok-alice"},
        {"Authorization": "Basic tok-alice"},
    ],
)
def test_reviews_need_a_valid_token(client, db, headers):
    response = client.post("/api/reviews", json={"event_id": db.ids["e_market"], "action": "reject"}, headers=headers)
    assert_error(response, 401, "ED041")
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get(f"/api/events/{db.ids['e_market']}").json()["reviews"] == []


def test_reject_hides_and_accept_restores(client, db):
    target = db.ids["e_market"]
    r = client.post(
        "/api/reviews",
        json={"event_id": target, "action": "reject", "reason": "duplicate"},
        headers=AUTH,
    )
    assert r.status_code == 201 and r.json()["reviewer"] == "alice"
    assert target not in ids_of(client.get("/api/events"))
    shown = client.get("/api/events?include_rejected=true").json()["events"]
    assert next(e for e in shown if e["id"] == target)["review_state"] == "rejected"
    client.post(
        "/api/reviews",
        json={"event_id": target, "action": "accept"},
        headers={"Authorization": "Bearer tok-bob"},
    )
    assert target in ids_of(client.get("/api/events"))


def test_field_edit_is_shown_over_machine_value(client, db):
    target = db.ids["e_checkpoint"]
    for body in (
        {
            "event_id": target,
            "action": "edit",
            "field": "fatalities_best",
            "value": 5,
            "reason": "hospital",
        },
        {"event_id": target, "action": "edit", "field": "sub_event_type", "value": "Attack"},
    ):
        assert client.post("/api/reviews", json=body, headers=AUTH).status_code == 201
    detail = client.get(f"/api/events/{target}").json()
    assert detail["event"]["fatalities_best"] == 5 and detail["machine"]["fatalities_best"] == 4
    assert detail["event"]["review_state"] == "edited"
    assert set(detail["event"]["reviewed_fields"]) == {"fatalities_best", "sub_event_type"}
    # Filters see the reviewed value.
    assert target in ids_of(client.get("/api/events?sub_event_type=Attack"))
    assert target not in ids_of(client.get("/api/events?sub_event_type=Armed+clash"))
    # A later accept of the field brings the machine value back.
    client.post(
        "/api/reviews",
        json={"event_id": target, "action": "accept", "field": "fatalities_best"},
        headers=AUTH,
    )
    assert client.get(f"/api/events/{target}").json()["event"]["fatalities_best"] == 4


def test_actor_edit_moves_the_event_between_actors(client, db):
    target = db.ids["e_wadi"]
    client.post(
        "/api/reviews",
        json={"event_id": target, "action": "edit", "field": "actor1", "value": "isis"},
        headers=AUTH,
    )
    assert target in ids_of(client.get("/api/events?actor=ISIS&actor_role=perpetrator"))
    assert target not in ids_of(client.get("/api/events?actor=nusra&actor_role=perpetrator"))


@pytest.mark.parametrize(
    "body",
    [
        {"action": "edit"},
        {"action": "edit", "field": "colour", "value": "red"},
        {"action": "edit", "field": "fatalities_best", "value": "many"},
        {"action": "edit", "field": "fatalities_best", "value": -3},
        {"action": "edit", "field": "start", "value": "soon"},
        {"action": "edit", "field": "status", "value": "certain"},
        {"action": "edit", "field": "place_id", "value": "no-such-place"},
    ],
)
def test_bad_reviews_are_refused(client, db, body):
    response = client.post("/api/reviews", json={"event_id": db.ids["e_market"], **body}, headers=AUTH)
    assert_error(response, 400, "ED042")


def test_malformed_review_body_is_422(client, db):
    assert_error(
        client.post("/api/reviews", json={"event_id": db.ids["e_market"], "action": "approve"}, headers=AUTH),
        422,
        "ED042",
    )
    assert_error(
        client.post(
            "/api/reviews",
            content=b"not json",
            headers={**AUTH, "Content-Type": "application/json"},
        ),
        422,
        "ED042",
    )


def test_reviews_survive_relinking_and_restart(db):
    target = db.ids["e_patrol"]
    with TestClient(create_app(db.path, reviewer_tokens={"t": "carol"}), base_url="http://localhost") as c:
        c.post(
            "/api/reviews",
            json={"event_id": target, "action": "edit", "field": "fatalities_best", "value": 9},
            headers={"Authorization": "Bearer t"},
        )
        c.post(
            "/api/reviews",
            json={"event_id": db.ids["e_market"], "action": "reject"},
            headers={"Authorization": "Bearer t"},
        )
    # Re-linking swaps in the (same, mention-anchored) events; reviews stay.
    with SQLiteStore.open(db.path) as store:
        store.replace_events(db.events)
        assert len(store.reviews()) == 2
    with TestClient(create_app(db.path, reviewer_tokens={}), base_url="http://localhost") as c:
        assert c.get(f"/api/events/{target}").json()["event"]["fatalities_best"] == 9
        assert db.ids["e_market"] not in ids_of(c.get("/api/events"))


def test_tokens_from_env(monkeypatch, db):
    assert tokens_from_env("alice:s3cret, bob:hunter2,broken,:x") == {
        "s3cret": "alice",
        "hunter2": "bob",
    }
    monkeypatch.setenv("EVENTDESK_REVIEWER_TOKENS", "dora:d-token")
    with TestClient(create_app(db.path), base_url="http://localhost") as c:
        r = c.post(
            "/api/reviews",
            json={"event_id": db.ids["e_market"], "action": "accept"},
            headers={"Authorization": "Bearer d-token"},
        )
        assert r.status_code == 201 and r.json()["reviewer"] == "dora"


def test_web_pages_are_served(client, db):
    for path in ("/", f"/events/{db.ids['e_market']}", f"/articles/{db.articles['albab']}"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert "<script>" not in response.text.replace("<script src=", "")
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200


@pytest.mark.parametrize(
    "raw_value",
    ["1e400", "1e308", "-1", "2.5", '"Garbage"', "true", "[4]", '{"n": 4}'],
)
def test_a_bad_fatalities_edit_is_a_coded_400_and_exports_still_work(client, db, raw_value):
    target = db.ids["e_market"]
    body = f'{{"event_id": "{target}", "action": "edit", "field": "fatalities_best", "value": {raw_value}}}'
    posted = client.post("/api/reviews", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert posted.status_code == 400 and posted.json()["code"] == "ED042", posted.text
    assert client.get("/api/export.parquet").status_code == 200
    assert client.get(f"/api/events/{target}").json()["event"]["fatalities_best"] == 12


@pytest.mark.parametrize(
    ("field", "value"),
    [("event_type", "Garbage"), ("sub_event_type", "Garbage"), ("status", "Garbage"), ("start", "2025-02-30")],
)
def test_bogus_review_values_are_refused(client, db, field, value):
    body = {"event_id": db.ids["e_market"], "action": "edit", "field": field, "value": value}
    posted = client.post("/api/reviews", json=body, headers=AUTH)
    assert posted.status_code == 400 and posted.json()["code"] == "ED042"


@pytest.mark.parametrize("confidence", ["0.9999999999999999", "1e400", "1", "0", "nan"])
def test_share_confidence_out_of_range_is_a_coded_4xx(client, confidence):
    answer = client.get(
        "/api/stats/share", params={"actor": "ISIS", "share_target": "military", "confidence": confidence}
    )
    assert answer.status_code in (400, 422) and answer.json()["code"] == "ED042", answer.text


def _read_only(monkeypatch):
    """Every desk the app opens refuses writes, as a read-only file or a full disk does
    (PRAGMA query_only gives SQLite's own 'attempt to write a readonly database', even as root)."""
    from eventdesk.api import deps
    from eventdesk.query import Desk

    real_open = Desk.open

    def open_read_only(*args, **kwargs):
        desk = real_open(*args, **kwargs)
        desk.store._conn.execute("PRAGMA query_only=ON")
        return desk

    monkeypatch.setattr(deps.Desk, "open", open_read_only)


def test_a_review_on_a_read_only_database_is_ed020_not_a_500(client, db, monkeypatch):
    _read_only(monkeypatch)
    body = {"event_id": db.ids["e_market"], "action": "accept"}
    posted = client.post("/api/reviews", json=body, headers=AUTH)
    assert posted.status_code == 503 and posted.json()["code"] == "ED020", posted.text
    assert "readonly" in posted.json()["error"]
    assert client.get("/api/events").status_code == 200  # reading still works
