"""The event taxonomy and the extractor's lexicons, read from ``data/taxonomy.json``.

One versioned data file holds the ACLED-compatible types, their PLOVER mapping,
the words that hint at actor and target types and every word list the rules read, so a change
of vocabulary is a data change with a version bump, not a code change.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "ARMED_TARGET_TYPES",
    "CIVILIAN_TARGET_TYPES",
    "TARGET_TYPES",
    "Taxonomy",
    "Trigger",
    "load_taxonomy",
]

# The two vocabularies of participant types, owned here so that extraction
# (its hints) and resolution (its rules) name the same values. Records keep
# a role's type in ``Role.kind`` (an actor or side role: its actor type; a
# target role: its target type; a weapon role: its weapon class) and an
# actor's in ``Actor.actor_type``; the taxonomy file's word groups for the
# hints are "actor_kinds" and "target_families".

#: ACLED actor types (the codebook's "inter" codes): ``Actor.actor_type`` and
#: the type of an actor or side role.
ACTOR_TYPES: tuple[str, ...] = (
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external forces",
)

#: GTD-like target types (the GTD codebook's target/victim types): the type of
#: a target role. The resolver gives all but the last two; extraction's hint
#: stands when it finds none ("protesters"; "journalists and media" is the
#: hint the resolver's finer "journalists" replaces).
TARGET_TYPES: tuple[str, ...] = (
    "journalists",
    "diplomatic",
    "religious",
    "educational",
    "police",
    "military",
    "government",
    "non-state militia",
    "ngo",
    "tourists",
    "airports",
    "maritime",
    "transportation",
    "utilities",
    "telecommunication",
    "business",
    "civilians",
    "protesters",
    "journalists and media",
)

#: The target types whose victims are civilians, as an analyst (and ACLED's
#: civilian targeting) counts them: what a report calls "a crowded livestock
#: market", "a school" or "a mosque" is a business, educational or religious
#: target to the resolver, and the people there are civilians all the same.
#: So are journalists, aid workers (ngo) and tourists, and, as ACLED codes
#: them, unarmed officials and diplomats (government, diplomatic). Not in it:
#: the armed (police, military, non-state militia); protesters, which ACLED
#: counts as their own actor type; and infrastructure (airports, maritime,
#: transportation, utilities, telecommunication), often state-run or of
#: military use, which an analyst asks for by its own kind. The share
#: statistic and the ACLED export both read this one set.
CIVILIAN_TARGET_TYPES: frozenset[str] = frozenset(
    {
        "civilians",
        "business",
        "educational",
        "religious",
        "journalists",
        "journalists and media",
        "ngo",
        "tourists",
        "government",
        "diplomatic",
    }
)

#: The target types that are armed people: a side of the fighting, never civilians.
#: With the civilian kinds and "protesters" they are the kinds that say who was
#: targeted (``query/stats.py`` ``main_target``); the rest are property.
ARMED_TARGET_TYPES: frozenset[str] = frozenset({"police", "military", "non-state militia"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger lexicon entry: a lemma (or phrase) and the sub-type it suggests."""

    lemma: str
    sub: str
    pos: str  # "v", "n" or "both"
    priority: int
    casualty: str | None = None
    needs: tuple[str, ...] = ()
    needs_place_object: bool = False
    needs_place: bool = False  # no event without a place ("withdrew from the town", not "from the talks")
    weak: bool = False


