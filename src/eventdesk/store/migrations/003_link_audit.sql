-- Schema 3: linking you can audit and correct, reviews anchored to mentions.
-- Additive only: four new tables, nothing existing changes. Run after
-- schema.sql on every open; every statement is idempotent.

-- Which mentions a review is about: the event's mentions when it was made
-- (one mention for a review of a mention). A review belongs to every event
-- that holds one of its mentions, so a merge or a split never orphans it.
CREATE TABLE IF NOT EXISTS review_anchors (
    review_id  TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    PRIMARY KEY (review_id, mention_id)
);
CREATE INDEX IF NOT EXISTS review_anchors_mention ON review_anchors(mention_id);

-- Every event id the linker ever gave, with its mentions: an id a merge or a
-- split retired still finds the events that hold its mentions now.
CREATE TABLE IF NOT EXISTS event_history (
    event_id   TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);

-- Append-only merge log: each merge the linker made, once (id = hash of the
-- event, both mentions, the rule and the matched features), with when it was
-- first made. Rows are never updated or deleted.
CREATE TABLE IF NOT EXISTS merges (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,
    left_id     TEXT NOT NULL,
    right_id    TEXT NOT NULL,
    rule        TEXT NOT NULL,
    matched     TEXT NOT NULL,
    decision_id TEXT,
    first_seen  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS merges_left ON merges(left_id);

-- Append-only: analysts' splits and forced links, on mention ids.
CREATE TABLE IF NOT EXISTS link_decisions (
    id         TEXT PRIMARY KEY,
    action     TEXT NOT NULL,
    left_ids   TEXT NOT NULL,
    right_ids  TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
