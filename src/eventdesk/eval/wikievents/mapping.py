"""Our mentions as KAIROS events, so the pipeline can be scored on WikiEvents.

The mapping from our ACLED-style sub-event types to KAIROS event types is a
table (data), as is the mapping from our role names to KAIROS argument roles.
Casualty counts make extra events: people killed are a Life.Die event and
people injured a Life.Injure event, as WikiEvents annotates them. Arguments
are compared by head word (``head_word``). Which words of a sentence tell the
event is read by extract/event_words.py; this module only types them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from eventdesk import lexicons
from eventdesk.eval.wikievents.data import KairosArgument, KairosEvent, head_word
from eventdesk.extract.event_words import (
    CASUALTY_KINDS,
    arrest_words,
    attack_words,
    casualty_kind_of,
    casualty_words,
    event_told_at,
    explosion_words,
    is_reporting_verb,
    nearest_casualty_word,
)
from eventdesk.lexicons import words
from eventdesk.nlp.sentences import Sentence, split_sentences
from eventdesk.records import Mention, Span

__all__ = ["kairos_roles", "sub_event_to_kairos", "mentions_to_kairos"]


#: Our sub-event type -> KAIROS event type.
@functools.cache
def sub_event_to_kairos() -> Mapping[str, str]:
    return lexicons.table("wikievents-event-types")


#: KAIROS type (prefix) -> our role -> KAIROS argument role.
@functools.cache
def kairos_roles() -> Mapping[str, Mapping[str, str]]:
    return lexicons.table("wikievents-argument-roles")


#: Counting statuses: events that happened as the article tells it.
_HAPPENED = {"asserted", "reported", "alleged", "claimed"}

#: Casualty kind -> the KAIROS event its count implies.
_CASUALTY_EVENT = {"killed": "Life.Die.Unspecified", "injured": "Life.Injure.Unspecified"}


@functools.cache
def _broadcast_verbs() -> frozenset[str]:
    """Reporting verbs KAIROS types as one-to-many (Contact.Contact.Broadcast)."""
    return frozenset(words("wikievents-broadcast-verbs"))


def _roles_for(kairos_type: str) -> Mapping[str, str]:
    return next((v for k, v in kairos_roles().items() if kairos_type.startswith(k)), {})


def _arguments(mention: Mention, kairos_type: str, *, only: Sequence[str] = ()) -> tuple[KairosArgument, ...]:
    """Arguments by head word (of our roles in ``only`` when given).

    One place at most, the one nearest the trigger (KAIROS annotates the event's own place, not the
    "Lyon, France" that follows it); a place inferred from neighbouring sentences (kind "context") is
    left out.
    """
    table = _roles_for(kairos_type)
    out, place_seen = [], False
    for r in mention.roles:
        if r.role not in table or (only and r.role not in only):
            continue
        if r.role == "place":
            if place_seen or r.kind == "context":
                continue
            place_seen = True
        out.append(KairosArgument(table[r.role], head_word(r.span.text)))
    return tuple(out)


def _contact_event(mention: Mention) -> KairosEvent | None:
    """The reporting verb of a reported or claimed mention ("..., police said") as a Contact event."""
    cue = mention.status_cue
    if mention.status not in ("reported", "claimed") or cue is None or not is_reporting_verb(cue.text):
        return None
    broadcast = cue.text.strip().lower() in _broadcast_verbs()
    kind = "Contact.Contact.Broadcast" if broadcast else "Contact.Contact.Unspecified"
    source = mention.attributed_to
    role = _roles_for(kind)["source"]
    args = (KairosArgument(role, head_word(source.text)),) if source is not None and head_word(source.text) else ()
    return KairosEvent(kind, cue.start, cue.end, args)


def _count_sentence(m: Mention, count: Span, sentences: Sequence[Sentence], text: str) -> Mention:
    """``m`` seen from the sentence that holds ``count``: extraction merges a follow-up
    casualty sentence ("Three others were wounded.") into the event it tells, and
    KAIROS annotates the death or injury word of that sentence."""
    if m.sentence.start <= count.start < m.sentence.end:
        return m
    for s in sentences:
        if s.start <= count.start < s.end:
            return replace(
                m, sentence=Span(article_id=m.article_id, start=s.start, end=s.end, text=text[s.start : s.end])
            )
    return m


def mentions_to_kairos(mentions: Sequence[Mention], text: str | None = None) -> list[KairosEvent]:
    """Predicted KAIROS events from our mentions.

    - the mention itself, typed by ``sub_event_to_kairos()``; a mention whose
      trigger is a death or injury word ("killed", "wounded") is the Life.Die /
      Life.Injure event KAIROS annotates on that word;
    - a killed / injured count adds a Life.Die / Life.Injure event triggered at
      the death or injury word of the sentence nearest the count ("... killing
      three"), none when the sentence has no such word; every other death or
      injury word of a sentence that reports casualties is a Life event too;
    - every other explosion or attack word in the sentence of an attack mention
      ("the blast ... the bomb exploded") is an event of its own, as KAIROS
      annotates each word that tells the event; likewise each arrest or
      detention word in an arrest mention's sentence;
    - the reporting verb of a reported or claimed mention ("said", "reported")
      adds a Contact.Contact event whose participant is the source.

    Events of one type on the same trigger are emitted once. With the article's
    ``text``, a count merged from another sentence is read in its own sentence.
    """
    out: list[KairosEvent] = []
    seen: set[tuple[str, int, int]] = set()
    sentences = split_sentences(text) if text is not None else []

    def emit(event: KairosEvent) -> None:
        key = (event.event_type.rsplit(".", 1)[0], event.start, event.end)
        if key not in seen:
            seen.add(key)
            out.append(event)

    for m in mentions:
        if m.status not in _HAPPENED:
            continue
        kind = sub_event_to_kairos().get(m.sub_event_type)
        if kind and kind.startswith("Conflict.Attack"):
            life = casualty_kind_of(m.trigger.text)
            kind = _CASUALTY_EVENT[life] if life else kind
        where = event_told_at(m) if kind else None
        if kind and where is not None:
            emit(KairosEvent(kind, where[0], where[1], _arguments(m, kind)))
        own_kind = kind
        for count, kind in _CASUALTY_EVENT.items():
            c = m.casualty(count)
            if c is None or not (c.best or c.low or c.high):
                continue
            told = _count_sentence(m, c.span, sentences, text or "")
            where = nearest_casualty_word(told, count, c.span.start)
            if where is not None:
                # The attack's actor, weapon and place belong to the attack; the death or injury has its
                # victims: the targets whose phrase holds the count ("23 Afghan soldiers").
                victims = tuple(
                    KairosArgument("Victim", head_word(r.span.text))
                    for r in m.roles_of("target")
                    if r.span.start <= c.span.start and c.span.end <= r.span.end
                )
                emit(KairosEvent(kind, where[0], where[1], victims))
        counted = {_count_sentence(m, c.span, sentences, text or "") for c in m.casualties if c.kind in _CASUALTY_EVENT}
        for told in sorted(counted, key=lambda x: x.sentence.start):
            # A sentence that reports casualties: each further death or injury word is a Life event.
            for count in CASUALTY_KINDS:
                for start, end in casualty_words(told, count):
                    emit(KairosEvent(_CASUALTY_EVENT[count], start, end, ()))
        if own_kind and own_kind.startswith("Conflict.Attack"):
            # One event told with several words in its sentence ("the blast ... the bomb exploded"):
            # KAIROS annotates each explosion or attack word.
            for found, other in ((explosion_words, "Conflict.Attack.DetonateExplode"),
                                 (attack_words, "Conflict.Attack.Unspecified")):  # fmt: skip
                for start, end in found(m):
                    emit(KairosEvent(other, start, end, ()))
        if own_kind and own_kind.startswith("Justice.ArrestJailDetain"):
            for start, end in arrest_words(m):  # "arrested ... and detained": each word
                emit(KairosEvent(own_kind, start, end, ()))
        contact = _contact_event(m)
        if contact is not None:
            emit(contact)
    return out
