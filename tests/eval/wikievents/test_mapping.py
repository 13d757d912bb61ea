"""WikiEvents gold alignment and the KAIROS mapping rules."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventdesk.eval.wikievents.data import KairosArgument, gold_kairos_events
from eventdesk.eval.wikievents.mapping import mentions_to_kairos
from eventdesk.records import CasualtyCount, Span


def _doc(text: str, sentences: list[list[str]]) -> dict:
    # Offsets as WikiEvents ships them: one separator counted between sentences.
    sents, pos = [], 0
    for words in sentences:
        toks = []
        for w in words:
            toks.append([w, pos, pos + len(w)])
            pos += len(w) + 1
        sents.append([toks, " ".join(words)])
    tokens = [w for s in sentences for w in s]
    return {"doc_id": "d", "text": text, "tokens": tokens, "sentences": sents}


def test_gold_triggers_are_aligned_to_the_text() -> None:
    # The title runs into the body without a space: shipped offsets drift by one.
    text = "Bomb kills two in SyriaThe blast wounded five people."
    doc = _doc(text, [["Bomb", "kills", "two", "in", "Syria"], ["The", "blast", "wounded", "five", "people", "."]])
    doc["entity_mentions"] = [{"id": "e1", "start": 9, "end": 10}]
    doc["event_mentions"] = [
        {"event_type": "Life.Injure.Unspecified", "trigger": {"start": 7, "end": 8, "text": "wounded"},
         "arguments": [{"entity_id": "e1", "role": "Victim", "text": "five people"}]},
        {"event_type": "Life.Die.Unspecified", "trigger": {"start": 1, "end": 2, "text": "kills"}, "arguments": []},
    ]  # fmt: skip
    injure, die = gold_kairos_events(doc)
    assert text[injure.start : injure.end] == "wounded"
    assert text[die.start : die.end] == "kills"
    assert injure.arguments[0].head == "people"


def test_life_events_trigger_on_the_death_or_injury_word(make_mention: Any) -> None:
    text = "Gunmen attacked a market, killing 5 people and wounding 7 others."
    m = make_mention(text, "attacked", "Violence against civilians", "Attack",
                     roles=(("actor", "Gunmen", None, None), ("target", "a market", None, None)),
                     casualties=(("killed", 5), ("injured", 7)))  # fmt: skip
    events = {(e.event_type, text[e.start : e.end]) for e in mentions_to_kairos([m])}
    assert events == {
        ("Conflict.Attack.Unspecified", "attacked"),
        ("Life.Die.Unspecified", "killing"),
        ("Life.Injure.Unspecified", "wounding"),
    }


def test_a_killing_verb_is_a_life_die_event_once(make_mention: Any) -> None:
    text = "Militants killed 3 soldiers."
    m = make_mention(text, "killed", "Violence against civilians", "Attack",
                     roles=(("actor", "Militants", None, None), ("target", "3 soldiers", None, None)),
                     casualties=(("killed", 3),))  # fmt: skip
    (event,) = mentions_to_kairos([m])
    assert (event.event_type, text[event.start : event.end]) == ("Life.Die.Unspecified", "killed")
    assert KairosArgument("Killer", "militants") in event.arguments
    assert KairosArgument("Victim", "soldiers") in event.arguments


def test_no_life_event_without_a_death_word_and_explosives_are_devices(make_mention: Any) -> None:
    text = "A bomb exploded near 4 buses."
    m = make_mention(text, "exploded", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                     roles=(("weapon", "A bomb", None, None),), casualties=(("killed", 4),))  # fmt: skip
    (event,) = mentions_to_kairos([m])
    assert event.event_type == "Conflict.Attack.DetonateExplode"
    assert event.arguments == (KairosArgument("ExplosiveDevice", "bomb"),)


def test_reporting_verb_is_a_contact_event(make_mention: Any) -> None:
    text = "Rebels attacked the town, the army said."
    m = make_mention(text, "attacked", "Violence against civilians", "Attack", status="reported")
    cue, source = text.index("said"), text.index("the army")
    m = replace(m, status_cue=Span(article_id="a1", start=cue, end=cue + 4, text="said"),
                attributed_to=Span(article_id="a1", start=source, end=source + 8, text="the army"))  # fmt: skip
    contact = [e for e in mentions_to_kairos([m]) if e.event_type.startswith("Contact")]
    assert [(e.event_type, text[e.start : e.end], e.arguments) for e in contact] == [
        ("Contact.Contact.Unspecified", "said", (KairosArgument("Participant", "army"),))
    ]
    denied = replace(m, status="denied")
    assert mentions_to_kairos([denied]) == []


def test_device_trigger_moves_to_the_explosion_verb_and_one_place(make_mention: Any) -> None:
    text = "Twin bombs exploded near the finish line in Boston, Massachusetts, killing 3 people."
    m = make_mention(text, "bombs", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                     roles=(("actor", "Twin", None, None), ("place", "Boston", None, None),
                            ("place", "Massachusetts", None, None), ("target", "3 people", None, None)),
                     casualties=(("killed", 3),))  # fmt: skip
    attack, die = mentions_to_kairos([m])
    assert text[attack.start : attack.end] == "exploded"
    assert [a.role for a in attack.arguments].count("Place") == 1
    assert die.arguments == (KairosArgument("Victim", "people"),)  # the attacker belongs to the attack


def test_every_death_word_of_a_casualty_sentence(make_mention: Any) -> None:
    text = "The bomb killed 3 people; two more died in hospital and 5 were injured."
    m = make_mention(text, "bomb", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                     roles=(("target", "3 people", None, None),), casualties=(("killed", 3),))  # fmt: skip
    words = sorted(text[e.start : e.end] for e in mentions_to_kairos([m]) if e.event_type.startswith("Life"))
    assert words == ["died", "injured", "killed"]


def test_each_explosion_word_of_an_attack_sentence(make_mention: Any) -> None:
    text = "The blast hit the market when a second bomb exploded."
    m = make_mention(text, "blast", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                     roles=(("target", "the market", None, None),))  # fmt: skip
    words = [(text[e.start : e.end], e.event_type) for e in mentions_to_kairos([m])]
    assert words == [("blast", "Conflict.Attack.DetonateExplode"), ("exploded", "Conflict.Attack.DetonateExplode")]


def test_each_arrest_word_of_an_arrest_sentence(make_mention: Any) -> None:
    text = "Police arrested 12 people and detained five others."
    m = make_mention(text, "arrested", "Strategic developments", "Arrests",
                     roles=(("actor", "Police", None, None), ("target", "12 people", None, None)))  # fmt: skip
    words = [text[e.start : e.end] for e in mentions_to_kairos([m])]
    assert words == ["arrested", "detained"]


def test_a_count_merged_from_the_next_sentence_is_read_in_its_own_sentence(make_mention: Any) -> None:
    # Extraction folds "Four guards were wounded." into the blast it follows; KAIROS
    # annotates "wounded" in that second sentence.
    text = "A car bomb exploded outside the ministry. Four guards were wounded, police said."
    m = make_mention(text, "exploded", "Explosions/Remote violence", "Remote explosive/landmine/IED")
    start = text.index("Four")
    wounded = Span(article_id="a1", start=start, end=start + 4, text="Four")
    m = replace(m, casualties=(CasualtyCount(kind="injured", low=4, best=4, high=4, span=wounded),))
    without_text = {e.event_type for e in mentions_to_kairos([m])}
    assert "Life.Injure.Unspecified" not in without_text
    with_text = {(e.event_type, text[e.start : e.end]) for e in mentions_to_kairos([m], text)}
    assert ("Life.Injure.Unspecified", "wounded") in with_text
