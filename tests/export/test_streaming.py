"""Exports stream: rows are read, turned into rows and written a batch at a time, and
the bytes are the same whatever the batch size."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventdesk.eval.query_bench import build_database
from eventdesk.export import FORMATS, export, formats, geojson_collection, render
from eventdesk.query import Desk, EventFilter

_STAMP = 1_700_000_000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stream") / "stream.db"
    build_database(path, 45, seed=11)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_small_batches_write_the_same_bytes(db: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Desk.open(db) as desk:
        whole = render(desk, fmt, timestamp=_STAMP)
        monkeypatch.setattr(formats, "EXPORT_BATCH", 7)
        batched = render(desk, fmt, timestamp=_STAMP)
    assert batched.written == whole.written > 0
    if fmt == "parquet":  # one row group per batch, the same rows
        assert pq.ParquetFile(io.BytesIO(batched.content)).num_row_groups == -(-whole.written // 7)
        assert pq.read_table(io.BytesIO(batched.content)).equals(pq.read_table(io.BytesIO(whole.content)))
    else:
        assert batched.content == whole.content


def test_the_streamed_geojson_is_the_collection(db: Path) -> None:
    with Desk.open(db) as desk:
        streamed = json.loads(render(desk, "geojson", timestamp=_STAMP).content)
        collection, left_out = geojson_collection(desk, desk.select(), timestamp=_STAMP)
    assert streamed == collection and left_out == 0


def test_an_export_to_a_file_reads_in_batches(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = Desk.batches

    def counted(self: Desk, flt: EventFilter | None = None, *, sort: str = "date", batch: int = 2000):  # type: ignore[no-untyped-def]
        for chunk in real(self, flt, sort=sort, batch=batch):
            seen.append(len(chunk))
            yield chunk

    monkeypatch.setattr(formats, "EXPORT_BATCH", 10)
    monkeypatch.setattr(Desk, "batches", counted)
    out = tmp_path / "events.csv"
    with Desk.open(db) as desk:
        written = export(desk, "csv", out).written
    assert max(seen) == 10 and sum(seen) == written
    assert len(out.read_text("utf-8").splitlines()) == written + 1
