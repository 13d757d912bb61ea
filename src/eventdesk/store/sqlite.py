"""The embedded default store: one SQLite file in WAL mode.

Each document is written in one transaction (article, mentions, roles,
statistical claims, actors, places, and the input marker), so an ingest
killed half-way leaves every document either fully stored or absent, and a
re-run picks up exactly where it stopped. Content-hash ids plus
``INSERT OR IGNORE`` make re-ingest a no-op.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict, Unpack

from eventdesk.errors import EventdeskError
from eventdesk.link import source_key
from eventdesk.records import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Review,
    StatClaim,
    content_id,
)
from eventdesk.store.reads import CURRENT_COLUMNS, CurrentRow, Reads, RunRecord, StoredError, near_km

__all__ = ["SCHEMA_VERSION", "RunRecord", "SQLiteStore", "StoredError"]

#: The schema schema.sql writes (2: articles.source_key and articles.version_of,
#: the versions of one page); the numbered migrations (store/migrations) go on
#: from there.
BASE_VERSION = 2


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every numbered migration, in order."""
    folder = resources.files("eventdesk.store.migrations")
    found = []
    for entry in folder.iterdir():
        number, _, rest = entry.name.partition("_")
        if entry.name.endswith(".sql") and number.isdigit():
            found.append((int(number), rest.removesuffix(".sql"), entry.read_text("utf-8")))
    return sorted(found)


#: The schema this eventdesk writes: a database written by a newer eventdesk is
#: refused (ED021) rather than misread, an older one is upgraded in place.
SCHEMA_VERSION = max([BASE_VERSION, *(number for number, _, _ in migrations())])


def _url(target: str) -> str:
    """A PostgreSQL URL as given, or as a path argument left it ("postgresql:/host/db")."""
    scheme, _, rest = target.partition(":")
    return f"{scheme}://{rest.lstrip('/')}" if not rest.startswith("//") else target


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Produced(TypedDict, total=False):
    """What the pipeline produced from one document, each part optional."""

    mentions: Sequence[Mention]
    stat_claims: Sequence[StatClaim]
    actors: Sequence[Actor]
    places: Sequence[Place]


@contextmanager
def _written(path: str, errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)) -> Iterator[None]:
    """The database's refusal to write (read-only, disk full, locked, damaged) as ED020."""
    try:
        yield
    except errors as exc:
        raise EventdeskError("ED020", f"cannot write to database {path}: {exc}") from exc


