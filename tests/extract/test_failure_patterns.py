"""Failure patterns seen on real news (issue 10), each in a short report of our own words.

Model-backed: the spaCy pipeline parses each report once through the ``run`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.extract.helpers import cas, find, role_texts

from eventdesk.extract import Extraction

Run = Callable[[str], Extraction]


# 1. Glued sentences and very long sentences


def test_glued_sentences_keep_their_own_evidence(run: Run) -> None:
    text = "Gunmen raided a checkpoint near Tikrit on Sunday.Police said two officers died.Traffic was stopped."
    (m,) = run(text).mentions
    assert m.sentence.text == "Gunmen raided a checkpoint near Tikrit on Sunday."
    assert role_texts(m, "actor") == ["Gunmen"]


def test_lower_case_archive_with_an_acronym_keeps_its_sentences(run: Run) -> None:
    text = (
        "the FMLN urban commandos attacked a police post in san miguel yesterday. the attack lasted an hour. "
        "later that night guerrillas kidnapped two mayors in the east of the country. "
        "the army said the kidnappers fled toward the border."
    )
    ex = run(text)
    kidnap = find(ex.mentions, "Abduction/forced disappearance")
    assert kidnap.sentence.text == "later that night guerrillas kidnapped two mayors in the east of the country."
    assert cas(kidnap, "abducted").best == 2


def test_event_late_in_a_run_on_sentence_is_still_found(run: Run) -> None:
    filler = "; ".join(["residents of the valley queued for bread and fuel at the market"] * 30)
    text = f"{filler}; later that day militants kidnapped four aid workers near Kidal."
    ex = run(text)
    m = find(ex.mentions, "Abduction/forced disappearance")
    assert cas(m, "abducted").best == 4
    assert m.sentence.end - m.sentence.start < len(text)


# 3. The weapon types the attack


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Militants carried out a grenade attack on a police station in Srinagar on Friday.", "Grenade"),
        ("A gas attack on the town of Douma killed 40 people on Saturday.", "Chemical weapon"),
        ("Government forces carried out a chemical attack on a village near Hama.", "Chemical weapon"),
        ("Insurgents launched a mortar attack on an army camp near Mosul.", "Shelling/artillery/missile attack"),
        ("A drone strike killed five fighters in North Waziristan on Thursday.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a mosque in Quetta, killing 20 worshippers.", "Suicide bomb"),
        ("A roadside bomb killed four soldiers near Kandahar on Tuesday.", "Remote explosive/landmine/IED"),
    ],
)
def test_the_device_types_the_attack(run: Run, text: str, sub: str) -> None:
    assert [m.sub_event_type for m in run(text).mentions] == [sub]


def test_tear_gas_is_no_chemical_weapon(run: Run) -> None:
    subs = [m.sub_event_type for m in run("Police fired tear gas at a crowd of marchers in Nairobi.").mentions]
    assert "Chemical weapon" not in subs


# 4. A crowd's own violence is a riot


@pytest.mark.parametrize(
    "text",
    [
        "Protesters threw stones at police and burned tyres in central Nairobi on Monday.",
        "Rioters torched shops and vehicles in the town of Jos on Wednesday.",
        "Demonstrators clashed with police in Dhaka on Tuesday, throwing stones and setting fire to a bus.",
        "Hundreds of protesters set fire to a police station in Karachi on Friday.",
    ],
)
def test_crowd_violence_is_one_violent_demonstration(run: Run, text: str) -> None:
    assert [m.sub_event_type for m in run(text).mentions] == ["Violent demonstration"]


def test_a_mob_burning_a_house_is_mob_violence(run: Run) -> None:
    assert [m.sub_event_type for m in run("A mob torched the house of a local councillor in Jos.").mentions] == [
        "Mob violence"
    ]


def test_a_quiet_march_stays_peaceful(run: Run) -> None:
    subs = [m.sub_event_type for m in run("Thousands of students marched through Accra on Monday.").mentions]
    assert subs == ["Peaceful protest"]


# 5. Seizing weapons takes no ground


def test_state_forces_seizing_arms_is_disrupted_weapons_use(run: Run) -> None:
    (m,) = run("Police seized arms and ammunition from a hideout in Lahore on Sunday.").mentions
    assert m.sub_event_type == "Disrupted weapons use"


def test_rebels_seizing_weapons_is_looting_not_territory(run: Run) -> None:
    (m,) = run("Militants seized weapons from an army depot near Gao on Monday.").mentions
    assert m.sub_event_type == "Looting/property destruction"
    assert role_texts(m, "actor") == ["Militants"]


def test_seizing_a_town_is_still_territory(run: Run) -> None:
    (m,) = run("Rebels seized the town of Menaka on Monday.").mentions
    assert m.sub_event_type == "Non-state actor overtakes territory"


# 8. Numbers


@pytest.mark.parametrize(
    ("text", "low", "best"),
    [
        ("Gunmen killed more than two dozen villagers in Zamfara on Sunday.", 24, 24),
        ("Gunmen killed two dozen villagers in Zamfara on Sunday.", 24, 24),
        ("Bandits abducted scores of pupils from a school in Kaduna on Friday.", 40, 40),
    ],
)
def test_dozens_and_scores_in_a_report(run: Run, text: str, low: int, best: int) -> None:
    (m,) = run(text).mentions
    (count,) = m.casualties
    assert (count.low, count.best) == (low, best)


def test_a_number_is_vague_not_one(run: Run) -> None:
    (m,) = run("A number were wounded when militants shelled the market in Kherson.").mentions
    count = cas(m, "injured")
    assert count.best == 2 and count.rule == "vague:a-few=2"


# 7. An agentless passive takes the group that claims it or is blamed for it


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("A district governor was assassinated in Kunduz on Monday. Police blamed the Taliban.", "Taliban"),
        ("A local judge was shot dead in Ghazni on Monday. The Taliban claimed responsibility.", "Taliban"),
        ("Two soldiers were killed near Baidoa on Friday. Officials blamed the attack on al-Shabaab.", "al-Shabaab"),
        (
            "Four traders were kidnapped on the highway near Kaduna. Police said Boko Haram later claimed it.",
            "Boko Haram",
        ),
    ],
)
def test_agentless_passive_takes_the_claimant_or_the_blamed(run: Run, text: str, actor: str) -> None:
    m = run(text).mentions[0]
    assert m.status == "asserted"
    assert role_texts(m, "actor") == [actor]


def test_a_claim_for_another_event_is_not_borrowed(run: Run) -> None:
    text = (
        "A teacher was killed in Mosul on Monday. On Tuesday ISIS fighters attacked a checkpoint in Tal Afar. "
        "ISIS claimed responsibility."
    )
    first = run(text).mentions[0]
    assert first.trigger.text == "killed" and role_texts(first, "actor") == []


# 6. Strategic developments


@pytest.mark.parametrize(
    ("text", "sub", "actor", "target"),
    [
        (
            "The Nusra Front merged with four smaller rebel factions on Monday.",
            "Change to group/activity",
            "The Nusra Front",
            "four smaller rebel factions",
        ),
        (
            "Boko Haram pledged allegiance to the Islamic State last week.",
            "Change to group/activity",
            "Boko Haram",
            "the Islamic State",
        ),
        (
            "Al-Shabaab established a new base in the town of Baidoa.",
            "Headquarters or base established",
            "Al-Shabaab",
            "a new base",
        ),
        (
            "The army handed over control of the city of Gao to the police.",
            "Non-violent transfer of territory",
            "The army",
            "the police",
        ),
    ],
)
def test_strategic_developments(run: Run, text: str, sub: str, actor: str, target: str) -> None:
    (m,) = run(text).mentions
    assert (m.sub_event_type, role_texts(m, "actor"), role_texts(m, "target")) == (sub, [actor], [target])


def test_a_withdrawal_from_a_town_names_the_town(run: Run) -> None:
    (m,) = run("Government troops withdrew from the town of Kidal on Friday.").mentions
    assert m.sub_event_type == "Non-violent transfer of territory"
    assert role_texts(m, "place")[0] == "Kidal"


def test_withdrawing_from_talks_is_no_event(run: Run) -> None:
    assert run("The rebels withdrew from the peace talks in Geneva on Monday.").mentions == ()


def test_a_group_that_branded_the_victim_an_apostate_is_the_actor(run: Run) -> None:
    text = (
        "In the town of Manbij, the preacher Abu Khalid Al Tunisi was assassinated for doubting the caliphate.\n"
        "ISIS commanders had branded him an apostate, and he was killed soon after."
    )
    m = run(text).mentions[0]
    assert m.trigger.text == "assassinated"
    assert role_texts(m, "actor") == ["ISIS"]
