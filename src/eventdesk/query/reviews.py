"""Reviews: an analyst's accept / reject / edit laid over the machine's values.

Reviews are append-only records in their own table. Each is anchored on the
mentions its event had when it was made (``review_anchors``), and belongs to
every event that holds one of those mentions after any relink: a merge
gathers the reviews of both events, a split gives each part the reviews of
the whole (docs/desk.md, "Reviews and relinking"). For display, the latest
review of each field wins:

- whole event (``field`` None): ``accept`` or ``reject``, a verdict on each
  of its mentions; an event is rejected only when the latest verdict on every
  one of its mentions is a rejection, so an event never inherits another
  event's rejection through a merge. A rejected event is hidden unless the
  filter asks for rejected events, and a later accept brings it back;
- one field: ``edit`` sets the value, ``reject`` clears it (None), ``accept``
  confirms the machine value (undoing an earlier edit).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Required, TypedDict, Unpack

from eventdesk.errors import EventdeskError
from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.link import MENTION_FIELDS
from eventdesk.records import STATUSES, Place, Review

__all__ = [
    "EDITABLE_FIELDS",
    "FATALITY_FIELDS",
    "MAX_FATALITIES",
    "Overlay",
    "ReviewAsk",
    "coordinate_place",
    "make_review",
    "overlay",
    "settle_fatalities",
]

_INT_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")
#: low, best, high: always shown in this order (low <= best <= high).
FATALITY_FIELDS = _INT_FIELDS
_DATE_FIELDS = ("start", "end")
_TEXT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "place_id")

#: The largest death toll a review may set: no single event comes near it, and
#: every export's integer column holds it.
MAX_FATALITIES = 10_000_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

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


def _state(verdicts: Mapping[str, str], mention_ids: Collection[str]) -> str:
    """Rejected when every mention's latest verdict is a rejection; accepted when
    any mention's is an acceptance; else unreviewed."""
    if mention_ids and all(verdicts.get(m) == "reject" for m in mention_ids):
        return "rejected"
    return "accepted" if "accept" in {verdicts.get(m) for m in mention_ids} else "unreviewed"


def overlay(
    reviews: Iterable[Review],
    verdicts: Mapping[str, str] | None = None,
    mention_ids: Collection[str] = (),
) -> Overlay:
    """Fold reviews (in created order) into the state and field values to show.

    ``verdicts`` (mention id -> latest whole-event verdict on it) and the event's
    ``mention_ids`` decide the state per mention; without them the latest
    whole-event review decides (reviews of one unchanging event)."""
    state = "unreviewed"
    values: dict[str, Any] = {}
    for r in sorted(reviews, key=lambda r: (r.created_at, r.id)):
        if r.field is None:
            state = "accepted" if r.action == "accept" else "rejected" if r.action == "reject" else state
        elif r.action == "edit":
            try:
                values[r.field] = _coerce(r.field, r.value)
            except EventdeskError:
                continue  # stored before today's checks: kept in the log, not shown
        elif r.action == "reject":
            values[r.field] = None
        else:
            values.pop(r.field, None)
    if verdicts is not None:
        state = _state(verdicts, mention_ids)
    if state == "unreviewed" and values:
        state = "edited"
    return Overlay(state=state, values=values)


def _refuse(name: str, value: Any, why: str = "") -> EventdeskError:
    wanted = f": {why}" if why else ""
    return EventdeskError("ED042", f"review: {value!r} is not a valid {name}{wanted}")


def _count(name: str, value: Any) -> int:
    """A death toll: a whole number from 0 to MAX_FATALITIES (1e400, 1e308, 2.5, True refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _refuse(name, value)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise _refuse(name, value, "a whole number")
    try:
        number = int(value.strip()) if isinstance(value, str) else int(value)
    except ValueError:
        raise _refuse(name, value, "a whole number") from None
    if not 0 <= number <= MAX_FATALITIES:
        raise _refuse(name, value, f"from 0 to {MAX_FATALITIES:,}")
    return number


def _date(name: str, value: Any) -> dt.date:
    """An ISO date YYYY-MM-DD (years 1 to 9999)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = value.strip() if isinstance(value, str) else ""
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise _refuse(name, value, "an ISO date YYYY-MM-DD")


def _text(name: str, value: Any) -> str:
    """A text field; event types, sub-types and statuses from their vocabularies."""
    if not isinstance(value, str):
        raise _refuse(name, value)
    text = value.strip()
    taxonomy = load_taxonomy()
    known = {
        "event_type": tuple(dict.fromkeys(taxonomy.event_type_of.values())),
        "sub_event_type": taxonomy.sub_event_types,
        "status": STATUSES,
    }.get(name)
    if known is not None and text not in known:
        raise EventdeskError("ED042", f"review: {name} must be one of {', '.join(known)}; got {text!r}")
    return text


#: A reviewer's place by coordinates: "LAT,LON" or "LAT,LON@PRECISION"
#: (ACLED geo_precision: 1 town or feature, 2 district or near, 3 region).
_COORDINATE = re.compile(r"(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)(?:\s*@\s*(\d+))?")
COORDINATE_PREFIX = "geo:"


