"""From eventdesk mentions to MUC-4 templates, so the pipeline can be scored on MUC-4.

MUC-4 records *terrorist incidents* (template-doc-part1.v7, section 1.0):
violence by clandestine groups against non-combatants, or by the state
against civilians. Clashes between guerrillas and the military are not
relevant, nor are protests. Accomplished, attempted and threatened incidents
all get a template (slot 5). The tables below say how our ACLED sub-event
types become MUC incident types; they are data so docs/evaluation.md can
show them and a reviewer can change them in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventdesk import lexicons
from eventdesk.eval.muc4.metrics import ROLES, normalize_mention
from eventdesk.extract.incidents import dates_differ, places_differ
from eventdesk.extract.phrases import (
    apposed_names,
    clean_filler,
    drop_leading_count,
    full_name,
    head_noun,
    is_acronym,
    is_entity,
    is_number,
    org_modifier,
    person_name,
)
from eventdesk.lexicons import word_set
from eventdesk.records import Mention, Place, Role

__all__ = [
    "country_names",
    "STATUS_CONFIDENCE",
    "sub_event_to_muc",
    "mentions_to_muc_templates",
    "muc_incident_type",
]


#: ACLED sub-event type -> MUC incident type. "?attack" means: an attack only
#: when some target is not military (MUC excludes guerrilla-vs-army combat).
#: Sub-types absent here (protests, agreements, arrests, ...) never make a template.
@functools.cache
def sub_event_to_muc() -> Mapping[str, str]:
    return lexicons.table("muc4-incident-types")


#: Our epistemic status -> MUC stage of execution; statuses absent here make no template
#: (denied, negated and hypothetical events did not happen or are not even threatened).
_STATUS_STAGE: dict[str, str] = {
    "asserted": "ACCOMPLISHED",
    "reported": "ACCOMPLISHED",
    "alleged": "ACCOMPLISHED",
    "claimed": "ACCOMPLISHED",
    "planned": "THREATENED",
}

#: Our status -> MUC perpetrator-organisation confidence (slot 11).
STATUS_CONFIDENCE: dict[str, str] = {
    "asserted": "REPORTED AS FACT",
    "reported": "REPORTED AS FACT",
    "claimed": "CLAIMED OR ADMITTED",
    "alleged": "SUSPECTED OR ACCUSED",
    "planned": "POSSIBLE",
}


#: ISO 3166 alpha-2 -> the country name the MUC-4 keys use.
@functools.cache
def country_names() -> Mapping[str, str]:
    return lexicons.table("muc4-country-names")


_MILITARY_KINDS = {"military", "police", "state forces", "terrorists/non-state militia", "rebel groups"}
_PEOPLE_KINDS = {"civilians", "private citizens", "journalists", "tourists", "religious figures", "ngo"}
_THING_KINDS = {
    "business", "infrastructure", "utilities", "transportation", "telecommunication", "airports",
    "maritime", "food or water supply", "educational institution", "property",
}  # fmt: skip
_STAGE_RANK = {"ACCOMPLISHED": 3, "ATTEMPTED": 2, "THREATENED": 1}
_CONFIDENCE_RANK = {
    v: i for i, v in enumerate(("POSSIBLE", "SUSPECTED OR ACCUSED", "CLAIMED OR ADMITTED", "REPORTED AS FACT"))
}


def _cue(text: str, cues: Iterable[str]) -> bool:
    low = text.lower()
    return any(c in low for c in cues)


def _sentence(mention: Mention, text: str) -> str:
    s = mention.sentence
    return text[s.start : s.end] if s.end <= len(text) else s.text


def _targets_only_armed(mention: Mention) -> bool:
    targets = mention.roles_of("target")
    return bool(targets) and all((t.kind or "").lower() in _MILITARY_KINDS for t in targets)


def _arms_seized(mention: Mention, text: str, sentence: str) -> bool:
    """Arms seized or found (an arms cache is not a bombing): MUC-4 records no incident."""
    weapons = word_set("muc4-weapon-heads")
    trigger = mention.trigger.text.lower()
    return (
        (trigger in word_set("muc4-seizure-triggers") or head_noun(trigger) in weapons)
        and _cue(sentence, word_set("muc4-seizure-cues"))
        and not mention.casualties
        and all(head_noun(clean_filler(_span_text(t, text))) in weapons for t in mention.roles_of("target"))
    )


def muc_incident_type(mention: Mention, text: str) -> str | None:
    """The MUC incident type of one mention, or None when MUC-4 would not record it."""
    sentence = _sentence(mention, text)
    mapped = sub_event_to_muc().get(mention.sub_event_type)
    if _arms_seized(mention, text, sentence):
        return None  # arms seized or found: no incident
    if mention.sub_event_type == "Other" or mapped is None:
        stoppage = mention.event_type in ("Strategic developments", "Protests") and _cue(
            sentence, word_set("muc4-stoppage-cues")
        )
        return "forced work stoppage" if stoppage else None
    if mapped.startswith("?"):
        # Combat counts only when it hits someone or something outside the armed forces.
        targets = mention.roles_of("target")
        if not targets or _targets_only_armed(mention):
            return None
        mapped = mapped[1:]
    if mention.sub_event_type == "Looting/property destruction":
        if _cue(sentence, word_set("muc4-arson-cues")):
            return "arson"
        return "robbery" if _cue(sentence, word_set("muc4-robbery-cues")) else "attack"
    if mapped == "attack" and _cue(sentence, word_set("muc4-arson-cues")) and not mention.casualties:
        return "arson"
    return mapped


def _stage(mention: Mention, text: str) -> str | None:
    stage = _STATUS_STAGE.get(mention.status)
    if stage == "ACCOMPLISHED" and (
        mention.sub_event_type == "Disrupted weapons use"
        or _cue(_sentence(mention, text), word_set("muc4-attempt-cues"))
    ):
        return "ATTEMPTED"
    return stage


def _span_text(role: Role, text: str) -> str:
    s = role.span
    return text[s.start : s.end] if s.end <= len(text) and text[s.start : s.end] else s.text


def _actor_slot(role: Role, phrase: str) -> str:
    """PerpOrg for organisations (organisation heads, acronyms, resolved proper names), else PerpInd."""
    head = head_noun(phrase)
    if head in word_set("muc4-individual-heads"):
        return "PerpInd"
    if head in word_set("muc4-organisation-heads") or (phrase.isupper() and len(phrase) >= 2 and " " not in phrase):
        return "PerpOrg"
    if head in word_set("muc4-person-words"):
        return "PerpInd"  # "Guerrillas attacked ...": individuals, even when the resolver knows the word
    if is_acronym(phrase):
        return "PerpOrg"
    return "PerpOrg" if role.resolved_id and phrase[:1].isupper() else "PerpInd"


def _target_slot(role: Role, phrase: str) -> str:
    """Target for physical targets and institutions, Victim for people."""
    kind, head = (role.kind or "").lower(), head_noun(phrase)
    if head in word_set("muc4-thing-heads"):
        return "Target"  # "merino's home": a building, whoever lives there
    if kind in _PEOPLE_KINDS or head in word_set("muc4-person-words"):
        return "Victim"
    return "Target" if head in word_set("muc4-thing-heads") or kind in _THING_KINDS else "Victim"


def _fillers(mention: Mention, text: str) -> dict[str, list[tuple[str, str]]]:
    """(slot -> [(entity key, phrase)]) for one mention; the key groups coreferent mentions."""
    out: dict[str, list[tuple[str, str]]] = {role: [] for role in ROLES}
    for role in mention.roles:
        if role.role not in ("actor", "target", "weapon"):
            continue
        raw = _span_text(role, text)
        phrase = clean_filler(raw)
        words = phrase.split()
        key = role.resolved_id or normalize_mention(phrase)
        if role.role == "weapon":
            if words and not all(is_number(w) for w in words):
                # "90-mm, 60-mm, and 81-mm mortars and 85-mm field guns": two weapons
                parts = [p.strip(" ,") for p in phrase.rsplit(" and ", 1)]
                if len(parts) > 1 and all(head_noun(p) in word_set("muc4-weapon-heads") for p in parts):
                    out["Weapon"].extend((normalize_mention(p), p) for p in parts)
                else:
                    out["Weapon"].append((key, phrase))
            continue
        if not is_entity(words):
            continue
        if head_noun(phrase) in word_set("muc4-weapon-heads"):
            # "A powerful dynamite charge killed ...": the device, not a perpetrator or a victim.
            if role.role == "actor":
                out["Weapon"].append((key, phrase))
            continue
        if role.role == "actor":
            if head_noun(phrase) in word_set("muc4-thing-heads"):
                # "the avianca airlines plane exploded": a thing as subject is what was hit, not who hit it.
                out["Target"].append((key, drop_leading_count(phrase)))
                continue
            slot = _actor_slot(role, raw if raw.isupper() else phrase)
            head_part, _, tail_part = phrase.partition(" of ")
            if (
                slot == "PerpInd"
                and tail_part
                and head_noun(head_part) in word_set("muc4-member-heads") - {"members"}
                and (head_noun(tail_part) in word_set("muc4-organisation-heads") or is_acronym(clean_filler(tail_part)))
            ):
                out[slot].append((normalize_mention(head_part), head_part))  # "guerrillas of the eln": guerrillas
            else:
                out[slot].append((key, phrase))
            org = org_modifier(phrase) if slot == "PerpInd" else None
            if org:
                out["PerpOrg"].append((normalize_mention(org), org))
            tail = phrase.split(" of ", 1)[1] if " of " in phrase else ""
            if (
                slot == "PerpInd"
                and tail
                and (head_noun(tail) in word_set("muc4-organisation-heads") or is_acronym(clean_filler(tail)))
            ):
                # "members of the Shining Path": the individuals, and the organisation they belong to.
                org = clean_filler(phrase.split(" of ", 1)[1])
                out["PerpOrg"].append((normalize_mention(org), org))
        elif _target_slot(role, phrase) == "Target":
            phrase = drop_leading_count(phrase)
            out["Target"].append((role.resolved_id or normalize_mention(phrase), phrase))
        else:
            name = person_name(phrase)
            if name is not None:
                name = full_name(name, text)
                out["Victim"].append((role.resolved_id or normalize_mention(name), name))
                continue
            for name in apposed_names(role, text):
                out["Victim"].append((normalize_mention(name), name))
    return out


def _place_fields(mention: Mention, places: Mapping[str, Place]) -> tuple[str | None, str | None]:
    for role in mention.roles_of("place"):
        place = places.get(role.resolved_id or "")
        if place is None:
            continue
        country = country_names().get((place.country or "").upper(), (place.country or "").upper() or None)
        is_city = (place.feature or "").upper().startswith("PPL")
        return country, (place.name.upper() if is_city else None)
    return None, None


class _Draft:
    """A template being assembled from the mentions of one incident."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.fillers: dict[str, dict[str, str]] = {role: {} for role in ROLES}
        self.place: str | None = None
        self.date: tuple[str, str] | None = None
        self.country: str | None = None
        self.city: str | None = None
        self.stage: str | None = None
        self.confidence: str | None = None
        self.effects: set[str] = set()
        self.counts: dict[str, int] = {}

    def accepts(self, place: str | None, date: tuple[str, str] | None, orgs: set[str],
                places: Mapping[str, Place] | None = None) -> bool:  # fmt: skip
        """MUC splits instances of one type that differ in place, date or perpetrator (section 5.0).

        Dates differ when their ranges do not overlap ("this week" holds "Monday"); places differ
        when they lie in different countries or are two different towns (a town and the department
        or country around it do not differ).
        """
        own_orgs = set(self.fillers["PerpOrg"])
        return not (
            places_differ(self.place, place, places or {})
            or dates_differ(self.date, date)
            or (own_orgs and orgs and not own_orgs & orgs)
        )

    def add(self, mention: Mention, text: str, places: Mapping[str, Place], place: str | None,
            date: tuple[str, str] | None) -> None:  # fmt: skip
        fillers = _fillers(mention, text)
        for slot, items in fillers.items():
            for key, phrase in items:
                self.fillers[slot].setdefault(key, phrase)  # first mention in the text stands for the entity
        self.place, self.date = self.place or place, self.date or date
        country, city = _place_fields(mention, places)
        self.country, self.city = self.country or country, self.city or city
        stage = _stage(mention, text)
        if stage and _STAGE_RANK[stage] > _STAGE_RANK.get(self.stage or "", 0):
            self.stage = stage
        # Confidence is about the perpetrator organisation: only mentions that name one say it.
        conf = STATUS_CONFIDENCE.get(mention.status) if fillers["PerpOrg"] else None
        if conf and _CONFIDENCE_RANK[conf] > _CONFIDENCE_RANK.get(self.confidence or "", -1):
            self.confidence = conf
        for c in mention.casualties:
            value = c.best if c.best is not None else c.low
            if value:
                self.counts[c.kind] = max(self.counts.get(c.kind, 0), value)
                self.effects |= {"killed": {"DEATH"}, "injured": {"INJURY"}}.get(c.kind, set())

    def template(self) -> dict[str, Any]:
        out: dict[str, Any] = {"incident_type": self.kind}
        for slot in ROLES:
            out[slot] = [[phrase] for phrase in self.fillers[slot].values()]
        victims = sum(self.counts.get(k, 0) for k in ("killed", "injured", "abducted"))
        out.update(
            date=self.date, country=self.country, city=self.city, stage=self.stage,
            perp_org_confidence=self.confidence if out["PerpOrg"] else None,
            hum_tgt_effect=sorted(self.effects), hum_tgt_number=victims or None,
        )  # fmt: skip
        return out


