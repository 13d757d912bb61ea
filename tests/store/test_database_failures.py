"""A database that cannot be written or read whole gives ED020 on every surface
(issue 12): the Python API raises it, the CLI prints one coded line (no
traceback), the API answers 503 with the one error shape. A database in a
read-only folder can still be queried.

Real SQLite failures, not mocks: a full disk is SQLite's own SQLITE_FULL from
``PRAGMA max_page_count`` (the page limit of the file); a damaged page is
garbage written over the events table's root page. A read-only folder is a
chmod; as root (which ignores file modes) the store's own check of write access
is told the truth the chmod states.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventdesk.api import create_app
from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.query import Desk, EventFilter
from eventdesk.store import SQLiteStore
from eventdesk.store import sqlite as store_module

TOKENS = {"tok-alice": "alice"}
AUTH = {"Authorization": "Bearer tok-alice"}


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def api(path: Path) -> TestClient:
    return TestClient(create_app(path, reviewer_tokens=TOKENS), base_url="http://localhost")


def one_coded_line(out: Any) -> None:
    assert out.exit_code == 1, out.output
    assert out.output.startswith("[ED020]") and "Traceback" not in out.output, out.output


# -- a read-only folder ---------------------------------------------------------


@pytest.fixture
def read_only_folder(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = db.path.parent
    mode = folder.stat().st_mode
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    if os.geteuid() == 0:  # root writes anyway; tell the store what the mode says
        real = os.access

        def access(path: Any, how: int, **kw: Any) -> bool:
            if how & os.W_OK and Path(path).resolve().is_relative_to(folder.resolve()):
                return False
            return real(path, how, **kw)

        monkeypatch.setattr(store_module.os, "access", access)
    try:
        yield db.path
    finally:
        os.chmod(folder, mode)


def test_a_database_in_a_read_only_folder_can_be_queried(read_only_folder: Path, db: Any) -> None:
    before = set(read_only_folder.parent.iterdir())
    with Desk.open(read_only_folder) as desk:
        assert db.ids["e_market"] in {e.id for e in desk.select(EventFilter())}
    out = cli("events", "--db", str(read_only_folder), "--json")
    assert out.exit_code == 0, out.output
    with api(read_only_folder) as client:
        assert client.get("/api/events").status_code == 200
        # A write is refused whole, with the code, not a 500.
        refused = client.post("/api/reviews", json={"event_id": db.ids["e_market"], "action": "accept"}, headers=AUTH)
        assert refused.status_code == 503 and refused.json()["code"] == "ED020"
    assert set(read_only_folder.parent.iterdir()) == before  # no -wal or -shm file was made


# -- a damaged page ---------------------------------------------------------------


@pytest.fixture
def damaged(db: Any) -> Path:
    conn = sqlite3.connect(db.path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='events'").fetchone()
    conn.close()
    with open(db.path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\xff" * (page_size // 2))
    return db.path


def test_a_damaged_page_is_ed020_in_python(damaged: Path) -> None:
    with pytest.raises(EventdeskError) as failed, Desk.open(damaged) as desk:
        desk.select(EventFilter())
    assert failed.value.code == "ED020" and "damaged" in failed.value.message


def test_a_damaged_page_is_ed020_on_the_command_line(damaged: Path) -> None:
    out = str(damaged.parent / "out.csv")
    for command in (("events",), ("query",), ("stats",), ("export", "--format", "csv", "--out", out)):
        one_coded_line(cli(*command, "--db", str(damaged)))


def test_a_damaged_page_is_ed020_in_the_api(damaged: Path) -> None:
    with api(damaged) as client:
        for path in ("/api/events", "/api/stats/counts", "/api/export.csv"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.text)
            assert response.json()["code"] == "ED020" and response.json()["ok"] is False


# -- a full disk -------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store opened from now on may not grow by a single page."""
    real_open = SQLiteStore.open.__func__  # type: ignore[attr-defined]

    def open_full(cls: type[SQLiteStore], *args: Any, **kwargs: Any) -> SQLiteStore:
        store = real_open(cls, *args, **kwargs)
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        return store

    monkeypatch.setattr(SQLiteStore, "open", classmethod(open_full))


BIG = "a long reason that no page of the reviews table has room for " * 200


def test_a_full_disk_is_ed020_on_every_surface(db: Any, full_disk: None) -> None:
    with Desk.open(db.path) as desk, pytest.raises(EventdeskError) as failed:
        desk.review(db.ids["e_market"], action="accept", reviewer="ana", reason=BIG)
    assert failed.value.code == "ED020" and "full" in failed.value.message
    out = cli(
        "review", db.ids["e_market"], "--action", "accept", "--reviewer", "ana", "--reason", BIG, "--db", str(db.path)
    )
    one_coded_line(out)
    with api(db.path) as client:
        body = {"event_id": db.ids["e_market"], "action": "accept", "reason": BIG[:4000]}
        response = client.post("/api/reviews", json=body, headers=AUTH)
        assert response.status_code == 503 and response.json()["code"] == "ED020"
    with Desk.open(db.path) as desk:
        assert desk.event(db.ids["e_market"]).reviews == ()  # nothing half-written
