"""The ingest guarantees, end to end with the real pipeline:
bad input is one coded error each, re-ingest changes nothing, and an ingest
killed half-way resumes without loss or duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventdesk import ingest
from eventdesk.store import open_store

pytestmark = pytest.mark.model

PLACES = ["Gao", "Kidal", "Mopti", "Timbuktu", "Menaka", "Segou", "Sikasso", "Kayes", "Koulikoro", "Bamako"]


def _report(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"title: Attack near {place} ({i})\n"
        f"outlet: Sahel Wire\n"
        f"published: 2026-03-{1 + i % 28:02d}\n\n"
        f"Gunmen attacked an army checkpoint near {place} on Monday, killing {i % 7 + 2} soldiers, "
        f"a military spokesman said. Report number {i} of the week.\n"
        f"Residents said the attackers fled on motorcycles towards the border.\n"
    )


def _write_reports(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"report-{i:03d}.txt").write_text(_report(i), encoding="utf-8")


def _bad_inputs(folder: Path) -> dict[str, str]:
    """One file per kind of bad input, with the code each must get."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(os.urandom(4096))
    (folder / "latin1.txt").write_bytes("Affrontements près de Gao: l'armée a riposté.".encode("latin-1"))
    (folder / "malformed.html").write_text("<html><body><div><p></div></span><script>x</script>", encoding="utf-8")
    (folder / "nofeed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>', encoding="utf-8"
    )
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "mixed.jsonl").write_text(
        '{"text": "Police arrested twelve protesters in Bamako on Friday.", "published": "2026-03-06"}\n'
        '{"text": "Troops clashed with \n'
        '{"text": "Soldiers repelled an attack on a base in Menaka, killing three assailants.", '
        '"published": "2026-03-07"}\n',
        encoding="utf-8",
    )
    return {
        "empty.txt": "ED002",
        "binary.txt": "ED003",
        "latin1.txt": "ED004",
        "malformed.html": "ED006",
        "nofeed.rss": "ED009",
        "huge.txt": "ED005",
        "mixed.jsonl:2": "ED007",
    }


def test_bad_inputs_each_get_one_coded_error_and_the_rest_is_stored(tmp_path: Path, pipeline: object) -> None:
    folder = tmp_path / "in"
    _write_reports(folder, 3)
    expected = _bad_inputs(folder)
    db = tmp_path / "e.db"
    missing = str(tmp_path / "does-not-exist.txt")
    summary = ingest([str(folder), missing], db, pipeline=pipeline)  # type: ignore[arg-type]
    got = {Path(src).name: code for src, code, _ in summary.errors}
    assert got == {**expected, "does-not-exist.txt": "ED001"}
    assert summary.stored == 5  # three reports and two good JSON lines
    with open_store(db) as store:
        assert {Path(e["source"]).name: e["code"] for e in store.errors()} == got
        before = store.snapshot()
    again = ingest([str(folder), missing], db, pipeline=pipeline)  # type: ignore[arg-type]
    assert again.stored == 0 and again.unchanged == 5
    with open_store(db) as store:
        assert store.snapshot() == before


def test_reingest_leaves_every_data_table_unchanged(tmp_path: Path, pipeline: object) -> None:
    from eventdesk.cli.ingest import example_paths

    db = tmp_path / "e.db"
    first = ingest(example_paths(), db, pipeline=pipeline)  # type: ignore[arg-type]
    assert first.stored >= 10 and first.events > 0
    with open_store(db) as store:
        before = store.snapshot()
    second = ingest(example_paths(), db)  # no pipeline needed: nothing is new
    assert second.stored == 0 and second.unchanged == first.stored
    with open_store(db) as store:
        assert store.snapshot() == before
        assert len(store.runs()) == 2  # only the runs log grows


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, pipeline: object) -> None:
    folder = tmp_path / "in"
    _write_reports(folder, 40)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    cmd = [sys.executable, "-m", "eventdesk", "ingest", str(folder), "--db", str(killed_db)]
    log = tmp_path / "ingest.log"
    with log.open("wb") as stderr, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr) as proc:
        deadline = time.monotonic() + 300
        while _articles(killed_db) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, f"ingest ended before it could be killed: {log.read_text()}"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    stored_when_killed = _articles(killed_db)
    assert 5 <= stored_when_killed < 40

    resumed = ingest([str(folder)], killed_db, pipeline=pipeline)  # type: ignore[arg-type]
    assert resumed.unchanged == stored_when_killed
    assert resumed.stored == 40 - stored_when_killed
    ingest([str(folder)], clean_db, pipeline=pipeline)  # type: ignore[arg-type]
    with open_store(killed_db) as a, open_store(clean_db) as b:
        assert a.snapshot() == b.snapshot()


def test_non_english_reports_are_stored_and_marked_not_extracted(tmp_path: Path, pipeline: object) -> None:
    (tmp_path / "fr.txt").write_text(
        "published: 2026-03-10\n\nDes hommes armés ont attaqué un poste de l'armée près de Gao lundi, tuant "
        "quatre soldats, selon un porte-parole militaire. Les assaillants ont pris la fuite vers la frontière.\n",
        encoding="utf-8",
    )
    summary = ingest([str(tmp_path / "fr.txt")], tmp_path / "e.db", pipeline=pipeline)  # type: ignore[arg-type]
    assert (summary.stored, summary.not_extracted, summary.mentions) == (1, 1, 0)
    with open_store(tmp_path / "e.db") as store:
        [article] = store.articles()
        assert article.language == "fr"