class SQLiteStore(Reads):
    """Read and write eventdesk records in one SQLite file (the reads are ``Reads``).
    ``open`` also opens a PostgreSQL URL (``store.postgres.PostgresStore``)."""

    #: What the database driver raises when a statement fails.
    ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    # -- lifecycle -------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path, *, migrate: bool = True, any_thread: bool = False, create: bool = True
    ) -> SQLiteStore:
        """Open (creating if needed) the database at ``path``; ":memory:" works.

        ``create=False`` refuses a path where there is no database (ED022), so a
        mistyped path never reads as a new, empty database of 0 events.

        ``migrate=False`` skips the schema script and the writer's pragmas (for a
        server that migrated once at start-up and opens a connection per request);
        ``any_thread=True`` lets another thread use the connection (a web
        framework runs a request's dependency and its handler on different threads).
        """
        target = str(path)
        if target.startswith(("postgresql:", "postgres:")):
            from eventdesk.store.postgres import PostgresStore  # psycopg loads only for PostgreSQL

            return PostgresStore.connect(_url(target), migrate=migrate, create=create)
        if not create and target != ":memory:" and not Path(target).is_file():
            raise EventdeskError("ED022", f"no database at {target}: run `eventdesk ingest PATH --db {target}` first")
        try:
            conn = sqlite3.connect(target, timeout=30.0, isolation_level=None, check_same_thread=not any_thread)
            conn.row_factory = sqlite3.Row
            conn.create_function("near_km", 4, near_km, deterministic=True)
            if migrate:
                if target != ":memory:":
                    conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
            store = cls(conn, target)
            if migrate:
                store._migrate()
        except sqlite3.DatabaseError as exc:
            raise EventdeskError("ED020", f"cannot open database {target}: {exc}") from exc
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        schema = resources.files("eventdesk.store").joinpath("schema.sql").read_text("utf-8")
        self._add_versions()
        # executescript commits any open transaction first, so it runs on its
        # own; every statement in the schema is idempotent (IF NOT EXISTS).
        self._conn.executescript(schema)
        row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        found = BASE_VERSION if row is None else int(row["value"])
        if found > SCHEMA_VERSION:
            raise EventdeskError(
                "ED021",
                f"{self.path} has schema {found}; this eventdesk reads up to {SCHEMA_VERSION}: upgrade eventdesk",
            )
        if row is None or found < BASE_VERSION:
            # schema.sql (with _add_versions before it) just brought it to the base version.
            with self.transaction() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(BASE_VERSION),)
                )
            found = BASE_VERSION
        for number, name, sql in migrations():
            if number > found:
                self._apply(number, name, sql)

    def _apply(self, number: int, name: str, sql: str) -> None:
        """One numbered migration and the version it reaches, in one transaction:
        a failure leaves the database at the version before it (ED020)."""
        try:
            self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\n;INSERT OR REPLACE INTO meta(key, value)"
                f" VALUES ('schema_version', '{number}');\nCOMMIT;"
            )
        except self.ERRORS as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise EventdeskError("ED020", f"cannot upgrade {self.path} to schema {number} ({name}): {exc}") from exc

    def _add_versions(self) -> None:
        """Schema 1 -> 2: give an existing articles table its source_key and
        version_of columns, filled in ingest order. Runs before the schema
        script (whose index names the new column) and does nothing once done."""
        columns = {r["name"] for r in self._conn.execute("PRAGMA table_info(articles)")}
        if not columns or {"source_key", "version_of"} <= columns:
            return
        with self.transaction() as conn:
            for column in ("source_key", "version_of"):
                if column not in columns:
                    conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
            first: dict[str, str] = {}
            rows = conn.execute("SELECT id, url FROM articles ORDER BY seq").fetchall()
            for row in rows:
                key = source_key(row["url"], row["id"])
                original = first.setdefault(key, row["id"])
                conn.execute(
                    "UPDATE articles SET source_key=?, version_of=? WHERE id=?",
                    (key, original if original != row["id"] else None, row["id"]),
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        if self._conn.in_transaction:
            yield self._conn
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """``transaction``, with the database's refusal to write (read-only, full) as ED020."""
        with _written(self.path, self.ERRORS), self.transaction() as conn:
            yield conn

    # -- writes ----------------------------------------------------------

    def has_input(self, raw_hash: str) -> bool:
        """True when a document with this raw-content hash was fully stored."""
        row = self._conn.execute(
            "SELECT 1 FROM inputs WHERE raw_hash=? AND article_id IS NOT NULL", (raw_hash,)
        ).fetchone()
        return row is not None

    def put_document(self, article: Article, *, extracted: bool, **produced: Unpack[Produced]) -> bool:
        """Store one document and all it produced (``Produced``), atomically.

        Returns False when the article was already stored (nothing written).
        """
        mentions, stat_claims = produced.get("mentions", ()), produced.get("stat_claims", ())
        actors, places = produced.get("actors", ()), produced.get("places", ())
        with self.transaction() as conn:
            self._mark_input(conn, article)
            seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            key = source_key(article.url, article.id)
            # A page already stored under this URL makes this article its later version.
            first = conn.execute(
                "SELECT id FROM articles WHERE source_key=? AND id<>? ORDER BY seq LIMIT 1", (key, article.id)
            ).fetchone()
            cur = conn.execute(
                "INSERT OR IGNORE INTO articles(id, url, outlet, published, language, title,"
                " text, raw_hash, source, extracted, seq, source_key, version_of)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    article.url,
                    article.outlet,
                    article.published.isoformat() if article.published else None,
                    article.language,
                    article.title,
                    article.text,
                    article.raw_hash,
                    article.source,
                    int(extracted),
                    seq,
                    key,
                    first["id"] if first else None,
                ),
            )
            if cur.rowcount == 0:
                return False
            for actor in actors:
                self._put_actor(conn, actor)
            for place in places:
                self._put_place(conn, place)
            for mention in mentions:
                self._put_mention(conn, mention)
            for claim in stat_claims:
                conn.execute(
                    "INSERT OR IGNORE INTO stat_claims(id, article_id, data) VALUES (?,?,?)",
                    (claim.id, claim.article_id, claim.to_json()),
                )
        return True

    @staticmethod
    def _mark_input(conn: sqlite3.Connection, article: Article) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO inputs(raw_hash, source, article_id) VALUES (?,?,?)",
            (article.raw_hash, article.source or "", article.id),
        )

    @staticmethod
    def _put_actor(conn: sqlite3.Connection, actor: Actor) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO actors(id, name, actor_type, country, parent_id, data) VALUES (?,?,?,?,?,?)",
            (actor.id, actor.name, actor.actor_type, actor.country, actor.parent_id, actor.to_json()),
        )

    @staticmethod
    def _put_place(conn: sqlite3.Connection, place: Place) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO places(id, name, latitude, longitude, admin1, country,"
            " precision, data) VALUES (?,?,?,?,?,?,?,?)",
            (
                place.id,
                place.name,
                place.latitude,
                place.longitude,
                place.admin1,
                place.country,
                place.precision,
                place.to_json(),
            ),
        )

    @staticmethod
    def _put_mention(conn: sqlite3.Connection, m: Mention) -> None:
        place = next((r.resolved_id for r in m.roles_of("place") if r.resolved_id), None)
        killed = m.casualty("killed")
        conn.execute(
            "INSERT OR IGNORE INTO mentions(id, article_id, event_type, sub_event_type, status,"
            " start_date, end_date, place_id, fatalities, intra_group, data)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                m.id,
                m.article_id,
                m.event_type,
                m.sub_event_type,
                m.status,
                m.time.start.isoformat() if m.time and m.time.start else None,
                m.time.end.isoformat() if m.time and m.time.end else None,
                place,
                killed.best if killed else None,
                int(m.intra_group),
                m.to_json(),
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO mention_roles(mention_id, role, text, resolved_id, kind, start)"
            " VALUES (?,?,?,?,?,?)",
            [(m.id, r.role, r.span.text, r.resolved_id, r.kind, r.span.start) for r in m.roles],
        )

    def put_error(self, *, source: str, code: str, message: str, run_id: str, raw_hash: str = "") -> bool:
        """Record a per-document error once; returns False if already recorded."""
        error_id = content_id("error", source, raw_hash, code)
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO errors(id, source, code, message, run_id) VALUES (?,?,?,?,?)",
                (error_id, source, code, message, run_id),
            )
        return cur.rowcount > 0

    def replace_events(self, events: Sequence[Event]) -> None:
        """Swap in the link stage's events. Events are derived data; their ids
        are anchored on a mention, so reviews keep pointing at them."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM event_mentions")
            conn.execute("DELETE FROM events")
            # Every current-values row goes with the events it showed: the desk
            # (query.current.refresh) rebuilds them from the new events and the reviews.
            conn.execute("DELETE FROM event_current_keys")
            conn.execute("DELETE FROM event_current")
            self._mark_stale(conn)
            for ev in events:
                conn.execute(
                    "INSERT INTO events(id, event_type, sub_event_type, status, actor1, actor2,"
                    " place_id, start_date, end_date, fatalities_low, fatalities_best,"
                    " fatalities_high, source_count, intra_group, data)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        ev.id,
                        ev.event_type,
                        ev.sub_event_type,
                        ev.status,
                        ev.actor1,
                        ev.actor2,
                        ev.place_id,
                        ev.start.isoformat() if ev.start else None,
                        ev.end.isoformat() if ev.end else None,
                        ev.fatalities_low,
                        ev.fatalities_best,
                        ev.fatalities_high,
                        ev.source_count,
                        int(ev.intra_group),
                        ev.to_json(),
                    ),
                )
                conn.executemany(
                    "INSERT INTO event_mentions(event_id, mention_id) VALUES (?,?)",
                    [(ev.id, mid) for mid in ev.mention_ids],
                )

    def add_review(self, review: Review, *, current: Sequence[CurrentRow] = ()) -> None:
        """Append a review; reviews are never updated or deleted. ``current``: the
        reviewed event's current-values row with the review applied, written in the
        same transaction. Without it the event's row is dropped, to be rebuilt
        before the next read (``query.current.refresh``). A database that cannot be
        written (a read-only file or folder, a full disk) is ED020."""
        with _written(self.path, self.ERRORS), self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO reviews(id, target_kind, target_id, field, action,"
                " reviewer, created_at, data) VALUES (?,?,?,?,?,?,?,?)",
                (
                    review.id,
                    review.target_kind,
                    review.target_id,
                    review.field,
                    review.action,
                    review.reviewer,
                    review.created_at.isoformat(),
                    review.to_json(),
                ),
            )
            if review.target_kind == "event" and not any(r.id == review.target_id for r in current):
                self._drop_current(conn, [review.target_id])
            self._put_current(conn, current)

    # -- current values ----------------------------------------------------

    @staticmethod
    def _mark_stale(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('current_values', 'stale')")

    def _drop_current(self, conn: sqlite3.Connection, ids: Sequence[str]) -> None:
        for table, column in (("event_current_keys", "event_id"), ("event_current", "id")):
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])
        self._mark_stale(conn)

    @staticmethod
    def _put_current(conn: sqlite3.Connection, rows: Sequence[CurrentRow]) -> None:
        if not rows:
            return
        ids = [(r.id,) for r in rows]
        conn.executemany("DELETE FROM event_current_keys WHERE event_id = ?", ids)
        conn.executemany("DELETE FROM event_current WHERE id = ?", ids)
        names = ", ".join(CURRENT_COLUMNS)
        marks = ", ".join("?" for _ in CURRENT_COLUMNS)
        conn.executemany(
            f"INSERT INTO event_current({names}) VALUES ({marks})",
            [tuple(getattr(r, name) for name in CURRENT_COLUMNS) for r in rows],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_current_keys(event_id, kind, value, match) VALUES (?,?,?,?)",
            [(r.id, *key) for r in rows for key in r.keys],
        )

    def put_current(self, rows: Sequence[CurrentRow], *, fresh: bool = False) -> None:
        """Write current-values rows (replacing those of the same events); ``fresh``:
        every event has its row now, so reads need not look for missing ones."""
        with _written(self.path, self.ERRORS), self.transaction() as conn:
            self._put_current(conn, rows)
            if fresh:
                conn.execute("DELETE FROM meta WHERE key = 'current_values'")

    def analyze_current(self) -> None:
        """Refresh the planner's statistics on the current values after a rebuild:
        without them SQLite reads counts through the status index, row by row,
        instead of the covering index of the dimension (seven times slower)."""
        with _written(self.path, self.ERRORS), self.transaction() as conn:
            conn.execute("ANALYZE event_current")

    def put_mention_civilians(self, phrases: dict[str, tuple[str, ...]]) -> None:
        """Remember each mention's civilian casualty phrases (ids are content hashes)."""
        with _written(self.path, self.ERRORS), self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO mention_civilians(mention_id, phrases) VALUES (?,?)",
                [(mid, json.dumps(list(found), ensure_ascii=False)) for mid, found in phrases.items()],
            )

    def begin_run(self, *, config_hash: str, versions: dict[str, str]) -> str:
        started = dt.datetime.now(dt.UTC).isoformat()
        run_id = content_id("run", started, config_hash)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO runs(id, started_at, config_hash, versions, counts, timings) VALUES (?,?,?,?,?,?)",
                (run_id, started, config_hash, _json(versions), "{}", "{}"),
            )
        return run_id

    def finish_run(self, run_id: str, *, counts: dict[str, int], timings: dict[str, float]) -> None:
        finished = dt.datetime.now(dt.UTC).isoformat()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at=?, counts=?, timings=? WHERE id=?",
                (finished, _json(counts), _json(timings), run_id),
            )
