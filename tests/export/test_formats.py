"""Exports: CSV read back with the csv module, Parquet with pyarrow, GeoJSON
checked against RFC 7946 with the small validator below (no extra package)."""

from __future__ import annotations

import csv
import io
import json
import math

import pyarrow.parquet as pq
import pytest

import eventdesk.export as ex
from eventdesk.errors import EventdeskError
from eventdesk.export import ACLED_COLUMNS, EXPORT_COLUMNS, export, inter_code, interaction_code, render
from eventdesk.query import Desk, EventFilter


@pytest.fixture
def desk(db):
    with Desk.open(db.path) as d:
        yield d


def test_public_surface_is_pinned():
    assert sorted(ex.__all__) == sorted(
        [
            "ACLED_COLUMNS",
            "EXPORT_COLUMNS",
            "FLAVORS",
            "FORMATS",
            "MEDIA_TYPES",
            "AcledRow",
            "Export",
            "Written",
            "acled_row",
            "disorder_type",
            "export",
            "geojson_collection",
            "inter_code",
            "interaction_code",
            "interaction_label",
            "render",
            "target_inter_code",
            "time_precision",
            "write",
        ]
    )


@pytest.mark.parametrize(
    ("actor_type", "code"),
    [
        ("state forces", 1),
        ("State_Forces", 1),
        ("rebel groups", 2),
        ("political militias", 3),
        ("identity militias", 4),
        ("rioters", 5),
        ("protesters", 6),
        ("civilians", 7),
        ("external/other forces", 8),
        ("3", 3),
        (None, None),
        ("wizards", None),
    ],
)
def test_inter_codes(actor_type, code):
    assert inter_code(actor_type) == code


def test_interaction_codes():
    assert interaction_code(2, 1) == 12
    assert interaction_code(1, 7) == 17
    assert interaction_code(6, None) == 60
    assert interaction_code(None, 2) is None


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_csv_has_acled_columns_and_evidence(desk, db):
    result = render(desk, "csv")
    rows = read_csv(result.content)
    assert list(rows[0].keys()) == list(EXPORT_COLUMNS)
    assert ACLED_COLUMNS == (
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "tags",
        "timestamp",
    )
    assert EXPORT_COLUMNS[len(ACLED_COLUMNS) :] == (
        "status",
        "fatalities_low",
        "fatalities_high",
        "source_count",
        "review_state",
        "event_id",
        "end_date",
        "inter1_label",
        "inter2_label",
        "interaction_label",
    )
    assert len(rows) == result.written == 7
    by_id = {r["event_id"]: r for r in rows}
    cp = by_id[db.ids["e_checkpoint"]]
    # ACLED's style: the ISO3 code, then a number (the id's first 12 hex digits in decimal).
    assert cp["event_id_cnty"] == "SYR" + str(int(db.ids["e_checkpoint"][:12], 16))
    assert (cp["actor1"], cp["inter1"], cp["actor2"], cp["inter2"], cp["interaction"]) == (
        "Islamic State",
        "2",
        "Military Forces of Syria",
        "1",
        "12",
    )
    assert (cp["inter1_label"], cp["inter2_label"], cp["interaction_label"]) == (
        "Rebel group",
        "State forces",
        "State forces-Rebel group",
    )
    assert (cp["location"], cp["admin1"], cp["latitude"], cp["longitude"], cp["fatalities"]) == (
        "Ar Raqqa",
        "Ar Raqqah",
        "35.95",
        "39.01",
        "4",
    )
    assert (cp["country"], cp["iso"], cp["region"]) == ("Syria", "760", "Middle East")
    assert cp["notes"].startswith("Islamic State fighters attacked")
    police = by_id[db.ids["e_police"]]
    assert police["source"] == "Idlib Today; Levant Wire"
    assert police["notes"].count(" | ") == 1  # two evidence sentences


def test_csv_neutralises_spreadsheet_formulas(desk, db, tmp_path):
    with Desk.open(db.path) as d:
        # A sub-event type must come from the taxonomy now, so a formula cannot get in there;
        # an actor's name is free text and can.
        with pytest.raises(EventdeskError) as refused:
            d.review(db.ids["e_market"], action="edit", field="sub_event_type", value='=HYPERLINK("x")', reviewer="t")
        assert refused.value.code == "ED042"
        d.review(db.ids["e_market"], action="edit", field="actor1", value='=HYPERLINK("x")', reviewer="t")
    rows = read_csv(render(desk, "csv").content)
    row = next(r for r in rows if r["event_id"] == db.ids["e_market"])
    assert row["actor1"] == '\'=HYPERLINK("x")'


def test_csv_honours_filters_and_reviews(desk, db):
    desk.review(db.ids["e_market"], action="edit", field="fatalities_best", value=15, reviewer="t")
    rows = read_csv(render(desk, "csv", EventFilter.build(actor="isis", actor_role="perpetrator")).content)
    assert {r["event_id"] for r in rows} == {db.ids[k] for k in ("e_checkpoint", "e_market", "e_patrol", "e_police")}
    assert next(r for r in rows if r["event_id"] == db.ids["e_market"])["fatalities"] == "15"


