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
from eventdesk.query import views
from eventdesk.query.current import refresh, rows_for, view_of
from eventdesk.query.filters import SORTS, EventFilter
from eventdesk.query.load import Catalog, load_catalog, load_events
from eventdesk.query.match import criteria
from eventdesk.query.reviews import EDITABLE_FIELDS, FATALITY_FIELDS, ReviewAsk, make_review
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
from eventdesk.records import Article, Mention, Review, Span
from eventdesk.store import SQLiteStore, ViewCriteria

__all__ = ["Desk"]

#: How far (characters) outside the mention's sentence a span may lie and
#: still be shown in the excerpt (an attribution in the next sentence).
_EXCERPT_REACH = 600


class Desk(AbstractContextManager["Desk"]):
    """Read events as analysts see them, and record their reviews (``with Desk.open(...)``)."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

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
        """An event with its machine values, mentions and evidence, and review log."""
        machine = self.store.event(event_id)
        if machine is None:
            raise EventdeskError("ED040", f"no event with id {event_id!r}")
        (view,) = load_events(self.store, load_catalog(self.store), ids=[event_id])
        mentions = self.store.mentions_by_id(machine.mention_ids)
        places = self._place_names(mentions)
        return views.EventDetail(
            event=view,
            machine=machine,
            mentions=tuple(self._mention_view(m, places) for m in mentions),
            reviews=tuple(self.store.reviews(event_id)),
        )

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
        """One mention with the stretch of its article that supports it."""
        found = self.store.mentions_by_id([mention_id])
        if not found:
            raise EventdeskError("ED040", f"no mention with id {mention_id!r}")
        return self._mention_view(found[0], self._place_names(found))

    def find(self, prefix: str) -> tuple[Literal["event", "mention"], str]:
        """The one event or mention whose id starts with ``prefix``; ED040 for none or
        several (naming them)."""
        event_ids, mention_ids = self.store.ids_starting(prefix)
        found = _only(prefix, [*event_ids, *mention_ids], "record")
        return ("event", found) if found in event_ids else ("mention", found)

    def event_id(self, prefix: str) -> str:
        """The one event whose id starts with ``prefix`` (``events`` prints 8 characters);
        ED040 for none or several (naming them)."""
        event_ids, _ = self.store.ids_starting(prefix.strip())
        return _only(prefix, event_ids, "event")

    def article(self, article_id: str) -> views.ArticleView:
        """An article's text with the spans of all its mentions, and its events."""
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
        civilians killed (``stats.hit_civilians``). Any other kind counts the
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
        """Append an analyst's review of an event (its id or a unique prefix of it) or of
        one of its fields: ``action``, ``reviewer``, and optionally ``field``, ``value``
        and ``reason`` (``ReviewAsk``).

        Every value is checked, alone and against the values the event shows now
        (ED042): see ``make_review``."""
        event_id = self.event_id(event_id)
        catalog = load_catalog(self.store)
        # One transaction: the review is checked against the values shown now, and
        # appended with the event's current row under it (no other write between).
        with self.store.writing():
            (view,) = load_events(self.store, catalog, ids=[event_id])
            shown = {f: getattr(view, f) for f in EDITABLE_FIELDS}
            # The machine's fatality figures yield to an analyst's (settle_fatalities):
            # an edit is held against the reviewed figures only.
            shown.update({f: None for f in FATALITY_FIELDS if f not in view.reviewed_fields})
            review = make_review(event_id=event_id, known_places=self.store.place_ids(), shown=shown, **ask)
            current = rows_for(self.store, [event_id], catalog=catalog, pending=[review])
            self.store.add_review(review, current=current)
        return review


#: How many ids an ambiguous prefix's error names.
_CANDIDATES_SHOWN = 10


def _only(prefix: str, ids: list[str], what: str) -> str:
    """The one id of ``ids`` (those starting with ``prefix``); ED040 for none or several."""
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise EventdeskError("ED040", f"no {what} with id {prefix!r}")
    shown = ", ".join(sorted(ids)[:_CANDIDATES_SHOWN]) + (", ..." if len(ids) > _CANDIDATES_SHOWN else "")
    raise EventdeskError("ED040", f"{len(ids)} {what}s have ids starting {prefix!r}: {shown}; give more characters")


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
