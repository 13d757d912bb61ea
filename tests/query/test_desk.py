"""The Python query API over the hand-built sample database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventdesk.query as q
from eventdesk.errors import EventdeskError
from eventdesk.query import Desk, EventFilter, haversine_km, wilson_interval


@pytest.fixture
def desk(db):
    with Desk.open(db.path) as d:
        yield d


def ids(desk, **kw):
    return {e.id for e in desk.select(EventFilter.build(**kw))}


def key_ids(db, *keys):
    return {db.ids[k] for k in keys}


def test_public_surface_is_pinned():
    assert sorted(q.__all__) == sorted(
        [
            "COUNT_DIMENSIONS",
            "DEFAULT_STATUSES",
            "EDITABLE_FIELDS",
            "SORTS",
            "ArticleView",
            "CountRow",
            "CountTable",
            "Desk",
            "EventDetail",
            "EventFilter",
            "EventPage",
            "EventView",
            "FilterField",
            "Highlight",
            "MentionView",
            "MergeView",
            "Near",
            "QueueItem",
            "ReviewQueue",
            "RoleView",
            "ShareResult",
            "Unlinked",
            "UnlinkedArticle",
            "UnlinkedMention",
            "filter_fields",
            "haversine_km",
            "jsonable",
            "wilson_interval",
        ]
    )


def test_results_are_frozen_dataclasses(desk):
    page = desk.query(limit=2)
    for value in (
        page,
        page.events[0],
        desk.counts(by="type"),
        desk.share(actor="isis", target_type="military"),
    ):
        assert dataclasses.is_dataclass(value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, dataclasses.fields(value)[0].name, None)


def test_default_shows_only_asserted_and_reported(desk, db):
    assert ids(desk) == key_ids(
        db, "e_checkpoint", "e_market", "e_patrol", "e_wadi", "e_shelling", "e_police", "e_hostile"
    )
    assert db.ids["e_shepherds"] in ids(desk, status=["alleged"])
    assert db.ids["e_hospital"] in ids(desk, all_statuses=True)
    assert ids(desk, status=["denied"]) == key_ids(db, "e_hospital")


def test_event_type_and_sub_type(desk, db):
    assert ids(desk, event_type="explosions/remote violence") == key_ids(db, "e_market", "e_shelling")
    assert ids(desk, sub_event_type=["Suicide bomb", "Non-state actor overtakes territory"]) == key_ids(
        db, "e_market", "e_wadi"
    )


@pytest.mark.parametrize("name", ["isis", "Islamic State", "ISIL", "daesh"])
def test_actor_by_id_name_alias_and_faction(desk, db, name):
    # The Raqqa faction's patrol ambush counts as the parent group's.
    assert ids(desk, actor=name, actor_role="perpetrator") == key_ids(
        db, "e_checkpoint", "e_market", "e_patrol", "e_police"
    )


def test_faction_does_not_match_its_parent(desk, db):
    assert ids(desk, actor="isis-raqqa") == key_ids(db, "e_patrol")


def test_actor_sides(desk, db):
    assert ids(desk, actor="Syrian army", actor_role="target") == key_ids(db, "e_checkpoint", "e_patrol")
    assert ids(desk, actor="Syrian army", actor_role="perpetrator") == key_ids(db, "e_shelling")
    assert ids(desk, actor="SAA") == key_ids(db, "e_checkpoint", "e_patrol", "e_shelling")


def test_target_type(desk, db):
    assert ids(desk, target_type="police") == key_ids(db, "e_police")
    assert ids(desk, target_type=["civilians"]) == key_ids(db, "e_market", "e_shelling")


def test_place_country_admin1_and_radius(desk, db):
    assert ids(desk, country="iraq", all_statuses=True) == key_ids(db, "e_shepherds")
    assert ids(desk, admin1="Aleppo") == key_ids(db, "e_market")
    # Ar Raqqa is ~0.9 km from this point; Al Bab ~134 km away, Idlib ~213 km.
    assert ids(desk, lat=35.95, lon=39.0, radius_km=50) == key_ids(db, "e_checkpoint", "e_patrol")
    assert ids(desk, lat=35.95, lon=39.0, radius_km=150) == key_ids(db, "e_checkpoint", "e_patrol", "e_market")


def test_haversine_against_known_distance():
    # Damascus (33.5138, 36.2765) to Aleppo (36.2021, 37.1343): about 309 km.
    assert haversine_km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(309, abs=3)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


def test_time_range_and_outlet(desk, db):
    assert ids(desk, since="2025-03-01", until="2025-03-31") == key_ids(db, "e_checkpoint", "e_market")
    assert ids(desk, until="2025-02-28") == key_ids(db, "e_wadi")
    assert ids(desk, outlet="levant wire") == key_ids(db, "e_market", "e_wadi", "e_police")


@pytest.mark.parametrize(
    "kw",
    [
        {"since": "yesterday"},
        {"since": "2025-05-01", "until": "2025-01-01"},
        {"status": ["certain"]},
        {"lat": 10.0},
        {"lat": 95.0, "lon": 0.0, "radius_km": 1.0},
        {"lat": 1.0, "lon": 1.0, "radius_km": -5.0},
        {"actor_role": "bystander"},
    ],
)
def test_bad_filters_raise_ed042(kw):
    with pytest.raises(EventdeskError) as err:
        EventFilter.build(**kw)
    assert err.value.code == "ED042"


def test_pagination_and_sort(desk, db):
    page = desk.query(limit=3, offset=0, sort="-fatalities")
    assert page.total == 7 and page.limit == 3 and page.offset == 0
    assert [e.fatalities_best for e in page.events] == [12, 7, 4]
    rest = desk.query(limit=10, offset=3, sort="-fatalities")
    assert len(rest.events) == 4 and rest.total == 7
    dates = [e.start for e in desk.query(sort="date").events]
    assert dates == sorted(dates)
    with pytest.raises(EventdeskError):
        desk.query(sort="colour")


def test_counts(desk):
    by_type = {r.key: (r.events, r.fatalities) for r in desk.counts(by="type").rows}
    assert by_type == {
        "Battles": (4, 4 + 7 + 1 + 3),
        "Explosions/Remote violence": (2, 14),
        "Strategic developments": (1, 0),
    }
    months = desk.counts(by="month")
    assert [r.key for r in months.rows] == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    weeks = desk.counts(by="week")
    assert weeks.rows[0].key == "2025-W07"
    actors = {r.label: r.events for r in desk.counts(by="actor").rows}
    assert actors["Islamic State"] == 3
    outlets = {r.key: r.events for r in desk.counts(by="outlet").rows}
    assert outlets["Levant Wire"] == 3
    places = {r.label: r.events for r in desk.counts(by="place").rows}
    assert places["Idlib"] == 3
    with pytest.raises(EventdeskError):
        desk.counts(by="colour")


def test_share_matches_hand_count(desk, db):
    s = desk.share(actor="ISIS", target_type="military", since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31))
    # By hand: ISIS (with its Raqqa faction) as perpetrator, asserted or reported:
    # checkpoint (military), market (civilians), patrol (military), police (police).
    assert set(s.denominator_ids) == key_ids(db, "e_checkpoint", "e_market", "e_patrol", "e_police")
    assert set(s.numerator_ids) == key_ids(db, "e_checkpoint", "e_patrol")
    assert (s.numerator, s.denominator, s.share) == (2, 4, 0.5)
    # Wilson 95% for 2/4, computed by hand from the formula in stats.py.
    assert s.low == pytest.approx(0.150039, abs=1e-6)
    assert s.high == pytest.approx(0.849961, abs=1e-6)
    assert s.method == "wilson"


def test_share_with_alleged_claims_included(desk, db):
    s = desk.share(actor="ISIS", target_type="civilians", flt=EventFilter.build(all_statuses=True))
    assert (s.numerator, s.denominator) == (2, 5)  # + the alleged shepherds execution


def test_share_of_nothing_has_no_interval(desk):
    s = desk.share(actor="nobody", target_type="military")
    assert (s.numerator, s.denominator, s.share, s.low, s.high) == (0, 0, None, None, None)


def test_wilson_known_values():
    # Published examples (Newcombe 1998, table I): 81/263 -> 0.2553..0.3662 at 95%.
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    assert wilson_interval(10, 10)[1] == 1.0


@given(
    st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_contains_the_estimate(kn, confidence):
    k, n = kn
    low, high = wilson_interval(k, n, confidence)
    assert 0.0 <= low <= k / n + 1e-12 <= high + 2e-12 <= 1.0 + 2e-12
    wider_low, wider_high = wilson_interval(k, n, min(0.999, confidence + 0.005))
    assert wider_low <= low + 1e-12 and wider_high >= high - 1e-12


def test_event_detail_spans_hold(desk, db):
    d = desk.event(db.ids["e_police"])
    assert len(d.mentions) == 2 and d.event.source_count == 2
    assert {m.outlet for m in d.mentions} == {"Idlib Today", "Levant Wire"}
    for m in d.mentions:
        for h in m.highlights:
            assert m.excerpt[h.start : h.end] == h.text
    kinds = {h.kind for h in d.mentions[0].highlights}
    assert {"trigger", "actor", "target", "place", "casualties"} <= kinds


def test_article_view_and_unknown_ids(desk, db):
    a = desk.article(db.articles["idlib"])
    assert set(a.event_ids) == key_ids(db, "e_shelling", "e_hospital")
    assert all(a.article.text[h.start : h.end] == h.text for h in a.highlights)
    for call in (lambda: desk.event("nope"), lambda: desk.article("nope")):
        with pytest.raises(EventdeskError) as err:
            call()
        assert err.value.code == "ED040"


def test_a_review_is_checked_against_what_the_event_shows(desk, db):
    target = db.ids["e_checkpoint"]  # Battles / Armed clash, 4 killed, 2025-03-01
    desk.review(target, action="edit", field="fatalities_low", value=10, reviewer="ana", reason="morgue count")
    shown = desk.event(target).event
    # The machine's 4/4/4 yields to the analyst's low of 10.
    assert (shown.fatalities_low, shown.fatalities_best, shown.fatalities_high) == (10, 10, 10)
    with pytest.raises(EventdeskError) as err:
        desk.review(target, action="edit", field="fatalities_high", value=5, reviewer="ana")
    assert err.value.code == "ED042" and "low <= best <= high" in err.value.message

    desk.review(target, action="edit", field="end", value="2025-03-03", reviewer="ana")
    with pytest.raises(EventdeskError):
        desk.review(target, action="edit", field="start", value="2025-03-04", reviewer="ana")
    with pytest.raises(EventdeskError):
        desk.review(target, action="edit", field="event_type", value="Protests", reviewer="ana")


def test_a_reviewed_sub_event_type_brings_its_event_type(desk, db):
    target = db.ids["e_checkpoint"]
    desk.review(target, action="edit", field="sub_event_type", value="Air/drone strike", reviewer="ana")
    shown = desk.event(target).event
    assert (shown.event_type, shown.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert target in ids(desk, event_type=["Explosions/Remote violence"])
    with pytest.raises(EventdeskError):
        desk.review(target, action="edit", field="event_type", value="Battles", reviewer="ana")


@pytest.mark.parametrize("confidence", [0.9999999999999999, 1.0, 0.0, float("inf"), float("nan"), 1e400])
def test_share_refuses_a_confidence_it_cannot_compute(desk, confidence):
    with pytest.raises(EventdeskError) as err:
        desk.share(actor="ISIS", target_type="military", confidence=confidence)
    assert err.value.code == "ED042"