# -- a small RFC 7946 validator --------------------------------------------------------


def _position_ok(pos: object) -> bool:
    return (
        isinstance(pos, list)
        and len(pos) in (2, 3)
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in pos)
        and -180 <= pos[0] <= 180
        and -90 <= pos[1] <= 90
    )


def rfc7946_problems(doc: object) -> list[str]:
    """Structural problems of a FeatureCollection of Point features (RFC 7946 §3)."""
    problems = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection"]
    if not isinstance(doc.get("features"), list):
        return ["features is not an array"]
    if "crs" in doc:
        problems.append("crs member is not allowed (RFC 7946 §4)")
    for i, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"feature {i}: type is not Feature")
            continue
        if "properties" not in f or not (f["properties"] is None or isinstance(f["properties"], dict)):
            problems.append(f"feature {i}: properties must be an object or null")
        if "id" in f and not isinstance(f["id"], (str, int, float)):
            problems.append(f"feature {i}: id must be a string or number")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point" or not _position_ok(g.get("coordinates")):
            problems.append(f"feature {i}: geometry is not a valid Point [lon, lat]")
    return problems


def test_validator_catches_swapped_or_broken_coordinates():
    bad = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [35.0, 139.0]},
            },
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["1", 2]}},
        ],
    }
    assert len(rfc7946_problems(bad)) == 3


def test_geojson_is_rfc7946_lon_lat_and_counts_left_out(desk, db):
    result = render(desk, "geojson")
    doc = json.loads(result.content)
    assert rfc7946_problems(doc) == []
    assert (result.written, result.left_out) == (6, 1)  # Wadi Daif has no coordinates
    feature = next(f for f in doc["features"] if f["id"] == db.ids["e_market"])
    assert feature["geometry"]["coordinates"] == [37.52, 36.37]  # [lon, lat]
    assert feature["properties"]["location"] == "Al Bab"
    assert db.ids["e_wadi"] not in {f["id"] for f in doc["features"]}


def test_jsonl_has_every_event_with_evidence(desk, db):
    lines = render(desk, "jsonl").content.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 7
    market = next(r for r in records if r["id"] == db.ids["e_market"])
    assert market["outlets"] == ["Levant Wire"] and market["target_kinds"] == ["civilians"]
    assert market["evidence"][0].startswith("A suicide bomber from ISIS")


def test_parquet_round_trips(desk, db, tmp_path):
    out = tmp_path / "events.parquet"
    result = export(desk, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == result.written == 7
    assert table.column_names == list(EXPORT_COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = table.to_pylist()
    market = next(r for r in rows if r["event_id"] == db.ids["e_market"])
    assert (market["fatalities"], market["latitude"], market["inter1"]) == (12, 36.37, 2)
    wadi = next(r for r in rows if r["event_id"] == db.ids["e_wadi"])
    # ACLED's convention: 0 fatalities when no count is known; the low/high columns stay empty.
    assert wadi["latitude"] is None and wadi["fatalities"] == 0 and wadi["fatalities_low"] is None


def _without_timestamp(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if k != "timestamp"} for row in rows]


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl", "parquet"])
def test_api_exports_match_the_python_api(client, desk, fmt):
    response = client.get(f"/api/export.{fmt}?actor=isis")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(ex.MEDIA_TYPES[fmt].split(";")[0])
    expected = render(desk, fmt, EventFilter.build(actor="isis"))
    if fmt == "parquet":
        assert pq.read_table(io.BytesIO(response.content)).num_rows == expected.written
    elif fmt == "csv":  # the timestamp column is the time of each export
        assert _without_timestamp(read_csv(response.content)) == _without_timestamp(read_csv(expected.content))
    elif fmt == "geojson":
        got, want = json.loads(response.content), json.loads(expected.content)
        for doc in (got, want):
            for feature in doc["features"]:
                feature["properties"].pop("timestamp")
        assert got == want
    else:
        assert response.content == expected.content
    assert response.headers["x-eventdesk-left-out"] == str(expected.left_out)


def test_a_huge_count_stored_before_the_checks_does_not_break_parquet(desk, db):
    import datetime as dt

    from eventdesk.records import Review

    when = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    target = db.ids["e_market"]
    # Written as an older eventdesk accepted it, past today's review checks.
    desk.store.add_review(
        Review(
            id=Review.make_id(target, "fatalities_best", "old", when),
            target_kind="event",
            target_id=target,
            action="edit",
            reviewer="old",
            created_at=when,
            field="fatalities_best",
            value=int(1e308),
        )
    )
    table = pq.read_table(io.BytesIO(render(desk, "parquet").content))
    row = next(r for r in table.to_pylist() if r["event_id"] == target)
    assert row["fatalities"] == 12  # the machine's figure; the old review stays in the log
    assert len(desk.event(target).reviews) == 1
