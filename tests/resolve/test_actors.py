from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from eventdesk.records import content_id
from eventdesk.resolve import ACTOR_TYPES, ActorDictionary
from eventdesk.resolve.normalize import fold


@pytest.mark.parametrize(
    "name", ["Ahrar ash-Sham", "Ahrar al-Sham", "Ahrar al Sham", "Ahrar As-Sham", "AHRAR AL-SHAM", "Ahrar al‑Sham"]
)
def test_transliteration_variants_share_an_id(actors: ActorDictionary, name: str) -> None:
    assert actors.resolve(name).id == "ahrar-al-sham"


@pytest.mark.parametrize(
    "name", ["ISIL", "Daesh", "Da’esh", "IS", "ISIS", "Islamic State", "the Islamic State", "ISIS’", "ISIS commanders"]
)
def test_islamic_state_names(actors: ActorDictionary, name: str) -> None:
    assert actors.resolve(name).id == "islamic-state"


def test_acronyms_are_case_sensitive(actors: ActorDictionary) -> None:
    assert not actors.resolve("is").known
    assert not actors.resolve("aa").known


def test_nusra_and_its_successors_stay_distinct_without_a_date(actors: ActorDictionary) -> None:
    ids = {actors.resolve(n).id for n in ("Jabhat al-Nusra", "Jabhat Fateh al-Sham", "Hayat Tahrir al-Sham")}
    assert len(ids) == 3


def test_dated_rename_links_nusra_to_its_successor(actors: ActorDictionary) -> None:
    assert actors.resolve("Jabhat al-Nusra", on=dt.date(2015, 1, 1)).id == "jabhat-al-nusra"
    assert actors.resolve("Jabhat al-Nusra", on=dt.date(2016, 9, 1)).id == "jabhat-fateh-al-sham"
    assert actors.resolve("al-Nusra Front", on=dt.date(2018, 1, 1)).id == "hayat-tahrir-al-sham"
    assert actors.resolve("Jabhat Fateh al-Sham", on=dt.date(2016, 9, 1)).id == "jabhat-fateh-al-sham"


def test_fuzzy_matching_accepts_a_slip_but_not_another_group(actors: ActorDictionary) -> None:
    assert actors.resolve("Hezbolla").id == "hezbollah"
    assert actors.resolve("Jabhat al-Nusrah").id == "jabhat-al-nusra"
    assert actors.resolve("Jabhat Fatah al Sham").id == "jabhat-fateh-al-sham"
    assert actors.resolve("Ansar al-Islam").id != actors.resolve("Ansar al-Sharia in Libya").id


def test_groups_named_in_the_example_report_resolve(actors: ActorDictionary, shared: Path) -> None:
    text = (shared / "examples" / "syria-isis-infighting-report.txt").read_text("utf-8")
    named = {
        "ISIS": "islamic-state",
        "Ahrar ash-Sham": "ahrar-al-sham",
        "Jabhat al-Nusra": "jabhat-al-nusra",
        "Syrian security forces": "military-sy",
        "Islamic State": "islamic-state",
    }
    for phrase, actor_id in named.items():
        assert phrase in text
        assert actors.resolve(phrase, country_focus="SY").id == actor_id
    m = re.search(r"Bashar Al-Assad\Ss forces", text)
    assert m is not None and actors.resolve(m.group(0), country_focus="SY").id == "military-sy"
    # Factions the dictionary does not know are kept, typed where possible.
    for phrase in ("the Turkmen", "the fighters from Kavkaz", "the Syrian rebels"):
        assert phrase in text
        actor = actors.resolve(phrase, country_focus="SY")
        assert not actor.known and actor.id == content_id("actor", fold(phrase))
    assert actors.resolve("the Syrian rebels").actor_type == "rebel group"


@pytest.mark.parametrize(
    ("phrase", "focus", "actor_id", "actor_type"),
    [
        ("Syrian army", None, "military-sy", "state forces"),
        ("Iraqi police", "IQ", "police-iq", "state forces"),
        ("Nigerian troops", "NG", "military-ng", "state forces"),
        ("regime forces", "SY", "military-sy", "state forces"),
        ("government forces", "YE", "military-ye", "state forces"),
        ("security forces", "PK", "military-pk", "state forces"),
        ("the police", "NG", "police-ng", "state forces"),
        ("Russian forces", "SY", "military-ru", "external forces"),
        ("Tatmadaw", None, "military-mm", "state forces"),
    ],
)
def test_state_forces(actors: ActorDictionary, phrase: str, focus: str | None, actor_id: str, actor_type: str) -> None:
    actor = actors.resolve(phrase, country_focus=focus)
    assert (actor.id, actor.actor_type) == (actor_id, actor_type)


def test_every_country_has_generated_state_forces(actors: ActorDictionary) -> None:
    assert actors.get("military-ua") is not None and actors.get("police-fr") is not None
    assert actors.resolve("Ukrainian troops").id == "military-ua"


def test_generic_state_phrase_without_focus_is_kept_as_unknown(actors: ActorDictionary) -> None:
    actor = actors.resolve("regime forces")
    assert not actor.known and actor.actor_type == "state forces"


