"""MUC-4 filler rules: names for victims, clean extents, no non-entities."""

from __future__ import annotations

from typing import Any

from eventdesk.eval.muc4.mapping import mentions_to_muc_templates
from eventdesk.extract.phrases import clean_filler, person_name


def test_victims_are_names_without_titles() -> None:
    assert person_name("antioquia police commander colonel waldemar franklin quintero") == "waldemar franklin quintero"
    assert person_name("Judge Mariela Espinosa Arango") == "Mariela Espinosa Arango"
    assert person_name("presidential candidate bernardo jaramillo ossa's") == "bernardo jaramillo ossa"
    assert person_name("arturo rivera y damas") == "arturo rivera y damas"
    for description in ("the six jesuits", "many people", "women", "leader", "40,000", "500 kg",
                        "they", "a residential neighborhood", "the killing", "drug trafficking", "37 rifles"):  # fmt: skip
        assert person_name(description) is None, description


def test_clean_extents() -> None:
    assert clean_filler("several public buses") == "public buses"
    assert clean_filler("his rifle") == "rifle"
    assert clean_filler("the number of guerrillas") == "guerrillas"
    assert (
        clean_filler("the farabundo marti national liberation front's") == "farabundo marti national liberation front"
    )
    assert clean_filler("the \"people's peruvian bank") == "people's peruvian bank"