@dataclass(frozen=True)
class Taxonomy:
    """The taxonomy file, indexed for the rules."""

    version: str
    event_type_of: dict[str, str]
    plover: dict[str, tuple[str | None, str | None]]
    triggers: dict[str, Trigger]
    word_forms: dict[str, str]
    casualty_words: dict[str, str]
    status_cues: dict[str, tuple[str, ...]]
    actor_type_of: dict[str, str]
    target_type_of: dict[str, str]
    weapon_class_of: dict[str, str]
    state_force_words: tuple[str, ...]
    person_nouns: frozenset[str]
    raw: dict[str, Any] = field(repr=False)

    @property
    def sub_event_types(self) -> tuple[str, ...]:
        return tuple(self.event_type_of)

    @functools.cached_property
    def candidate_regex(self) -> re.Pattern[str]:
        """Matches an inflected form of a trigger as a whole word: the cheap pre-parse filter.

        Whole words only, so "fighters", "attackers" or "shelter" do not send a
        sentence to the parser; the base form "march" only in lower case, so the
        month does not either.
        """
        forms = {f for w in self.triggers for f in _inflections(w)} | set(self.word_forms)
        forms |= {"shot", "fought", "struck", "beaten", "overran", "gunned", "bombers", "bomber"}
        words = sorted((f for f in forms if f != "march"), key=len, reverse=True)
        pattern = r"\b(?:(?i:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words) + r")|march)\b"
        return re.compile(pattern)

    @functools.cached_property
    def state_force_regex(self) -> re.Pattern[str]:
        """Whole-word state-force phrases ("security forces", "troops", "police")."""
        words = sorted(self.state_force_words, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)

    def trigger_for(self, lemma: str) -> Trigger | None:
        lemma = lemma.lower()
        return self.triggers.get(self.word_forms.get(lemma, lemma))


def _inflections(word: str) -> set[str]:
    """Regular inflections of a trigger (the last word of a phrase): "seize" -> seize, seizes, seized, seizing."""
    *head, last = word.lower().split()
    stem = last[:-1] if last.endswith("e") else last
    doubled = last + last[-1] if re.search(r"[^aeiou][aeiou][bdgmnpt]$", last) and len(last) <= 4 else last
    forms = {last, last + "s", last + "es", stem + "ed", stem + "ing", doubled + "ed", doubled + "ing", last + "d"}
    if last.endswith("y"):
        forms |= {last[:-1] + "ies", last[:-1] + "ied"}
    return {" ".join([*head, f]) for f in forms}


def _invert(groups: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, words in groups.items():
        if name == "comment":
            continue
        for word in words:
            out.setdefault(word, name)
    return out


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Read and index the bundled taxonomy file (cached: it is read once per process)."""
    text = resources.files("eventdesk.data").joinpath("taxonomy.json").read_text("utf-8")
    raw = json.loads(text)
    event_type_of: dict[str, str] = {}
    plover: dict[str, tuple[str | None, str | None]] = {}
    for event_type, subs in raw["event_types"].items():
        for sub, info in subs.items():
            event_type_of[sub] = event_type
            plover[sub] = (info["plover"][0], info["plover"][1])
    triggers = {
        lemma: Trigger(
            lemma=lemma,
            sub=e["sub"],
            pos=e["pos"],
            priority=e["priority"],
            casualty=e.get("casualty"),
            needs=tuple(e.get("needs", ())),
            needs_place_object=e.get("needs_place_object", False),
            needs_place=e.get("needs_place", False),
            weak=e.get("weak", False),
        )
        for lemma, e in raw["triggers"].items()
        if lemma != "comment"
    }
    unknown = {t.sub for t in triggers.values()} - set(event_type_of)
    if unknown:
        raise ValueError(f"taxonomy triggers name unknown sub-event types: {sorted(unknown)}")
    return Taxonomy(
        version=raw["version"],
        event_type_of=event_type_of,
        plover=plover,
        triggers=triggers,
        word_forms={k: v for k, v in raw["word_forms"].items() if k != "comment"},
        casualty_words=_invert(raw["casualty_words"]),
        status_cues={k: tuple(v) for k, v in raw["status_cues"].items() if k != "comment"},
        actor_type_of=_invert(raw["actor_kinds"]),
        target_type_of=_invert(raw["target_families"]),
        weapon_class_of=_invert(raw["weapons"]),
        state_force_words=tuple(raw["state_force_words"]),
        person_nouns=frozenset(raw["person_nouns"]),
        raw=raw,
    )
