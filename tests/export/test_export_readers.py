"""The four export formats open where analysts open them: pandas, and a GeoJSON validator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geojson
import pandas as pd
import pytest

from eventdesk.export import EXPORT_COLUMNS, export
from eventdesk.query import Desk


@pytest.fixture
def desk(db: Any) -> Iterator[Desk]:
    with Desk.open(db.path) as opened:
        yield opened


def test_csv_jsonl_parquet_open_in_pandas(desk: Any, db: Any, tmp_path: Path) -> None:
    frames = {}
    for fmt, read in (
        ("csv", pd.read_csv),
        ("jsonl", lambda p: pd.read_json(p, lines=True)),
        ("parquet", pd.read_parquet),
    ):
        out = tmp_path / f"events.{fmt}"
        written = export(desk, fmt, out).written
        frames[fmt] = read(out)
        assert len(frames[fmt]) == written == 7
    assert list(frames["csv"].columns) == list(EXPORT_COLUMNS)
    assert sorted(frames["csv"]["event_id"]) == sorted(frames["parquet"]["event_id"]) == sorted(frames["jsonl"]["id"])
    assert frames["csv"]["fatalities"].sum() == frames["parquet"]["fatalities"].sum()


def test_geojson_passes_a_validator(desk: Any, db: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export(desk, "geojson", out)
    collection = geojson.loads(out.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