def coordinate_place(value: Any) -> Place | None:
    """The Place a reviewer gives by coordinates ("35.65,36.67@1", or the id
    "geo:35.65000,36.67000@1" that this makes), None for a value of any
    other form (a gazetteer id); ED042 for a latitude outside -90..90, a
    longitude outside -180..180 or a precision other than 1, 2, 3."""
    text = value.strip().removeprefix(COORDINATE_PREFIX) if isinstance(value, str) else ""
    m = _COORDINATE.fullmatch(text)
    if m is None:
        return None
    lat, lon, precision = float(m[1]), float(m[2]), int(m[3] or 1)
    if not -90 <= lat <= 90:
        raise _refuse("latitude", m[1], "from -90 to 90")
    if not -180 <= lon <= 180:
        raise _refuse("longitude", m[2], "from -180 to 180")
    if precision not in (1, 2, 3):
        raise _refuse("precision", m[3], "1 (town or feature), 2 (district, near a town) or 3 (region)")
    return Place(
        id=f"{COORDINATE_PREFIX}{lat:.5f},{lon:.5f}@{precision}",
        name=f"{lat:.5f}, {lon:.5f}",
        latitude=lat,
        longitude=lon,
        precision=precision,
    )


def settle_fatalities(values: Mapping[str, int | None], reviewed: Collection[str]) -> dict[str, int | None]:
    """low, best and high with the machine's figures moved, where they contradict an
    analyst's, to the nearest figure that agrees: a reviewed best of 99 over a machine
    range of 10 to 12 shows as 10/99/99. Reviewed figures are never moved."""
    out = {name: values.get(name) for name in _INT_FIELDS}
    firm: list[tuple[int, int]] = [
        (i, v) for i, n in enumerate(_INT_FIELDS) if n in reviewed and (v := out[n]) is not None
    ]
    for i, name in enumerate(_INT_FIELDS):
        value = out[name]
        if name in reviewed or value is None:
            continue
        value = max([value, *(v for j, v in firm if j < i)])
        out[name] = min([value, *(v for j, v in firm if j > i)])
    return out


def _coerce(name: str, value: Any) -> Any:
    """The typed value of a field edit; ED042 when it does not fit the field."""
    if value is None or value == "":
        return None
    if name in _INT_FIELDS:
        return _count(name, value)
    if name in _DATE_FIELDS:
        return _date(name, value)
    if name == "intra_group":
        if isinstance(value, bool):
            return value
        flag = {"true": True, "1": True, "false": False, "0": False}.get(str(value).strip().lower())
        if flag is None:
            raise _refuse(name, value)
        return flag
    return _text(name, value)


def _agree(field: str, typed: Any, shown: Mapping[str, Any]) -> None:
    """ED042 when an edit, applied to the values the event shows now, leaves them
    disagreeing: fatalities low <= best <= high, start <= end, and a sub-event type
    that belongs to the event type. Fatality figures that ``shown`` gives as None
    (the machine's, which yield to an analyst's: ``settle_fatalities``) are not held
    against the edit."""
    after = {**shown, field: typed}
    if field in _INT_FIELDS:
        counts: list[tuple[str, int]] = [(f, after[f]) for f in _INT_FIELDS if after.get(f) is not None]
        for (a, x), (b, y) in zip(counts, counts[1:], strict=False):
            if x > y:
                raise EventdeskError(
                    "ED042", f"review: {a} {x} would exceed {b} {y}; fatalities need low <= best <= high"
                )
    if field in _DATE_FIELDS and after.get("start") and after.get("end") and after["start"] > after["end"]:
        raise EventdeskError("ED042", f"review: start {after['start']} would fall after end {after['end']}")
    if field == "event_type" and typed is not None and after.get("sub_event_type"):
        belongs = load_taxonomy().event_type_of.get(after["sub_event_type"])
        if belongs is not None and belongs != typed:
            raise EventdeskError(
                "ED042",
                f"review: sub-event type {after['sub_event_type']!r} is not one of {typed!r}: "
                "edit sub_event_type instead (the event type follows it)",
            )


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
    target_kind: Literal["event", "mention"] = "event",
    now: dt.datetime | None = None,
    known_places: Sequence[str] | None = None,
    shown: Mapping[str, Any] | None = None,
    **ask: Unpack[ReviewAsk],
) -> Review:
    """A validated Review of an event; ED042 for an action, field or value that makes no
    sense. ``shown`` (the values the event displays now) checks an edit against the
    other fields: low <= best <= high, start <= end, a sub-type of the event type.
    ``target_kind="mention"`` reviews one mention (``event_id`` is then its id): its
    fields are the linker's (``MENTION_FIELDS``)."""
    action, reviewer = ask["action"], ask["reviewer"]
    field, value, reason = ask.get("field"), ask.get("value"), ask.get("reason", "")
    if action not in ("accept", "reject", "edit"):
        raise EventdeskError("ED042", "review: action must be accept, reject or edit")
    editable = MENTION_FIELDS if target_kind == "mention" else EDITABLE_FIELDS
    if field is not None and field not in editable:
        raise EventdeskError(
            "ED042",
            f"review: field {field!r} of {'a mention' if target_kind == 'mention' else 'an event'}"
            f" is not editable; choose from {', '.join(editable)}",
        )
    if action == "edit" and field is None:
        raise EventdeskError("ED042", "review: an edit needs a field")
    if not reviewer.strip():
        raise EventdeskError("ED042", "review: reviewer is empty")
    if action == "edit":
        typed = _coerce(field or "", value)
        if field == "place_id" and typed is not None and known_places is not None and typed not in known_places:
            raise EventdeskError("ED042", f"review: unknown place id {typed!r}")
        if shown is not None:
            _agree(field or "", typed, shown)
        value = typed.isoformat() if isinstance(typed, dt.date) else typed
    else:
        value = None
    created = now or dt.datetime.now(dt.UTC)
    return Review(
        id=Review.make_id(event_id, field, reviewer, created),
        target_kind=target_kind,
        target_id=event_id,
        action=action,  # type: ignore[arg-type]
        reviewer=reviewer.strip(),
        created_at=created,
        field=field,
        value=value,
        reason=reason.strip(),
    )
