"""Link stage: mentions of the same real-world event become one Event.

Two mentions are linked when they agree on everything both of them know:
the event type, the place (or one lacks it), overlapping dates (or one lacks
them and both come from the same article), and at least one shared actor
when both name one. Linking is transitive (union-find), deterministic, and
order-independent except for the anchor: an event's id hashes its first
mention in ingest order, so it stays put as later reports join, and the
analysts' reviews keep pointing at it.

An event's ``source_count`` counts sources, not articles: an outlet's
corrected or updated copy at the same URL is a new version of one source
(see ``source_key``), so one outlet reporting once is one source however often
it revised the page.

Mentions of things that did not happen (planned, hypothetical, negated), and
background the report dates long before it was published (historical), are
never events; they stay in the mentions table for audit.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from eventdesk.records import STATUSES, Event, Mention, content_id

__all__ = ["EVENT_STATUSES", "link", "source_key"]

#: Statuses that can stand behind an event row; the rest describe non-events.
EVENT_STATUSES = frozenset({"asserted", "reported", "alleged", "claimed", "denied"})
#: How far apart two reports' dates may be and still be the same event; wire
#: reports of a strike often date it by the day of reporting.
DATE_SLACK = dt.timedelta(days=1)


def source_key(url: str | None, article_id: str) -> str:
    """The source an article is a version of: its URL when it has one, with the
    scheme and host lower-cased, the fragment and a trailing slash on the path
    dropped (the query string is kept: it can name a different page); the
    article id when it has none, so each URL-less article is its own source."""
    if not url or not url.strip():
        return f"article:{article_id}"
    try:
        parts = urlsplit(url.strip())
        netloc = parts.netloc.lower()
    except ValueError:  # an unparseable URL (a bad port, a stray bracket) is still one page
        return f"url:{url.strip()}"
    path = parts.path.rstrip("/")
    return "url:" + urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))


@dataclass(frozen=True, kw_only=True, slots=True)
class _Facts:
    """What linking compares, pulled out of a mention once."""

    mention: Mention
    order: int
    place: str | None
    actors: frozenset[str]
    start: dt.date | None
    end: dt.date | None


def _facts(mention: Mention, order: int) -> _Facts:
    place = next((r.resolved_id for r in mention.roles_of("place") if r.resolved_id), None)
    actors = frozenset(r.resolved_id or r.span.text.lower() for r in mention.roles if r.role in ("actor", "side"))
    time = mention.time
    return _Facts(
        mention=mention,
        order=order,
        place=place,
        actors=actors,
        start=time.start if time else None,
        end=time.end if time else None,
    )


def _dates_agree(a: _Facts, b: _Facts) -> bool:
    if a.start is None or b.start is None:
        return a.mention.article_id == b.mention.article_id
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start - DATE_SLACK <= b_end and b.start - DATE_SLACK <= a_end


def same_event(a: _Facts, b: _Facts) -> bool:
    """True when nothing either mention knows contradicts the other."""
    if a.mention.event_type != b.mention.event_type:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if not (a.place and b.place) and a.mention.article_id != b.mention.article_id:
        return False  # across articles, a place is what makes two reports one event
    if a.actors and b.actors and not a.actors & b.actors:
        return False
    if a.mention.intra_group != b.mention.intra_group:
        return False
    if a.mention.article_id == b.mention.article_id and _certain(a.mention) != _certain(b.mention):
        # One report telling of a confirmed strike and an alleged "second
        # strike" tells of two events, not one event twice.
        return False
    return _dates_agree(a, b)


def _certain(mention: Mention) -> bool:
    """Asserted, reported, or claimed by its perpetrator ("X claimed
    responsibility for the attack" is about the attack just reported)."""
    return mention.status in ("asserted", "reported", "claimed")


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _blocks(facts: Sequence[_Facts]) -> list[list[int]]:
    """Candidate groups: only mentions sharing an article or a place can link,
    so comparing within these blocks keeps linking near-linear in corpus size."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        blocks.setdefault(("article", f.mention.article_id), []).append(i)
        if f.place:
            blocks.setdefault(("place", f.place), []).append(i)
    return list(blocks.values())


def _clusters(facts: Sequence[_Facts]) -> list[list[_Facts]]:
    parent = list(range(len(facts)))
    for block in _blocks(facts):
        for x, i in enumerate(block):
            for j in block[x + 1 :]:
                if _find(parent, i) != _find(parent, j) and same_event(facts[i], facts[j]):
                    parent[_find(parent, j)] = _find(parent, i)
    groups: dict[int, list[_Facts]] = {}
    for i, f in enumerate(facts):
        groups.setdefault(_find(parent, i), []).append(f)
    return [sorted(g, key=lambda f: f.order) for g in groups.values()]


def _most_common(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _fused_dates(group: Sequence[_Facts]) -> tuple[dt.date | None, dt.date | None]:
    """The range all reports agree on, or, when they only overlap within the
    slack, the range that covers them all."""
    ranges = [(f.start, f.end or f.start) for f in group if f.start]
    if not ranges:
        return None, None
    start, end = max(r[0] for r in ranges), min(r[1] for r in ranges)
    if start <= end:
        return start, end
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _fuse(group: Sequence[_Facts], sources: Mapping[str, str]) -> Event:
    mentions = [f.mention for f in group]
    anchor = mentions[0]
    killed = [c for m in mentions if (c := m.casualty("killed")) is not None]
    bests = [c.best for c in killed if c.best is not None]
    lows = [c.low for c in killed if c.low is not None]
    highs = [c.high for c in killed if c.high is not None]
    actor_roles = [r for m in mentions for r in m.roles_of("actor")]
    target_roles = [r for m in mentions for r in m.roles_of("target")]
    start, end = _fused_dates(group)
    return Event(
        id=content_id("event", anchor.id),
        mention_ids=tuple(m.id for m in mentions),
        event_type=anchor.event_type,
        sub_event_type=_most_common([m.sub_event_type for m in mentions]) or anchor.sub_event_type,
        # The most certain status any report gives: one asserting source makes it asserted.
        status=min((m.status for m in mentions), key=STATUSES.index),
        actor1=_most_common([r.resolved_id or r.span.text for r in actor_roles]),
        actor2=_most_common([r.resolved_id or r.span.text for r in target_roles]),
        place_id=_most_common([f.place for f in group]),
        start=start,
        end=end,
        fatalities_low=min(lows) if lows else None,
        fatalities_best=int(statistics.median_low(bests)) if bests else None,
        fatalities_high=max(highs) if highs else None,
        source_count=len({sources.get(m.article_id, m.article_id) for m in mentions}),
        intra_group=any(m.intra_group for m in mentions),
    )


def link(mentions: Sequence[Mention], sources: Mapping[str, str] | None = None) -> list[Event]:
    """Events from ``mentions`` given in ingest order (the anchor is the first).

    ``sources`` maps an article id to its source (``source_key``); versions of
    one page share a source and count once in ``source_count``. An article it
    does not name, or every article when it is None, is its own source."""
    sources = sources or {}
    facts = [_facts(m, i) for i, m in enumerate(mentions) if m.status in EVENT_STATUSES]
    by_type: dict[str, list[_Facts]] = {}
    for f in facts:
        by_type.setdefault(f.mention.event_type, []).append(f)
    events = [_fuse(group, sources) for same_type in by_type.values() for group in _clusters(same_type)]
    return sorted(events, key=lambda e: (e.start or dt.date.min, e.id))
