"""Every SELECT: the store answers in records, the query layer assembles views.

``Reads`` is the read half of ``SQLiteStore``. The desk's reads load a whole
table (or the rows of some event ids) in one query each, grouped by event id,
because the query layer lays reviews over every event before it filters (a
review may change any field). This is also the seam where filters get pushed
down into SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from eventdesk.link import LinkDecision, Merge
from eventdesk.records import Actor, Article, Event, Mention, Place, Record, Review, StatClaim

__all__ = [
    "DATA_TABLES",
    "EventCriteria",
    "EventRole",
    "Reads",
    "RunRecord",
    "StoredError",
    "casefold",
    "event_from_json",
]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

#: Tables that hold data (the runs log and meta excluded), for counts and snapshots.
DATA_TABLES = (
    "articles",
    "inputs",
    "mentions",
    "mention_roles",
    "events",
    "event_mentions",
    "stat_claims",
    "actors",
    "places",
    "reviews",
    "errors",
    "review_anchors",
    "event_history",
    "merges",
    "link_decisions",
)

#: Tables whose snapshot leaves out a column that records when, not what.
_SNAPSHOT_SELECT = {"merges": "SELECT id, event_id, left_id, right_id, rule, matched, decision_id FROM merges"}

_ARTICLE_COLUMNS = "id, url, outlet, published, language, title, text, raw_hash, source"
#: Reviews with the events that hold their anchor mentions now. CROSS JOIN makes
#: SQLite start from the anchors (the reviewed mentions, a few) and look each up
#: in event_mentions by its index, never scan a million events' mentions.
_ANCHORED_EVENTS = (
    "review_anchors ra CROSS JOIN reviews rv ON rv.id = ra.review_id"
    " CROSS JOIN event_mentions em ON em.mention_id = ra.mention_id"
)


class StoredError(dict[str, str]):
    """An errors-table row: source, code, message, run_id."""


class RunRecord(dict[str, Any]):
    """A runs-table row with its JSON columns decoded."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EventRole:
    """One actor, target, side or place role of one of an event's mentions."""

    role: str
    text: str
    resolved_id: str | None = None
    kind: str | None = None


def event_from_json(data: str) -> Event:
    """An Event from its stored JSON, without ``Record.from_dict``'s per-call
    ``typing.get_type_hints`` (about 0.4 ms an event: 8 s for 20k events)."""
    raw = json.loads(data)
    raw["mention_ids"] = tuple(raw.get("mention_ids", ()))
    for name in ("start", "end"):
        if raw.get(name):
            raw[name] = dt.date.fromisoformat(raw[name])
    return Event(**raw)


def _article_from_row(row: sqlite3.Row) -> Article:
    data = dict(row)
    published = data.pop("published")
    return Article(published=dt.date.fromisoformat(published) if published else None, **data)


