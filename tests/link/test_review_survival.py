"""Reviews survive relinking, and linking does not depend on ingest order
(issue 12 item 3): property tests over many ingest orders of short reports
(tests/link_reports.py), with reviews, splits and forced links made in between.

After every relink, checked against the test's own log of what each review
was about (the event's mentions when it was made):

- no review is orphaned: each is in the review history of every event that
  holds one of its mentions, and the id it was made on still answers;
- no event inherits another event's rejection: an event is rejected exactly
  when every one of its mentions was last judged "reject";
- an event nobody rejected is in the default view.

At the end, the same reports stored in one fixed order with the same reviews
and decisions give the same events, ids and displayed views.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import link_reports as lr
from eventdesk.pipeline import relink
from eventdesk.query import Desk, EventFilter, jsonable
from eventdesk.records import STATUSES, Review
from eventdesk.store import SQLiteStore

EVERYTHING = EventFilter(statuses=STATUSES, include_rejected=True)
ACTIONS = ("reject", "accept", "edit", "split", "link", "none")


@dataclasses.dataclass
class Log:
    """What the test did: each review with the mentions it was about, in order."""

    reviews: list[tuple[Review, tuple[str, ...]]] = dataclasses.field(default_factory=list)

    def verdict(self, mention_id: str) -> str | None:
        last = None
        for review, about in self.reviews:
            if review.field is None and mention_id in about:
                last = review.action
        return last


def _act(desk: Desk, log: Log, action: str, pick: int) -> None:
    events = desk.select(EVERYTHING)
    if action == "none" or not events:
        return
    event = events[pick % len(events)]
    if action == "split":
        if len(event.mention_ids) > 1:
            desk.split(event.id, [event.mention_ids[pick % len(event.mention_ids)]], reviewer="ana")
        return
    if action == "link":
        other = events[(pick + 1) % len(events)]
        if other.id != event.id:
            desk.link([event.id, other.id], reviewer="ana")
        return
    ask: dict[str, Any] = {"action": action, "reviewer": "ana"}
    if action == "edit":
        ask.update(field="fatalities_best", value=pick % 50)
    review = desk.review(event.id, **ask)
    log.reviews.append((review, event.mention_ids))


def _check(desk: Desk, log: Log) -> None:
    shown = {e.id: e for e in desk.select(EVERYTHING)}
    default = {e.id for e in desk.select()}
    for review, about in log.reviews:
        holders = [e for e in shown.values() if set(e.mention_ids) & set(about)]
        assert holders, f"review {review.id} has no event"
        for event in holders:
            assert review in desk.history(event.id)
        assert review in desk.history(review.target_id)  # the id it was made on still answers
    for event in shown.values():
        verdicts = [log.verdict(m) for m in event.mention_ids]
        rejected = all(v == "reject" for v in verdicts)
        assert (event.review_state == "rejected") == rejected, (event.id, verdicts)
        if "reject" not in verdicts and event.status in ("asserted", "reported"):
            assert event.id in default


def _note(before: set[tuple[str, ...]], after: set[tuple[str, ...]], reviewed: bool) -> None:
    """Tell hypothesis's statistics what a relink did to the earlier events."""
    reviews = " (with reviews)" if reviewed else ""
    for old in before:
        if len([new for new in after if set(new) & set(old)]) > 1:
            hypothesis.event("a relink split an earlier event" + reviews)
    for new in after:
        if len([old for old in before if set(new) & set(old)]) > 1:
            hypothesis.event("a relink merged earlier events" + reviews)


def _views(desk: Desk) -> list[Any]:
    return [jsonable(e) for e in desk.select(EVERYTHING)]


def _replay(store: SQLiteStore, log: Log, source: SQLiteStore) -> None:
    """The same reports in the pool's order, with the same reviews and decisions."""
    for report in lr.REPORTS:
        lr.store_report(store, report)
    for review, about in log.reviews:
        store.add_review(review, anchor=about)
    for decision in source.link_decisions():
        store.add_link_decision(decision)
    relink(store)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(lr.REPORTS),
    steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 99)), min_size=8, max_size=8),
)
def test_reviews_survive_every_relink_in_any_order(order: list[lr.Report], steps: list[tuple[str, int]]) -> None:
    log = Log()
    with Desk(SQLiteStore.open(":memory:")) as desk:
        for report, (action, pick) in zip(order, steps, strict=True):
            before = {e.mention_ids for e in desk.select(EVERYTHING)}
            lr.store_report(desk.store, report)
            relink(desk.store)
            _note(before, {e.mention_ids for e in desk.select(EVERYTHING)}, bool(log.reviews))
            _check(desk, log)
            _act(desk, log, action, pick)
            if action in ("split", "link"):  # these relink too; a review is checked after the next relink
                _check(desk, log)
        _check(desk, log)
        with Desk(SQLiteStore.open(":memory:")) as fixed:
            _replay(fixed.store, log, desk.store)
            assert _views(fixed) == _views(desk)