def test_non_entities_are_not_fillers_and_devices_are_weapons(make_mention: Any) -> None:
    text = (
        "A powerful dynamite charge destroyed the offices of the newspaper. They killed Judge Ana Paez and two women."
    )
    bomb = make_mention(text, "destroyed", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                        roles=(("actor", "A powerful dynamite charge", None, None),
                               ("target", "the offices of the newspaper", None, None)))  # fmt: skip
    kill = make_mention(text, "killed", "Violence against civilians", "Attack",
                        roles=(("actor", "They", None, None), ("target", "Judge Ana Paez", None, None),
                               ("target", "two women", "civilians", None)))  # fmt: skip
    out = mentions_to_muc_templates([bomb, kill], text)
    merged = {slot: [e for t in out for e in t[slot]] for slot in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")}
    assert merged["Weapon"] == [["powerful dynamite charge"]]
    assert merged["Target"] == [["offices of the newspaper"]]
    assert merged["Victim"] == [["Ana Paez"]]
    assert merged["PerpInd"] == [] and merged["PerpOrg"] == []


def test_full_name_after_a_title_and_target_counts(make_mention: Any) -> None:
    text = ("Das director miguel maza marquez survived. Gunmen shot at maza marquez and burned "
            "seven private bank branches.")  # fmt: skip
    m = make_mention(text, "shot", "Violence against civilians", "Attack",
                     roles=(("actor", "Gunmen", None, None), ("target", "maza marquez", None, None),
                            ("target", "seven private bank branches", "business", None)))  # fmt: skip
    (t,) = mentions_to_muc_templates([m], text)
    assert t["Victim"] == [["miguel maza marquez"]]
    assert t["Target"] == [["private bank branches"]]


def test_seized_arms_are_no_incident(make_mention: Any) -> None:
    text = "Troops seized 37 rifles and an m-79 grenade. Rebels seized the mayor."
    arms = make_mention(text, "seized", "Strategic developments", "Disrupted weapons use",
                        roles=(("actor", "Troops", "state forces", None), ("target", "37 rifles", None, None),
                               ("weapon", "37 rifles", "firearms", None)))  # fmt: skip
    assert mentions_to_muc_templates([arms], text) == []


def test_lower_case_acronyms_are_organisations() -> None:
    from eventdesk.extract.phrases import is_acronym

    assert is_acronym("fmln") and is_acronym("the urng") and is_acronym("ELN")
    assert not is_acronym("men") and not is_acronym("guerrillas") and not is_acronym("army")


def test_things_are_targets_whoever_owns_them(make_mention: Any) -> None:
    text = "A bomb destroyed merino's home. The avianca airlines plane exploded in midair."
    home = make_mention(
        text,
        "destroyed",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        roles=(("weapon", "A bomb", None, None), ("target", "merino's home", "civilians", None)),
    )
    plane = make_mention(text, "exploded", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                         roles=(("actor", "The avianca airlines plane", None, None),))  # fmt: skip
    out = mentions_to_muc_templates([home, plane], text)
    targets = [e for t in out for e in t["Target"]]
    assert ["merino's home"] in targets and ["avianca airlines plane"] in targets
    assert not any(t["PerpInd"] or t["PerpOrg"] for t in out)


def test_members_named_by_their_organisation(make_mention: Any) -> None:
    from eventdesk.extract.phrases import org_modifier

    assert org_modifier("guatemalan army troops") == "guatemalan army"
    assert org_modifier("fmln guerrillas") == "fmln"
    assert org_modifier("urban guerrillas") is None and org_modifier("the army") is None
    text = "Honduran army troops killed two peasants."
    m = make_mention(text, "killed", "Violence against civilians", "Attack",
                     roles=(("actor", "Honduran army troops", "state forces", None),
                            ("target", "two peasants", "civilians", None)))  # fmt: skip
    (t,) = mentions_to_muc_templates([m], text)
    assert t["PerpInd"] == [["Honduran army troops"]] and t["PerpOrg"] == [["Honduran army"]]


def test_names_apposed_to_a_description(make_mention: Any) -> None:
    text = "Two of her bodyguards, dagoberto rodriguez and alfonso de lima, were killed instantly."
    m = make_mention(text, "killed", "Violence against civilians", "Attack",
                     roles=(("target", "Two of her bodyguards", None, None),))  # fmt: skip
    (t,) = mentions_to_muc_templates([m], text)
    assert t["Victim"] == [["dagoberto rodriguez"], ["alfonso de lima"]]


def test_weapon_lists_and_target_counts(make_mention: Any) -> None:
    text = "Rebels fired 90-mm, 60-mm, and 81-mm mortars and 85-mm field guns at least 10 buses."
    m = make_mention(text, "fired", "Violence against civilians", "Attack",
                     roles=(("actor", "Rebels", None, None), ("target", "least 10 buses", None, None),
                            ("weapon", "90-mm, 60-mm, and 81-mm mortars and 85-mm field guns", None, None)))  # fmt: skip
    (t,) = mentions_to_muc_templates([m], text)
    assert t["Weapon"] == [["90-mm 60-mm and 81-mm mortars"], ["85-mm field guns"]]  # punctuation as normalised
    assert t["Target"] == [["buses"]]


def test_incidents_split_only_on_disjoint_dates_or_different_towns(make_mention: Any) -> None:
    import datetime as dt

    from eventdesk.extract.incidents import dates_differ, places_differ
    from eventdesk.records import Place

    assert not dates_differ(("1989-11-06", "1989-11-12"), ("1989-11-08", "1989-11-08"))
    assert dates_differ(("1989-11-06", "1989-11-06"), ("1989-12-01", "1989-12-01"))
    places = {
        "ss": Place(id="ss", name="San Salvador", country="SV", feature="PPLC"),
        "sm": Place(id="sm", name="San Miguel", country="SV", feature="PPLA"),
        "sv": Place(id="sv", name="El Salvador", country="SV", feature="PCLI"),
        "bo": Place(id="bo", name="Bogota", country="CO", feature="PPLC"),
    }
    assert not places_differ("ss", "sv", places) and places_differ("ss", "sm", places)
    assert places_differ("sv", "bo", places)
    text = "Guerrillas bombed a bank on Monday. That week guerrillas bombed a church."
    a = make_mention(text, "bombed", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                     roles=(("target", "a bank", None, None),), date=dt.date(1989, 11, 6))  # fmt: skip
    assert len(mentions_to_muc_templates([a], text)) == 1


def test_guerrillas_of_an_organisation(make_mention: Any) -> None:
    text = "Guerrillas of the eln kidnapped two engineers."
    m = make_mention(
        text,
        "kidnapped",
        "Violence against civilians",
        "Abduction/forced disappearance",
        roles=(("actor", "Guerrillas of the eln", None, None), ("target", "two engineers", None, None)),
    )
    (t,) = mentions_to_muc_templates([m], text)
    assert t["PerpInd"] == [["Guerrillas"]] and t["PerpOrg"] == [["eln"]]
