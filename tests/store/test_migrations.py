"""Numbered migrations: an older database is upgraded in place, once, each step in one
transaction; a newer one is refused (ED021); a failed step leaves it as it was (ED020)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventdesk.errors import EventdeskError
from eventdesk.eval.query_bench import build_database
from eventdesk.query import Desk, EventFilter
from eventdesk.query import reference as ref
from eventdesk.store import SCHEMA_VERSION, SQLiteStore, open_store
from eventdesk.store import sqlite as store_sqlite
from schema_steps import BACK_TO_2


def _version(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_the_migrations_are_numbered_from_the_base_schema_on() -> None:
    numbers = [n for n, _, _ in store_sqlite.migrations()]
    assert numbers == sorted(set(numbers)) and numbers[0] == store_sqlite.BASE_VERSION + 1
    assert numbers[-1] == SCHEMA_VERSION


def test_a_schema_2_database_gains_the_current_values_and_answers_as_before(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    build_database(db, 80, seed=9)
    with sqlite3.connect(db) as conn:
        conn.executescript(BACK_TO_2)
    assert "event_current" not in _tables(db)
    for _ in range(2):  # the upgrade runs once; opening again changes nothing
        with Desk.open(db) as desk:
            assert _version(db) == str(SCHEMA_VERSION)
            flt = EventFilter(countries=("SO",))
            assert list(desk.select(flt, sort="-date")) == ref.select(desk.store, flt, "-date")
            assert not desk.store.current_stale()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with open_store(db):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(EventdeskError) as refused:
        open_store(db)
    assert refused.value.code == "ED021"
    assert _version(db) == str(SCHEMA_VERSION + 1)


def test_a_migration_that_fails_leaves_the_database_at_the_version_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "half.db"
    build_database(db, 20, seed=1)
    with sqlite3.connect(db) as conn:
        conn.executescript(BACK_TO_2)
    real = store_sqlite.migrations()
    broken = [(n, name, sql + "\nCREATE TABLE articles (x TEXT);") for n, name, sql in real]
    monkeypatch.setattr(store_sqlite, "migrations", lambda: broken)
    with pytest.raises(EventdeskError) as failed:
        SQLiteStore.open(db)
    assert failed.value.code == "ED020"
    assert _version(db) == "2" and "event_current" not in _tables(db)
    monkeypatch.setattr(store_sqlite, "migrations", lambda: real)
    with open_store(db) as store:
        assert store.counts()["events"] == 20 and _version(db) == str(SCHEMA_VERSION)
