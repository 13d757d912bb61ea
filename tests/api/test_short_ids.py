"""The short ids that ``events`` prints work in every API path that takes an id
(issue 13: "short-id prefixes everywhere an id is taken"); a prefix that several
records share is ED043 (409), naming them, and one that none has is ED040 (404)."""

from __future__ import annotations

AUTH = {"Authorization": "Bearer tok-alice"}


def _shared_prefix(ids: list[str]) -> str:
    """The shortest prefix that at least two of ``ids`` share."""
    for n in range(1, 64):
        seen: dict[str, int] = {}
        for i in ids:
            seen[i[:n]] = seen.get(i[:n], 0) + 1
        shared = [p for p, count in seen.items() if count > 1]
        if shared:
            return shared[0]
    raise AssertionError("no shared prefix")


def test_an_event_by_its_short_id(client, db):
    full = db.ids["e_market"]
    body = client.get(f"/api/events/{full[:8]}").json()
    assert body["event"]["id"] == full
    assert client.get(f"/api/reviews/{full[:8]}").status_code == 200


def test_a_review_posted_and_listed_by_short_id(client, db):
    full = db.ids["e_patrol"]
    posted = client.post("/api/reviews", json={"event_id": full[:8], "action": "accept"}, headers=AUTH)
    assert posted.status_code == 201 and posted.json()["target_id"] == full
    assert [r["target_id"] for r in client.get(f"/api/reviews/{full[:8]}").json()] == [full]


def test_an_article_by_its_short_id(client, db):
    detail = client.get(f"/api/events/{db.ids['e_market']}").json()
    article_id = detail["mentions"][0]["article_id"]
    assert client.get(f"/api/articles/{article_id[:8]}").json()["article"]["id"] == article_id


def test_an_ambiguous_prefix_is_a_coded_conflict(client, db):
    ids = sorted(db.ids.values())
    prefix = _shared_prefix(ids)
    response = client.get(f"/api/events/{prefix}")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "ED043" and body["ok"] is False
    assert sum(i in body["error"] for i in ids if i.startswith(prefix)) >= 2


def test_an_unknown_prefix_is_not_found(client):
    response = client.get("/api/events/zzzzzzzz")
    assert (response.status_code, response.json()["code"]) == (404, "ED040")
    assert client.get("/api/articles/zzzzzzzz").json()["code"] == "ED040"
