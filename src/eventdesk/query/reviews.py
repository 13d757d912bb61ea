"""Reviews: an analyst's accept / reject / edit laid over the machine's values.

Reviews are append-only records in their own table, keyed by event id (ids
are anchored on a mention, so they survive re-ingest and re-linking). For
display, the latest review of each (event, field) wins:

- whole event (``field`` None): ``accept`` or ``reject``; a rejected event is
  hidden unless the filter asks for rejected events, and a later accept
  brings it back;
- one field: ``edit`` sets the value, ``reject`` clears it (None), ``accept``
  confirms the machine value (undoing an earlier edit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Required, TypedDict, Unpack

from eventdesk.errors import EventdeskError
from eventdesk.records import STATUSES, Review

__all__ = ["EDITABLE_FIELDS", "Overlay", "ReviewAsk", "make_review", "overlay"]

_INT_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")
_DATE_FIELDS = ("start", "end")
_TEXT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "place_id")

#: Event fields a review may edit, accept or reject one by one.
EDITABLE_FIELDS: tuple[str, ...] = (
    *_TEXT_FIELDS,
    "status",
    *_DATE_FIELDS,
    *_INT_FIELDS,
    "intra_group",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Overlay:
    """The result of an event's reviews: its state and the field values to show."""

    state: str
    values: dict[str, Any]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(sorted(self.values))


def overlay(reviews: Iterable[Review]) -> Overlay:
    """Fold reviews (in created order) into the state and field values to show."""
    state = "unreviewed"
    values: dict[str, Any] = {}
    for r in sorted(reviews, key=lambda r: (r.created_at, r.id)):
        if r.field is None:
            state = "accepted" if r.action == "accept" else "rejected" if r.action == "reject" else state
        elif r.action == "edit":
            values[r.field] = _coerce(r.field, r.value)
        elif r.action == "reject":
            values[r.field] = None
        else:
            values.pop(r.field, None)
    if state == "unreviewed" and values:
        state = "edited"
    return Overlay(state=state, values=values)


def _coerce(name: str, value: Any) -> Any:
    """The typed value of a field edit; ED042 when it does not fit the field."""
    if value is None or value == "":
        return None
    try:
        if name in _INT_FIELDS:
            number = int(value)
            if number < 0 or isinstance(value, bool) or float(value) != number:
                raise ValueError
            return number
        if name in _DATE_FIELDS:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if name == "intra_group":
            if isinstance(value, bool):
                return value
            return {"true": True, "1": True, "false": False, "0": False}[str(value).lower()]
    except (ValueError, KeyError, TypeError):
        raise EventdeskError("ED042", f"review: {value!r} is not a valid {name}") from None
    if name == "status" and value not in STATUSES:
        raise EventdeskError("ED042", f"review: status must be one of {', '.join(STATUSES)}")
    return str(value).strip()


class ReviewAsk(TypedDict, total=False):
    """What an analyst asks of an event: ``action`` by ``reviewer`` on one ``field``
    (None: the whole event), with the new ``value`` for an edit and a ``reason``."""

    action: Required[str]
    reviewer: Required[str]
    field: str | None
    value: Any
    reason: str


def make_review(
    *,
    event_id: str,
    now: dt.datetime | None = None,
    known_places: Sequence[str] | None = None,
    **ask: Unpack[ReviewAsk],
) -> Review:
    """A validated Review of an event; ED042 for an action or field that makes no sense."""
    action, reviewer = ask["action"], ask["reviewer"]
    field, value, reason = ask.get("field"), ask.get("value"), ask.get("reason", "")
    if action not in ("accept", "reject", "edit"):
        raise EventdeskError("ED042", "review: action must be accept, reject or edit")
    if field is not None and field not in EDITABLE_FIELDS:
        raise EventdeskError(
            "ED042",
            f"review: field {field!r} is not editable; choose from {', '.join(EDITABLE_FIELDS)}",
        )
    if action == "edit" and field is None:
        raise EventdeskError("ED042", "review: an edit needs a field")
    if not reviewer.strip():
        raise EventdeskError("ED042", "review: reviewer is empty")
    if action == "edit":
        typed = _coerce(field or "", value)
        if field == "place_id" and typed is not None and known_places is not None and typed not in known_places:
            raise EventdeskError("ED042", f"review: unknown place id {typed!r}")
        value = typed.isoformat() if isinstance(typed, dt.date) else typed
    else:
        value = None
    created = now or dt.datetime.now(dt.UTC)
    return Review(
        id=Review.make_id(event_id, field, reviewer, created),
        target_kind="event",
        target_id=event_id,
        action=action,  # type: ignore[arg-type]
        reviewer=reviewer.strip(),
        created_at=created,
        field=field,
        value=value,
        reason=reason.strip(),
    )
