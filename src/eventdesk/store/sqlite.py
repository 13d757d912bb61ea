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
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict, Unpack

from eventdesk.errors import EventdeskError
from eventdesk.link import LinkDecision, Merge, source_key
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
from eventdesk.store.reads import Reads, RunRecord, StoredError, casefold

__all__ = ["SCHEMA_VERSION", "DatabaseFailure", "RunRecord", "SQLiteStore", "StoredError"]

#: Bumped whenever schema.sql changes; a database written by a newer
#: eventdesk is refused rather than misread, an older one is upgraded in place
#: (2: articles.source_key and articles.version_of, the versions of one page;
#: 3: review anchors, event id history, the merge log and link decisions,
#: in migrations/003_link_audit.sql).
SCHEMA_VERSION = 3
#: Numbered migrations run after schema.sql, in order (each idempotent).
MIGRATIONS = ("003_link_audit.sql",)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Produced(TypedDict, total=False):
    """What the pipeline produced from one document, each part optional."""

    mentions: Sequence[Mention]
    stat_claims: Sequence[StatClaim]
    actors: Sequence[Actor]
    places: Sequence[Place]


@contextmanager
def _written(path: str) -> Iterator[None]:
    """SQLite's refusal to write (read-only, disk full, locked, damaged) as ED020."""
    try:
        yield
    except (sqlite3.DatabaseError, DatabaseFailure) as exc:
        detail = exc.message if isinstance(exc, DatabaseFailure) else str(exc)
        raise EventdeskError("ED020", f"cannot write to database {path}: {detail}") from exc


class DatabaseFailure(EventdeskError):
    """ED020: SQLite failed on the file itself (disk full, read-only, locked,
    damaged pages), whoever asked: every read and write of the store goes through
    ``_Cursor``, so the CLI, the API and the Python API all get this coded error
    instead of a raw ``sqlite3`` traceback. A bug (a constraint, bad SQL) stays a bug."""

    def __init__(self, path: str, exc: sqlite3.Error) -> None:
        super().__init__("ED020", f"database {path}: {exc} ({_hint(exc)})")

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (EventdeskError, (self.code, self.message))  # crosses to a worker as a plain coded error


