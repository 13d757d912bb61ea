"""The share statistic's drill-down on the API: the events behind the numbers and why each counts."""

from __future__ import annotations


def test_share_of_civilians_names_its_events_and_reasons(client, db):
    body = client.get("/api/stats/share?actor=ISIS&share_target=civilians&since=2025-01-01&until=2025-12-31").json()
    assert (body["numerator"], body["denominator"]) == (1, 4)
    assert body["numerator_ids"] == [db.ids["e_market"]]
    assert body["reasons"] == ["target kind civilians"]
    assert set(body["denominator_ids"]) == {db.ids[k] for k in ("e_checkpoint", "e_market", "e_patrol", "e_police")}
    # Each id can be opened on its own: the drill-down leads to the events.
    for event_id in body["denominator_ids"]:
        assert client.get(f"/api/events/{event_id}").status_code == 200


def test_the_schema_declares_the_drill_down(client):
    share = client.get("/openapi.json").json()["components"]["schemas"]["ShareResult"]["properties"]
    assert {"numerator_ids", "denominator_ids", "reasons"} <= set(share)
