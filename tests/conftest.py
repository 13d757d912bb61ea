"""Shared fixtures: where the public gold data lives, the loaded pipeline, and
the desk's hand-built sample database with an in-process API client."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

sys.path.insert(0, str(Path(__file__).parent))

import desk_sample as sample  # noqa: E402

# starlette >= 0.47 warns, once, when its TestClient module is imported with
# httpx instead of httpx2. The warning is about the test client only; import it
# here, under a filter for exactly that message, so that filterwarnings=error
# does not turn it into a collection error whichever test module imports it first.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    import fastapi.testclient  # noqa: F401


def shared_dir() -> Path:
    """../shared beside the checkout (CI lays it there), or $EVENTDESK_SHARED."""
    return Path(os.environ.get("EVENTDESK_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        # Never skip: CI always has ../shared, and a missing one is a broken setup.
        pytest.fail(f"public data folder {path} is missing (set EVENTDESK_SHARED)")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real pipeline, loaded once per test session."""
    from eventdesk.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture
def db(tmp_path: Path) -> sample.Sample:
    """The desk's sample database (tests/desk_sample.py), written afresh for each test."""
    return sample.build(tmp_path / "events.db")


@pytest.fixture
def client(db: sample.Sample) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from eventdesk.api import create_app

    with TestClient(create_app(db.path, reviewer_tokens=sample.TOKENS), base_url="http://localhost") as c:
        yield c


#: The store's backends; tests that take ``new_db`` run once on each.
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for the whole session (tests/pg_server.py)."""
    from pg_server import TempPostgres

    server = TempPostgres()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def new_db(backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A maker of new, empty databases on ``backend``: a SQLite file path, or the URL of a
    fresh database on the session's PostgreSQL server."""
    names = iter(range(1_000_000))
    server = request.getfixturevalue("postgres") if backend == "postgresql" else None

    def make() -> str:
        if server is None:
            return str(tmp_path_factory.mktemp("db") / f"events-{next(names)}.db")
        return str(server.database())  # type: ignore[attr-defined]

    return make
