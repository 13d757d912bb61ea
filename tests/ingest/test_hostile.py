"""The hostile corpus (tests/ingest/hostile.py) mixed with the bundled example
reports: 0 crashes, every good document stored, every bad one a coded error,
and a re-run changes nothing (issue 12). docs/reliability.md quotes the figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.ingest.hostile import Case, misses, outcomes, write_corpus

from eventdesk import ingest
from eventdesk.errors import CODES, DocumentError
from eventdesk.ingest.raw import RawDocument
from eventdesk.ingest.sources import read_sources
from eventdesk.store import open_store

# warcio's writer (building the corpus) leaves a spooled temp file to the garbage collector.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "outside").mkdir()
    return root / "in", write_corpus(root / "in", root / "outside")


def test_the_corpus_covers_every_reader(corpus: tuple[Path, list[Case]]) -> None:
    _, cases = corpus
    assert len(cases) >= 100
    kinds = Counter(case.source.split("/")[0] for case in cases)
    assert set(kinds) == {"txt", "names", "html", "json", "feed", "warc", "other", "links"}


def test_readers_never_raise_on_the_corpus(corpus: tuple[Path, list[Case]]) -> None:
    folder, cases = corpus
    results = list(read_sources([str(folder)]))
    assert all(isinstance(r, RawDocument | DocumentError) for r in results)
    assert {r.code for r in results if isinstance(r, DocumentError)} <= set(CODES)
    seen = {r.source.removeprefix(f"{folder}/") for r in results}
    assert {c.source for c in cases} <= seen


@pytest.mark.model
def test_hostile_corpus_mixed_with_the_examples(
    corpus: tuple[Path, list[Case]], tmp_path: Path, pipeline: object
) -> None:
    from eventdesk.cli.ingest import example_paths

    folder, cases = corpus
    examples = example_paths()
    db = tmp_path / "e.db"
    first = ingest([*examples, str(folder)], db, pipeline=pipeline)  # type: ignore[arg-type]  # 0 crashes: it returns
    stored, errors = outcomes(db, folder)
    assert misses(cases, stored, errors) == []
    assert set().union(*errors.values()) <= set(CODES)
    alone = ingest(examples, tmp_path / "examples.db", pipeline=pipeline)  # type: ignore[arg-type]
    with open_store(db) as mixed, open_store(tmp_path / "examples.db") as clean:
        assert {a.id for a in clean.articles()} <= {a.id for a in mixed.articles()}  # no good report lost
        before = mixed.snapshot()
    assert alone.errors == ()
    again = ingest([*examples, str(folder)], db, pipeline=pipeline)  # type: ignore[arg-type]
    assert (again.stored, again.unchanged) == (0, first.stored + first.duplicates)
    with open_store(db) as store:
        assert store.snapshot() == before  # idempotent: nothing added, nothing duplicated
