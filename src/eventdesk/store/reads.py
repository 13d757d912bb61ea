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

from eventdesk.records import Actor, Article, Event, Mention, Place, Record, Review, StatClaim

__all__ = ["DATA_TABLES", "EventRole", "Reads", "RunRecord", "StoredError", "event_from_json"]

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
)

_ARTICLE_COLUMNS = "id, url, outlet, published, language, title, text, raw_hash, source"


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
    """An AND clause restricting ``column`` to ``ids`` (none when ids is None)."""
    if ids is None:
        return "", ()
    return f" AND {column} IN ({','.join('?' * len(ids))})", tuple(ids)


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
        wanted = list(ids)
        marks = ",".join("?" * len(wanted))
        found = {m.id: m for m in self._records(Mention, f"SELECT data FROM mentions WHERE id IN ({marks})", wanted)}
        return [found[i] for i in wanted if i in found]

    def ids_starting(self, prefix: str) -> tuple[list[str], list[str]]:
        """Event ids and mention ids that start with ``prefix``."""
        sql = "SELECT id FROM {} WHERE substr(id, 1, ?) = ?"
        events = [r[0] for r in self._conn.execute(sql.format("events"), (len(prefix), prefix))]
        mentions = [r[0] for r in self._conn.execute(sql.format("mentions"), (len(prefix), prefix))]
        return events, mentions

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
        """event id -> its reviews in created order."""
        return self._grouped(
            "SELECT target_id, data FROM reviews WHERE target_kind = 'event'{only} ORDER BY created_at, id",
            ids,
            "target_id",
            lambda r: Review.from_dict(json.loads(r[1])),
        )

    def article_event_ids(self, article_id: str) -> list[str]:
        """Ids of the events that one of the article's mentions belongs to."""
        rows = self._rows(
            "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m"
            " ON m.id = em.mention_id WHERE m.article_id = ? ORDER BY em.event_id",
            (article_id,),
        )
        return [r[0] for r in rows]

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
        """Every row of every data table, sorted: equal snapshots mean equal data."""
        return {t: sorted(tuple(r) for r in self._conn.execute(f"SELECT * FROM {t}")) for t in DATA_TABLES}
