"""The PostgreSQL store: the same schema, migrations and answers as SQLite, selected by
a postgresql:// URL (``--db``, EVENTDESK_DB), with concurrent writers serialised."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.eval.query_bench import build_database, synthetic_reports
from eventdesk.query import Desk, EventFilter
from eventdesk.query import reference as ref
from eventdesk.store import SCHEMA_VERSION, SQLiteStore, open_store
from eventdesk.store.postgres import PostgresStore, to_postgres
from schema_steps import BACK_TO_2


def _version(url: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert row is not None
    return str(row[0])


def test_a_url_opens_the_postgresql_store_at_the_current_schema(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    with open_store(url) as store:
        assert isinstance(store, PostgresStore) and store.counts()["events"] == 0
    assert _version(url) == str(SCHEMA_VERSION)


def test_a_schema_2_database_is_upgraded_and_answers_as_before(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    build_database(url, 60, seed=3)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(BACK_TO_2.encode())
    for _ in range(2):
        with Desk.open(url) as desk:
            assert _version(url) == str(SCHEMA_VERSION)
            flt = EventFilter(countries=("NG",))
            assert list(desk.select(flt, sort="-date")) == ref.select(desk.store, flt, "-date")


def test_a_newer_database_is_refused_untouched(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    open_store(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(EventdeskError) as refused:
        open_store(url)
    assert refused.value.code == "ED021" and _version(url) == str(SCHEMA_VERSION + 1)


def test_a_reader_refuses_a_database_eventdesk_never_wrote(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    with pytest.raises(EventdeskError) as missing:
        Desk.open(url)
    assert missing.value.code == "ED022"


def test_no_server_is_a_coded_error_without_the_password(tmp_path: Path) -> None:
    with pytest.raises(EventdeskError) as failed:
        SQLiteStore.open(f"postgresql://ana:s3cret@/events?host={tmp_path}&port=1")
    assert failed.value.code == "ED020" and "s3cret" not in str(failed.value)


def test_concurrent_writers_lose_and_duplicate_nothing(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    open_store(url).close()
    reports = list(synthetic_reports(60, seed=8))
    # Two writers, overlapping on a third of the reports.
    shares = [reports[:40], reports[20:]]
    errors: list[BaseException] = []

    def write(batch: list) -> None:  # type: ignore[type-arg]
        try:
            with open_store(url) as store:
                for article, mention, actor, place in batch:
                    store.put_document(article, extracted=True, mentions=[mention], actors=[actor], places=[place])
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(share,)) for share in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(url) as store:
        assert store.counts()["articles"] == 60 and store.counts()["mentions"] == 60
        seqs = [r[0] for r in store._conn.execute("SELECT seq FROM articles")]
    assert sorted(seqs) == list(range(1, 61))


def test_the_cli_reads_a_postgresql_url_from_eventdesk_db(postgres: object) -> None:
    url = postgres.database()  # type: ignore[attr-defined]
    build_database(url, 30, seed=6)
    result = CliRunner().invoke(app, ["events", "--json"], env={"EVENTDESK_DB": url})
    assert result.exit_code == 0, result.output
    with Desk.open(url) as desk:
        assert len(json.loads(result.stdout)) == len(desk.select())


@pytest.mark.parametrize(
    ("sqlite", "postgresql"),
    [
        ("INSERT OR IGNORE INTO t(a, b) VALUES (?,?)", "INSERT INTO t(a, b) VALUES (%s,%s) ON CONFLICT DO NOTHING"),
        ("SELECT value FROM json_each(?)", "SELECT value FROM json_array_elements_text(%s::json)"),
        ("latitude REAL,", "latitude DOUBLE PRECISION,"),
        ("ORDER BY start_date, id", "ORDER BY start_date NULLS FIRST, id"),
    ],
)
def test_each_rewrite_says_the_same_in_postgresql(sqlite: str, postgresql: str) -> None:
    assert to_postgres(sqlite) == postgresql
