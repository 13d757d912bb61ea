"""One Desk function behind every surface: a review shows wherever the event does."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from eventdesk.cli import app


def test_a_reviewed_value_shows_on_every_surface(db, client):
    target = db.ids["e_market"]  # the machine says 12 killed
    posted = client.post(
        "/api/reviews",
        json={"event_id": target, "action": "edit", "field": "fatalities_best", "value": 99},
        headers={"Authorization": "Bearer tok-alice"},
    )
    assert posted.status_code == 201, posted.text
    runner = CliRunner()
    where = ["--db", str(db.path)]

    shown = runner.invoke(app, ["show", target, *where])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"fatalities low/best/high: \S*/99/", shown.output), shown.output

    listed = json.loads(runner.invoke(app, ["events", *where, "--json"]).stdout)
    assert next(e for e in listed if e["id"] == target)["fatalities"] == 99

    page = json.loads(runner.invoke(app, ["query", *where, "--json"]).stdout)
    assert next(e for e in page["events"] if e["id"] == target)["fatalities_best"] == 99

    assert client.get(f"/api/events/{target}").json()["event"]["fatalities_best"] == 99
    assert next(e for e in client.get("/api/events").json()["events"] if e["id"] == target)["fatalities_best"] == 99
