"""The per-document boundary in the runner (issue 12): one document's failure
is one coded error row, and the run, its later documents and its re-run go on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.pipeline.test_workers import FakePipeline

from eventdesk import ingest
from eventdesk.pipeline.boundary import INT64_MAX, out_of_range, storable
from eventdesk.records import Article
from eventdesk.store import open_store

GOOD = (
    "published: 2026-03-10\n\nGunmen attacked an army post near Gao on Monday, killing four soldiers, the army said.\n"
)


@dataclass(frozen=True)
class Count:
    low: int | None
    best: int | None


def test_out_of_range_finds_wide_integers_and_infinities() -> None:
    assert out_of_range(Count(low=1, best=INT64_MAX)) is None
    assert out_of_range((Count(low=1, best=INT64_MAX + 1),)) == "[0].best"
    assert out_of_range([1.5, float("inf")]) == "[1]"
    assert out_of_range(Article(id="a", text="99999999999999999999999")) is None


def test_storable_escapes_lone_surrogates() -> None:
    assert storable("caf\udce9.txt") == "caf\\udce9.txt"
    assert storable("Gao") == "Gao"


def _fake() -> Any:
    return FakePipeline()


def test_a_worker_crash_is_counted_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"r{i}.txt").write_text(GOOD.replace("four", f"{i + 2}"), encoding="utf-8")
    (folder / "r9.txt").write_text("DIE near Gao.", encoding="utf-8")
    summary = ingest([str(folder)], tmp_path / "e.db", pipeline=_fake(), workers=2)
    assert summary.stored == 5
    assert [(Path(src).name, code) for src, code, _ in summary.errors] == [("r9.txt", "ED019")]
    assert summary.worker_crashes == 1
    again = ingest([str(folder)], tmp_path / "e.db", pipeline=_fake(), workers=2)
    assert (again.stored, again.unchanged, len(again.errors)) == (0, 5, 1)


def test_a_cleaning_bug_costs_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventdesk.pipeline.runner as runner

    real = runner.clean

    def flaky(doc: Any) -> Any:
        if "Kidal" in (doc.text or ""):
            raise RecursionError("simulated")
        return real(doc)

    monkeypatch.setattr(runner, "clean", flaky)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("Gao", "Kidal"), encoding="utf-8")
    summary = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], tmp_path / "e.db", pipeline=_fake())
    assert summary.stored == 1
    [(source, code, message)] = summary.errors
    assert (Path(source).name, code) == ("b.txt", "ED018") and "RecursionError" in message


def test_non_utf8_file_name_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    Path(os.fsdecode(os.fsencode(str(folder)) + b"/caf\xe9.txt")).write_text(GOOD, encoding="utf-8")
    summary = ingest([str(folder)], tmp_path / "e.db", pipeline=_fake())
    assert (summary.stored, summary.errors) == (1, ())
    with open_store(tmp_path / "e.db") as store:
        [article] = store.articles()
        assert article.source is not None and article.source.endswith("caf\\xe9.txt")


@pytest.mark.model
def test_death_toll_wider_than_64_bits_is_ed016(tmp_path: Path, pipeline: object) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "published: 2026-03-10\n\n99999999999999999999999 people were killed when gunmen attacked a market "
        "near Gao on Monday, officials said.\n",
        encoding="utf-8",
    )
    paths = [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]
    summary = ingest(paths, tmp_path / "e.db", pipeline=pipeline)  # type: ignore[arg-type]
    assert summary.stored == 1
    assert [(Path(s).name, c) for s, c, _ in summary.errors] == [("b.txt", "ED016")]


def test_limits_and_follow_symlinks_are_ingest_options(tmp_path: Path) -> None:
    from eventdesk.ingest.limits import Limits

    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "two.jsonl").write_text(
        f'{{"text": "{GOOD.split(chr(10))[2]}"}}\n{{"text": "Police arrested five men in Kano."}}\n', encoding="utf-8"
    )
    (outside / "far.txt").write_text(GOOD.replace("Gao", "Kayes"), encoding="utf-8")
    (folder / "far.txt").symlink_to(outside / "far.txt")
    strict = ingest([str(folder)], tmp_path / "a.db", pipeline=_fake(), limits=Limits(max_records=1))
    assert sorted(code for _, code, _ in strict.errors) == ["ED016", "ED017"] and strict.stored == 1
    loose = ingest([str(folder)], tmp_path / "b.db", pipeline=_fake(), follow_symlinks=True)
    assert (loose.stored, loose.errors) == (3, ())
