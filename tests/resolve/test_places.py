from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import EventdeskError
from eventdesk.eval.geoparsing.scoring import evaluate_geoparsing
from eventdesk.resolve import Gazetteer, country_focus, event_place, find_toponyms, resolve_places, ucdp_where_prec


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name), name))
    return out


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Ar Raqqa", "SY"),
        ("Raqqah", "SY"),
        ("al-Raqqa", "SY"),
        ("Idlib", "SY"),
        ("Al Bab", "SY"),
        ("Aleppo", "SY"),
        ("Mosul", "IQ"),
        ("Maiduguri", "NG"),
        ("Mogadishu", "SO"),
    ],
)
def test_conflict_towns_resolve_to_the_right_country(gazetteer: Gazetteer, name: str, country: str) -> None:
    text = f"Fighting was reported in {name} on Monday."
    [place] = resolve_places(spans(text, name), text=text, gazetteer=gazetteer)
    assert place is not None and place.country == country and place.precision == 1


def test_an_unresolvable_village_leaves_the_others_intact(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Qzyxwv Tahtani near Aleppo and a market in Idlib."
    places = resolve_places(spans(text, "Qzyxwv Tahtani", "Aleppo", "Idlib"), text=text, gazetteer=gazetteer)
    assert places[0] is None
    assert [p.country for p in places[1:] if p is not None] == ["SY", "SY"]


def test_admin_context_after_a_comma(gazetteer: Gazetteer) -> None:
    text = "A tornado hit Paris, Texas; in France, Paris was calm."
    second = text.rindex("Paris")
    texan, french = resolve_places(
        [*spans(text, "Paris"), (second, second + 5, "Paris")], text=text, gazetteer=gazetteer
    )
    assert texan is not None and (texan.country, texan.admin1) == ("US", "Texas")
    assert french is not None and french.country == "FR"


def test_a_repeated_name_is_one_focus_vote(gazetteer: Gazetteer) -> None:
    # A Texas paper writing "Paris" four times means its own town, not France.
    text = "Paris police said Paris schools and Paris parks in Paris stay open, Dallas officials and the Texas governor said."
    places = resolve_places(spans(text, "Paris"), text=text, gazetteer=gazetteer)
    assert places[0] is not None and (places[0].country, places[0].admin1) == ("US", "Texas")


def test_state_abbreviation_as_admin_context(gazetteer: Gazetteer) -> None:
    text = "Police in Springfield, Ill. arrested two men."
    [place] = resolve_places(spans(text, "Springfield"), text=text, gazetteer=gazetteer)
    assert place is not None and place.admin1 == "Illinois"


def test_country_focus_breaks_ties(gazetteer: Gazetteer) -> None:
    text = "Clashes in Aleppo and Homs spread to Tripoli."
    tops = spans(text, "Aleppo", "Homs", "Tripoli")
    assert country_focus(text, tops, gazetteer) == "SY"
    libya = "Libyan forces entered Tripoli."
    [place] = resolve_places(spans(libya, "Tripoli"), text=libya, gazetteer=gazetteer)
    assert place is not None and place.country == "LY"


def test_demonyms_and_short_capitals(gazetteer: Gazetteer) -> None:
    text = "The US and Russian envoys met."
    us, ru = resolve_places(spans(text, "US", "Russian"), text=text, gazetteer=gazetteer)
    assert us is not None and (us.country, us.feature) == ("US", "PCLI")
    assert ru is not None and ru.country == "RU"


def test_precision_levels(gazetteer: Gazetteer) -> None:
    text = "Rebels attacked villages near Hama and in Idlib province; Syria denied it."
    hama, idlib, syria = resolve_places(spans(text, "Hama", "Idlib", "Syria"), text=text, gazetteer=gazetteer)
    assert hama is not None and hama.precision == 2 and ucdp_where_prec(hama) == 2
    assert idlib is not None and idlib.precision == 3
    assert syria is not None and syria.precision == 3 and ucdp_where_prec(syria) == 6


def test_find_toponyms_on_the_example(gazetteer: Gazetteer, shared: Path) -> None:
    text = (shared / "examples" / "syria-isis-infighting-report.txt").read_text("utf-8")
    found = find_toponyms(text, gazetteer)
    names = {t for _s, _e, t in found}
    assert {"Ar Raqqa", "Idlib", "Al Bab", "Syria"} <= names
    assert not names & {"Sham", "Baghdadi", "Shari", "Police", "Of"}
    assert all(text[s:e] == t for s, e, t in found)
    places = resolve_places(found, text=text, gazetteer=gazetteer)
    by_name = {t: p for (_s, _e, t), p in zip(found, places, strict=True)}
    assert all(by_name[n] is not None and by_name[n].country == "SY" for n in ("Ar Raqqa", "Idlib", "Al Bab"))  # type: ignore[union-attr]


def test_false_toponyms_are_not_found(gazetteer: Gazetteer) -> None:
    text = "Of the men, one Man said: Police at the Bar were Said to be calm in Mosul."
    assert [t for _s, _e, t in find_toponyms(text, gazetteer)] == ["Mosul"]


def test_event_place_prefers_the_locative_toponym_near_the_trigger(gazetteer: Gazetteer) -> None:
    text = "Fighters from Homs attacked a checkpoint in Hama, officials in Damascus said."
    tops = find_toponyms(text, gazetteer)
    trigger = text.index("attacked")
    assert event_place(tops, text=text, trigger=trigger) == spans(text, "Hama")[0]
    assert event_place([t for t in tops if t[2] == "Homs"], text=text, trigger=trigger) == spans(text, "Homs")[0]
    assert event_place([], text=text, trigger=trigger) is None


def test_cache_is_reused(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert len(gazetteer) > 200_000
    assert gazetteer.patterns()[0]["label"] == "GPE"


def test_evaluate_geoparsing_on_an_lgl_slice(gazetteer: Gazetteer, shared: Path) -> None:
    scores = evaluate_geoparsing(shared / "data" / "geoparsing" / "lgl.xml", limit=40, gazetteer=gazetteer)
    assert scores["articles"] == 40 and isinstance(scores["toponyms"], int) and scores["toponyms"] > 100
    assert isinstance(scores["country"], float) and scores["country"] > 0.7
    assert isinstance(scores["exact"], float) and scores["exact"] > 0.5


def test_evaluate_geoparsing_reads_geowebnews(gazetteer: Gazetteer, shared: Path) -> None:
    scores = evaluate_geoparsing(shared / "data" / "geoparsing" / "GeoWebNews_GWN.xml", limit=10, gazetteer=gazetteer)
    assert isinstance(scores["toponyms"], int) and scores["toponyms"] > 20


def test_missing_gold_data_has_a_code(tmp_path: Path, gazetteer: Gazetteer) -> None:
    with pytest.raises(EventdeskError, match=r"\[ED030\]"):
        evaluate_geoparsing(tmp_path / "nope.xml", gazetteer=gazetteer)


def test_other_places_in_the_text_give_context(gazetteer: Gazetteer) -> None:
    text = "An Alexandria man was arrested, the Rapides Parish Sheriff's Office said."
    [place] = resolve_places(spans(text, "Alexandria"), text=text, gazetteer=gazetteer)
    assert place is not None and place.country == "US"
    text = "Flood volunteers left Alexandria for Fargo, Minnesota officials said."
    [place] = resolve_places(spans(text, "Alexandria"), text=text, gazetteer=gazetteer)
    assert place is not None and (place.country, place.admin1) == ("US", "Minnesota")


def test_admin_areas_beyond_us_states(gazetteer: Gazetteer) -> None:
    text = "Clashes in Idlib province and in Ontario; a fire in Rapides Parish; Idlib town was calm."
    idlib_prov, ontario, rapides, idlib = resolve_places(
        [
            *spans(text, "Idlib province", "Ontario", "Rapides Parish"),
            (text.rindex("Idlib"), text.rindex("Idlib") + 5, "Idlib"),
        ],
        text=text,
        gazetteer=gazetteer,
    )
    assert idlib_prov is not None and (idlib_prov.feature, idlib_prov.country, idlib_prov.precision) == (
        "ADM1",
        "SY",
        3,
    )
    # Admin1 areas carry their GeoNames id (data/places/admin1.txt).
    assert ontario is not None and (ontario.id, ontario.feature, ontario.admin1) == ("6093943", "ADM1", "Ontario")
    # A US county carries its GeoNames ADM2 id (data/places/admin2.txt); ACLED codes a district as 2.
    assert rapides is not None and (rapides.id, rapides.admin1, rapides.precision, ucdp_where_prec(rapides)) == (
        "4338356",
        "Louisiana",
        2,
        3,
    )
    assert idlib is not None and (idlib.feature, idlib.precision) == ("PPL", 1)


def test_a_state_named_like_a_big_city_is_the_city(gazetteer: Gazetteer) -> None:
    text = "Talks in Washington and New York ended."
    washington, new_york = resolve_places(spans(text, "Washington", "New York"), text=text, gazetteer=gazetteer)
    assert washington is not None and washington.feature == "PPL"
    assert new_york is not None and new_york.feature == "PPL"


def test_every_admin1_area_has_its_geonames_id(gazetteer: Gazetteer) -> None:
    text = "Fighting in Kharkiv Oblast and Nineveh; floods in Kerala and Bavaria."
    kharkiv, nineveh, kerala, bavaria = resolve_places(
        spans(text, "Kharkiv Oblast", "Nineveh", "Kerala", "Bavaria"), text=text, gazetteer=gazetteer
    )
    assert kharkiv is not None and (kharkiv.feature, kharkiv.country) == ("ADM1", "UA")
    assert nineveh is not None and (nineveh.id, nineveh.country) == ("92877", "IQ")
    assert kerala is not None and (kerala.id, kerala.feature) == ("1267254", "ADM1")
    assert bavaria is not None and (bavaria.id, bavaria.country) == ("2951839", "DE")


def test_a_us_county_with_a_known_geonames_id(gazetteer: Gazetteer) -> None:
    entry = next(e for e in gazetteer.candidates("Cook County") if e.admin1 == "IL")
    assert entry.feature == "ADM2" and entry.geonameid > 0 and entry.code == "fips:17031"
    assert 41.0 < entry.latitude < 42.6 and -88.5 < entry.longitude < -87.3  # near Chicago, not mid-Illinois


def test_a_foreign_province_does_not_take_a_big_towns_name(gazetteer: Gazetteer) -> None:
    text = "Air strikes hit Gaza overnight."
    (gaza,) = resolve_places(spans(text, "Gaza"), text=text, gazetteer=gazetteer)
    assert gaza is not None and gaza.country == "PS"
    assert not any(e.feature == "ADM1" for e in gazetteer.candidates("Western"))
    assert any(e.feature == "ADM1" and e.country == "MZ" for e in gazetteer.candidates("Gaza Province"))


def test_districts_outside_the_us_come_from_geonames_admin2(gazetteer: Gazetteer) -> None:
    text = "Maoists ambushed a patrol in Sukma district; a blast hit Sonitpur. Sukma town was shut."
    sukma_district, sonitpur, sukma = resolve_places(
        [*spans(text, "Sukma district", "Sonitpur"), (text.rindex("Sukma"), text.rindex("Sukma") + 5, "Sukma")],
        text=text,
        gazetteer=gazetteer,
    )
    assert sukma_district is not None and (sukma_district.id, sukma_district.feature, sukma_district.precision) == (
        "11875524",
        "ADM2",
        2,
    )
    # No town is called Sonitpur, so the bare name is the district; Sukma is also a town, which keeps it.
    assert sonitpur is not None and (sonitpur.id, sonitpur.country) == ("8739997", "IN")
    assert sukma is not None and (sukma.feature, sukma.precision) == ("PPL", 1)
    assert sukma_district.latitude is not None and abs(sukma_district.latitude - sukma.latitude) < 1.0  # type: ignore[operator]


def test_the_region_of_a_town_is_near_it(gazetteer: Gazetteer) -> None:
    text = "In the region of Al Bab, a commander was shot. Shops in Al Bab stayed shut."
    first = text.index("Al Bab")
    region, town = resolve_places(
        [(first, first + 6, "Al Bab"), (text.rindex("Al Bab"), text.rindex("Al Bab") + 6, "Al Bab")],
        text=text,
        gazetteer=gazetteer,
    )
    assert region is not None and town is not None and region.id == town.id
    assert (region.precision, town.precision) == (2, 1)  # ACLED: near or part of a town, the town itself


def test_an_admin_word_ends_the_name_before_the_next_place(gazetteer: Gazetteer) -> None:
    text = "Insurgents killed 30 villagers in Kokrajhar District and Sonitpur District of Assam."
    assert [t[2] for t in find_toponyms(text, gazetteer)] == ["Kokrajhar District", "Sonitpur District", "Assam"]


def test_context_beats_population_for_a_small_town(gazetteer: Gazetteer) -> None:
    # Khanpur, Rajasthan has some 15,000 people; the Khanpur of this report lies in Gujarat, near Godhra.
    text = "A mob burnt shops in Khanpur after the attack at Godhra, police in Gujarat said."
    (khanpur,) = resolve_places(spans(text, "Khanpur"), text=text, gazetteer=gazetteer)
    assert khanpur is not None and (khanpur.country, khanpur.admin1) == ("IN", "Gujarat")
