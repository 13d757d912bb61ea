"""The review overlay: the latest review of each (event, field) wins."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventdesk.errors import EventdeskError
from eventdesk.query.reviews import make_review, overlay

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

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
        value = n if field == "fatalities_best" else f"type {n}"
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
