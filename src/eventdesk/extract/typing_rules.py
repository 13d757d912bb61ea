"""Pick a frame's sub-event type from its trigger and its arguments.

The trigger lexicon gives a default; these rules refine it the way the ACLED
codebook does, by who acts on whom:

- a generic violent verb (attack, kill, shoot, raid) against armed or state
  targets is a battle (Armed clash); against civilians, or a group killing its
  own members, it is Violence against civilians / Attack;
- taking a place (overrun, seize, capture, retake) is Government regains
  territory when state forces do it, otherwise Non-state actor overtakes territory;
  seizing people is an abduction (non-state) or an arrest (state);
- an arrest by a non-state actor is an abduction;
- explosions are typed by the device named in the sentence (suicide, grenade,
  air/drone, artillery), IED by default;
- protests are typed by what met them: tear gas/dispersal -> Protest with
  intervention, deaths or injuries at the hands of state forces -> Excessive
  force against protesters, protesters' own violence -> Violent demonstration.
"""

from __future__ import annotations

import re

from eventdesk import lexicons
from eventdesk.extract.frames import Frame

__all__ = ["choose_sub"]


_ARMED_TARGETS = {"military", "police", "non-state militia"}


def choose_sub(frame: Frame, sentence_text: str) -> str:
    lemma = frame.entry.lemma
    sub = frame.entry.sub
    text = sentence_text.lower()
    actor_state = any(a.kind == "state forces" for a in frame.actors)
    target_types = {t.kind for t in frame.targets}
    if lemma in lexicons.word_set("territory-taking-verbs"):
        return _taking(frame, actor_state, sub)
    if sub == "Arrests":
        return "Arrests" if actor_state or not frame.actors else "Abduction/forced disappearance"
    if sub in ("Remote explosive/landmine/IED", "Shelling/artillery/missile attack") or lemma in (
        "bomb",
        "explode",
        "blast",
        "strike",
    ):
        return _explosion(text, sub)
    crowd = _crowd_violence(frame, text, actor_state)
    if crowd is not None:
        return crowd
    if sub == "Peaceful protest" or "protester" in target_types or "protesters" in target_types:
        return _protest(frame, text, actor_state, sub)
    if (
        actor_state
        and lemma in lexicons.word_set("generic-violence-triggers")
        and re.search(r"\b(?:protesters|protestors|demonstrators|marchers)\b", text)
    ):
        return "Excessive force against protesters"
    if (
        lemma in lexicons.word_set("generic-violence-triggers")
        or sub == "Attack"
        and lemma not in ("execute", "execution", "behead", "assassinate", "assassination")
    ):
        device = _device_sub(frame)
        if device is not None:
            return device  # "a grenade attack", "attacked with grenades", "a gas attack"
        if frame.intra_group and not frame.sides:
            return "Attack"  # a group killing its own members (detained, unarmed): violence against civilians
        if frame.sides or target_types & _ARMED_TARGETS or lemma in ("fight", "fighting"):
            return "Armed clash"
        if actor_state and not target_types - {None}:
            return "Armed clash"
        return "Attack"
    return sub


def _taking(frame: Frame, actor_state: bool, default: str) -> str:
    heads = {t.head_lemma for t in frame.targets}
    if (
        frame.targets
        and not heads & lexicons.word_set("place-like-heads")
        and not any(t.kind == "military" for t in frame.targets)
    ):
        people = any(
            t.is_pronoun or t.kind in ("civilians", "government", "journalists and media", "religious", "educational")
            for t in frame.targets
        )
        if people:
            return "Arrests" if actor_state else "Abduction/forced disappearance"
        if heads & lexicons.word_set("seized-goods"):
            # "seized weapons": no ground changes hands
            return "Disrupted weapons use" if actor_state else "Looting/property destruction"
        if frame.entry.lemma in ("seize", "capture"):
            return "Disrupted weapons use" if actor_state else default
    if frame.entry.lemma in ("retake", "recapture", "liberate"):
        return (
            "Government regains territory" if actor_state or not frame.actors else "Non-state actor overtakes territory"
        )
    return "Government regains territory" if actor_state else "Non-state actor overtakes territory"


def _explosion(text: str, default: str) -> str:
    if "suicide" in text:
        return "Suicide bomb"
    if "grenade" in text:
        return "Grenade"
    if any(w in text for w in ("air strike", "airstrike", "drone", "warplane", "jet", "aircraft")):
        return "Air/drone strike"
    if default == "Air/drone strike" and not any(
        w in text for w in ("shell", "mortar", "artillery", "rocket", "missile")
    ):
        return default
    if any(w in text for w in ("shell", "mortar", "artillery", "rocket", "missile")):
        return "Shelling/artillery/missile attack"
    if "chemical" in text or "chlorine" in text or "sarin" in text:
        return "Chemical weapon"
    return default


def _protest(frame: Frame, text: str, actor_state: bool, default: str) -> str:
    if any(w in text for w in lexicons.words("riot-cues")):
        return "Violent demonstration"
    hurt = any(k in frame.casualties for k in ("killed", "injured")) or any(
        w in text for w in (" killed", " shot", " wounded", " injured", "beat")
    )
    if hurt and (actor_state or "police" in text or "security forces" in text or "soldiers" in text):
        return "Excessive force against protesters"
    if any(w in text for w in lexicons.words("protest-intervention-cues")):
        return "Protest with intervention"
    return default if default in ("Peaceful protest",) else "Peaceful protest"


_CROWD_VIOLENCE_SUBS = ("Looting/property destruction", "Armed clash", "Attack", "Violent demonstration")


def _crowd_violence(frame: Frame, text: str, actor_state: bool) -> str | None:
    """Protesters' or rioters' own violence is a riot, not a clash, an attack or plain
    property destruction: "protesters threw stones and burned tyres", "rioters torched
    shops" (Violent demonstration), "a mob torched a house" (Mob violence)."""
    if actor_state or frame.entry.sub not in _CROWD_VIOLENCE_SUBS:
        return None
    crowds = lexicons.table("crowd-nouns")
    acting = [crowds[a.head_lemma] for a in frame.actors if a.head_lemma in crowds]
    acting += [crowds[w] for a in frame.actors for w in (a.name or "").lower().split() if w in crowds]
    if not acting and not frame.actors and any(w in text for w in lexicons.words("riot-cues")):
        # "Demonstrators clashed with police, throwing stones": the parse lost the subject
        acting = [crowds[w] for w in re.findall(r"[a-z]+", text) if w in crowds][:1]
    if not acting:
        return None
    return "Mob violence" if "Mob violence" in acting else "Violent demonstration"


def _device_sub(frame: Frame) -> str | None:
    """The device that modifies a generic attack: "a grenade attack", "a gas attack",
    "attacked the post with grenades" (never "tear gas")."""
    tok = frame.trigger
    words = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            words += [w for o in objects for w in (o, *o.conjuncts)]
    devices = lexicons.table("attack-devices")
    for word in words:
        if any(c.lower_ == "tear" for c in word.children):
            continue  # tear gas is no chemical weapon
        found = devices.get(word.lemma_.lower()) or devices.get(word.lower_)
        if found is not None:
            return str(found)
    return None