def mentions_to_muc_templates(
    mentions: Sequence[Mention], text: str, *, places: Mapping[str, Place] | None = None
) -> list[dict[str, Any]]:
    """MUC-4 templates (one per incident) from one document's mentions.

    Mentions of one incident type are merged into one template unless they
    differ in resolved place, in date, or in perpetrator organisation, which
    is how the MUC-4 annotators split instances. Each role entity is the
    first phrase in the text for that actor/target (grouped by resolved id,
    else by normalised text). Besides the five roles and the incident type,
    a template carries the fields the original keys score: ``date``
    (ISO start, end), ``country``, ``city`` (from ``places``, the resolved
    Place records by id), ``stage``, ``perp_org_confidence``,
    ``hum_tgt_effect`` and ``hum_tgt_number``.
    """
    places = places or {}
    drafts: list[_Draft] = []
    for mention in sorted(mentions, key=lambda m: (m.trigger.start, m.trigger.end)):
        kind = muc_incident_type(mention, text)
        if kind is None or mention.status not in _STATUS_STAGE:
            continue
        place = next((r.resolved_id for r in mention.roles_of("place") if r.resolved_id), None)
        t = mention.time
        date = (t.start.isoformat(), t.end.isoformat()) if t and t.start and t.end else None
        orgs = {k for k, _ in _fillers(mention, text)["PerpOrg"]}
        draft = next((d for d in drafts if d.kind == kind and d.accepts(place, date, orgs, places)), None)
        if draft is None:
            draft = _Draft(kind)
            drafts.append(draft)
        draft.add(mention, text, places, place, date)
    return [d.template() for d in drafts]
