"""What the query layer hands out: frozen dataclasses, never untyped dicts.

An ``EventView`` is an event as an analyst sees it: the machine's fused
fields with the latest review laid over them, plus the names, places and
outlets the table, the map and the exports need. The machine ``Event`` stays
untouched in the store; ``EventDetail`` carries both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from eventdesk.records import Article, Event, Mention, Review
from eventdesk.store import EventRole

__all__ = [
    "ArticleView",
    "CountRow",
    "CountTable",
    "EventDetail",
    "EventPage",
    "EventView",
    "Highlight",
    "MergeView",
    "MentionView",
    "ReviewState",
    "RoleView",
    "ShareResult",
    "Unlinked",
    "UnlinkedArticle",
    "UnlinkedMention",
    "jsonable",
]


ReviewState = Literal["unreviewed", "accepted", "rejected", "edited"]


#: One actor/target role of the event's mentions, for filtering and display:
#: the store's row as it is, so there is one definition of its fields.
RoleView = EventRole


@dataclass(frozen=True, kw_only=True, slots=True)
class EventView:
    """An event as displayed: the latest review over the machine value."""

    id: str
    event_type: str
    sub_event_type: str
    status: str
    actor1: str | None
    actor1_name: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_name: str | None
    actor2_type: str | None
    place_id: str | None
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    start: dt.date | None
    end: dt.date | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    source_count: int
    intra_group: bool
    mention_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    roles: tuple[RoleView, ...]
    review_state: ReviewState = "unreviewed"
    reviewed_fields: tuple[str, ...] = ()
    #: How many reviews the event has (0: no analyst has looked at it).
    review_count: int = 0

    @property
    def target_kinds(self) -> tuple[str, ...]:
        return tuple(sorted({r.kind for r in self.roles if r.role == "target" and r.kind}))


@dataclass(frozen=True, kw_only=True, slots=True)
class EventPage:
    """One page of a filtered, sorted event list; ``total`` counts every match."""

    total: int
    limit: int
    offset: int
    events: tuple[EventView, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Highlight:
    """A span inside an excerpt; offsets are relative to the excerpt text."""

    kind: str  # trigger, actor, target, place, time, weapon, casualties, status_cue, attribution
    start: int
    end: int
    text: str
    label: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class MentionView:
    """One mention with the stretch of its article that supports it."""

    mention: Mention
    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    #: Where the article was read from (a path or feed), for an article without a title.
    source: str | None
    excerpt: str
    excerpt_start: int
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class EventDetail:
    """The event page: displayed values, machine values, evidence, review log
    (every review anchored on its mentions) and merge log."""

    event: EventView
    machine: Event
    mentions: tuple[MentionView, ...]
    reviews: tuple[Review, ...]
    merges: tuple[MergeView, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class MergeView:
    """One row of an event's merge log: mention ``right`` joined ``left`` by
    ``rule`` because ``matched`` (or an analyst's decision), first made at ``first_seen``."""

    left: str
    right: str
    rule: str
    matched: tuple[str, ...]
    decision_id: str | None
    first_seen: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleView:
    """An article's canonical text with every mention's spans over the whole text."""

    article: Article
    highlights: tuple[Highlight, ...]
    event_ids: tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class UnlinkedArticle:
    """An article none of whose mentions belongs to an event, and why."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    source: str | None
    language: str
    mentions: int
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class UnlinkedMention:
    """A mention that belongs to no event, with its sentence and why."""

    id: str
    article_id: str
    title: str | None
    outlet: str | None
    event_type: str
    sub_event_type: str
    status: str
    trigger: str
    sentence: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Unlinked:
    """What linking left out, one page of each: articles and mentions in no event."""

    articles_total: int
    mentions_total: int
    limit: int
    offset: int
    articles: tuple[UnlinkedArticle, ...]
    mentions: tuple[UnlinkedMention, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class CountRow:
    key: str
    label: str
    events: int
    fatalities: int


@dataclass(frozen=True, kw_only=True, slots=True)
class CountTable:
    """Event and fatality counts grouped by one dimension."""

    by: str
    total: int
    rows: tuple[CountRow, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class ShareResult:
    """Of actor A's events in period P, the share that hit target type T.

    ``low``/``high`` bound the Wilson score interval at ``confidence``; all
    three are None when the denominator is empty. ``numerator_ids`` and
    ``denominator_ids`` are the events behind the numbers (the drill-down);
    ``reasons[i]`` says why ``numerator_ids[i]`` counts ("target kind
    business", "event type Violence against civilians", ...).
    """

    actor: str
    target_type: str
    since: dt.date | None
    until: dt.date | None
    confidence: float
    method: str
    numerator: int
    denominator: int
    share: float | None
    low: float | None
    high: float | None
    numerator_ids: tuple[str, ...]
    denominator_ids: tuple[str, ...]
    reasons: tuple[str, ...] = ()


def jsonable(value: Any) -> Any:
    """Plain JSON types for any view or record (dates as ISO strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, EventView):
            out["target_kinds"] = list(value.target_kinds)
        return out
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value
