"""Fixtures for the analyst's desk: a hand-built database, an in-process API
client, a live server on a free port and a headless Chromium."""

from __future__ import annotations

import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import desk_sample as sample  # noqa: E402
from desk_support import TOKENS, LiveServer, require_chromium  # noqa: E402

# starlette >= 0.47 warns, once, when its TestClient module is imported with
# httpx instead of httpx2. The warning is about the test client only; import it
# here, under a filter for exactly that message, so that filterwarnings=error
# does not turn it into a collection error whichever test module imports it first.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    import fastapi.testclient  # noqa: F401


@pytest.fixture
def db(tmp_path: Path) -> sample.Sample:
    return sample.build(tmp_path / "events.db")


@pytest.fixture
def client(db: sample.Sample) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from eventdesk.api import create_app

    with TestClient(create_app(db.path, reviewer_tokens=TOKENS)) as c:
        yield c


@pytest.fixture
def live(db: sample.Sample) -> Iterator[LiveServer]:
    server = LiveServer(db.path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by selenium (no Selenium Manager download)."""
    binary, driver_path = require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="eventdesk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1440,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
