-- eventdesk SQLite schema. Ids are content hashes, so INSERT OR IGNORE makes
-- re-ingest a no-op. JSON columns hold the full record (to_dict); the other
-- columns are copies kept for filtering and indexing.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id        TEXT PRIMARY KEY,
    url       TEXT,
    outlet    TEXT,
    published TEXT,
    language  TEXT NOT NULL,
    title     TEXT,
    text      TEXT NOT NULL,
    raw_hash  TEXT NOT NULL,
    source    TEXT,
    extracted INTEGER NOT NULL DEFAULT 0,  -- 0: stored only (e.g. not English yet)
    seq       INTEGER NOT NULL,            -- ingest order, for stable event anchors
    source_key TEXT,
    version_of TEXT
);
-- source_key: the source an article is a version of (eventdesk.link.source_key:
-- its normalised URL, or its own id when it has no URL). An outlet's updated
-- copy at a URL already stored shares the source and counts once; version_of
-- is the first stored version's id (NULL for a first version). Schema 2.
CREATE INDEX IF NOT EXISTS articles_raw_hash ON articles(raw_hash);
CREATE INDEX IF NOT EXISTS articles_source_key ON articles(source_key, seq);
-- The next seq is MAX(seq) + 1 on every stored document: indexed, it costs the
-- same at a million articles as at ten.
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
-- Every raw input seen (one file can hold many documents); lets a resumed
-- ingest skip what a killed one already finished.
CREATE TABLE IF NOT EXISTS inputs (
    raw_hash   TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    article_id TEXT,
    error_code TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    id             TEXT PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id),
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    status         TEXT NOT NULL,
    start_date     TEXT,
    end_date       TEXT,
    place_id       TEXT,
    fatalities     INTEGER,
    intra_group    INTEGER NOT NULL,
    data           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE TABLE IF NOT EXISTS mention_roles (
    mention_id  TEXT NOT NULL REFERENCES mentions(id),
    role        TEXT NOT NULL,
    text        TEXT NOT NULL,
    resolved_id TEXT,
    kind        TEXT,
    start       INTEGER NOT NULL,
    PRIMARY KEY (mention_id, role, start)
);
CREATE INDEX IF NOT EXISTS mention_roles_resolved ON mention_roles(resolved_id);
CREATE TABLE IF NOT EXISTS events (
    id              TEXT PRIMARY KEY,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    status          TEXT NOT NULL,
    actor1          TEXT,
    actor2          TEXT,
    place_id        TEXT,
    start_date      TEXT,
    end_date        TEXT,
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    source_count    INTEGER NOT NULL,
    intra_group     INTEGER NOT NULL,
    data            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(start_date);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id   TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);
CREATE INDEX IF NOT EXISTS event_mentions_mention ON event_mentions(mention_id);
CREATE TABLE IF NOT EXISTS stat_claims (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    data       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    actor_type  TEXT,
    country     TEXT,
    parent_id   TEXT,
    data        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    latitude  REAL,
    longitude REAL,
    admin1    TEXT,
    country   TEXT,
    precision INTEGER NOT NULL,
    data      TEXT NOT NULL
);
-- Append-only: rows are never updated or deleted.
CREATE TABLE IF NOT EXISTS reviews (
    id          TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    field       TEXT,
    action      TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(target_id);
CREATE TABLE IF NOT EXISTS errors (
    id       TEXT PRIMARY KEY,  -- hash of source, input hash and code: one row per bad input
    source   TEXT NOT NULL,
    code     TEXT NOT NULL,
    message  TEXT NOT NULL,
    run_id   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id          TEXT PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    config_hash TEXT NOT NULL,
    versions    TEXT NOT NULL,
    counts      TEXT NOT NULL,
    timings     TEXT NOT NULL
);
