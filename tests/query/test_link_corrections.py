"""An analyst splits a wrong merge, forces a link and reviews one mention, through
the Python API (Desk), the CLI and the REST API; the decisions hold through
later relinks and re-ingests (issue 13 "Linking", items 3 and 4 of the
link-audit task)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import link_reports as lr
from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.pipeline import relink
from eventdesk.query import Desk, EventFilter
from eventdesk.records import STATUSES
from eventdesk.store import SQLiteStore

EVERYTHING = EventFilter(statuses=STATUSES, include_rejected=True)
KISMAYO = ("kismayo-bomb", "kismayo-checkpoint")


def _build(path: Path, keys: tuple[str, ...] = KISMAYO) -> None:
    with SQLiteStore.open(path) as store:
        for key in keys:
            lr.store_report(store, lr.BY_KEY[key])
        relink(store)


@pytest.fixture
def kismayo(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    _build(path)
    return path


def _groups(desk: Desk) -> list[tuple[str, ...]]:
    return sorted(e.mention_ids for e in desk.select(EVERYTHING))


def test_a_split_holds_through_relinks_and_re_ingests_and_a_link_undoes_it(kismayo: Path) -> None:
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
        assert [m.rule for m in desk.event(merged.id).merges] == ["same-place-and-dates"]
        bomb, checkpoint = merged.mention_ids
        now = desk.split(merged.id[:8], [checkpoint[:6]], reviewer="ana", reason="two bombs")
        assert len(now) == 2 and _groups(desk) == sorted([(bomb,), (checkpoint,)])
    _build(kismayo, (*KISMAYO, "kismayo-two-blasts"))  # a re-ingest, and a new report, then relink
    with Desk.open(kismayo) as desk:
        assert not any({bomb, checkpoint} <= set(g) for g in _groups(desk))
        one = next(e.id for e in desk.select() if bomb in e.mention_ids)
        other = next(e.id for e in desk.select() if checkpoint in e.mention_ids)
        joined = desk.link([one, other], reviewer="ana", reason="one bomb after all")
        event = desk.event(joined)
        assert {bomb, checkpoint} <= set(event.event.mention_ids)
        assert "analyst-link" in {m.rule for m in event.merges}
    _build(kismayo, (*KISMAYO, "kismayo-two-blasts"))
    with Desk.open(kismayo) as desk:
        assert any({bomb, checkpoint} <= set(g) for g in _groups(desk))


def test_splitting_needs_some_but_not_all_of_the_event_s_mentions(kismayo: Path) -> None:
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
        with pytest.raises(EventdeskError, match="ED042"):
            desk.split(merged.id, list(merged.mention_ids), reviewer="ana")
        with pytest.raises(EventdeskError, match="ED040"):
            desk.split(merged.id, ["nosuchmention"], reviewer="ana")
        with pytest.raises(EventdeskError, match="ED042"):
            desk.link([merged.id, merged.id], reviewer="ana")


def test_a_review_of_one_mention_is_applied(kismayo: Path) -> None:
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
        bomb, checkpoint = merged.mention_ids
        desk.review(bomb, action="edit", reviewer="ana", field="fatalities_best", value="1")
        (event,) = desk.select()
        assert event.fatalities_best == 1  # the mention's edit is fused into its event
        desk.review(checkpoint[:10], action="reject", reviewer="ana", reason="a different city's bomb")
        (event,) = desk.select()
        assert event.mention_ids == (bomb,)
        history = desk.history(merged.id)
        assert [(r.target_kind, r.action) for r in history] == [("mention", "edit"), ("mention", "reject")]
        with pytest.raises(EventdeskError, match="ED042"):
            desk.review(bomb, action="edit", reviewer="ana", field="intra_group", value="true")


def test_the_cli_splits_links_prints_the_merge_log_and_reviews_mentions(kismayo: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(kismayo)]
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
    log = runner.invoke(app, ["merges", merged.id[:8], *db])
    assert log.exit_code == 0 and "same-place-and-dates: type Explosions/Remote violence; place 55671" in log.output
    checkpoint = merged.mention_ids[1]
    split = runner.invoke(app, ["split", merged.id, "--mention", checkpoint, "--reviewer", "ana", *db])
    assert split.exit_code == 0 and "now in 2 events" in split.output, split.output
    with Desk.open(kismayo) as desk:
        ids = [e.id for e in desk.select()]
    joined = runner.invoke(app, ["link", *ids, "--reviewer", "ana", "--reason", "same bomb", *db])
    assert joined.exit_code == 0 and "linked into event" in joined.output, joined.output
    reviewed = runner.invoke(app, ["review", checkpoint, "--action", "reject", "--reviewer", "ana", *db])
    assert reviewed.exit_code == 0 and f"ana reject mention {checkpoint}" in reviewed.output
    bad = runner.invoke(app, ["split", ids[0], "--mention", "zzzz", "--reviewer", "ana", *db])
    assert bad.exit_code != 0 and "[ED040]" in bad.output


@pytest.fixture
def client(kismayo: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from eventdesk.api import create_app

    with TestClient(create_app(kismayo, reviewer_tokens={"tok-ana": "ana"}), base_url="http://localhost") as c:
        yield c


def test_the_api_splits_links_and_keeps_every_review_history(client, kismayo: Path) -> None:  # type: ignore[no-untyped-def]
    auth = {"Authorization": "Bearer tok-ana"}
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
    reviewed = client.post("/api/reviews", json={"event_id": merged.id, "action": "accept"}, headers=auth)
    assert reviewed.status_code == 201
    merges = client.get(f"/api/events/{merged.id}/merges").json()
    assert [m["rule"] for m in merges] == ["same-place-and-dates"]
    no_token = client.post("/api/links/split", json={"event_id": merged.id, "mention_ids": [merged.mention_ids[1]]})
    assert no_token.status_code == 401
    split = client.post(
        "/api/links/split", json={"event_id": merged.id, "mention_ids": [merged.mention_ids[1]]}, headers=auth
    )
    assert split.status_code == 201, split.text
    parts = split.json()["event_ids"]
    assert len(parts) == 2
    for part in [*parts, merged.id]:  # both halves, and the retired id, keep the acceptance
        history = client.get(f"/api/reviews/{part}")
        assert history.status_code == 200 and [r["action"] for r in history.json()] == ["accept"]
    joined = client.post("/api/links/link", json={"event_ids": parts, "reason": "same bomb"}, headers=auth)
    assert joined.status_code == 201 and client.get(f"/api/events/{joined.json()['event_id']}").status_code == 200
    bad = client.post("/api/links/link", json={"event_ids": [parts[0]], "extra": 1}, headers=auth)
    assert bad.status_code == 422
    assert client.get("/api/reviews/nosuchevent").status_code == 404


def test_a_mention_moved_to_coordinates_leaves_its_event(kismayo: Path) -> None:
    with Desk.open(kismayo) as desk:
        (merged,) = desk.select()
        checkpoint = merged.mention_ids[1]
        desk.review(checkpoint, action="edit", reviewer="ana", field="place_id", value="-0.5,42.4@2")
        events = desk.select()
        assert len(events) == 2
        moved = next(e for e in events if checkpoint in e.mention_ids)
        assert moved.place_id == "geo:-0.50000,42.40000@2" and moved.geo_precision == 2
