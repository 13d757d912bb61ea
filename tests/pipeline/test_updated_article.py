"""End to end: an outlet's updated copy of a report at the same URL is a
second version of one source, not a second source."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk import ingest
from eventdesk.pipeline import relink
from eventdesk.store import open_store

pytestmark = pytest.mark.model

BODY = "Gunmen attacked an army checkpoint near Gao on Monday, a military spokesman said.\n"
UPDATED = "Gunmen attacked an army checkpoint near Gao on Monday, killing six soldiers, a military spokesman said.\n"
HEADER = "title: Checkpoint attack near Gao\noutlet: {outlet}\nurl: {url}\npublished: 2026-03-10\n\n"
URL = "https://sahel-wire.example/news/gao-checkpoint"


def _write(folder: Path, name: str, outlet: str, url: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(HEADER.format(outlet=outlet, url=url) + body, encoding="utf-8")


def test_an_update_at_the_same_url_counts_once(tmp_path: Path, pipeline: object) -> None:
    folder, db = tmp_path / "in", tmp_path / "ev.db"
    _write(folder, "a-first.txt", "Sahel Wire", URL, BODY)
    _write(folder, "b-update.txt", "Sahel Wire", URL + "/", UPDATED)
    ingest([str(folder)], db, pipeline=pipeline)  # type: ignore[arg-type]
    with open_store(db) as store:
        first, update = store.articles()
        [event] = store.events()
        assert event.source_count == 1
        assert {m.article_id for m in store.mentions_by_id(event.mention_ids)} == {first.id, update.id}
        assert event.fatalities_best == 6
        assert store.event_outlets() == {event.id: ["Sahel Wire"]}
        before = store.snapshot()
        relink(store)  # relinking gives the same events
        assert store.snapshot() == before
    ingest([str(folder)], db, pipeline=pipeline)  # type: ignore[arg-type]
    with open_store(db) as store:  # and re-running the same ingest changes nothing but the run log
        after = store.snapshot()
        assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}

    # A second outlet's report of the same attack is a second source.
    _write(
        folder,
        "c-other.txt",
        "Radio Niger",
        "https://radio.example/ne/4411",
        UPDATED.replace("a military spokesman said", "residents told Radio Niger"),
    )
    ingest([str(folder)], db, pipeline=pipeline)  # type: ignore[arg-type]
    with open_store(db) as store:
        [event] = store.events()
        assert event.source_count == 2
