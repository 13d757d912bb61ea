"""Every SELECT: the store answers in records, the query layer assembles views.

``Reads`` is the read half of ``SQLiteStore``. The desk filters, sorts, pages,
counts and computes its share statistic in SQL over the current values
(``event_current``: each event with its reviews applied, kept by the store
and built by the query layer), so no query replays reviews. The per-event
reads grouped by event id (roles, outlets, reviews) feed the one function that
applies reviews (``query.load.display``) when a row is (re)built.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from eventdesk.geo import haversine_km
from eventdesk.link import LinkDecision, Merge
from eventdesk.records import Actor, Article, Event, Mention, Place, Record, Review, StatClaim

__all__ = [
    "CURRENT_COLUMNS",
    "DATA_TABLES",
    "SORT_SEGMENTS",
    "CurrentRow",
    "EventRole",
    "Reads",
    "RunRecord",
    "StoredError",
    "ViewCriteria",
    "event_from_json",
    "near_km",
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


def near_km(lat: float | None, lon: float | None, lat0: float, lon0: float) -> float | None:
    """``geo.haversine_km`` as an SQL function (None where a place has no point),
    so SQL measures a distance exactly as ``Near.holds`` does."""
    return None if lat is None or lon is None else haversine_km(lat0, lon0, lat, lon)


@dataclass(frozen=True, kw_only=True, slots=True)
class CurrentRow:
    """One event's current values (table ``event_current``): what the desk shows,
    reviews applied, with the keys its filters compare. Built by the query layer
    (``query.current``), which owns how reviews apply; the store only keeps it."""

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
    start_date: str | None
    end_date: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    source_count: int
    intra_group: int
    mention_ids: str
    outlets: str
    roles: str
    review_state: str
    reviewed_fields: str
    review_count: int
    event_type_key: str
    sub_event_type_key: str
    country_code: str | None
    admin1_key: str
    week: str | None
    month: str | None
    year: str | None
    machine_start: str | None
    civilians: str | None
    #: (kind, value, match): actor keys by side, outlets and target kinds.
    keys: tuple[tuple[str, str, str], ...] = ()


#: The columns of ``event_current``, in CurrentRow's order.
CURRENT_COLUMNS: tuple[str, ...] = tuple(f for f in CurrentRow.__dataclass_fields__ if f != "keys")
_CURRENT_SELECT = ", ".join(f"c.{name}" for name in CURRENT_COLUMNS)

#: The kinds of ``event_current_keys`` rows.
KEY_KINDS = ("perpetrator", "target", "outlet", "target_kind")

#: Each sort as segments read one after the other: (condition, ORDER BY). By
#: date, dated events by (start, id) either way, then the undated ones in
#: machine order (its start, then id); each segment can walk an index.
SORT_SEGMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("c.start_date IS NOT NULL", "c.start_date, c.id"), ("c.start_date IS NULL", "c.machine_start, c.id")),
    "-date": (
        ("c.start_date IS NOT NULL", "c.start_date DESC, c.id DESC"),
        ("c.start_date IS NULL", "c.machine_start, c.id"),
    ),
    "fatalities": (("1 = 1", "COALESCE(c.fatalities_best, 0), c.id"),),
    "-fatalities": (("1 = 1", "COALESCE(c.fatalities_best, 0) DESC, c.id DESC"),),
    "sources": (("1 = 1", "c.source_count, c.id"),),
    "-sources": (("1 = 1", "c.source_count DESC, c.id DESC"),),
}

#: The whole date order in one ORDER BY (for reads that are not paged).
_DATE_ORDER = (
    "(c.start_date IS NULL), c.start_date,"
    " CASE WHEN c.start_date IS NULL THEN NULL ELSE c.id END, c.machine_start, c.id"
)

#: Columns of ``event_current`` that counts may group by.
GROUP_COLUMNS = (
    "actor1",
    "actor1_name",
    "actor2",
    "actor2_name",
    "event_type",
    "sub_event_type",
    "status",
    "place_id",
    "location",
    "country",
    "admin1",
    "week",
    "month",
    "year",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class ViewCriteria:
    """Which current rows pass: the desk's filter with its names resolved
    (``query.match.criteria``). Text comes casefolded, countries as ISO2 codes;
    ``statuses`` always applies, every other empty part leaves that part open."""

    statuses: tuple[str, ...]
    include_rejected: bool = False
    unreviewed: bool = False
    event_ids: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    target_types: tuple[str, ...] = ()
    #: (latitude, longitude, radius_km)
    near: tuple[float, float, float] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    #: The actor's ids (with its factions) and its casefolded words.
    actor_keys: tuple[str, ...] = ()
    actor_side: str = "any"


_SIDE_KINDS = {"perpetrator": ("perpetrator",), "target": ("target",), "any": ("perpetrator", "target")}


#: Up to this many values, a list is bound one parameter each (SQLite plans a literal
#: list four times faster than a JSON one); more travel as one JSON parameter.
_LISTED = 64


def _any(expr: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """``expr`` equal to one of ``values``: one value as ``=`` (an index can then
    also give the order), a few as a list of parameters, more as one JSON parameter."""
    if len(values) == 1:
        return f"{expr} = ?", [values[0]]
    if len(values) <= _LISTED:
        return f"{expr} IN ({', '.join('?' for _ in values)})", list(values)
    return _in(expr, values)


def _view_clauses(c: ViewCriteria) -> tuple[str, list[Any]]:
    """The WHERE condition on ``event_current c`` for ``c``."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, values: Sequence[Any] = ()) -> None:
        clauses.append(clause)
        params.extend(values)

    add(*_any("c.status", c.statuses) if c.statuses else ("1 = 0", []))
    if not c.include_rejected:
        add("c.review_state <> 'rejected'")
    if c.unreviewed:
        add("c.review_count = 0")
    for column, values in (
        ("c.id", c.event_ids),
        ("c.event_type_key", c.event_types),
        ("c.sub_event_type_key", c.sub_event_types),
        ("c.country_code", c.countries),
        ("c.admin1_key", c.admin1),
    ):
        if values:
            add(*_any(column, values))
    for kinds, values in (
        (("outlet",), c.outlets),
        (("target_kind",), c.target_types),
        (_SIDE_KINDS[c.actor_side], c.actor_keys if c.actor_keys else ()),
    ):
        if values:
            inner, vals = _any("k.match", values)
            named = ",".join(f"'{k}'" for k in kinds)
            add(f"c.id IN (SELECT k.event_id FROM event_current_keys k WHERE k.kind IN ({named}) AND {inner})", vals)
    if c.near is not None:
        lat, lon, radius = c.near
        add("near_km(c.latitude, c.longitude, ?, ?) <= ?", (lat, lon, radius))
    # An event's days are [start or end, end or start]; undated events fail any bound.
    if c.since is not None:
        add("COALESCE(c.end_date, c.start_date) >= ?", [c.since.isoformat()])
    if c.until is not None:
        add("COALESCE(c.start_date, c.end_date) <= ?", [c.until.isoformat()])
    return " AND ".join(clauses), params


