"""Where an event is told in its sentence: the verb behind a device, death and injury words, reporting verbs.

A mention has one trigger, but its sentence often tells the same event with
more words ("the blast ... the bomb exploded"), names a device where the
verb is the event ("twin bombs exploded"), or tells its casualties with a
verb of their own ("... killing three"). These readers find those words in
the mention's sentence and give their article offsets. The word forms are
data (data/lexicons/wikievents-*.json), chosen from how WikiEvents (KAIROS)
annotates triggers.
"""

from __future__ import annotations

import functools
import re

from eventdesk.lexicons import word_set, words
from eventdesk.records import Mention

__all__ = [
    "CASUALTY_KINDS",
    "Offsets",
    "arrest_words",
    "attack_words",
    "casualty_kind_of",
    "casualty_words",
    "event_told_at",
    "explosion_words",
    "is_reporting_verb",
    "nearest_casualty_word",
]

Offsets = tuple[int, int]

#: Casualty kind -> the lexicon of words that tell it (in this order: a death word is looked up first).
_CASUALTY_LEXICONS = {"killed": "wikievents-death-words", "injured": "wikievents-injury-words"}
CASUALTY_KINDS: tuple[str, ...] = tuple(_CASUALTY_LEXICONS)


@functools.cache
def _pattern(lexicon: str) -> re.Pattern[str]:
    """Any word form of the lexicon as a whole word (or words), in any case; longest forms first."""
    forms = sorted(words(lexicon), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


def _in_sentence(mention: Mention, lexicon: str) -> list[Offsets]:
    """Article offsets of every word of ``lexicon`` in the mention's sentence, in order."""
    sent = mention.sentence
    return [(sent.start + m.start(), sent.start + m.end()) for m in _pattern(lexicon).finditer(sent.text)]


def _nearest(mention: Mention, lexicon: str, near: int) -> Offsets | None:
    """The word of ``lexicon`` in the mention's sentence nearest the article offset ``near``."""
    found = [(abs(start - near), start, end) for start, end in _in_sentence(mention, lexicon)]
    return min(found)[1:] if found else None


def event_told_at(mention: Mention) -> Offsets | None:
    """Where the event is told: the trigger itself, or for a device or bomber named as the trigger,
    the nearest explosion verb, else the nearest attack verb; None when the sentence has neither."""
    t = mention.trigger
    if t.text.strip().lower() not in word_set("wikievents-device-triggers"):
        return t.start, t.end
    return _nearest(mention, "wikievents-explosion-verbs", t.start) or _nearest(
        mention, "wikievents-attack-verbs", t.start
    )


def casualty_kind_of(word: str) -> str | None:
    """ "killed" or "injured" when the whole word is a death or injury word ("killed", "wounded")."""
    low = word.strip().lower()
    return next((kind for kind, lexicon in _CASUALTY_LEXICONS.items() if low in word_set(lexicon)), None)


def casualty_words(mention: Mention, kind: str) -> list[Offsets]:
    """Every death (``kind`` "killed") or injury ("injured") word of the mention's sentence."""
    return _in_sentence(mention, _CASUALTY_LEXICONS[kind])


def nearest_casualty_word(mention: Mention, kind: str, near: int) -> Offsets | None:
    """The death or injury word of the mention's sentence nearest the offset ``near`` (a count)."""
    return _nearest(mention, _CASUALTY_LEXICONS[kind], near)


def explosion_words(mention: Mention) -> list[Offsets]:
    """Every word of the mention's sentence that tells an explosion ("blast", "exploded")."""
    return _in_sentence(mention, "wikievents-explosion-words")


def attack_words(mention: Mention) -> list[Offsets]:
    """Every word of the mention's sentence that tells an attack ("attacked", "shooting")."""
    return _in_sentence(mention, "wikievents-attack-words")


def arrest_words(mention: Mention) -> list[Offsets]:
    """Every word of the mention's sentence that tells an arrest or detention."""
    return _in_sentence(mention, "wikievents-arrest-words")


def is_reporting_verb(word: str) -> bool:
    """A reporting verb ("said", "told", "reported"), in any case."""
    return word.strip().lower() in word_set("wikievents-reporting-verbs")
