-- Schema 3: each event's current values, with its reviews applied.
--
-- Kept by the store beside the machine values (events) and the append-only
-- review log (reviews): a review and the event's refreshed row are written in
-- one transaction, and a relink rebuilds every row. The desk's filters, sorts,
-- pages, counts and share statistic read these rows in SQL; no query replays
-- reviews. A row holds everything an EventView shows, plus derived keys that
-- the filters compare (casefolded text, ISO2 country codes, calendar buckets).
CREATE TABLE IF NOT EXISTS event_current (
    id                 TEXT PRIMARY KEY,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    status             TEXT NOT NULL,
    actor1             TEXT,
    actor1_name        TEXT,
    actor1_type        TEXT,
    actor2             TEXT,
    actor2_name        TEXT,
    actor2_type        TEXT,
    place_id           TEXT,
    location           TEXT,
    admin1             TEXT,
    country            TEXT,
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    geo_precision      INTEGER,
    start_date         TEXT,
    end_date           TEXT,
    fatalities_low     INTEGER,
    fatalities_best    INTEGER,
    fatalities_high    INTEGER,
    source_count       INTEGER NOT NULL,
    intra_group        INTEGER NOT NULL,
    mention_ids        TEXT NOT NULL,  -- JSON list
    outlets            TEXT NOT NULL,  -- JSON list
    roles              TEXT NOT NULL,  -- JSON list of [role, text, resolved_id, kind]
    review_state       TEXT NOT NULL,
    reviewed_fields    TEXT NOT NULL,  -- JSON list
    review_count       INTEGER NOT NULL,
    -- derived keys, for filtering, grouping and ordering
    event_type_key     TEXT NOT NULL,  -- casefolded
    sub_event_type_key TEXT NOT NULL,  -- casefolded
    country_code       TEXT,           -- ISO2
    admin1_key         TEXT NOT NULL,  -- casefolded, '' when none
    week               TEXT,           -- ISO year-week of start
    month              TEXT,
    year               TEXT,
    machine_start      TEXT,           -- the machine start date: undated events keep machine order
    civilians          TEXT            -- why it hit civilians (query.stats.hit_civilians), NULL if not
);
-- Pages walk a date index (per country, the commonest filter) and stop at the page's end.
CREATE INDEX IF NOT EXISTS event_current_date ON event_current(start_date, id);
CREATE INDEX IF NOT EXISTS event_current_country ON event_current(country_code, start_date, id);
-- Totals count these without reading a row.
CREATE INDEX IF NOT EXISTS event_current_status ON event_current(status, review_state);
CREATE INDEX IF NOT EXISTS event_current_country_total ON event_current(country_code, status, review_state);
-- Counts by the commonest dimensions read one covering index, in group order.
CREATE INDEX IF NOT EXISTS event_current_count_sub_type
    ON event_current(sub_event_type, status, review_state, fatalities_best);
CREATE INDEX IF NOT EXISTS event_current_count_type
    ON event_current(event_type, status, review_state, fatalities_best);
CREATE INDEX IF NOT EXISTS event_current_count_country
    ON event_current(country, status, review_state, fatalities_best);
CREATE INDEX IF NOT EXISTS event_current_count_actor
    ON event_current(actor1, actor1_name, status, review_state, fatalities_best);
CREATE INDEX IF NOT EXISTS event_current_sub_type_key ON event_current(sub_event_type_key);
-- The many-valued parts of an event: the actor keys on each side
-- (query.match.actor_sides), its outlets and its target kinds, each as shown
-- (value) and as a filter compares it (match).
CREATE TABLE IF NOT EXISTS event_current_keys (
    event_id TEXT NOT NULL,
    kind     TEXT NOT NULL,  -- perpetrator, target, outlet, target_kind
    value    TEXT NOT NULL,
    match    TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, value)
);
CREATE INDEX IF NOT EXISTS event_current_keys_match ON event_current_keys(kind, match, event_id);
-- The casualty phrases of a mention that count civilians (query.stats.civilian_casualties),
-- as a JSON list; a mention id is a content hash, so this never goes stale.
CREATE TABLE IF NOT EXISTS mention_civilians (
    mention_id TEXT PRIMARY KEY,
    phrases    TEXT NOT NULL
);
-- Every event's row must be rebuilt (a relink, an upgrade from schema 2).
INSERT INTO meta(key, value) VALUES ('current_values', 'stale')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
