"""Learned role spans replace the rules' perpetrators, targets and weapons only where the tagger finds them."""

from __future__ import annotations

import spacy

from eventdesk.extract.frames import Arg, Frame
from eventdesk.extract.learned_roles import LearnedRoles, apply_learned_roles
from eventdesk.extract.taxonomy import Trigger

TEXT = "Gunmen from the Red Hand shot dead two farmers in Kuru with rifles on Monday."


def _frame() -> Frame:
    doc = spacy.blank("en")(TEXT)
    return Frame(
        trigger=doc[5],
        entry=Trigger(lemma="shoot", sub="Attack", pos="v", priority=1),
        sentence_index=0,
        sent_start=0,
        sent_end=len(TEXT),
        offset=0,
        sub="Attack",
        actors=[Arg(start=0, end=6, kind="political militia", name="Red Hand gunmen")],
        targets=[Arg(start=39, end=46, kind="civilians")],
        places=[Arg(start=50, end=54)],
    )


def _span(phrase: str, label: str) -> tuple[int, int, str, float]:
    start = TEXT.index(phrase)
    return (start, start + len(phrase), label, 0.9)


def test_found_roles_replace_the_rules_and_keep_their_fields() -> None:
    frame = _frame()
    learned = LearnedRoles((_span("Gunmen from the Red Hand", "perp_individual"), _span("rifles", "weapon")))
    apply_learned_roles(frame, learned, "Violence against civilians")
    actor = frame.actors[0]
    assert TEXT[actor.start : actor.end] == "Gunmen from the Red Hand"
    assert (actor.kind, actor.name) == ("political militia", "Red Hand gunmen")  # the rule argument's fields
    assert [TEXT[w.start : w.end] for w in frame.weapons] == ["rifles"]
    # No victim found by the tagger: the rules' target stays, and so does the place.
    assert [TEXT[t.start : t.end] for t in frame.targets] == ["farmers"]
    assert [TEXT[p.start : p.end] for p in frame.places] == ["Kuru"]


def test_a_new_victim_span_is_a_civilian_target() -> None:
    frame = _frame()
    frame.targets = []  # the rules found none
    apply_learned_roles(frame, LearnedRoles((_span("two farmers", "victim"),)), "Violence against civilians")
    assert [(TEXT[t.start : t.end], t.kind) for t in frame.targets] == [("two farmers", "civilians")]


def test_battles_keep_the_rules_roles() -> None:
    frame = _frame()
    apply_learned_roles(frame, LearnedRoles((_span("two farmers", "perp_organisation"),)), "Battles")
    assert [TEXT[a.start : a.end] for a in frame.actors] == ["Gunmen"]


def test_spans_outside_the_frames_sentence_are_ignored() -> None:
    frame = _frame()
    frame.sent_end = 30
    apply_learned_roles(frame, LearnedRoles((_span("rifles", "weapon"),)), "Violence against civilians")
    assert frame.weapons == []


def test_the_group_comes_before_its_members_and_the_rules_targets_stay_first() -> None:
    frame = _frame()
    learned = LearnedRoles(
        (
            _span("Gunmen", "perp_individual"),
            _span("Red Hand", "perp_organisation"),
            _span("Kuru", "target"),
            _span("two farmers", "victim"),
        )
    )
    apply_learned_roles(frame, learned, "Violence against civilians")
    assert [TEXT[a.start : a.end] for a in frame.actors] == ["Red Hand", "Gunmen"]
    assert [TEXT[t.start : t.end] for t in frame.targets] == ["farmers", "Kuru"]


def test_things_found_without_people_add_to_the_rules_targets() -> None:
    frame = _frame()
    apply_learned_roles(frame, LearnedRoles((_span("Kuru", "target"),)), "Violence against civilians")
    assert [TEXT[t.start : t.end] for t in frame.targets] == ["farmers", "Kuru"]


def test_a_learned_span_inside_a_rule_argument_keeps_the_rules_phrase() -> None:
    frame = _frame()
    frame.actors = [Arg(start=0, end=24, kind="political militia")]  # "Gunmen from the Red Hand"
    apply_learned_roles(frame, LearnedRoles((_span("Red Hand", "perp_organisation"),)), "Violence against civilians")
    assert [(TEXT[a.start : a.end], a.kind) for a in frame.actors] == [
        ("Gunmen from the Red Hand", "political militia")
    ]
