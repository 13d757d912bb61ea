"""The review queue: the events an editor should look at first, one after another.

An event waits in the queue until someone reviews it (any review takes it out).
Each waiting event gets the reasons it needs a look, each with a weight, and
the queue is ordered by the sum, highest first (then fewer sources, then the
newest). The reasons, as issue 13 lists them:

- an uncertain status: alleged or claimed (denied too: a denial is a claim);
- conflicting sources: its mentions disagree on the sub-event type or the
  status, name different (resolved) actors, or its fatality figures span a
  range (low < high);
- low confidence: a mention the extractor scored below ``LOW_CONFIDENCE``;
- an unresolved place or actor;
- a single source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.query.views import EventView
from eventdesk.records import Mention

__all__ = [
    "LOW_CONFIDENCE",
    "QUEUE_WEIGHTS",
    "QueueItem",
    "ReviewQueue",
    "queue_item",
    "queue_order",
    "queue_reasons",
]

#: A mention scored below this by its extractor is low confidence.
LOW_CONFIDENCE = 0.5

#: Reason kind -> its weight in the queue's order.
QUEUE_WEIGHTS: dict[str, int] = {
    "status": 3,
    "conflict": 3,
    "confidence": 2,
    "place": 2,
    "actor": 2,
    "sources": 1,
}

_UNCERTAIN = ("alleged", "claimed", "denied")


@dataclass(frozen=True, kw_only=True, slots=True)
class QueueItem:
    """One waiting event, with why it needs a look and how much (``priority``)."""

    event: EventView
    priority: int
    reasons: tuple[str, ...]
    #: The lowest score any of its mentions has (None: no mention read).
    confidence: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class ReviewQueue:
    """One page of the queue; ``total`` counts every waiting event."""

    total: int
    limit: int
    offset: int
    items: tuple[QueueItem, ...]


def _conflicts(event: EventView, mentions: Sequence[Mention]) -> list[str]:
    out = []
    if len({m.sub_event_type for m in mentions}) > 1:
        out.append("sources disagree on the sub-event type")
    if len({m.status for m in mentions}) > 1:
        out.append("sources disagree on the status")
    actors = {r.resolved_id for m in mentions for r in m.roles_of("actor") if r.resolved_id}
    if len(actors) > 1:
        out.append("sources name different actors")
    low, high = event.fatalities_low, event.fatalities_high
    if low is not None and high is not None and low < high:
        out.append(f"fatality figures disagree: {low}-{high}")
    return out


def queue_reasons(event: EventView, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """(kind, reason) for each reason ``event`` needs a look; ``mentions`` are its mentions."""
    found: list[tuple[str, str]] = []
    if event.status in _UNCERTAIN:
        found.append(("status", f"status {event.status}"))
    found.extend(("conflict", text) for text in _conflicts(event, mentions))
    lowest = min((m.score for m in mentions), default=None)
    if lowest is not None and lowest < LOW_CONFIDENCE:
        found.append(("confidence", f"low confidence {lowest:.2f}"))
    if not event.place_id:
        found.append(("place", "place not resolved"))
    if not event.actor1:
        found.append(("actor", "actor not resolved"))
    if event.source_count <= 1:
        found.append(("sources", "single source"))
    return found


def queue_item(event: EventView, mentions: Sequence[Mention]) -> QueueItem:
    reasons = queue_reasons(event, mentions)
    return QueueItem(
        event=event,
        priority=sum(QUEUE_WEIGHTS[kind] for kind, _ in reasons),
        reasons=tuple(text for _, text in reasons),
        confidence=min((m.score for m in mentions), default=None),
    )


def queue_order(items: Sequence[QueueItem]) -> list[QueueItem]:
    """Highest priority first; then fewer sources, the newest, the id (a stable order)."""
    by_id = sorted(items, key=lambda i: i.event.id)
    dated = sorted(by_id, key=lambda i: i.event.start.toordinal() if i.event.start else 0, reverse=True)
    return sorted(dated, key=lambda i: (-i.priority, i.event.source_count))
