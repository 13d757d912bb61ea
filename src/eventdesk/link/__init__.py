"""Link stage: mentions of the same real-world event become one Event.

Which pairs of mentions tell of one event is decided by the rules in
``link/rules.py``; each merge says which rule and which features matched, and
the store keeps every one in an append-only merge log. Linking is

- order-free: the same mentions give the same events, ids and fused fields in
  whatever order their reports were ingested. Candidate pairs are merged
  strongest first (most features matched, then by mention id), and an event's
  id hashes its *anchor*, the earliest-published mention (then article id,
  trigger offset, mention id), so an event keeps its id as later reports join;
- never transitive across a contradiction: two mentions that disagree (two
  actors, two places, dates apart, a report counting two blasts) never end in
  one event, even through a third mention that agrees with both;
- correctable: analysts' ``LinkDecision``s (split or link, on mention ids)
  come before every rule, and reviews of single mentions (``MentionFix``)
  replace the machine's values or take a mention out (link/corrections.py).

An event's ``source_count`` counts sources, not articles: an outlet's
corrected or updated copy at the same URL is a new version of one source
(see ``source_key``), so one outlet reporting once is one source however often
it revised the page.

Mentions of things that did not happen (planned, hypothetical, negated), and
background the report dates long before it was published (historical), are
never events; they stay in the mentions table for audit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from eventdesk.link.corrections import MENTION_FIELDS, LinkDecision, MentionFix, mention_fixes, pair_decisions
from eventdesk.link.rules import Facts, contradiction, facts_of, match
from eventdesk.records import STATUSES, Event, Mention, content_id

__all__ = [
    "EVENT_STATUSES",
    "MENTION_FIELDS",
    "LinkDecision",
    "Linking",
    "Merge",
    "MentionFix",
    "link",
    "linking",
    "mention_fixes",
    "source_key",
]

#: Statuses that can stand behind an event row; the rest describe non-events.
EVENT_STATUSES = frozenset({"asserted", "reported", "alleged", "claimed", "denied"})
#: The rule name of a merge an analyst forced.
ANALYST_LINK = "analyst-link"


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
class Merge:
    """One merge the linker made: ``right`` joined ``left``'s event, by ``rule``,
    because of ``matched`` (features, or the analyst's decision)."""

    event_id: str
    left: str
    right: str
    rule: str
    matched: tuple[str, ...]
    decision_id: str | None = None

    @property
    def id(self) -> str:
        """Stable across relinks: the log records each merge once."""
        return content_id("merge", self.event_id, self.left, self.right, self.rule, self.matched)


@dataclass(frozen=True, kw_only=True, slots=True)
class Linking:
    """What one relink made: the events, and the merges that made them."""

    events: list[Event]
    merges: list[Merge]


class _Groups:
    """Union-find over mention indexes that keeps each group's members, so a
    merge can be refused when any pair across two groups contradicts."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = sorted((self.find(i), self.find(j)))
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


def _blocks(facts: Sequence[Facts]) -> list[list[int]]:
    """Candidate groups: only mentions sharing an article, or a place and an
    event type, can link by rule, so comparing within these blocks keeps
    linking near-linear."""
    blocks: dict[tuple[str, ...], list[int]] = {}
    for i, f in enumerate(facts):
        blocks.setdefault(("article", f.article_id), []).append(i)
        if f.place:
            blocks.setdefault(("place", f.place, f.event_type), []).append(i)
    return list(blocks.values())


def _candidates(facts: Sequence[Facts]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Every pair a rule links, strongest first (most features matched), ties
    by position (the facts are in key order): the order they are merged in."""
    found: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
    for block in _blocks(facts):
        for x, i in enumerate(block):
            for j in block[x + 1 :]:  # blocks list indexes in order: i < j
                if (i, j) not in found and (m := match(facts[i], facts[j])) is not None:
                    found[i, j] = m
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
    return [(i, j, rule, matched) for (i, j), (rule, matched) in ranked]


def _cluster(facts: Sequence[Facts], decisions: Iterable[LinkDecision]) -> tuple[list[list[int]], list[Merge]]:
    """Groups of fact indexes, and the merges (event ids filled in later)."""
    index = {f.mention.id: i for i, f in enumerate(facts)}
    pairs = pair_decisions(decisions)
    apart = {
        frozenset(index[m] for m in pair)
        for pair, d in pairs.items()
        if d.action == "split" and all(m in index for m in pair)
    }
    groups = _Groups(len(facts))
    merges: list[Merge] = []

    # Groups only grow, so a root and a size name one membership: a refusal
    # between two groups is computed once, however many pairs lead to it.
    seen: dict[tuple[int, int, int, int, bool], bool] = {}

    def refused(i: int, j: int, *, by_rule: bool) -> bool:
        gi, gj = groups.members[groups.find(i)], groups.members[groups.find(j)]
        key = (gi[0], len(gi), gj[0], len(gj), by_rule)
        if key not in seen:
            seen[key] = any(
                frozenset((x, y)) in apart or (by_rule and contradiction(facts[x], facts[y]) is not None)
                for x in gi
                for y in gj
            )
        return seen[key]

    # 1. An analyst's link comes first and beats the rules (not a split).
    forced = sorted(
        (
            (min(ij), max(ij), d)
            for pair, d in pairs.items()
            if d.action == "link" and all(m in index for m in pair)
            for ij in [[index[m] for m in pair]]
        ),
        key=lambda t: (t[0], t[1]),
    )
    for i, j, d in forced:
        if groups.find(i) != groups.find(j) and not refused(i, j, by_rule=False):
            groups.union(i, j)
            merges.append(_merge(facts, i, j, ANALYST_LINK, (f"decision by {d.reviewer}",), d.id))
    # 2. The rules, strongest pair first, never across a contradiction or a split.
    for i, j, rule, matched in _candidates(facts):
        if groups.find(i) != groups.find(j) and not refused(i, j, by_rule=True):
            groups.union(i, j)
            merges.append(_merge(facts, i, j, rule, matched, None))
    return [sorted(m) for m in groups.members.values()], merges


def _merge(facts: Sequence[Facts], i: int, j: int, rule: str, matched: tuple[str, ...], decision: str | None) -> Merge:
    return Merge(
        event_id="",
        left=facts[i].mention.id,
        right=facts[j].mention.id,
        rule=rule,
        matched=matched,
        decision_id=decision,
    )


def _most_common(values: Sequence[str | None]) -> str | None:
    """The most frequent value; a tie goes to the one seen first (the facts are
    in key order, so the tie-break does not depend on ingest order)."""
    present = [v for v in values if v]
    if len(present) <= 1 or len(set(present)) == 1:  # most events: one report, or one value
        return present[0] if present else None
    return Counter(present).most_common(1)[0][0]


def _fused_dates(group: Sequence[Facts]) -> tuple[dt.date | None, dt.date | None]:
    """The range all reports agree on, or, when they only overlap within the
    slack, the range that covers them all."""
    ranges = [(f.start, f.end or f.start) for f in group if f.start]
    if not ranges:
        return None, None
    start, end = max(r[0] for r in ranges), min(r[1] for r in ranges)
    if start <= end:
        return start, end
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _actor_names(f: Facts) -> list[str]:
    """A mention's actors as its report names them, or the one an analyst gave it (MentionFix)."""
    if f.reviewed_actor:
        return [f.reviewed_actor]
    return [r.resolved_id or r.span.text for r in f.mention.roles if r.role == "actor"]


def _fuse(group: Sequence[Facts], sources: Mapping[str, str]) -> Event:
    mentions = [f.mention for f in group]
    anchor = group[0]
    killed = [f.killed for f in group if f.killed is not None]
    lows = [k[0] for k in killed if k[0] is not None]
    bests = [k[1] for k in killed if k[1] is not None]
    highs = [k[2] for k in killed if k[2] is not None]
    actors = [a for f in group for a in _actor_names(f)]
    targets = [r.resolved_id or r.span.text for m in mentions for r in m.roles if r.role == "target"]
    start, end = _fused_dates(group)
    return Event(
        id=content_id("event", anchor.mention.id),
        mention_ids=tuple(m.id for m in mentions),
        event_type=_most_common([f.event_type for f in group]) or anchor.event_type,
        sub_event_type=_most_common([f.sub_event_type for f in group]) or anchor.sub_event_type,
        # The most certain status any report gives: one asserting source makes it asserted.
        status=min((f.status for f in group), key=STATUSES.index),
        actor1=_most_common(actors),
        actor2=_most_common(targets),
        place_id=_most_common([f.place for f in group]),
        start=start,
        end=end,
        fatalities_low=min(lows) if lows else None,
        fatalities_best=int(statistics.median_low(bests)) if bests else None,
        fatalities_high=max(highs) if highs else None,
        source_count=len({sources.get(m.article_id, m.article_id) for m in mentions}),
        intra_group=any(m.intra_group for m in mentions),
    )


def linking(
    mentions: Sequence[Mention],
    sources: Mapping[str, str] | None = None,
    *,
    published: Mapping[str, dt.date | None] | None = None,
    decisions: Iterable[LinkDecision] = (),
    fixes: Mapping[str, MentionFix] | None = None,
) -> Linking:
    """Events from ``mentions`` (in any order), with the merges that made them.

    ``sources`` maps an article id to its source (``source_key``); versions of
    one page share a source and count once in ``source_count``. An article it
    does not name, or every article when it is None, is its own source.
    ``published`` maps an article id to its publication date (the anchor is the
    earliest-published mention). ``decisions`` and ``fixes`` are the analysts'
    (link/corrections.py)."""
    sources, published, fixes = sources or {}, published or {}, fixes or {}
    # A mention an analyst rejected stands behind no event; nor does one whose
    # (reviewed) status says it did not happen.
    kept = (facts_of(m, published.get(m.article_id), fixes.get(m.id)) for m in mentions if not _rejected(fixes, m.id))
    facts = sorted((f for f in kept if f.status in EVENT_STATUSES), key=lambda f: f.key)
    groups, merges = _cluster(facts, decisions)
    events: list[Event] = []
    event_of: dict[str, str] = {}
    for group in groups:
        event = _fuse([facts[i] for i in group], sources)
        events.append(event)
        event_of.update(dict.fromkeys(event.mention_ids, event.id))
    logged = [dataclasses.replace(m, event_id=event_of[m.left]) for m in merges]
    return Linking(events=sorted(events, key=lambda e: (e.start or dt.date.min, e.id)), merges=logged)


def _rejected(fixes: Mapping[str, MentionFix], mention_id: str) -> bool:
    fix = fixes.get(mention_id)
    return fix is not None and fix.rejected


def link(
    mentions: Sequence[Mention],
    sources: Mapping[str, str] | None = None,
    *,
    published: Mapping[str, dt.date | None] | None = None,
    decisions: Iterable[LinkDecision] = (),
    fixes: Mapping[str, MentionFix] | None = None,
) -> list[Event]:
    """The events of ``linking`` (same arguments), without the merge log."""
    return linking(mentions, sources, published=published, decisions=decisions, fixes=fixes).events