def _hint(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full: free space and retry"
    if "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only: queries work, writes need write access"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "the file is damaged: restore it from a copy or re-ingest"
    if "locked" in text or "busy" in text:
        return "another process holds the database: retry when it is done"
    return "the database file cannot be used"


def _failure(exc: sqlite3.Error) -> bool:
    """The failures of the file rather than of the SQL (as ``pipeline/boundary.py`` counts them)."""
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError


@contextmanager
def _coded(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        if _failure(exc):
            raise DatabaseFailure(path, exc) from exc
        raise


class _Cursor(sqlite3.Cursor):
    """A cursor whose SQLite failures (``_failure``) surface as ``DatabaseFailure``."""

    def _path(self) -> str:
        return str(getattr(self.connection, "path", "?"))

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        with _coded(self._path()):
            return super().execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> Any:
        with _coded(self._path()):
            return super().executemany(sql, seq)

    def executescript(self, script: str, /) -> Any:
        with _coded(self._path()):
            return super().executescript(script)

    def fetchone(self) -> Any:
        with _coded(self._path()):
            return super().fetchone()

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        with _coded(self._path()):
            return super().fetchmany(size if size is not None else self.arraysize)

    def fetchall(self) -> list[Any]:
        with _coded(self._path()):
            return super().fetchall()

    def __next__(self) -> Any:
        with _coded(self._path()):
            return super().__next__()


class _Connection(sqlite3.Connection):
    """A connection whose statements all run on ``_Cursor`` (``Connection.execute``
    would otherwise make a plain cursor)."""

    path = "?"

    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> Any:
        return self.cursor().executescript(script)


def _writable(target: str) -> bool:
    """Whether SQLite can write next to the file: WAL mode needs the folder too
    (for its -wal and -shm files), not only the file."""
    folder = os.path.dirname(os.path.abspath(target))
    return os.access(target, os.W_OK) and os.access(folder, os.W_OK)


def _connect(target: str, *, read_only: bool, any_thread: bool) -> _Connection:
    """A ``_Connection``. ``read_only`` opens the file as immutable: SQLite then
    takes no locks and makes no -wal or -shm file, so a database on a read-only
    folder or medium can still be queried (a writer elsewhere would go unseen)."""
    options: dict[str, Any] = {"timeout": 30.0, "isolation_level": None, "check_same_thread": not any_thread}
    if read_only:
        uri = f"file:{urllib.parse.quote(os.path.abspath(target))}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, factory=_Connection, **options)
    else:
        conn = sqlite3.connect(target, factory=_Connection, **options)
    conn.path = target
    return conn


class SQLiteStore(Reads):
    """Read and write eventdesk records in one SQLite file (the reads are ``Reads``)."""

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
        if not create and target != ":memory:" and not Path(target).is_file():
            raise EventdeskError("ED022", f"no database at {target}: run `eventdesk ingest PATH --db {target}` first")
        # A reader of a file it cannot write (a read-only folder, file or medium)
        # opens it read-only rather than fail on the -wal file it cannot make.
        read_only = not create and target != ":memory:" and not _writable(target)
        try:
            conn = _connect(target, read_only=read_only, any_thread=any_thread)
            conn.row_factory = sqlite3.Row
            conn.create_function("casefold", 1, casefold, deterministic=True)
            if migrate and not read_only:
                if target != ":memory:":
                    conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
            store = cls(conn, target)
            if read_only:
                store._check_version()
            elif migrate:
                store._migrate()
        except (sqlite3.DatabaseError, DatabaseFailure) as exc:
            detail = exc.message if isinstance(exc, DatabaseFailure) else str(exc)
            raise EventdeskError("ED020", f"cannot open database {target}: {detail}") from exc
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
        folder = resources.files("eventdesk.store").joinpath("migrations")
        for name in MIGRATIONS:
            self._conn.executescript(folder.joinpath(name).read_text("utf-8"))
        self._anchor_reviews()
        with self.transaction():
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None or int(row["value"]) < SCHEMA_VERSION:
                self._conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif int(row["value"]) > SCHEMA_VERSION:
                raise EventdeskError(
                    "ED021",
                    f"{self.path} has schema {row['value']}; this eventdesk reads up to "
                    f"{SCHEMA_VERSION}: upgrade eventdesk",
                )

    def _check_version(self) -> None:
        """A database that cannot be migrated here must already have this schema."""
        row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row["value"]) if row else 0
        if version > SCHEMA_VERSION:
            raise EventdeskError(
                "ED021", f"{self.path} has schema {version}; this eventdesk reads up to {SCHEMA_VERSION}"
            )
        if version < SCHEMA_VERSION:
            raise EventdeskError(
                "ED020",
                f"{self.path} has schema {version} and is read-only here: open it once where it can be "
                f"written to upgrade it to {SCHEMA_VERSION}",
            )

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

    def _anchor_reviews(self) -> None:
        """Schema 3: anchor every review stored before anchors existed. A review
        of a mention is anchored on it; a review of an event on the event's
        mentions now, or, for an event a relink retired, on the mention its id
        was hashed from (ids were content_id("event", anchor mention))."""
        sql = "SELECT id, target_kind, target_id FROM reviews WHERE id NOT IN (SELECT review_id FROM review_anchors)"
        loose = self._conn.execute(sql).fetchall()
        if not loose:
            return
        hashed: dict[str, str] | None = None
        with self.transaction() as conn:
            for row in loose:
                anchor = self._anchor_of(conn, row["target_kind"], row["target_id"])
                if not anchor and row["target_kind"] == "event":
                    if hashed is None:
                        hashed = {content_id("event", r[0]): r[0] for r in conn.execute("SELECT id FROM mentions")}
                    anchor = [hashed[row["target_id"]]] if row["target_id"] in hashed else []
                conn.executemany(
                    "INSERT OR IGNORE INTO review_anchors(review_id, mention_id) VALUES (?,?)",
                    [(row["id"], m) for m in anchor],
                )

    @staticmethod
    def _anchor_of(conn: sqlite3.Connection, kind: str, target_id: str) -> list[str]:
        """The mentions a new review of ``target_id`` is about: the mention itself,
        or the event's mentions (those it had when last linked, for a retired id)."""
        if kind == "mention":
            return [target_id]
        for table in ("event_mentions", "event_history"):
            rows = conn.execute(f"SELECT mention_id FROM {table} WHERE event_id=? ORDER BY mention_id", (target_id,))
            found = [r[0] for r in rows]
            if found:
                return found
        return []

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
        # One place read "in Gao" by one report and "near Gao" by another keeps the
        # finest precision any report gives (the least ACLED geo_precision), so
        # it does not depend on which report was stored first.
        conn.execute(
            "INSERT INTO places(id, name, latitude, longitude, admin1, country,"
            " precision, data) VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET precision=excluded.precision, data=excluded.data"
            " WHERE excluded.precision < places.precision",
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

    def replace_events(self, events: Sequence[Event], merges: Sequence[Merge] = ()) -> None:
        """Swap in the link stage's events, and log its merges. Events are derived
        data; reviews are anchored on mentions (review_anchors), and every id
        given is kept in event_history, so a retired id still finds its events."""
        now = dt.datetime.now(dt.UTC).isoformat()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO merges(id, event_id, left_id, right_id, rule, matched, decision_id,"
                " first_seen) VALUES (?,?,?,?,?,?,?,?)",
                [(m.id, m.event_id, m.left, m.right, m.rule, _json(m.matched), m.decision_id, now) for m in merges],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO event_history(event_id, mention_id) VALUES (?,?)",
                [(ev.id, mid) for ev in events for mid in ev.mention_ids],
            )
            conn.execute("DELETE FROM event_mentions")
            conn.execute("DELETE FROM events")
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

    def add_review(self, review: Review, anchor: Sequence[str] | None = None, *, place: Place | None = None) -> None:
        """Append a review; reviews are never updated or deleted. ``anchor``: the
        mentions it is about (default: the target mention, or the target event's
        mentions now). ``place`` is the place a place edit names that the database
        does not hold yet (a gazetteer id or a reviewer's coordinates), written with
        the review. A database that cannot be written (a read-only file or folder,
        a full disk) is ED020."""
        with _written(self.path), self.transaction() as conn:
            if place is not None:
                self._put_place(conn, place)
            about = list(anchor) if anchor is not None else self._anchor_of(conn, review.target_kind, review.target_id)
            conn.executemany(
                "INSERT OR IGNORE INTO review_anchors(review_id, mention_id) VALUES (?,?)",
                [(review.id, m) for m in about],
            )
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

    def add_link_decision(self, decision: LinkDecision) -> None:
        """Append an analyst's split or forced link (never updated or deleted); ED020
        when the database cannot be written."""
        with _written(self.path), self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO link_decisions(id, action, left_ids, right_ids, reviewer, reason,"
                " created_at) VALUES (?,?,?,?,?,?,?)",
                (
                    decision.id,
                    decision.action,
                    _json(list(decision.left)),
                    _json(list(decision.right)),
                    decision.reviewer,
                    decision.reason,
                    decision.created_at.isoformat(),
                ),
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
