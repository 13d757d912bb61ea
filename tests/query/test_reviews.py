"""The review overlay: the latest review of each (event, field) wins."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventdesk.errors import EventdeskError
from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.query.reviews import make_review, overlay, settle_fatalities

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: Edits must name real sub-types (data/taxonomy.json).
SUB_TYPES = load_taxonomy().sub_event_types

steps = st.lists(
    st.tuples(
        st.sampled_from(["accept", "reject", "edit"]),
        st.sampled_from([None, "fatalities_best", "sub_event_type"]),
        st.integers(0, 50),
    ),
    max_size=12,
)


@given(steps)
def test_latest_review_wins(sequence):
    reviews, expected_values, expected_state = [], {}, "unreviewed"
    for i, (action, field, n) in enumerate(sequence):
        if action == "edit" and field is None:
            continue
        value = n if field == "fatalities_best" else SUB_TYPES[n % len(SUB_TYPES)]
        reviews.append(
            make_review(
                event_id="e1",
                action=action,
                reviewer="r",
                field=field,
                value=value,
                now=T0 + dt.timedelta(seconds=i),
            )
        )
        if field is None:
            expected_state = "accepted" if action == "accept" else "rejected"
        elif action == "edit":
            expected_values[field] = value
        elif action == "reject":
            expected_values[field] = None
        else:
            expected_values.pop(field, None)
    # Order of arrival must not matter: the overlay sorts by time.
    result = overlay(reversed(reviews))
    assert result.values == expected_values
    state = expected_state if expected_state != "unreviewed" or not expected_values else "edited"
    assert result.state == state


def test_review_values_are_typed():
    r = make_review(event_id="e", action="edit", field="start", value="2025-03-01", reviewer="a")
    assert r.value == "2025-03-01"
    assert overlay([r]).values == {"start": dt.date(2025, 3, 1)}
    r = make_review(event_id="e", action="edit", field="intra_group", value="true", reviewer="a")
    assert overlay([r]).values == {"intra_group": True}
    r = make_review(event_id="e", action="reject", field="actor2", value="ignored", reviewer="a")
    assert r.value is None and overlay([r]).values == {"actor2": None}


@pytest.mark.parametrize(
    "kw",
    [
        {"action": "approve"},
        {"action": "edit"},
        {"action": "edit", "field": "fatalities_best", "value": 2.5},
        {"action": "edit", "field": "fatalities_best", "value": True},
        {"action": "accept", "reviewer": "  "},
    ],
)
def test_nonsense_reviews_are_ed042(kw):
    with pytest.raises(EventdeskError) as err:
        make_review(event_id="e", **{"reviewer": "a", **kw})
    assert err.value.code == "ED042"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("event_type", "Garbage"),
        ("sub_event_type", "Drive-by"),
        ("sub_event_type", ["Attack"]),
        ("status", "rumoured"),
        ("fatalities_best", float("inf")),  # JSON 1e400
        ("fatalities_best", 1e308),
        ("fatalities_best", "1e400"),
        ("fatalities_high", 10_000_001),
        ("fatalities_low", -3),
        ("fatalities_low", float("nan")),
        ("start", "2025-13-01"),
        ("start", "99999-01-01"),
        ("start", "2025W101"),
        ("end", "0000-12-31"),
        ("end", 20250301),
        ("intra_group", "perhaps"),
    ],
)
def test_every_review_value_is_checked(field, value):
    with pytest.raises(EventdeskError) as err:
        make_review(event_id="e", action="edit", field=field, value=value, reviewer="ana")
    assert err.value.code == "ED042"


def test_good_review_values_pass():
    for field, value, stored in [
        ("event_type", "Battles", "Battles"),
        ("sub_event_type", " Air/drone strike ", "Air/drone strike"),
        ("status", "alleged", "alleged"),
        ("fatalities_high", 10_000_000, 10_000_000),
        ("fatalities_best", 7.0, 7),
        ("fatalities_best", " 12 ", 12),
        ("end", "9999-12-31", "9999-12-31"),
    ]:
        assert make_review(event_id="e", action="edit", field=field, value=value, reviewer="ana").value == stored


SHOWN = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "fatalities_low": 3,
    "fatalities_best": 5,
    "fatalities_high": 9,
    "start": dt.date(2025, 3, 1),
    "end": dt.date(2025, 3, 4),
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("fatalities_low", 6),
        ("fatalities_best", 2),
        ("fatalities_best", 10),
        ("fatalities_high", 4),
        ("start", "2025-03-05"),
        ("end", "2025-02-28"),
        ("event_type", "Protests"),
    ],
)
def test_an_edit_must_agree_with_the_other_fields(field, value):
    with pytest.raises(EventdeskError) as err:
        make_review(event_id="e", action="edit", field=field, value=value, reviewer="ana", shown=SHOWN)
    assert err.value.code == "ED042"
    # Alone (nothing shown to disagree with) the value itself is fine.
    make_review(event_id="e", action="edit", field=field, value=value, reviewer="ana")


def test_machine_figures_yield_to_an_analysts():
    assert settle_fatalities(
        {"fatalities_low": 10, "fatalities_best": 10, "fatalities_high": 12}, {"fatalities_best"}
    ) == {
        "fatalities_low": 10,
        "fatalities_best": 10,
        "fatalities_high": 12,
    }
    moved = settle_fatalities({"fatalities_low": 10, "fatalities_best": 99, "fatalities_high": 12}, {"fatalities_best"})
    assert moved == {"fatalities_low": 10, "fatalities_best": 99, "fatalities_high": 99}
    moved = settle_fatalities({"fatalities_low": 10, "fatalities_best": 2, "fatalities_high": 12}, {"fatalities_best"})
    assert moved == {"fatalities_low": 2, "fatalities_best": 2, "fatalities_high": 12}
    kept = settle_fatalities(
        {"fatalities_low": None, "fatalities_best": 5, "fatalities_high": None}, {"fatalities_best"}
    )
    assert kept == {"fatalities_low": None, "fatalities_best": 5, "fatalities_high": None}