def _only(column: str, ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """An AND clause restricting ``column`` to ``ids`` (none when ids is None).

    The ids travel as one JSON parameter: a list of any length stays within
    SQLite's limit on bound variables.
    """
    if ids is None:
        return "", ()
    clause, params = _in(column, ids)
    return f" AND {clause}", tuple(params)


def _in(expr: str, values: Sequence[str]) -> tuple[str, list[str]]:
    """``expr IN (values)`` with the values as one JSON parameter."""
    return f"{expr} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]


def casefold(value: object) -> str | None:
    """Python's casefold as an SQL function: SQL narrows with the same folding
    the desk's filter matches with ("Straße" and "STRASSE" agree)."""
    return value.casefold() if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class EventCriteria:
    """What the store can narrow events by, in SQL, on their machine values.

    Text values come casefolded. An empty tuple or None leaves that part
    open. ``actor_keys`` are actor ids and the casefolded words of the actor
    asked for; ``actor_side`` picks which side they must be on.
    """

    statuses: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    #: The places an event must be at (None: anywhere, placed or not).
    place_ids: tuple[str, ...] | None = None
    target_types: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    actor_keys: tuple[str, ...] = ()
    actor_side: str = "any"


#: The roles on each side of an event, as the desk's actor filter reads them.
_SIDE_ROLES = {"perpetrator": ("actor",), "target": ("target", "side"), "any": ("actor", "target", "side")}
_SIDE_COLUMNS = {"perpetrator": ("actor1",), "target": ("actor2",), "any": ("actor1", "actor2")}


def _criteria_clauses(c: EventCriteria) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events e`` for every part of ``c`` that is set."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, values: Sequence[Any]) -> None:
        clauses.append(clause)
        params.extend(values)

    for column, values in (
        ("e.status", c.statuses),
        ("casefold(e.event_type)", c.event_types),
        ("casefold(e.sub_event_type)", c.sub_event_types),
    ):
        if values:
            add(*_in(column, values))
    if c.place_ids is not None:
        add(*_in("e.place_id", c.place_ids))
    if c.target_types:
        inner, vals = _in("casefold(r.kind)", c.target_types)
        add(_role_exists("r.role = 'target' AND " + inner), vals)
    # An event's days are [start or end, end or start]; undated events fail any bound.
    if c.since is not None:
        add("COALESCE(e.end_date, e.start_date) >= ?", [c.since.isoformat()])
    if c.until is not None:
        add("COALESCE(e.start_date, e.end_date) <= ?", [c.until.isoformat()])
    if c.actor_keys:
        add(*_actor_clause(c))
    return clauses, params


def _role_exists(condition: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM event_mentions em JOIN mention_roles r ON r.mention_id = em.mention_id"
        f" WHERE em.event_id = e.id AND {condition})"
    )


def _actor_clause(c: EventCriteria) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []

    def either(*exprs: str) -> str:
        clauses = []
        for expr in exprs:
            clause, values = _in(expr, c.actor_keys)
            clauses.append(clause)
            params.extend(values)
        return " OR ".join(clauses)

    for column in _SIDE_COLUMNS[c.actor_side]:
        # The fused actor by id, and by its words when the catalog does not know it.
        parts.append(either(f"e.{column}", f"casefold(e.{column})"))
    roles = ",".join(f"'{r}'" for r in _SIDE_ROLES[c.actor_side])
    parts.append(_role_exists(f"r.role IN ({roles}) AND ({either('r.resolved_id', 'casefold(r.text)')})"))
    return "(" + " OR ".join(parts) + ")", params


def _equal(column: str, value: str | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause restricting ``column`` to ``value`` (none when value is None)."""
    return ("", ()) if value is None else (f" WHERE {column}=?", (value,))


class Reads:
    """The SELECTs of ``SQLiteStore``; every one returns records or typed rows."""

    _conn: sqlite3.Connection

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return list(self._conn.execute(sql, params))

    def _records(self, cls: type[R], sql: str, params: Sequence[Any] = ()) -> list[R]:
        """Records decoded from the ``data`` JSON column of each row."""
        return [cls.from_dict(json.loads(r["data"])) for r in self._rows(sql, params)]

    def _record(self, cls: type[R], table: str, record_id: str) -> R | None:
        found = self._records(cls, f"SELECT data FROM {table} WHERE id=?", (record_id,))
        return found[0] if found else None

    def _grouped(
        self, sql: str, ids: Sequence[str] | None, column: str, make: Callable[[sqlite3.Row], T]
    ) -> dict[str, list[T]]:
        """Rows of ``sql`` (its first column an event id) grouped by that id,
        restricted to ``ids`` on ``column``; ``sql`` holds one ``{only}`` slot."""
        where, params = _only(column, ids)
        out: dict[str, list[T]] = defaultdict(list)
        for row in self._rows(sql.format(only=where), params):
            out[row[0]].append(make(row))
        return out

    # -- records -----------------------------------------------------------

    def articles(self) -> list[Article]:
        return [_article_from_row(r) for r in self._rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")]

    def article_sources(self) -> dict[str, str]:
        """article id -> its source (``eventdesk.link.source_key``): versions of
        one page share one; the link stage counts these, not articles."""
        return {str(r[0]): str(r[1]) for r in self._rows("SELECT id, source_key FROM articles")}

    def versions(self, article_id: str) -> list[str]:
        """The ids of every stored version of ``article_id``'s page (itself
        included), oldest first; just itself when it has no URL or no other version."""
        return [
            str(r[0])
            for r in self._rows(
                "SELECT v.id FROM articles a JOIN articles v ON v.source_key = a.source_key"
                " WHERE a.id=? ORDER BY v.seq",
                (article_id,),
            )
        ]

    def actors(self) -> list[Actor]:
        return self._records(Actor, "SELECT data FROM actors")

    def places(self) -> list[Place]:
        return self._records(Place, "SELECT data FROM places")

    def article(self, article_id: str) -> Article | None:
        rows = self._rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,))
        return _article_from_row(rows[0]) if rows else None

    def mentions(self, *, article_id: str | None = None) -> list[Mention]:
        sql = "SELECT m.data FROM mentions m JOIN articles a ON a.id = m.article_id"
        where, params = _equal("m.article_id", article_id)
        return self._records(Mention, f"{sql}{where} ORDER BY a.seq, m.id", params)

    def mentions_by_id(self, ids: Iterable[str]) -> list[Mention]:
        """The mentions with ``ids``, in that order; any number of ids (see ``_only``)."""
        wanted = list(ids)
        where, params = _only("id", wanted)
        found = {m.id: m for m in self._records(Mention, f"SELECT data FROM mentions WHERE 1{where}", params)}
        return [found[i] for i in wanted if i in found]

    def ids_starting(self, prefix: str) -> tuple[list[str], list[str]]:
        """Event ids and mention ids that start with ``prefix``."""
        sql = "SELECT id FROM {} WHERE substr(id, 1, ?) = ?"
        events = [r[0] for r in self._conn.execute(sql.format("events"), (len(prefix), prefix))]
        mentions = [r[0] for r in self._conn.execute(sql.format("mentions"), (len(prefix), prefix))]
        return events, mentions

    def article_ids_starting(self, prefix: str) -> list[str]:
        """Article ids that start with ``prefix``."""
        sql = "SELECT id FROM articles WHERE substr(id, 1, ?) = ?"
        return [r[0] for r in self._conn.execute(sql, (len(prefix), prefix))]

    def events(self) -> list[Event]:
        return self._records(Event, "SELECT data FROM events ORDER BY start_date, id")

    def event(self, event_id: str) -> Event | None:
        return self._record(Event, "events", event_id)

    def stat_claims(self) -> list[StatClaim]:
        return self._records(StatClaim, "SELECT data FROM stat_claims ORDER BY article_id, id")

    def actor(self, actor_id: str) -> Actor | None:
        return self._record(Actor, "actors", actor_id)

    def place(self, place_id: str) -> Place | None:
        return self._record(Place, "places", place_id)

    def place_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM places")]

    def reviews(self, target_id: str | None = None) -> list[Review]:
        where, params = _equal("target_id", target_id)
        return self._records(Review, f"SELECT data FROM reviews{where} ORDER BY created_at, id", params)

    # -- the desk's reads, grouped by event --------------------------------

    def event_records(self, ids: Sequence[str] | None = None) -> list[Event]:
        """Every event (or those with ``ids``) in date then id order, decoded fast."""
        where, params = _only("id", ids)
        rows = self._rows(f"SELECT data FROM events WHERE 1{where} ORDER BY start_date, id", params)
        return [event_from_json(r[0]) for r in rows]

    def event_roles(self, ids: Sequence[str] | None = None) -> dict[str, list[EventRole]]:
        """event id -> its mentions' distinct actor, target, side and place roles."""
        grouped = self._grouped(
            "SELECT em.event_id, r.role, r.text, r.resolved_id, r.kind FROM event_mentions em"
            " JOIN mention_roles r ON r.mention_id = em.mention_id"
            " WHERE r.role IN ('actor', 'target', 'side', 'place'){only}"
            " ORDER BY em.event_id, r.mention_id, r.start",
            ids,
            "em.event_id",
            lambda r: EventRole(role=r[1], text=r[2], resolved_id=r[3], kind=r[4]),
        )
        return {event_id: list(dict.fromkeys(roles)) for event_id, roles in grouped.items()}

    def event_outlets(self, ids: Sequence[str] | None = None) -> dict[str, list[str]]:
        """event id -> the distinct outlets of its articles, sorted."""
        return self._grouped(
            "SELECT DISTINCT em.event_id, a.outlet FROM event_mentions em"
            " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
            " WHERE a.outlet IS NOT NULL{only} ORDER BY em.event_id, a.outlet",
            ids,
            "em.event_id",
            lambda r: str(r[1]),
        )

    def event_reviews(self, ids: Sequence[str] | None = None) -> dict[str, list[Review]]:
        """event id -> the event reviews anchored on any of its mentions, in created
        order: a review follows its mentions through every merge and split."""
        return self._grouped(
            "SELECT DISTINCT em.event_id, rv.data, rv.created_at, rv.id FROM "
            + _ANCHORED_EVENTS
            + " WHERE rv.target_kind = 'event'{only} ORDER BY em.event_id, rv.created_at, rv.id",
            ids,
            "em.event_id",
            lambda r: Review.from_dict(json.loads(r[1])),
        )

    def event_verdicts(self, ids: Sequence[str] | None = None) -> dict[str, dict[str, str]]:
        """event id -> {mention id: the latest whole-event verdict (accept or reject)
        anchored on that mention}, for the mentions that have one."""
        grouped = self._grouped(
            "SELECT em.event_id, em.mention_id, rv.action FROM "
            + _ANCHORED_EVENTS
            + " WHERE rv.target_kind = 'event' AND rv.field IS NULL{only} ORDER BY em.event_id, rv.created_at, rv.id",
            ids,
            "em.event_id",
            lambda r: (str(r[1]), str(r[2])),
        )
        return {event_id: dict(pairs) for event_id, pairs in grouped.items()}

    def reviews_about(self, mention_ids: Sequence[str]) -> list[Review]:
        """Every review (of an event or of a mention) anchored on any of
        ``mention_ids``, in created order: an event's review history."""
        where, params = _only("ra.mention_id", mention_ids)
        return self._records(
            Review,
            "SELECT DISTINCT rv.data, rv.created_at, rv.id FROM review_anchors ra JOIN reviews rv"
            f" ON rv.id = ra.review_id WHERE 1{where} ORDER BY rv.created_at, rv.id",
            params,
        )

    def mention_reviews(self) -> list[Review]:
        """Every review of a single mention, in created order (the linker applies them)."""
        return self._records(Review, "SELECT data FROM reviews WHERE target_kind = 'mention' ORDER BY created_at, id")

    def link_decisions(self) -> list[LinkDecision]:
        """Every analyst's split and forced link, in created order."""
        rows = self._rows(
            "SELECT id, action, left_ids, right_ids, reviewer, reason, created_at FROM link_decisions"
            " ORDER BY created_at, id"
        )
        return [
            LinkDecision(
                id=r[0],
                action=r[1],
                left=tuple(json.loads(r[2])),
                right=tuple(json.loads(r[3])),
                reviewer=r[4],
                reason=r[5],
                created_at=dt.datetime.fromisoformat(r[6]),
            )
            for r in rows
        ]

    def merges_within(self, mention_ids: Sequence[str]) -> list[tuple[Merge, str]]:
        """(merge, first seen) for every logged merge between two of ``mention_ids``,
        oldest first: the merge log of an event."""
        where, params = _only("left_id", mention_ids)
        right, more = _in("right_id", mention_ids)
        rows = self._rows(
            "SELECT event_id, left_id, right_id, rule, matched, decision_id, first_seen FROM merges"
            f" WHERE 1{where} AND {right} ORDER BY first_seen, id",
            [*params, *more],
        )
        return [
            (
                Merge(
                    event_id=r[0], left=r[1], right=r[2], rule=r[3], matched=tuple(json.loads(r[4])), decision_id=r[5]
                ),
                str(r[6]),
            )
            for r in rows
        ]

    def current_event_ids(self, event_id: str) -> list[str]:
        """The events that hold, now, a mention that ``event_id`` held when the
        linker gave it (itself when it stands): where a merged or split id went."""
        rows = self._rows(
            "SELECT DISTINCT em.event_id FROM event_history h JOIN event_mentions em"
            " ON em.mention_id = h.mention_id WHERE h.event_id = ? ORDER BY em.event_id",
            (event_id,),
        )
        return [r[0] for r in rows]

    def dropped_mentions(self, event_id: str) -> list[str]:
        """The mentions ``event_id`` once held that no event holds now (an analyst
        rejected them): their reviews stay in the event's history."""
        rows = self._rows(
            "SELECT h.mention_id FROM event_history h WHERE h.event_id = ?"
            " AND h.mention_id NOT IN (SELECT mention_id FROM event_mentions) ORDER BY h.mention_id",
            (event_id,),
        )
        return [r[0] for r in rows]

    def article_published(self) -> dict[str, dt.date | None]:
        """article id -> its publication date (the linker's anchor is the earliest)."""
        rows = self._rows("SELECT id, published FROM articles")
        return {str(r[0]): dt.date.fromisoformat(r[1]) if r[1] else None for r in rows}

    def candidate_event_ids(self, criteria: EventCriteria) -> list[str] | None:
        """Ids of the events whose machine values pass ``criteria``, and of every
        event with a review of it or of one of its mentions (a review may change
        any field, so those are the caller's to judge), in date then id order.

        The result is a superset of what the desk shows: it narrows the events
        the desk loads and matches, in SQL and with indexes, and never decides.
        None when more than half of all events are candidates: reading every
        event then costs less than restricting each read to a long id list.
        """
        clauses, params = _criteria_clauses(criteria)
        where = " AND ".join(clauses) or "1"
        sql = (
            f"SELECT e.id FROM events e WHERE ({where})"
            " OR e.id IN (SELECT em.event_id FROM review_anchors ra CROSS JOIN event_mentions em"
            " ON em.mention_id = ra.mention_id)"
            " ORDER BY e.start_date, e.id"
        )
        ids = [r[0] for r in self._rows(sql, params)]
        total = self._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return None if 2 * len(ids) > total else ids

    def mention_sentences(self, event_ids: Sequence[str]) -> dict[str, str]:
        """mention id -> its sentence's text, for every mention of ``event_ids``,
        read from the JSON in SQL rather than decoding whole mentions."""
        where, params = _only("em.event_id", event_ids)
        rows = self._rows(
            "SELECT m.id, json_extract(m.data, '$.sentence.text') FROM event_mentions em"
            f" JOIN mentions m ON m.id = em.mention_id WHERE 1{where}",
            params,
        )
        return {r[0]: r[1] or "" for r in rows}

    def article_event_ids(self, article_id: str) -> list[str]:
        """Ids of the events that one of the article's mentions belongs to."""
        rows = self._rows(
            "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m"
            " ON m.id = em.mention_id WHERE m.article_id = ? ORDER BY em.event_id",
            (article_id,),
        )
        return [r[0] for r in rows]

    # -- what linking left out ----------------------------------------------

    _UNLINKED_MENTION = "NOT EXISTS (SELECT 1 FROM event_mentions em WHERE em.mention_id = m.id)"
    _UNLINKED_ARTICLE = (
        "NOT EXISTS (SELECT 1 FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = a.id)"
    )

    def unlinked_mentions(self, limit: int | None = None, offset: int = 0) -> tuple[int, list[Mention]]:
        """(how many, one page of) the mentions that belong to no event, in ingest order."""
        where = f" FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {self._UNLINKED_MENTION}"
        total = int(self._conn.execute(f"SELECT COUNT(*){where}").fetchone()[0])
        page = f"SELECT m.data{where} ORDER BY a.seq, m.id LIMIT ? OFFSET ?"
        return total, self._records(Mention, page, (-1 if limit is None else limit, offset))

    def unlinked_articles(
        self, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[tuple[Article, bool, int]]]:
        """(how many, one page of) the articles none of whose mentions belongs to an
        event, in ingest order, each with whether it was coded and its mention count."""
        where = f" FROM articles a WHERE {self._UNLINKED_ARTICLE}"
        total = int(self._conn.execute(f"SELECT COUNT(*){where}").fetchone()[0])
        columns = ", ".join(f"a.{c.strip()}" for c in _ARTICLE_COLUMNS.split(","))
        rows = self._rows(
            f"SELECT {columns}, a.extracted AS _extracted,"
            " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id) AS _mentions"
            f"{where} ORDER BY a.seq LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        out = []
        for row in rows:
            data = dict(row)
            extracted, mentions = bool(data.pop("_extracted")), int(data.pop("_mentions"))
            published = data.pop("published")
            article = Article(published=dt.date.fromisoformat(published) if published else None, **data)
            out.append((article, extracted, mentions))
        return total, out

    # -- bookkeeping -------------------------------------------------------

    def errors(self) -> list[StoredError]:
        rows = self._rows("SELECT source, code, message, run_id FROM errors ORDER BY source, code")
        return [StoredError(dict(r)) for r in rows]

    def runs(self) -> list[RunRecord]:
        out = []
        for r in self._rows("SELECT * FROM runs ORDER BY started_at"):
            rec = RunRecord(dict(r))
            for key in ("versions", "counts", "timings"):
                rec[key] = json.loads(rec[key])
            out.append(rec)
        return out

    def counts(self) -> dict[str, int]:
        """Row counts of every data table (the runs log excluded)."""
        return {t: self._conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in DATA_TABLES}

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every data table, sorted: equal snapshots mean equal data.
        The merge log's ``first_seen`` is left out: it says when a merge was first
        made, not what was merged, and differs between two equal ingests."""
        return {
            t: sorted(tuple(r) for r in self._conn.execute(_SNAPSHOT_SELECT.get(t, f"SELECT * FROM {t}")))
            for t in DATA_TABLES
        }
