"""The desk's SQL over the current values answers as the plain-Python reference does
(query/reference.py: every event displayed, matched, sorted and counted in Python),
for any filter, sort, page, count dimension and share, with reviews that move events
into and out of every filter. Answers are compared, never timings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventdesk.eval.query_bench import build_database
from eventdesk.query import COUNT_DIMENSIONS, SORTS, Desk, EventFilter, Near
from eventdesk.query import reference as ref
from eventdesk.query.current import rows_for, view_of
from eventdesk.query.load import load_catalog, load_events
from eventdesk.query.match import criteria
from eventdesk.records import STATUSES, Review, content_id
from eventdesk.store import ViewCriteria

_EDITS = (
    ("sub_event_type", "Grenade"),
    ("sub_event_type", "Violent demonstration"),
    ("status", "alleged"),
    ("place_id", "ML"),
    ("actor1", "bench:SO:0"),
    ("actor2", "bench:NG:1"),
    ("start", "2021-06-01"),
    ("end", "2026-12-31"),
    ("start", None),
    ("fatalities_best", 250),
)


def _review_some(path: str, every: int, start: int = 0) -> None:
    """Edit every ``every``-th event (cycling through ``_EDITS``), reject a few and accept one."""
    with Desk.open(path) as desk:
        ids = [e.id for e in desk.select(EventFilter(statuses=STATUSES))]
        malian = next(p for p in sorted(desk.store.place_ids()) if p.startswith("bench:ML:"))
        for i, event_id in enumerate(ids[start::every]):
            field, value = _EDITS[i % len(_EDITS)]
            value = malian if field == "place_id" else value
            action = "reject" if value is None else "edit"
            desk.review(event_id, action=action, reviewer="ana", field=field, value=value)
        for event_id in ids[start + 5 :: every * 2 + 7]:
            desk.review(event_id, action="reject", reviewer="ana")
        desk.review(ids[start + 5], action="accept", reviewer="bo")


def _only(event_id: str) -> ViewCriteria:
    return criteria(EventFilter(event_ids=(event_id,), statuses=STATUSES, include_rejected=True), set())


@pytest.fixture(scope="module")
def bench_db(new_db: Callable[[], str]) -> str:
    """600 synthetic events, on each backend; a few dozen reviewed so that they leave
    or join filters."""
    path = new_db()
    build_database(path, 600, seed=5)
    _review_some(path, 17)
    return path


_DAY = st.dates(min_value=dt.date(2022, 6, 1), max_value=dt.date(2026, 6, 1))
_FILTERS = st.builds(
    EventFilter,
    event_types=st.lists(
        st.sampled_from(["Battles", "riots", "Protests", "Explosions/Remote violence"]), max_size=2
    ).map(tuple),
    sub_event_types=st.lists(
        st.sampled_from(["Armed clash", "ATTACK", "Grenade", "violent demonstration"]), max_size=2
    ).map(tuple),
    actor=st.none() | st.sampled_from(["bench:SO:0", "Front 1 of NG", "front 0 of ml", "villagers", "nobody"]),
    actor_role=st.sampled_from(["any", "perpetrator", "target"]),
    target_types=st.lists(st.sampled_from(["civilians", "Military", "police", "BUSINESS"]), max_size=2).map(tuple),
    countries=st.lists(st.sampled_from(["SO", "ng", "Mali", "NGA"]), max_size=2).map(tuple),
    admin1=st.lists(st.sampled_from(["", "nowhere"]), max_size=1).map(tuple),
    near=st.none() | st.builds(Near, latitude=st.just(10.0), longitude=st.just(20.0), radius_km=st.just(2500.0)),
    since=st.none() | _DAY,
    until=st.none() | st.just(dt.date(2026, 12, 31)),
    statuses=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=3).map(tuple),
    outlets=st.lists(st.sampled_from(["Outlet 3", "outlet 40", "Nowhere"]), max_size=2).map(tuple),
    include_rejected=st.booleans(),
    unreviewed=st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=_FILTERS, sort=st.sampled_from(SORTS))
def test_selected_events_equal_the_plain_python_answers(bench_db: str, flt: EventFilter, sort: str) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        assert list(desk.select(flt, sort=sort)) == ref.select(desk.store, flt, sort)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flt=_FILTERS,
    sort=st.sampled_from(SORTS),
    limit=st.none() | st.integers(0, 60),
    offset=st.integers(0, 700),
)
def test_pages_equal_slices_of_the_plain_python_answers(
    bench_db: str, flt: EventFilter, sort: str, limit: int | None, offset: int
) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        everything = ref.select(desk.store, flt, sort)
        page = desk.query(flt, limit=limit, offset=offset, sort=sort)
    assert page.total == len(everything)
    assert list(page.events) == everything[offset : None if limit is None else offset + limit]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=_FILTERS, by=st.sampled_from(sorted(COUNT_DIMENSIONS)))
def test_counts_equal_the_plain_python_counts(bench_db: str, flt: EventFilter, by: str) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        assert desk.counts(flt, by=by) == ref.counts(desk.store, flt, by)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actor=st.sampled_from(["bench:SO:0", "Front 1 of NG", "bench:ML:2", "nobody"]),
    target=st.sampled_from(["civilians", "Military", "business", "police"]),
    since=st.none() | _DAY,
    flt=_FILTERS,
)
def test_shares_equal_the_plain_python_shares(
    bench_db: str, actor: str, target: str, since: dt.date | None, flt: EventFilter
) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        got = desk.share(actor=actor, target_type=target, since=since, flt=flt)
        base = flt.but(actor=actor, actor_role="perpetrator", since=since, until=None)
        denominator, numerator = ref.share(desk.store, base, target)
    assert list(got.denominator_ids) == denominator
    assert list(zip(got.numerator_ids, got.reasons, strict=True)) == numerator


def test_every_stored_row_shows_what_display_shows(bench_db: str) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        shown = load_events(desk.store, load_catalog(desk.store))
        stored = desk.select(EventFilter(statuses=STATUSES, include_rejected=True))
    assert sorted(stored, key=lambda e: e.id) == sorted(shown, key=lambda e: e.id)
    assert any(e.review_state == "rejected" for e in stored) and any(e.reviewed_fields for e in stored)


def test_a_review_updates_the_row_in_its_own_transaction(new_db: Callable[[], str]) -> None:
    path = new_db()
    build_database(path, 30, seed=2, review_share=0)
    with Desk.open(path) as desk:
        event = desk.select()[0]
        desk.review(event.id, action="edit", reviewer="ana", field="sub_event_type", value="Grenade")
        # The row was written with the review: nothing is left to rebuild.
        assert not desk.store.current_stale()
        (row,) = desk.store.current_rows(_only(event.id), "date")
        assert view_of(row[0]).sub_event_type == "Grenade"
        assert view_of(row[0]) == load_events(desk.store, load_catalog(desk.store), [event.id])[0]


def test_a_review_written_past_the_desk_is_shown_at_the_next_read(new_db: Callable[[], str]) -> None:
    path = new_db()
    build_database(path, 30, seed=3, review_share=0)
    with Desk.open(path) as desk:
        event = desk.select()[0]
        review = Review(
            id=content_id("review", "past"),
            target_kind="event",
            target_id=event.id,
            action="reject",
            reviewer="script",
            created_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
        )
        desk.store.add_review(review)
        assert desk.store.current_stale()
        assert event.id not in {e.id for e in desk.select()}
        assert not desk.store.current_stale()
        assert rows_for(desk.store, [event.id])[0].review_state == "rejected"


def test_a_relink_drops_every_row_and_the_next_read_rebuilds_them(new_db: Callable[[], str]) -> None:
    from eventdesk.pipeline import relink

    path = new_db()
    build_database(path, 40, seed=4)
    _review_some(path, 7)
    with Desk.open(path) as desk:
        before = desk.select(EventFilter(statuses=STATUSES, include_rejected=True))
        relink(desk.store)
        assert desk.store.current_stale() and desk.store.current_count(_only(before[0].id)) == 0
        after = desk.select(EventFilter(statuses=STATUSES, include_rejected=True))
    assert after == before


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), every=st.integers(3, 9), flt=_FILTERS, by=st.sampled_from(sorted(COUNT_DIMENSIONS)))
def test_small_random_databases_answer_as_the_reference(
    new_db: Callable[[], str], seed: int, every: int, flt: EventFilter, by: str
) -> None:
    path = new_db()
    build_database(path, 45, seed=seed)
    _review_some(path, every, start=seed % 3)
    with Desk.open(path, migrate=False) as desk:
        for sort in SORTS:
            assert list(desk.select(flt, sort=sort)) == ref.select(desk.store, flt, sort)
        assert desk.counts(flt, by=by) == ref.counts(desk.store, flt, by)