def _current_row(row: Sequence[Any]) -> CurrentRow:
    return CurrentRow(**dict(zip(CURRENT_COLUMNS, row, strict=True)))


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
        found = {m.id: m for m in self._records(Mention, f"SELECT data FROM mentions WHERE TRUE{where}", params)}
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
        rows = self._rows(f"SELECT data FROM events WHERE TRUE{where} ORDER BY start_date, id", params)
        return [event_from_json(r[0]) for r in rows]

    def event_starts(self, ids: Sequence[str]) -> dict[str, str | None]:
        """event id -> its machine start date (ISO), for ``ids``."""
        where, params = _only("id", ids)
        return {r[0]: r[1] for r in self._rows(f"SELECT id, start_date FROM events WHERE TRUE{where}", params)}

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

    # -- the current values (reviews applied) ------------------------------

    def current_stale(self) -> bool:
        """True when some events lack their current-values row (after a relink,
        a review written past the desk, an upgrade)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'current_values'").fetchone()
        return row is not None and row[0] == "stale"

    def events_without_current(self) -> list[str]:
        """Ids of the events that have no current-values row, in date then id order."""
        return [
            r[0]
            for r in self._rows(
                "SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_current c WHERE c.id = e.id)"
                " ORDER BY e.start_date, e.id"
            )
        ]

    def current_count(self, criteria: ViewCriteria) -> int:
        where, params = _view_clauses(criteria)
        return int(self._conn.execute(f"SELECT COUNT(*) FROM event_current c WHERE {where}", params).fetchone()[0])

    def current_rows(
        self,
        criteria: ViewCriteria,
        sort: str = "date",
        *,
        limit: int | None = None,
        offset: int = 0,
        batch: int = 2000,
    ) -> Iterator[list[CurrentRow]]:
        """The rows passing ``criteria`` in ``sort`` order (``SORT_SEGMENTS``), from
        ``offset`` on, at most ``limit``, ``batch`` rows at a time: memory stays
        flat however many pass."""
        where, params = _view_clauses(criteria)
        left = limit
        for condition, order in SORT_SEGMENTS[sort]:
            if left is not None and left <= 0:
                return
            sql = f"SELECT {_CURRENT_SELECT} FROM event_current c WHERE {where} AND {condition} ORDER BY {order}"
            cursor = self._conn.execute(f"{sql} LIMIT ? OFFSET ?", [*params, -1 if left is None else left, offset])
            got = 0
            while rows := cursor.fetchmany(batch):
                got += len(rows)
                yield [_current_row(r) for r in rows]
            if left is not None:
                left -= got
            if offset and not got:
                # The offset reached past this segment: what it skipped here is not skipped again.
                skipped = self._conn.execute(
                    f"SELECT COUNT(*) FROM event_current c WHERE {where} AND {condition}", params
                ).fetchone()[0]
                offset = max(0, offset - int(skipped))
            else:
                offset = 0

    def current_groups(self, criteria: ViewCriteria, key: str, label: str) -> list[tuple[Any, Any, int, int]]:
        """(key, label, events, fatalities) per distinct (``key``, ``label``) column
        pair of the rows passing ``criteria`` (``GROUP_COLUMNS``)."""
        if key not in GROUP_COLUMNS or label not in GROUP_COLUMNS:
            raise ValueError(f"not a grouping column: {key}, {label}")
        where, params = _view_clauses(criteria)
        # Grouped by each column once, a covering index (event_current_count_*) gives the groups in order.
        groups = f"c.{key}" if key == label else f"c.{key}, c.{label}"
        return [
            (r[0], r[1], int(r[2]), int(r[3]))
            for r in self._rows(
                f"SELECT c.{key}, c.{label}, COUNT(*), COALESCE(SUM(c.fatalities_best), 0)"
                f" FROM event_current c WHERE {where} GROUP BY {groups}",
                params,
            )
        ]

    def current_key_groups(self, criteria: ViewCriteria, kind: str) -> list[tuple[str | None, int, int]]:
        """(value, events, fatalities) per key of ``kind`` (an event counts once per
        key it has), and (None, ...) for the rows with no key of that kind."""
        if kind not in KEY_KINDS:
            raise ValueError(f"not a key kind: {kind}")
        where, params = _view_clauses(criteria)
        rows = self._rows(
            "SELECT k.value, COUNT(*), COALESCE(SUM(c.fatalities_best), 0) FROM event_current c"
            f" JOIN event_current_keys k ON k.event_id = c.id AND k.kind = ? WHERE {where} GROUP BY k.value",
            [kind, *params],
        )
        none = self._conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(c.fatalities_best), 0) FROM event_current c WHERE"
            f" {where} AND NOT EXISTS (SELECT 1 FROM event_current_keys k WHERE k.event_id = c.id AND k.kind = ?)",
            [*params, kind],
        ).fetchone()
        out: list[tuple[str | None, int, int]] = [(r[0], int(r[1]), int(r[2])) for r in rows]
        if none[0]:
            out.append((None, int(none[0]), int(none[1])))
        return out

    def current_civilians(self, ids: Sequence[str]) -> dict[str, str]:
        """event id -> why civilians were its main or only target, as its current row
        holds it (``query.current``: ``stats.hit_civilians``), for the events that were."""
        where, params = _only("c.id", ids)
        rows = self._rows(f"SELECT c.id, c.civilians FROM event_current c WHERE c.civilians IS NOT NULL{where}", params)
        return {r[0]: r[1] for r in rows}

    def current_share(self, criteria: ViewCriteria, target: str | None) -> list[tuple[str, str | None]]:
        """(event id, why it counts or None) for every row passing ``criteria``, in
        date order: why it hit civilians (``target`` None), or whether it has a
        target kind that casefolds to ``target``."""
        where, params = _view_clauses(criteria)
        if target is None:
            why, extra = "c.civilians", []
        else:
            why = (
                "CASE WHEN EXISTS (SELECT 1 FROM event_current_keys k WHERE k.event_id = c.id"
                " AND k.kind = 'target_kind' AND k.match = ?) THEN 'target kind ' || ? END"
            )
            extra = [target, target]
        rows = self._rows(
            f"SELECT c.id, {why} FROM event_current c WHERE {where} ORDER BY {_DATE_ORDER}", [*extra, *params]
        )
        return [(r[0], r[1]) for r in rows]

    def mention_civilians(self, mention_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """mention id -> its civilian casualty phrases, for those already worked out."""
        where, params = _only("mention_id", mention_ids)
        rows = self._rows(f"SELECT mention_id, phrases FROM mention_civilians WHERE TRUE{where}", params)
        return {r[0]: tuple(json.loads(r[1])) for r in rows}

    def mention_sentences(self, event_ids: Sequence[str]) -> dict[str, str]:
        """mention id -> its sentence's text, for every mention of ``event_ids``,
        read from the JSON in SQL rather than decoding whole mentions."""
        where, params = _only("em.event_id", event_ids)
        rows = self._rows(
            "SELECT m.id, json_extract(m.data, '$.sentence.text') FROM event_mentions em"
            f" JOIN mentions m ON m.id = em.mention_id WHERE TRUE{where}",
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
