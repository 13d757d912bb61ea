"""Record types that flow between pipeline stages.

Every record is a frozen, keyword-only dataclass. Ids are content hashes, so
re-creating a record from the same input gives the same id and re-inserting
it into a store is a no-op. ``to_dict``/``from_dict`` round-trip through
plain JSON types (dates as ISO strings, tuples as lists).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar, Union, cast, get_args, get_origin

__all__ = [
    "STATUSES",
    "Actor",
    "Article",
    "CasualtyCount",
    "Event",
    "Mention",
    "Place",
    "Review",
    "Role",
    "Span",
    "StatClaim",
    "Status",
    "TimeRange",
    "content_id",
]

Status = Literal[
    "asserted", "reported", "alleged", "claimed", "denied", "planned", "hypothetical", "negated", "historical"
]
#: Ordered from most to least certain; "asserted" and "reported" are the only
#: statuses that make an event count as having happened. "historical" is last:
#: it happened, but long before the report (background), so it is no event of
#: the report's window.
STATUSES: tuple[str, ...] = typing.get_args(Status)

R = TypeVar("R", bound="Record")


def content_id(*parts: object) -> str:
    """A stable 16-hex-digit id from the JSON form of ``parts``."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    """Rebuild ``value`` as type ``tp`` (the resolved annotation of a field)."""
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        candidates = [a for a in get_args(tp) if a is not type(None)]
        return _from_plain(candidates[0], value) if len(candidates) == 1 else value
    if origin is tuple:
        args = get_args(tp)
        item = args[0] if args else Any
        return tuple(_from_plain(item, v) for v in value)
    if origin is dict:
        return dict(value)
    if origin is Literal:
        return value
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_dict(value)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    return value


@functools.cache
def _field_hints(cls: type) -> dict[str, Any]:
    """Resolved annotations of a record's fields; cached because resolving
    them is far slower than building the record."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


class Record:
    """Mixin giving frozen dataclasses a JSON-friendly round trip."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _to_plain(self)
        return out

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        hints = _field_hints(cast(type, cls))
        unknown = set(data) - set(hints)
        if unknown:
            raise ValueError(f"{cls.__name__}.from_dict: unknown keys {sorted(unknown)}")
        kwargs = {k: _from_plain(hints[k], v) for k, v in data.items()}
        return cls(**kwargs)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, kw_only=True, slots=True)
class Span(Record):
    """A stretch of an article's canonical text: ``article.text[start:end] == text``."""

    article_id: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Span offsets out of order: {self.start}..{self.end}")
        if self.end - self.start != len(self.text):
            raise ValueError("Span text length does not match its offsets")

    def holds_in(self, article_text: str) -> bool:
        return article_text[self.start : self.end] == self.text


@dataclass(frozen=True, kw_only=True, slots=True)
class Article(Record):
    """One document as ingested: metadata plus the canonical (cleaned) text.

    ``id`` hashes the canonical text, so the same report reached through two
    files (or the same wire copy at two outlets) is stored once.
    """

    id: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str = "und"
    title: str | None = None
    text: str = ""
    raw_hash: str = ""
    source: str | None = None

    @staticmethod
    def make_id(text: str) -> str:
        return content_id("article", text)


@dataclass(frozen=True, kw_only=True, slots=True)
class Role(Record):
    """One participant or circumstance of a mention (actor, target, place, ...).

    ``resolved_id`` is filled by the resolve stage (an actor id, a GeoNames id);
    ``kind`` carries the role's type: an actor or side's *actor type* (ACLED
    inter codes), a target's *target type* (GTD-like), a weapon's class. The
    vocabularies are ``ACTOR_TYPES`` and ``TARGET_TYPES`` in
    :mod:`eventdesk.extract.taxonomy`; the field keeps the name the store,
    the exports and the API read.
    """

    role: Literal["actor", "target", "place", "time", "weapon", "side"]
    span: Span
    resolved_id: str | None = None
    kind: str | None = None
    name: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CasualtyCount(Record):
    """A count of people killed/injured/abducted/arrested as low/best/high."""

    kind: Literal["killed", "injured", "abducted", "arrested"]
    low: int | None
    best: int | None
    high: int | None
    span: Span
    rule: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class TimeRange(Record):
    """A time expression resolved against the publication date.

    ``start``/``end`` stay None when there is nothing to resolve against: a
    date is never invented.
    """

    span: Span | None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Literal["day", "week", "month", "year", "unknown"] = "unknown"


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention(Record):
    """One event as one article reports it."""

    id: str
    article_id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Span
    roles: tuple[Role, ...] = ()
    casualties: tuple[CasualtyCount, ...] = ()
    time: TimeRange | None = None
    status: Status = "asserted"
    status_cue: Span | None = None
    attributed_to: Span | None = None
    intra_group: bool = False
    extractor: str = ""
    extractor_version: str = ""
    score: float = 1.0

    @staticmethod
    def make_id(article_id: str, trigger: Span, sub_event_type: str) -> str:
        return content_id("mention", article_id, trigger.start, trigger.end, sub_event_type)

    def roles_of(self, role: str) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.role == role)

    def casualty(self, kind: str) -> CasualtyCount | None:
        return next((c for c in self.casualties if c.kind == kind), None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Event(Record):
    """The linked cluster of mentions of one real-world event, with fused fields."""

    id: str
    mention_ids: tuple[str, ...]
    event_type: str
    sub_event_type: str
    status: Status
    actor1: str | None = None
    actor2: str | None = None
    place_id: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    source_count: int = 1
    intra_group: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class StatClaim(Record):
    """A quoted statistic: never an event."""

    id: str
    article_id: str
    span: Span
    value: float
    unit: Literal["percent", "count"]
    population: str | None = None
    subset: str | None = None
    period: TimeRange | None = None
    perpetrator: str | None = None
    target: str | None = None
    source_chain: tuple[str, ...] = ()
    attributed_to: Span | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor(Record):
    """A resolved actor: a dictionary entry, or an unknown noun phrase kept as is."""

    id: str
    name: str
    actor_type: str | None = None
    country: str | None = None
    parent_id: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = True


@dataclass(frozen=True, kw_only=True, slots=True)
class Place(Record):
    """A resolved place; ``id`` is the GeoNames id where there is one."""

    id: str
    name: str
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country: str | None = None
    feature: str | None = None
    precision: int = 3


@dataclass(frozen=True, kw_only=True, slots=True)
class Review(Record):
    """An analyst's accept / reject / edit of an event or of one of its fields.

    Reviews are append-only: the latest one for a (target, field) wins for
    display, and the machine value underneath is never overwritten.
    """

    id: str
    target_kind: Literal["event", "mention"]
    target_id: str
    action: Literal["accept", "reject", "edit"]
    reviewer: str
    created_at: dt.datetime
    field: str | None = None
    value: Any = None
    reason: str = ""

    @staticmethod
    def make_id(target_id: str, field: str | None, reviewer: str, created_at: dt.datetime) -> str:
        return content_id("review", target_id, field, reviewer, created_at.isoformat())
