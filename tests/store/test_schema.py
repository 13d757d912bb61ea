"""The schema keeps per-document writes independent of the database's size."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventdesk.store import open_store


def _plan(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as conn:
        return " ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_the_next_ingest_order_is_read_from_an_index(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with open_store(db):
        pass
    plan = _plan(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM articles")
    assert "articles_seq" in plan and "SCAN articles" not in plan.replace("INDEX", ""), plan


def test_an_older_database_gains_the_index_when_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with open_store(db):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX articles_seq")
    with open_store(db):
        pass
    assert "articles_seq" in _plan(db, "SELECT MAX(seq) FROM articles")


def test_the_earlier_version_of_a_page_is_found_through_an_index(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    with open_store(db):
        pass
    plan = _plan(db, "SELECT id FROM articles WHERE source_key='url:x' AND id<>'a' ORDER BY seq LIMIT 1")
    assert "articles_source_key" in plan and "TEMP B-TREE" not in plan, plan
