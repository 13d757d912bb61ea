"""The shared store: the same schema, migrations and SQL on PostgreSQL (psycopg 3).

``--db postgresql://...`` (or EVENTDESK_DB) selects it. The statements stay
where they are (``store/reads.py``, ``store/sqlite.py``, ``schema.sql``, the
numbered migrations), written once; ``PgConnection`` speaks them to
PostgreSQL through a short, explicit table of rewrites (``_REWRITES``), so the
two backends cannot drift apart. Every write transaction takes one advisory
lock first, as SQLite's ``BEGIN IMMEDIATE`` takes its write lock: concurrent
ingests into one database serialise their writes, and lose or duplicate
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from psycopg import pq

from eventdesk.errors import EventdeskError
from eventdesk.geo import EARTH_RADIUS_KM
from eventdesk.store.sqlite import SQLiteStore

__all__ = ["POSTGRES_SCHEMES", "PgConnection", "PostgresStore", "is_postgres", "to_postgres"]

#: How a ``--db`` value names a PostgreSQL database.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

#: The lock every write transaction holds (any number; the same in every eventdesk).
_WRITE_LOCK = 0x6576_6465_736B  # "evdesk"
#: The lock an opener holds while it brings the schema up to date.
_SCHEMA_LOCK = _WRITE_LOCK + 1

#: SQLite's dialect -> PostgreSQL's, applied in order to every statement.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bBEGIN IMMEDIATE\b", f"BEGIN; SELECT pg_advisory_xact_lock({_WRITE_LOCK})"),
        # INSERT OR IGNORE: keep the row there (ids are content hashes).
        (
            r"INSERT OR IGNORE INTO ([^;]*?\))\s*VALUES\s*(\([^;]*\))",
            r"INSERT INTO \1 VALUES \2 ON CONFLICT DO NOTHING",
        ),
        # INSERT OR REPLACE is only ever used on meta (key, value).
        (
            r"INSERT OR REPLACE INTO meta\(key, value\)\s*VALUES\s*(\([^;]*?\))",
            r"INSERT INTO meta(key, value) VALUES \1 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ),
        # A list of values travels as one JSON parameter.
        (r"json_each\(\?\)", "json_array_elements_text(?::json)"),
        (r"json_extract\((\w+\.data), '\$\.sentence\.text'\)", r"(\1::json #>> '{sentence,text}')"),
        # SQLite's CROSS JOIN ... ON only fixes the join order; PostgreSQL plans an inner join itself.
        (r"\bCROSS JOIN (\w+ \w+) ON\b", r"JOIN \1 ON"),
        # PostgreSQL's REAL is single precision; SQLite's is a double.
        (r"\bREAL\b", "DOUBLE PRECISION"),
        # SQLite sorts NULL first; PostgreSQL last unless told.
        (r"ORDER BY start_date, id\b", "ORDER BY start_date NULLS FIRST, id"),
        (r"ORDER BY e\.start_date, e\.id\b", "ORDER BY e.start_date NULLS FIRST, e.id"),
        (r"c\.machine_start, c\.id", "c.machine_start NULLS FIRST, c.id"),
        (r"%", "%%"),
        (r"\?", "%s"),
    )
)

#: ``store.reads.near_km`` (``geo.haversine_km``) in SQL, as the SQLite store registers it.
_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION near_km(lat DOUBLE PRECISION, lon DOUBLE PRECISION,
                                   lat0 DOUBLE PRECISION, lon0 DOUBLE PRECISION)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$
    SELECT 2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt(
        sin((radians(lat) - radians(lat0)) / 2) ^ 2
        + cos(radians(lat0)) * cos(radians(lat)) * sin(radians(lon - lon0) / 2) ^ 2)))
$$;
"""


def is_postgres(target: object) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


def to_postgres(sql: str) -> str:
    """One SQLite statement (or script) as PostgreSQL reads it."""
    for pattern, replacement in _REWRITES:
        sql = pattern.sub(replacement, sql)
    return sql


class PgRow(tuple[Any, ...]):
    """A row read by position or by column name, as ``sqlite3.Row`` is."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self._names


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())

    def make(values: Sequence[Any]) -> PgRow:
        row = PgRow(values)
        row._names = names
        return row

    return make


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


def _params(params: Sequence[Any]) -> list[Any]:
    # SQLite reads LIMIT -1 as no limit; PostgreSQL reads LIMIT NULL so.
    return [None if p == -1 and type(p) is int else p for p in params]


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses, over one psycopg connection
    in autocommit mode (transactions are the store's explicit BEGIN ... COMMIT)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        cursor = self._conn.cursor(row_factory=_row_factory)
        text = to_postgres(sql)
        if params:
            cursor.execute(text.encode(), _params(params))  # type: ignore[call-overload]
        else:
            cursor.execute(text.replace("%%", "%").encode())  # type: ignore[call-overload]
        return PgCursor(cursor)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(to_postgres(sql).encode(), [_params(r) for r in rows])  # type: ignore[arg-type]

    def executescript(self, script: str) -> None:
        """Several statements, no parameters (a schema, a migration)."""
        self._conn.execute(to_postgres(script).replace("%%", "%").encode())  # type: ignore[call-overload]

    def close(self) -> None:
        self._conn.close()


class PostgresStore(SQLiteStore):
    """``SQLiteStore``'s reads and writes on a PostgreSQL database."""

    ERRORS = (psycopg.Error,)

    @classmethod
    def connect(cls, url: str, *, migrate: bool = True, create: bool = True) -> PostgresStore:
        """Open the database at ``url``. It must exist (PostgreSQL databases are made by
        their administrator); ``create=False`` also refuses one eventdesk never wrote
        (ED022), so a mistyped name never reads as an empty database."""
        try:
            raw = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise EventdeskError("ED020", f"cannot open database {_safe(url)}: {exc}".strip()) from exc
        store = cls(PgConnection(raw), _safe(url))  # type: ignore[arg-type]
        try:
            if not create and not store._has_schema():
                raise EventdeskError("ED022", f"no eventdesk database at {_safe(url)}: run `eventdesk ingest` first")
            if migrate:
                # One opener at a time changes the schema: two at once fail on PostgreSQL's
                # catalog ("tuple concurrently updated") even with IF NOT EXISTS everywhere.
                store._conn.execute(f"SELECT pg_advisory_lock({_SCHEMA_LOCK})")
                try:
                    store._conn.executescript(_FUNCTIONS)
                    store._migrate()
                finally:
                    store._conn.execute(f"SELECT pg_advisory_unlock({_SCHEMA_LOCK})")
        except psycopg.Error as exc:
            store.close()
            raise EventdeskError("ED020", f"cannot open database {_safe(url)}: {exc}") from exc
        except EventdeskError:
            store.close()
            raise
        return store

    def _has_schema(self) -> bool:
        row = self._conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()
        return bool(row[0])

    def _add_versions(self) -> None:
        """Schema 1 never existed on PostgreSQL: nothing to upgrade before schema.sql."""


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