def test_unknown_actor_is_kept_never_dropped(actors: ActorDictionary) -> None:
    actor = actors.resolve("the Brigade of the Northern Hills")
    assert actor.known is False
    assert actor.name == "the Brigade of the Northern Hills"
    assert actor.id == content_id("actor", fold("the Brigade of the Northern Hills"))


@pytest.mark.parametrize(
    ("phrase", "actor_type"),
    [
        ("militants", "rebel group"),
        ("gunmen", "political militia"),
        ("rebels", "rebel group"),
        ("protesters", "protesters"),
        ("rioters", "rioters"),
        ("civilians", "civilians"),
        ("villagers", "civilians"),
        ("soldiers", "state forces"),
        ("police", "state forces"),
        ("a table", None),
    ],
)
def test_generic_descriptions_get_an_actor_type(actors: ActorDictionary, phrase: str, actor_type: str | None) -> None:
    assert actors.actor_type_of(phrase) == actor_type
    assert actor_type is None or actor_type in ACTOR_TYPES


@pytest.mark.parametrize(
    ("phrase", "family"),
    [
        ("Syrian security forces", "military"),
        ("a peasant", "civilians"),
        ("police officers", "police"),
        ("a police station", "police"),
        ("the provincial governor", "government"),
        ("a mosque", "religious"),
        ("two journalists", "journalists"),
        ("a girls' school", "educational"),
        ("the market", "business"),
        ("the US embassy", "diplomatic"),
        ("aid workers", "ngo"),
        ("a passenger bus", "transportation"),
        ("ISIS fighters", "non-state militia"),
        ("the weather", None),
    ],
)
def test_target_families(actors: ActorDictionary, phrase: str, family: str | None) -> None:
    assert actors.target_type(phrase) == family


def test_every_entry_cites_a_source_and_has_a_known_type() -> None:
    raw = resources.files("eventdesk.data").joinpath("actors/groups.json").read_text("utf-8")
    data = json.loads(raw)
    ids = {e["id"] for e in data["actors"]}
    for e in data["actors"]:
        assert e["source"].strip(), e["id"]
        assert e["type"] in ACTOR_TYPES, e["id"]
        assert e["parent"] is None or e["parent"] in ids, e["id"]
        assert all(f in ids for f in e["factions"]), e["id"]
        assert all(r["to"] in ids for r in e.get("renamed", ())), e["id"]


def test_patterns_feed_an_entity_ruler(actors: ActorDictionary) -> None:
    patterns = actors.patterns()
    assert {"label": "ACTOR", "pattern": "Jabhat al-Nusra", "id": "jabhat-al-nusra"} in patterns
    assert all(p["label"] == "ACTOR" and p["id"] for p in patterns)


def test_spelling_variants_for_pattern_matchers() -> None:
    from eventdesk.resolve.actors import spelling_variants

    forms = spelling_variants("Ahrar al-Sham")
    assert {"Ahrar al-Sham", "Ahrar ash-Sham", "Ahrar Al-Sham", "Ahrar ash Sham"} <= set(forms)
    assert spelling_variants("Jabhat al-Nusra")[:2] == ["Jabhat al-Nusra", "Jabhat an-Nusra"]
    assert "Jaysh al-Islam" in spelling_variants("Jaysh al-Islam") and "Jaysh as-Islam" not in spelling_variants(
        "Jaysh al-Islam"
    )


def test_example_actors_found_by_an_entity_ruler(actors: ActorDictionary, shared: Path) -> None:
    import spacy  # a project dependency: fail, never skip, if missing

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(actors.patterns())
    text = (shared / "examples" / "syria-isis-infighting-report.txt").read_text("utf-8")
    found = {e.ent_id_ for e in nlp(text).ents}
    assert {"islamic-state", "ahrar-al-sham", "jabhat-al-nusra"} <= found


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Fighters of the Islamic State West Africa Province", "is-west-africa"),
        ("Militants of the al-Qaeda-linked JNIM", "jnim"),
        ("Iran-backed Houthi fighters", "houthis"),
        ("members of the Free Syrian Army", "free-syrian-army"),
    ],
)
def test_group_named_inside_a_longer_phrase(actors: ActorDictionary, phrase: str, actor_id: str) -> None:
    assert actors.resolve(phrase).id == actor_id


def test_generic_description_without_focus_stays_unknown(actors: ActorDictionary) -> None:
    found = actors.resolve("Security forces")
    assert not found.known and found.actor_type == "state forces"


def test_one_vocabulary_of_actor_and_target_types() -> None:
    """Extraction's hints and the resolver's rules name only types of the one vocabulary."""
    from eventdesk.extract.taxonomy import ACTOR_TYPES, TARGET_TYPES, load_taxonomy
    from eventdesk.lexicons import table

    tax = load_taxonomy()
    assert set(tax.actor_type_of.values()) <= set(ACTOR_TYPES)
    assert set(tax.target_type_of.values()) <= set(TARGET_TYPES)
    assert set(table("actor-type-words")) == set(ACTOR_TYPES)
    assert set(table("target-type-words")) <= set(TARGET_TYPES)
