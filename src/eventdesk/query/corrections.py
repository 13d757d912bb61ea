"""Analysts correct the linker: split a wrong merge, force a link, review one
mention, and read where an event's reviews and merges went.

Every correction is anchored on mention ids (``eventdesk.link.corrections``)
and is followed at once by a relink, so the events the desk shows agree with
it; later relinks and re-ingests apply it again (the decisions and reviews
are in the store, and mention ids are content hashes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eventdesk.errors import EventdeskError
from eventdesk.link import LinkDecision
from eventdesk.pipeline import relink
from eventdesk.query.views import MergeView
from eventdesk.records import Event, Review
from eventdesk.store import SQLiteStore

__all__ = ["decide", "history", "merge_log", "resolve_event"]


def resolve_event(store: SQLiteStore, event_id: str) -> Event:
    """The event with ``event_id``, or the one event that now holds the mentions
    of an id a relink retired (merged into another); ED040 naming the events
    when it was split, or when no event ever had the id."""
    found = store.event(event_id)
    if found is not None:
        return found
    now = store.current_event_ids(event_id)
    if len(now) == 1:
        event = store.event(now[0])
        if event is not None:
            return event
    if now:
        raise EventdeskError("ED040", f"event {event_id!r} was split; its mentions are now in {', '.join(now)}")
    raise EventdeskError("ED040", f"no event with id {event_id!r}")


def history(store: SQLiteStore, event_id: str) -> tuple[Review, ...]:
    """An event's review log: every review anchored on its mentions (those of
    the events it was merged from included, and those of mentions an analyst
    took out of it). An id a relink retired answers with the log of the events
    holding its mentions now, never a 404."""
    standing = store.event(event_id)
    events = [standing] if standing else [store.event(e) for e in store.current_event_ids(event_id)]
    mentions = [m for e in events if e is not None for m in e.mention_ids]
    if mentions:
        return tuple(store.reviews_about([*mentions, *store.dropped_mentions(event_id)]))
    # An event whose every mention an analyst took out keeps the log of its id.
    kept = store.reviews(event_id)
    if not kept:
        raise EventdeskError("ED040", f"no event with id {event_id!r}")
    return tuple(kept)


def merge_log(store: SQLiteStore, event: Event) -> tuple[MergeView, ...]:
    """The logged merges between the event's mentions, oldest first (one row per
    pair and rule: a relink that changed only the event's id adds nothing new)."""
    seen: dict[tuple[str, str, str], MergeView] = {}
    for merge, first_seen in store.merges_within(event.mention_ids):
        key = (merge.left, merge.right, merge.rule)
        seen.setdefault(
            key,
            MergeView(
                left=merge.left,
                right=merge.right,
                rule=merge.rule,
                matched=merge.matched,
                decision_id=merge.decision_id,
                first_seen=first_seen,
            ),
        )
    return tuple(seen.values())


def decide(
    store: SQLiteStore,
    action: str,
    left: Sequence[str],
    right: Sequence[str],
    *,
    reviewer: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> LinkDecision:
    """Record a split (``left`` apart from ``right``) or a forced link, then relink."""
    if action not in ("split", "link"):
        raise EventdeskError("ED042", "link decision: action must be split or link")
    if not reviewer.strip():
        raise EventdeskError("ED042", "link decision: reviewer is empty")
    if not left or not right or set(left) & set(right):
        raise EventdeskError("ED042", f"link decision: {action} needs two groups of mentions that do not overlap")
    created = now or dt.datetime.now(dt.UTC)
    decision = LinkDecision(
        id=LinkDecision.make_id(action, left, right, reviewer.strip(), created),
        action=action,  # type: ignore[arg-type]
        left=tuple(sorted(left)),
        right=tuple(sorted(right)),
        reviewer=reviewer.strip(),
        created_at=created,
        reason=reason.strip(),
    )
    store.add_link_decision(decision)
    relink(store)
    return decision
