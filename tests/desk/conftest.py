"""Fixtures for the analyst's desk: a hand-built database, an in-process API
client, a live server on a free port and a headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sample  # noqa: E402

TOKENS = {"tok-alice": "alice", "tok-bob": "bob"}


def pytest_configure(config: pytest.Config) -> None:
    # starlette >= 0.47 warns that its TestClient will move from httpx to
    # httpx2; the warning is about the test client only, not about our code.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Using `httpx` with `starlette.testclient` is deprecated:UserWarning",
    )


@pytest.fixture
def db(tmp_path: Path) -> sample.Sample:
    return sample.build(tmp_path / "events.db")


@pytest.fixture
def client(db: sample.Sample) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from eventdesk.api import create_app

    with TestClient(create_app(db.path, reviewer_tokens=TOKENS)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn in a background thread; ``restart()`` builds a new app on the same file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.port = free_port()
        self._server: object = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import uvicorn

        from eventdesk.api import create_app

        config = uvicorn.Config(
            create_app(self.db_path, reviewer_tokens=TOKENS),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(target=server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True  # type: ignore[attr-defined]
            self._thread.join(timeout=10)
            self._server = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def live(db: sample.Sample) -> Iterator[LiveServer]:
    server = LiveServer(db.path)
    server.start()
    yield server
    server.stop()


def _chromium() -> tuple[str, str] | None:
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return (binary, driver) if os.path.exists(binary) and os.path.exists(driver) else None


def require_chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver; missing ones fail under CI, skip elsewhere."""
    found = _chromium()
    if found is None:
        message = "chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


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
