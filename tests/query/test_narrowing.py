"""SQL narrows, Python decides: the desk's answers with the store's narrowing
equal the plain-Python answers over every event, for any filter, with reviews
that move events into and out of every filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.eval.query_bench import build_database
from eventdesk.query import Desk, EventFilter
from eventdesk.query.load import load_catalog, load_events
from eventdesk.query.match import matches, narrowing
from eventdesk.records import STATUSES

_EDITS = (
    ("sub_event_type", "Grenade"),
    ("sub_event_type", "Violent demonstration"),
    ("status", "alleged"),
    ("place_id", "ML"),
    ("actor1", "bench:SO:0"),
    ("actor2", "bench:NG:1"),
    ("start", "2021-06-01"),
    ("end", "2026-12-31"),
)


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 synthetic events; a few dozen reviewed so that they leave or join filters."""
    path = tmp_path_factory.mktemp("narrowing") / "bench.db"
    build_database(path, 600, seed=5)
    with Desk.open(path) as desk:
        ids = [e.id for e in desk.select(EventFilter(statuses=STATUSES))]
        malian = next(p for p in sorted(desk.store.place_ids()) if p.startswith("bench:ML:"))
        for i, event_id in enumerate(ids[::17]):
            field, value = _EDITS[i % len(_EDITS)]
            value = malian if field == "place_id" else value
            desk.review(event_id, action="edit", reviewer="ana", field=field, value=value)
        for event_id in ids[5::41]:
            desk.review(event_id, action="reject", reviewer="ana")
    return path


def _reference(desk: Desk, flt: EventFilter) -> list[str]:
    catalog = load_catalog(desk.store)
    actor_ids = catalog.actor_ids_matching(flt.actor) if flt.actor else set()
    return sorted(e.id for e in load_events(desk.store, catalog) if matches(e, flt, actor_ids))


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
    target_types=st.lists(st.sampled_from(["civilians", "Military", "police"]), max_size=2).map(tuple),
    countries=st.lists(st.sampled_from(["SO", "ng", "Mali", "NGA"]), max_size=2).map(tuple),
    since=st.none() | _DAY,
    statuses=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=3).map(tuple),
    include_rejected=st.booleans(),
)


@settings(max_examples=120, deadline=None)
@given(flt=_FILTERS)
def test_narrowed_answers_equal_the_plain_python_answers(bench_db: Path, flt: EventFilter) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        assert sorted(e.id for e in desk.select(flt)) == _reference(desk, flt)


def test_a_review_moves_an_event_into_a_filter_the_machine_value_fails(bench_db: Path) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        grenades = desk.select(EventFilter(sub_event_types=("Grenade",)))
        assert grenades and all("sub_event_type" in e.reviewed_fields for e in grenades)
        criteria = narrowing(EventFilter(sub_event_types=("Grenade",)), set(), {})
        assert {e.id for e in grenades} <= set(desk.store.candidate_event_ids(criteria) or ())


def test_the_store_narrows_a_country_to_its_events_and_the_reviewed_ones(bench_db: Path) -> None:
    with Desk.open(bench_db, migrate=False) as desk:
        places = {p.id: p for p in desk.store.places()}
        candidates = desk.store.candidate_event_ids(narrowing(EventFilter(countries=("ML",)), set(), places))
        everything = {e.id for e in desk.store.events()}
        reviewed = {r.target_id for r in desk.store.reviews()}
        assert candidates is not None and reviewed <= set(candidates) < everything
        assert len(candidates) < len(everything) / 3
        # When nearly every event is a candidate the store says "read them all".
        assert desk.store.candidate_event_ids(narrowing(EventFilter(statuses=STATUSES), set(), places)) is None
