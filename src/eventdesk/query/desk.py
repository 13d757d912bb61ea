"""The analyst's desk: one read (and review) API over a store.

The CLI, the REST API, the web UI and the exports all go through ``Desk``;
its method names are the verbs they use (``query``, ``counts``, ``share``,
``review``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal, Unpack

from eventdesk.errors import EventdeskError
from eventdesk.link import EVENT_STATUSES
from eventdesk.pipeline import relink
from eventdesk.query import corrections, views
from eventdesk.query.current import refresh, rows_for, view_of
from eventdesk.query.filters import DEFAULT_STATUSES, SORTS, EventFilter
from eventdesk.query.load import Catalog, load_catalog, load_events
from eventdesk.query.match import criteria
from eventdesk.query.queue import ReviewQueue, queue_item, queue_order
from eventdesk.query.reviews import EDITABLE_FIELDS, FATALITY_FIELDS, ReviewAsk, coordinate_place, make_review
from eventdesk.query.stats import (
    CIVILIANS,
    COUNT_COLUMNS,
    COUNT_DIMENSIONS,
    COUNT_KEY_KINDS,
    MAX_CONFIDENCE,
    count_table,
    one_key,
    wilson_interval,
)
from eventdesk.records import STATUSES, Article, Mention, Place, Review, Span
from eventdesk.resolve.gazetteer import Gazetteer
from eventdesk.resolve.places import place_by_id
from eventdesk.store import SQLiteStore, ViewCriteria

__all__ = ["Desk"]

#: How far (characters) outside the mention's sentence a span may lie and
#: still be shown in the excerpt (an attribution in the next sentence).
_EXCERPT_REACH = 600


class Desk(AbstractContextManager["Desk"]):
    """Read events as analysts see them, and record their reviews (``with Desk.open(...)``)."""

    def __init__(self, store: SQLiteStore, gazetteer: Gazetteer | None = None) -> None:
        self.store = store
        self._gaz = gazetteer

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True, any_thread: bool = False) -> Desk:
        """A desk over the database at ``path``, a SQLite file or a ``postgresql://`` URL
        (``SQLiteStore.open``'s options); a desk
        reads what was ingested, so a path with no database is refused (ED022)."""
        return cls(SQLiteStore.open(path, migrate=migrate, any_thread=any_thread, create=False))

    def close(self) -> None:
        self.store.close()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- events ------------------------------------------------------------

    def _criteria(self, flt: EventFilter) -> ViewCriteria:
        """``flt`` for the store, after making sure every event has its current row."""
        refresh(self.store)
        actor_ids = Catalog(self.store.actors(), ()).actor_ids_matching(flt.actor) if flt.actor else set()
        return criteria(flt, actor_ids)

    def batches(
        self, flt: EventFilter | None = None, *, sort: str = "date", batch: int = 2000
    ) -> Iterator[list[views.EventView]]:
        """Every event passing ``flt``, sorted, ``batch`` at a time (an export of any
        size holds one batch in memory)."""
        _check_sort(sort)
        for rows in self.store.current_rows(self._criteria(flt or EventFilter()), sort, batch=batch):
            yield [view_of(r) for r in rows]

    def select(self, flt: EventFilter | None = None, *, sort: str = "date") -> tuple[views.EventView, ...]:
        """Every event passing ``flt``, sorted."""
        return tuple(v for chunk in self.batches(flt, sort=sort) for v in chunk)

    def query(
        self,
        flt: EventFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
    ) -> views.EventPage:
        """One page of the events passing ``flt``; ``total`` counts them all."""
        if offset < 0 or (limit is not None and limit < 0):
            raise EventdeskError("ED042", "limit and offset must not be negative")
        _check_sort(sort)
        where = self._criteria(flt or EventFilter())
        total = self.store.current_count(where)
        rows = self.store.current_rows(where, sort, limit=limit, offset=offset)
        events = tuple(view_of(r) for chunk in rows for r in chunk)
        return views.EventPage(
            total=total, limit=max(0, total - offset) if limit is None else limit, offset=offset, events=events
        )

    def event(self, event_id: str) -> views.EventDetail:
        """An event (its id or a unique prefix of it) with its machine values,
        mentions and evidence, review log and merge log. An id a relink retired by
        a merge answers with the event that holds its mentions now
        (``corrections.resolve_event``)."""
        machine = corrections.resolve_event(self.store, self._known_or_prefix(event_id))
        (view,) = load_events(self.store, load_catalog(self.store), ids=[machine.id])
        mentions = self.store.mentions_by_id(machine.mention_ids)
        places = self._place_names(mentions)
        return views.EventDetail(
            event=view,
            machine=machine,
            mentions=tuple(self._mention_view(m, places) for m in mentions),
            reviews=corrections.history(self.store, machine.id),
            merges=corrections.merge_log(self.store, machine),
        )

    def history(self, event_id: str) -> tuple[Review, ...]:
        """The review log of an event (its id or a unique prefix of it), or of an id a
        merge or a split retired."""
        return corrections.history(self.store, self._known_or_prefix(event_id))

    def _known_or_prefix(self, event_id: str) -> str:
        """``event_id`` itself when it is an event's id, standing or retired by a relink
        (or one whose reviews are kept); otherwise the one event it is a prefix of."""
        event_id = event_id.strip()
        if self.store.event(event_id) or self.store.current_event_ids(event_id) or self.store.reviews(event_id):
            return event_id
        return self.event_id(event_id)

    def _place_names(self, mentions: list[Mention]) -> dict[str, str]:
        ids = {r.resolved_id for m in mentions for r in m.roles_of("place") if r.resolved_id}
        places = (self.store.place(i) for i in sorted(ids))
        return {p.id: p.name for p in places if p is not None}

    def _mention_view(self, m: Mention, places: dict[str, str]) -> views.MentionView:
        article = self.store.article(m.article_id)
        text = article.text if article else ""
        marks = [s for s in _mention_spans(m, places) if _near(s[1], m.sentence)]
        start = min([m.sentence.start, *(s.start for _, s, _ in marks)])
        end = max([m.sentence.end, *(s.end for _, s, _ in marks)])
        return views.MentionView(
            mention=m,
            article_id=m.article_id,
            outlet=article.outlet if article else None,
            url=article.url if article else None,
            title=article.title if article else None,
            published=article.published if article else None,
            source=article.source if article else None,
            excerpt=text[start:end],
            excerpt_start=start,
            highlights=tuple(
                views.Highlight(kind=k, start=s.start - start, end=s.end - start, text=s.text, label=lab)
                for k, s, lab in marks
            ),
        )

    def mention(self, mention_id: str) -> views.MentionView:
        """One mention (its id or a unique prefix of it) with the stretch of its article that supports it."""
        found = self.store.mentions_by_id(
            [_only(mention_id, self.store.ids_starting(mention_id.strip())[1], "mention")]
        )
        if not found:
            raise EventdeskError("ED040", f"no mention with id {mention_id!r}")
        return self._mention_view(found[0], self._place_names(found))

    def find(self, prefix: str) -> tuple[Literal["event", "mention"], str]:
        """The one event or mention whose id starts with ``prefix``; ED040 for none,
        ED043 for several (naming them)."""
        event_ids, mention_ids = self.store.ids_starting(prefix)
        if not event_ids and not mention_ids and self.store.current_event_ids(prefix):
            return "event", prefix  # an id a relink retired: ``event`` finds where it went
        found = _only(prefix, [*event_ids, *mention_ids], "record")
        return ("event", found) if found in event_ids else ("mention", found)

    def event_id(self, prefix: str) -> str:
        """The one event whose id starts with ``prefix`` (``events`` prints 8 characters);
        ED040 for none, ED043 for several (naming them)."""
        event_ids, _ = self.store.ids_starting(prefix.strip())
        return _only(prefix, event_ids, "event")

    def article(self, article_id: str) -> views.ArticleView:
        """An article (its id or a unique prefix of it): its text with the spans of all
        its mentions, and its events."""
        article_id = _only(article_id, self.store.article_ids_starting(article_id.strip()), "article")
        article: Article | None = self.store.article(article_id)
        if article is None:
            raise EventdeskError("ED040", f"no article with id {article_id!r}")
        mentions = self.store.mentions(article_id=article_id)
        places = self._place_names(mentions)
        highlights = sorted(
            (
                views.Highlight(kind=k, start=s.start, end=s.end, text=s.text, label=lab)
                for m in mentions
                for k, s, lab in _mention_spans(m, places)
                if s.holds_in(article.text)
            ),
            key=lambda h: (h.start, -h.end, h.kind),
        )
        return views.ArticleView(
            article=article,
            highlights=tuple(dict.fromkeys(highlights)),
            event_ids=tuple(self.store.article_event_ids(article_id)),
        )

    def queue(self, flt: EventFilter | None = None, *, limit: int | None = 20, offset: int = 0) -> ReviewQueue:
        """The review queue (``query/queue.py``): the unreviewed events passing ``flt``,
        most in need of a look first, each with its reasons. Unless ``flt`` names
        statuses, every status linking keeps is in it (alleged and claimed above all)."""
        if offset < 0 or (limit is not None and limit < 0):
            raise EventdeskError("ED042", "limit and offset must not be negative")
        flt = flt or EventFilter()
        if flt.statuses == DEFAULT_STATUSES:
            flt = flt.but(statuses=tuple(s for s in STATUSES if s in EVENT_STATUSES))
        waiting = self.select(flt.but(unreviewed=True))
        mentions = self.store.mentions_by_id(m for e in waiting for m in e.mention_ids)
        by_id = {m.id: m for m in mentions}
        items = queue_order([queue_item(e, [by_id[m] for m in e.mention_ids if m in by_id]) for e in waiting])
        stop = None if limit is None else offset + limit
        return ReviewQueue(
            total=len(items),
            limit=len(items) if limit is None else limit,
            offset=offset,
            items=tuple(items[offset:stop]),
        )

    def unlinked(self, *, limit: int | None = 50, offset: int = 0) -> views.Unlinked:
        """The articles and mentions that belong to no event (one page of each), each
        with why: a status that is never an event ("planned", "negated"), an article
        that was not coded (its language) or had no event mention at all."""
        if offset < 0 or (limit is not None and limit < 0):
            raise EventdeskError("ED042", "limit and offset must not be negative")
        if max(offset, limit or 0) > _SQL_INT_MAX:  # SQLite's LIMIT and OFFSET are 64-bit
            raise EventdeskError("ED042", f"limit and offset must be at most {_SQL_INT_MAX}")
        articles_total, articles = self.store.unlinked_articles(limit, offset)
        mentions_total, mentions = self.store.unlinked_mentions(limit, offset)
        sources = {a.id: a for a in (self.store.article(i) for i in {m.article_id for m in mentions}) if a}
        return views.Unlinked(
            articles_total=articles_total,
            mentions_total=mentions_total,
            limit=max(len(articles), len(mentions)) if limit is None else limit,
            offset=offset,
            articles=tuple(_unlinked_article(a, coded, n) for a, coded, n in articles),
            mentions=tuple(_unlinked_mention(m, sources.get(m.article_id)) for m in mentions),
        )

    def evidence_of(self, events: Sequence[views.EventView]) -> dict[str, tuple[str, ...]]:
        """event id -> the distinct source sentences of its mentions, in mention
        order, for many events in one read (an export asks for thousands)."""
        sentences = self.store.mention_sentences([e.id for e in events])
        out: dict[str, tuple[str, ...]] = {}
        for event in events:
            texts = (sentences.get(mid, "").strip() for mid in event.mention_ids)
            out[event.id] = tuple(dict.fromkeys(t for t in texts if t))
        return out

    # -- statistics ----------------------------------------------------------

    def civilian_targeting(self, events: Sequence[views.EventView]) -> dict[str, str]:
        """event id -> why civilians were its main or only target (``stats.hit_civilians``),
        for the events that were; the share statistic and the ACLED export both read it
        from the current rows, where it was worked out once (``query.current``)."""
        refresh(self.store)
        return self.store.current_civilians([e.id for e in events])

    def counts(self, flt: EventFilter | None = None, *, by: str = "type") -> views.CountTable:
        """Events and fatalities per key of dimension ``by`` (``COUNT_DIMENSIONS``), in SQL."""
        if by not in COUNT_DIMENSIONS:
            raise EventdeskError("ED042", f"by: choose from {', '.join(COUNT_DIMENSIONS)}")
        where = self._criteria(flt or EventFilter())
        groups: dict[tuple[str, str], list[int]] = {}
        total: int | None = None
        if by in COUNT_KEY_KINDS:
            found = [
                (one_key(None) if value is None else [(value, value)], n, f)
                for value, n, f in self.store.current_key_groups(where, COUNT_KEY_KINDS[by])
            ]
        else:
            key, label = COUNT_COLUMNS[by]
            found = [(one_key(k, lab), n, f) for k, lab, n, f in self.store.current_groups(where, key, label)]
            total = sum(n for _, n, _ in found)  # one group per event: no second count
        for keys, n, f in found:
            for pair in keys:
                counts = groups.setdefault(pair, [0, 0])
                counts[0] += n
                counts[1] += f
        return count_table(by, self.store.current_count(where) if total is None else total, groups)

    def share(
        self,
        *,
        actor: str,
        target_type: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        flt: EventFilter | None = None,
        confidence: float = 0.95,
    ) -> views.ShareResult:
        """Of ``actor``'s events (as perpetrator) in [since, until] passing ``flt``,
        the share with a target of kind ``target_type``, with its Wilson interval.

        ``target_type="civilians"`` counts an event by what it hit, whatever the
        wording: a target of any civilian kind (a market, a school, a mosque),
        Violence against civilians, a civilian victim actor, or a count of
        civilians killed, when civilians were the main or only target
        (``civilian_targeting``, the rule of the ACLED export's column too). Any other kind counts the
        events with a target role of that kind. ``reasons`` says, for each
        numerator event, why it counts.
        """
        if not 0 < confidence <= MAX_CONFIDENCE:  # also refuses NaN and infinities
            raise EventdeskError(
                "ED042", f"confidence must be above 0 and at most {MAX_CONFIDENCE}, got {confidence!r}"
            )
        base = (flt or EventFilter()).but(actor=actor, actor_role="perpetrator", since=since, until=until)
        wanted = target_type.strip().casefold()
        # Why each event counts was worked out when its current row was written
        # (``current.row_of``: stats.hit_civilians for civilians); other kinds are a key.
        found = self.store.current_share(self._criteria(base), None if wanted == CIVILIANS else wanted)
        denominator = [event_id for event_id, _ in found]
        numerator = [(event_id, why) for event_id, why in found if why is not None]
        n, k = len(denominator), len(numerator)
        low, high = wilson_interval(k, n, confidence) if n else (None, None)
        return views.ShareResult(
            actor=actor,
            target_type=target_type,
            since=since,
            until=until,
            numerator=k,
            denominator=n,
            share=k / n if n else None,
            low=low,
            high=high,
            confidence=confidence,
            method="wilson",
            numerator_ids=tuple(event_id for event_id, _ in numerator),
            denominator_ids=tuple(denominator),
            reasons=tuple(why for _, why in numerator),
        )

    # -- reviews -------------------------------------------------------------

    def review(self, event_id: str, **ask: Unpack[ReviewAsk]) -> Review:
        """Append an analyst's review of an event or of one mention (its id or a unique
        prefix of it) or of one of its fields: ``action``, ``reviewer``, and optionally
        ``field``, ``value`` and ``reason`` (``ReviewAsk``).

        Every value is checked, alone and against the values the event shows now
        (ED042): see ``make_review``. A review of an event is anchored on its
        mentions now, and appended with the event's current row under it; a review
        of a mention is applied by relinking at once (a rejected mention stands
        behind no event, an edit replaces the machine's value where mentions are
        compared and fused)."""
        kind, found = self.find(event_id.strip())
        place = self._reviewed_place(ask) if ask.get("field") == "place_id" and ask["action"] == "edit" else None
        if place is not None:
            ask = {**ask, "value": place.id}
        known = [*self.store.place_ids(), *([place.id] if place else [])]
        if kind == "mention":
            review = make_review(event_id=found, target_kind="mention", known_places=known, **ask)
            self.store.add_review(review, place=place)
            relink(self.store)
            refresh(self.store)  # the current values now, so a reader that cannot write never finds them stale
            return review
        event_id = corrections.resolve_event(self.store, found).id  # a retired id: where it went
        catalog = load_catalog(self.store)
        # One transaction: the review is checked against the values shown now, and
        # appended with the event's current row under it (no other write between).
        with self.store.writing():
            (view,) = load_events(self.store, catalog, ids=[event_id])
            shown = {f: getattr(view, f) for f in EDITABLE_FIELDS}
            # The machine's fatality figures yield to an analyst's (settle_fatalities):
            # an edit is held against the reviewed figures only.
            shown.update({f: None for f in FATALITY_FIELDS if f not in view.reviewed_fields})
            review = make_review(event_id=event_id, known_places=known, shown=shown, **ask)
            current = rows_for(self.store, [event_id], catalog=catalog, pending=[review]) if place is None else ()
            self.store.add_review(review, anchor=view.mention_ids, place=place, current=current)
        return review

    def _reviewed_place(self, ask: ReviewAsk) -> Place | None:
        """The place a reviewer sets that the database does not hold yet: a
        coordinate ("35.65,36.67@1") or any gazetteer id; None for a place the
        database holds or an empty value; ED042 for anything else."""
        value = ask.get("value")
        if value is None or value == "" or value in self.store.place_ids():
            return None
        place = coordinate_place(value)
        if place is not None:
            return place
        found = place_by_id(value, self._gazetteer()) if isinstance(value, str) else None
        if found is None:
            raise EventdeskError(
                "ED042",
                f"review: unknown place {value!r}: give a GeoNames id the gazetteer holds, "
                "or coordinates LAT,LON[@PRECISION 1-3]",
            )
        return found

    def _gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on the first review that needs it (cached index, about 0.4 s)."""
        if self._gaz is None:
            self._gaz = Gazetteer.load()
        return self._gaz

    # -- linking corrections -------------------------------------------------

    def split(self, event_id: str, mention_ids: Sequence[str], *, reviewer: str, reason: str = "") -> tuple[str, ...]:
        """Split the given mentions (ids or unique prefixes) off an event: they and
        the event's other mentions are never linked again, through any later relink
        or re-ingest. Returns the ids of the events that hold its mentions now."""
        event = self.store.event(self.event_id(event_id))
        if event is None:
            raise EventdeskError("ED040", f"no event with id {event_id!r}")
        off = [
            _only(p.strip(), [m for m in event.mention_ids if m.startswith(p.strip())], "mention") for p in mention_ids
        ]
        rest = [m for m in event.mention_ids if m not in off]
        if not off or not rest:
            raise EventdeskError("ED042", "split: name some of the event's mentions, not none and not all")
        corrections.decide(self.store, "split", off, rest, reviewer=reviewer, reason=reason)
        return tuple(self.store.current_event_ids(event.id))

    def link(self, event_ids: Sequence[str], *, reviewer: str, reason: str = "") -> str:
        """Force two or more events into one (ids or unique prefixes): their mentions
        stay linked through every later relink. Returns the event's id."""
        events = [self.store.event(self.event_id(e)) for e in event_ids]
        wanted = list(dict.fromkeys(e.id for e in events if e is not None))
        if len(wanted) < 2:
            raise EventdeskError("ED042", "link: name two or more different events")
        first, *others = [self.store.event(e) for e in wanted]
        left = list(first.mention_ids) if first else []
        right = [m for e in others if e is not None for m in e.mention_ids]
        corrections.decide(self.store, "link", left, right, reviewer=reviewer, reason=reason)
        return self.store.current_event_ids(wanted[0])[0]


#: The largest integer SQLite takes.
_SQL_INT_MAX = 2**63 - 1

#: How many ids an ambiguous prefix's error names.
_CANDIDATES_SHOWN = 10


def _only(prefix: str, ids: list[str], what: str) -> str:
    """The one id of ``ids`` (those starting with ``prefix``); ED040 for none, ED043 for several."""
    if len(ids) == 1:
        return ids[0]
    if not ids or not prefix.strip():
        raise EventdeskError("ED040", f"no {what} with id {prefix!r}")
    shown = ", ".join(sorted(ids)[:_CANDIDATES_SHOWN]) + (", ..." if len(ids) > _CANDIDATES_SHOWN else "")
    raise EventdeskError("ED043", f"{len(ids)} {what}s have ids starting {prefix!r}: {shown}; give more characters")


def _unlinked_article(article: Article, coded: bool, mentions: int) -> views.UnlinkedArticle:
    if not coded:
        reason = f"not coded: language {article.language!r} (only English is coded)"
    elif mentions == 0:
        reason = "no event mention found in its text"
    else:
        reason = f"none of its {mentions} mention(s) belongs to an event"
    return views.UnlinkedArticle(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        source=article.source,
        language=article.language,
        mentions=mentions,
        reason=reason,
    )


def _unlinked_mention(m: Mention, article: Article | None) -> views.UnlinkedMention:
    if m.status in EVENT_STATUSES:
        reason = "not linked to any event"
    else:
        reason = f"status {m.status}: never an event (events are {', '.join(sorted(EVENT_STATUSES))})"
    return views.UnlinkedMention(
        id=m.id,
        article_id=m.article_id,
        title=article.title if article else None,
        outlet=article.outlet if article else None,
        event_type=m.event_type,
        sub_event_type=m.sub_event_type,
        status=m.status,
        trigger=m.trigger.text,
        sentence=m.sentence.text,
        reason=reason,
    )


def _near(span: Span, sentence: Span) -> bool:
    return span.end >= sentence.start - _EXCERPT_REACH and span.start <= sentence.end + _EXCERPT_REACH


def _mention_spans(m: Mention, places: dict[str, str]) -> list[tuple[str, Span, str]]:
    """(kind, span, label) for every span a mention points at."""
    out: list[tuple[str, Span, str]] = [("trigger", m.trigger, m.sub_event_type)]
    for r in m.roles:
        if r.role == "place" and r.resolved_id:
            label = f"{places.get(r.resolved_id, r.resolved_id)} ({r.resolved_id})"
        else:
            label = r.kind or r.name or r.resolved_id or ""
        out.append((r.role, r.span, label))
    for c in m.casualties:
        numbers = [x for x in (c.low, c.best, c.high) if x is not None]
        figures = "/".join(str(x) for x in dict.fromkeys(numbers))
        out.append(("casualties", c.span, f"{c.kind}: {figures}"))
    if m.time and m.time.span:
        out.append(("time", m.time.span, m.time.precision))
    if m.status_cue:
        out.append(("status_cue", m.status_cue, m.status))
    if m.attributed_to:
        out.append(("attribution", m.attributed_to, "according to"))
    return out


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise EventdeskError("ED042", f"sort: choose from {', '.join(SORTS)}")
