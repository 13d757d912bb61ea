"""Each rule family on hand-built sentences (needs the spaCy model)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventdesk.extract import Extraction

from .helpers import cas, find, happened, role_texts, txt

Run = Callable[[str], Extraction]


# --- triggers and typing ---------------------------------------------------


def test_state_forces_killing_militants_is_a_clash(run: Run) -> None:
    m = find(run("Soldiers killed 12 militants near Kidal on Monday.").mentions, "Armed clash")
    assert role_texts(m, "actor") == ["Soldiers"] and role_texts(m, "target") == ["12 militants"]
    assert cas(m, "killed").best == 12


def test_armed_men_killing_civilians_is_violence_against_civilians(run: Run) -> None:
    m = find(run("Gunmen killed five villagers in Zamfara on Sunday.").mentions, "Attack")
    assert m.event_type == "Violence against civilians"
    assert m.roles_of("target")[0].kind == "civilians"


def test_overrun_by_non_state_actor(run: Run) -> None:
    m = find(run("Rebels overran an army outpost in Kayes on Friday.").mentions, "Non-state actor overtakes territory")
    assert role_texts(m, "target") == ["an army outpost"]


def test_retake_by_state_forces(run: Run) -> None:
    m = find(run("Government forces recaptured the town of Palma on Tuesday.").mentions, "Government regains territory")
    assert role_texts(m, "actor") == ["Government forces"]


def test_explosion_subtypes(run: Run) -> None:
    assert find(run("A suicide bomber blew himself up at a checkpoint in Kabul, killing six.").mentions, "Suicide bomb")
    assert find(
        run("A roadside bomb exploded near a convoy in Baidoa on Monday.").mentions, "Remote explosive/landmine/IED"
    )
    assert find(run("A drone strike killed three fighters in Marib on Sunday.").mentions, "Air/drone strike")
    assert find(
        run("Artillery shelled the village of Avdiivka overnight.").mentions, "Shelling/artillery/missile attack"
    )


def test_protest_with_tear_gas(run: Run) -> None:
    ex = run("Hundreds of students protested in Dhaka on Monday and police fired tear gas to disperse them.")
    assert find(ex.mentions, "Protest with intervention")


def test_arrests(run: Run) -> None:
    m = find(run("Police arrested 20 suspects in Kano on Friday.").mentions, "Arrests")
    assert cas(m, "arrested").best == 20


def test_abduction(run: Run) -> None:
    m = find(
        run("Bandits abducted 30 pupils from a school in Kebbi on Thursday.").mentions, "Abduction/forced disappearance"
    )
    assert cas(m, "abducted").best == 30


def test_modifier_noun_is_not_a_trigger(run: Run) -> None:
    assert not run("The attack helicopter was displayed at the museum in Kyiv yesterday.").mentions


# --- roles: passives, coordination, appositions, relative clauses -----------


def test_passive_with_agent_and_coordination(run: Run) -> None:
    m = find(
        run("The army post at Kafr Nabl was overrun by Ahrar ash-Sham and Jabhat al-Nusra.").mentions,
        "Non-state actor overtakes territory",
    )
    assert role_texts(m, "actor") == ["Ahrar ash-Sham", "Jabhat al-Nusra"]
    assert "Kafr Nabl" in role_texts(m, "place")


def test_passive_without_agent(run: Run) -> None:
    m = find(run("Three soldiers were killed in Gao on Monday.").mentions, "Armed clash")
    assert not m.roles_of("actor")
    assert cas(m, "killed").best == 3


def test_relative_clause_actor(run: Run) -> None:
    ex = run("Residents said the gunmen who attacked the village of Dogo fled into the forest.")
    m = find(ex.mentions, "Attack")
    assert role_texts(m, "actor") == ["the gunmen"]
    assert "Dogo" in role_texts(m, "place")


def test_apposition_keeps_the_name(run: Run) -> None:
    ex = run("In the region of Al Bab, the group's advisor, Abu Omar, was assassinated on Friday.")
    m = find(ex.mentions, "Attack")
    assert role_texts(m, "target") == ["Abu Omar"]
    assert role_texts(m, "place") == ["Al Bab"]
    assert cas(m, "killed").best == 1


def test_subjectless_participle_borrows_the_subject(run: Run) -> None:
    m = find(
        run("Militants stormed a police station in Mandera on Monday, killing four officers.").mentions, "Armed clash"
    )
    assert role_texts(m, "actor") == ["Militants"]
    assert cas(m, "killed").best == 4


# --- links to antecedents ---------------------------------------------------


def test_pronoun_links_to_named_group(run: Run) -> None:
    text = "Boko Haram has expanded its reach. On Monday they attacked a market in Konduga, killing nine traders."
    m = find(run(text).mentions, "Attack")
    actor = m.roles_of("actor")[0]
    assert actor.span.text == "Boko Haram" and actor.span.start == 0


def test_the_group_links_to_named_group(run: Run) -> None:
    text = "Al-Shabaab fighters were seen near Jowhar. Later the group attacked an army base in Jowhar."
    m = find(run(text).mentions, "Armed clash")
    assert role_texts(m, "actor") == ["Al-Shabaab"]


def test_him_links_to_a_named_person(run: Run) -> None:
    text = "Commander Musa Idris was travelling to Bama. Gunmen ambushed him on the road on Sunday."
    m = run(text).mentions[0]
    assert role_texts(m, "target") == ["Musa Idris"]


# --- casualties -------------------------------------------------------------


def test_casualty_words_attach_to_the_event(run: Run) -> None:
    m = run("Troops clashed with insurgents in Damboa on Monday, leaving at least 14 dead and 20 wounded.").mentions[0]
    assert m.sub_event_type == "Armed clash"
    assert (cas(m, "killed").low, cas(m, "killed").best) == (14, 14)
    assert cas(m, "killed").span.text == "at least 14"
    assert cas(m, "injured").best == 20


def test_vague_count(run: Run) -> None:
    m = run("Dozens of civilians were killed when militants attacked Tillia on Saturday.").mentions[0]
    assert cas(m, "killed").best == 12 and "dozens" in cas(m, "killed").rule


# --- status and attribution ---------------------------------------------------


def test_according_to(run: Run) -> None:
    m = run("Gunmen killed four farmers in Benue on Friday, according to the state police.").mentions[0]
    assert m.status == "reported" and m.attributed_to is not None
    assert txt(m.attributed_to) == "the state police"


def test_said_is_reported_with_source(run: Run) -> None:
    m = run("The Observatory said rebels shelled the town of Jisr al-Shughur on Monday.").mentions[0]
    assert m.status == "reported" and txt(m.attributed_to) == "The Observatory"
    assert m.status_cue is not None and txt(m.status_cue) == "said"


def test_alleged_scope(run: Run) -> None:
    m = run("It is alleged that soldiers executed two detainees in Gao last week.").mentions[0]
    assert m.status == "alleged" and txt(m.status_cue) == "alleged"


def test_reportedly(run: Run) -> None:
    assert run("Militants reportedly abducted a priest in Kaduna on Sunday.").mentions[0].status == "reported"


def test_claimed_responsibility(run: Run) -> None:
    text = (
        "A car bomb exploded at a checkpoint in Mogadishu on Monday. Al-Shabaab claimed responsibility for the attack."
    )
    ex = run(text)
    claimed = find(ex.mentions, "Remote explosive/landmine/IED", "claimed")
    assert txt(claimed.attributed_to) == "Al-Shabaab"
    assert len(happened(ex.mentions)) == 1


def test_denied(run: Run) -> None:
    m = run("The army denied that its soldiers killed civilians in Kidal last week.").mentions[0]
    assert m.status == "denied" and txt(m.attributed_to) == "The army"


def test_planned_and_called_off(run: Run) -> None:
    text = (
        "Militants were planning to attack a police station in Garowe last month. "
        "The attack was called off after their leader fled to Bosaso."
    )
    ex = run(text)
    assert not happened(ex.mentions)
    assert txt(find(ex.mentions, "Armed clash", "planned").status_cue) == "planning"


def test_negated(run: Run) -> None:
    m = run("Troops did not attack the village of Kolo on Monday, officials said.").mentions[0]
    assert m.status == "negated" and txt(m.status_cue) == "not"


def test_hypothetical(run: Run) -> None:
    m = run("If the talks fail, the rebels would attack Goma in the coming weeks.").mentions[0]
    assert m.status == "hypothetical"


def test_generic_statements_yield_nothing(run: Run) -> None:
    text = (
        "Such members always end up turning on each other. They accuse each other of betrayal. "
        "Groups like these always end up fighting each other."
    )
    assert not run(text).mentions


# --- inside one group -----------------------------------------------------------


def test_group_killing_its_own_members(run: Run) -> None:
    m = run("The Islamic State executed 20 of its own fighters in Mosul on Monday.").mentions[0]
    assert m.intra_group and m.sub_event_type == "Attack"
    assert cas(m, "killed").best == 20


def test_two_factions_of_one_group(run: Run) -> None:
    text = (
        "A dispute broke out within Hayat Tahrir al-Sham, with the Abu Malik faction on one side and the "
        "Jaish al-Ahrar wing on the other. The two factions clashed near Sarmada on Monday."
    )
    m = find(run(text).mentions, "Armed clash")
    assert m.intra_group
    assert role_texts(m, "side") == ["the Abu Malik faction", "the Jaish al-Ahrar wing"]
    assert role_texts(m, "actor") == ["Hayat Tahrir al-Sham"]


# --- statistics ------------------------------------------------------------------


def test_statistic_is_not_an_event(run: Run) -> None:
    ex = run("ACLED data show that 40 percent of attacks in 2025 targeted civilians.")
    assert not ex.mentions
    assert ex.stat_claims[0].value == 40 and ex.stat_claims[0].subset == "civilians"


# --- boilerplate ---------------------------------------------------------------------


def test_boilerplate_and_headings_yield_nothing(run: Run) -> None:
    text = (
        "Gunmen kill five in Zamfara\nSubscribe to our newsletter for the latest attacks news!\n"
        "Jane Doe is a Nigerian journalist who has covered attacks in Zamfara.\nComments are closed."
    )
    assert not run(text).mentions


# --- regressions found by probing ---------------------------------------------------


def test_opened_fire_with_reduced_passive_counts(run: Run) -> None:
    m = run(
        "Two policemen were killed and three others injured when gunmen opened fire on a checkpoint in Quetta."
    ).mentions[0]
    assert role_texts(m, "actor") == ["gunmen"] and role_texts(m, "target") == ["a checkpoint"]
    assert (cas(m, "killed").best, cas(m, "injured").best) == (2, 3)


def test_state_violence_at_a_protest_is_excessive_force(run: Run) -> None:
    text = (
        "Security forces used live ammunition against protesters in Khartoum, killing four, a doctors' committee said."
    )
    m = run(text).mentions[0]
    assert m.sub_event_type == "Excessive force against protesters" and cas(m, "killed").best == 4


def test_inner_status_with_outer_source(run: Run) -> None:
    text = "Soldiers in Mali allegedly executed dozens of civilians in Moura in March 2022, Human Rights Watch said."
    m = run(text).mentions[0]
    assert m.status == "alleged" and txt(m.attributed_to) == "Human Rights Watch"


def test_a_machine_is_not_a_casualty(run: Run) -> None:
    m = run("The Houthis said they had shot down a US drone over Marib.").mentions[0]
    assert m.casualty("killed") is None
    assert role_texts(m, "actor") == ["Houthis"] and "US" not in role_texts(m, "place")


def test_counts_go_to_the_event_of_their_kind(run: Run) -> None:
    ex = run("Police in Lagos arrested 45 people after riots broke out over fuel prices.")
    assert cas(find(ex.mentions, "Arrests"), "arrested").best == 45
    assert find(ex.mentions, "Violent demonstration").casualty("arrested") is None


def test_resolver_patterns_feed_the_entity_ruler() -> None:
    from eventdesk.nlp import load_nlp

    nlp = load_nlp(
        actor_patterns=[{"label": "ACTOR", "pattern": "Jabhat al-Nusra", "id": "jan"}],
        place_patterns=[{"pattern": "Al Bab"}],
    )
    doc = nlp("Jabhat al-Nusra fighters entered Al Bab.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Jabhat al-Nusra", "ACTOR"), ("Al Bab", "GPE")}


# --- bombers and blame (nominal triggers) ------------------------------------


def test_who_placed_the_bomb_is_the_actor(run: Run) -> None:
    m = find(run("A bomb placed by urban guerrillas exploded near the bank on Monday.").mentions,
             "Remote explosive/landmine/IED")  # fmt: skip
    assert role_texts(m, "actor") == ["urban guerrillas"]
    m = find(run("Unidentified persons planted 11 bombs in bank branches on Monday.").mentions,
             "Remote explosive/landmine/IED")  # fmt: skip
    assert role_texts(m, "actor") == ["Unidentified persons"]


def test_blamed_on_is_an_alleged_actor(run: Run) -> None:
    m = find(run("Police blamed the bombing on the FARC.").mentions, "Remote explosive/landmine/IED")
    assert role_texts(m, "actor") == ["the FARC"] and m.status == "alleged"


def test_sabotage_verbs(run: Run) -> None:
    m = find(run("Guerrillas dynamited the oil pipeline on Monday.").mentions, "Remote explosive/landmine/IED")
    assert role_texts(m, "actor") == ["Guerrillas"] and role_texts(m, "target") == ["the oil pipeline"]
    m = find(run("Rebels blew up two electricity pylons on Monday.").mentions, "Remote explosive/landmine/IED")
    assert role_texts(m, "target") == ["two electricity pylons"]
    m = find(run("Guerrillas burned a tank truck on Monday.").mentions, "Looting/property destruction")
    assert role_texts(m, "target") == ["a tank truck"] and not m.roles_of("weapon")  # a tank truck is no tank
    m = find(run("Terrorists set fire to three buses.").mentions, "Looting/property destruction")
    assert role_texts(m, "target") == ["three buses"]


def test_claimant_and_accused_are_actors(run: Run) -> None:
    m = find(run("The Tupac Amaru Revolutionary Movement on Friday claimed responsibility for the abduction of 40 miners.")
             .mentions, "Abduction/forced disappearance")  # fmt: skip
    assert m.status == "claimed" and role_texts(m, "actor") == ["The Tupac Amaru Revolutionary Movement"]
    m = find(run("The army accused the rebels of the bombing.").mentions, "Remote explosive/landmine/IED")
    assert m.status == "alleged" and role_texts(m, "actor") == ["the rebels"]


def test_possessor_of_a_killing_noun_is_the_victim(run: Run) -> None:
    m = find(run("Officers involved in the jesuits' murder were named on Monday.").mentions, "Attack")
    assert role_texts(m, "target") == ["the jesuits"] and not m.roles_of("actor")
    m = find(run("The guerrillas' attack on the base failed.").mentions, "Armed clash")
    assert role_texts(m, "actor") == ["The guerrillas"]


def test_guerrillas_keep_their_of_phrase(run: Run) -> None:
    m = find(run("Two engineers were kidnapped by guerrillas of the ELN in Medellin.").mentions,
             "Abduction/forced disappearance")  # fmt: skip
    assert role_texts(m, "actor") == ["guerrillas of the ELN"]


def test_an_odd_parse_spoils_one_sentence_only(
    run: Run, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from eventdesk.extract import core

    real = core.frames_in_sentence

    def odd_first(doc: Any, start: int, index: int, *rest: Any) -> Any:
        if index == 0:
            raise IndexError("token index out of range")
        return real(doc, start, index, *rest)

    monkeypatch.setattr(core, "frames_in_sentence", odd_first)
    text = "Gunmen killed five villagers in Zamfara on Sunday. Rebels overran an army outpost in Kayes on Friday."
    with caplog.at_level("WARNING", logger=core.log.name):
        mentions = run(text).mentions
    assert [m.sub_event_type for m in mentions] == ["Non-state actor overtakes territory"]
    assert "[ED014] sentence 0 of article" in caplog.text