@settings(max_examples=50, deadline=None)
@given(order=st.permutations(lr.REPORTS))
def test_event_ids_and_places_do_not_depend_on_ingest_order(order: list[lr.Report]) -> None:
    def build(reports: list[lr.Report] | tuple[lr.Report, ...]) -> list[Any]:
        with Desk(SQLiteStore.open(":memory:")) as desk:
            for report in reports:
                lr.store_report(desk.store, report)
                relink(desk.store)
            return _views(desk)

    assert build(order) == build(lr.REPORTS)


def test_the_merge_that_orphaned_a_review_no_longer_happens() -> None:
    """Issue 12 item 4, as it was found: a report naming no actor arrives after
    two attacks by different actors, one of them rejected."""
    with Desk(SQLiteStore.open(":memory:")) as desk:
        for key in ("baidoa-shabaab", "baidoa-isis"):
            lr.store_report(desk.store, lr.BY_KEY[key])
        relink(desk.store)
        shabaab, isis = sorted(desk.select(EVERYTHING), key=lambda e: e.actor1 or "")
        assert (shabaab.actor1, isis.actor1) == ("al-shabaab", "isis")
        rejected = desk.review(shabaab.id, action="reject", reviewer="ana", reason="not this week")
        lr.store_report(desk.store, lr.BY_KEY["baidoa-gunmen"])
        relink(desk.store)
        events = desk.select(EVERYTHING)
        assert len(events) == 2  # the report naming no actor joins one of them, never both
        visible = {e.actor1 for e in desk.select()}
        assert visible == {"isis"}  # the event nobody rejected is still shown
        assert rejected in desk.history(shabaab.id)  # no 404, the rejection kept
        assert all(rejected not in desk.history(e.id) for e in events if e.actor1 == "isis")


def test_a_rejection_does_not_hide_a_merged_event_nobody_rejected() -> None:
    """When a merge does join a rejected event with one nobody judged, the
    rejection stays with its mentions: the merged event is shown."""
    with Desk(SQLiteStore.open(":memory:")) as desk:
        lr.store_report(desk.store, lr.BY_KEY["kismayo-bomb"])
        relink(desk.store)
        (alone,) = desk.select()
        desk.review(alone.id, action="reject", reviewer="ana")
        assert desk.select() == ()
        lr.store_report(desk.store, lr.BY_KEY["kismayo-checkpoint"])
        relink(desk.store)
        (merged,) = desk.select(EVERYTHING)
        assert len(merged.mention_ids) == 2 and merged.review_state == "unreviewed"
        assert desk.select() == (merged,)
        assert [r.action for r in desk.history(alone.id)] == ["reject"]
        assert desk.event(alone.id).event.id == merged.id  # the retired id finds its event


def test_an_id_retired_by_an_earlier_report_still_finds_its_event_and_history() -> None:
    """An earlier-published report joining takes the anchor: the old id is retired,
    and `show`, the event page and the review history still answer for it."""
    with Desk(SQLiteStore.open(":memory:")) as desk:
        lr.store_report(desk.store, lr.BY_KEY["kismayo-checkpoint"])  # published 12 March
        relink(desk.store)
        (first,) = desk.select()
        accepted = desk.review(first.id, action="accept", reviewer="ana")
        lr.store_report(desk.store, lr.BY_KEY["kismayo-bomb"])  # published 11 March: the new anchor
        relink(desk.store)
        (merged,) = desk.select()
        assert merged.id != first.id and merged.review_state == "accepted"
        assert desk.find(first.id) == ("event", first.id)
        assert desk.event(first.id).event.id == merged.id
        assert desk.history(first.id) == desk.history(merged.id) == (accepted,)


def test_an_old_database_s_reviews_are_anchored_when_it_is_opened(tmp_path: Any) -> None:
    """Reviews stored before anchors existed are anchored on migration: on the
    event's mentions, or on the mention a retired event id was hashed from."""
    path = tmp_path / "old.db"
    with SQLiteStore.open(path) as store:
        for report in lr.REPORTS:
            lr.store_report(store, report)
        relink(store)
        event = store.events()[0]
        made = dt.datetime(2026, 3, 12, tzinfo=dt.UTC)
        review = Review(
            id=Review.make_id(event.id, None, "ana", made),
            target_kind="event",
            target_id=event.id,
            action="reject",
            reviewer="ana",
            created_at=made,
        )
        store.add_review(review)
        store._conn.execute("DELETE FROM review_anchors")
        store._conn.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    with Desk.open(path) as desk:
        assert review in desk.history(event.id)
        assert desk.event(event.id).event.review_state == "rejected"
