"""Fill frames' perpetrators, targets and weapons from the learned role tagger.

The cascade's step 10 (see :mod:`eventdesk.extract.core`): the sentences that
hold an event frame are encoded once, in one batch for all the articles of an
``extract_many`` call, and tagged. In a frame of an attack on people or things
(violence against civilians, explosions and remote violence), a role kind the
tagger finds in the frame's sentence replaces the rules' arguments of that
kind (perpetrators, weapons; targets and victims are only added to the rules'
targets); where it finds none, the rules' arguments stay. A tagged span that covers
a rule argument keeps that argument's type, name and anaphor link, so the
resolver and the rules for status, attribution, casualties and intra-group
fighting read the same fields as before.

Battles (two sides), protests, arrests and strategic developments keep the
rules' roles: the tagger was trained on MUC-4 terrorism reports, whose
perpetrator and victim are not the sides of a clash.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventdesk.errors import EventdeskError, coded
from eventdesk.extract.frames import Arg, Frame
from eventdesk.extract.role_tagger import RoleSpan, get_role_tagger

__all__ = [
    "LEARNED_EVENT_TYPES",
    "LearnedRoles",
    "apply_learned_roles",
    "load_learned_roles",
    "tag_frame_sentences",
]

log = logging.getLogger(__name__)

#: Event types whose roles the tagger fills (its training data's perpetrator/victim frame).
LEARNED_EVENT_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence"})
#: The tagger's labels -> the frame's argument list they fill.
_SLOT = {
    "perp_individual": "actors",
    "perp_organisation": "actors",
    "target": "targets",
    "victim": "targets",
    "weapon": "weapons",
}
#: A victim span with no rule argument under it gets this target type (a target span: none).
_VICTIM_KIND = "civilians"


@dataclass(frozen=True, slots=True)
class LearnedRoles:
    """The tagger's spans in one parsed sentence, in article offsets: (start, end, label, score)."""

    spans: tuple[tuple[int, int, str, float], ...]


#: Parts of speech a role filler never starts or ends with: the tagger sometimes takes in
#: the preposition before an agent ("planned by al-Shabaab") or a comma after it, and
#: "by al-Shabaab" would then not resolve to the actor.
_EDGE_POS = frozenset({"ADP", "PUNCT", "CCONJ"})


def _trimmed(doc: Any, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].pos_ in _EDGE_POS:
        start += 1
    while end > start and doc[end - 1].pos_ in _EDGE_POS:
        end -= 1
    return start, end


def _article_spans(doc: Any, offset: int, spans: Sequence[RoleSpan]) -> LearnedRoles:
    out = []
    for s in spans:
        start, end = _trimmed(doc, s.start, s.end)
        if start == end:
            continue
        first, last = doc[start], doc[end - 1]
        out.append((offset + first.idx, offset + last.idx + len(last.text), s.label, s.score))
    return LearnedRoles(tuple(out))


def load_learned_roles() -> bool:
    """Load the encoder and the role tagger now (the pipeline's setup step); False, logged as ``[ED060]``, when
    a model file is missing or altered, in which case extraction keeps the rules' roles."""
    from eventdesk.nlp.encoder import get_encoder

    try:
        get_role_tagger().load()
        get_encoder().load()
    except EventdeskError as err:
        log.warning("%s", coded(err.code, f"learned roles off, rules' roles kept: {err.message}"))
        return False
    return True


def tag_frame_sentences(parsed: Sequence[tuple[Any, int]]) -> list[LearnedRoles] | None:
    """The tagger's spans for each (parsed sentence, its article offset), or None when the models are missing.

    A missing or altered model file is logged once per call as ``[ED060]`` and the
    rules' roles are kept: extraction never fails for want of a learned head.
    """
    if not parsed:
        return []
    try:
        tagged = get_role_tagger().tag_spans([doc for doc, _ in parsed])
    except EventdeskError as err:
        log.warning("%s", coded(err.code, f"learned roles skipped, rules' roles kept: {err.message}"))
        return None
    return [_article_spans(doc, offset, spans) for (doc, offset), spans in zip(parsed, tagged, strict=True)]


def _covered(start: int, end: int, args: Sequence[Arg]) -> Arg | None:
    """A rule argument inside the span, or overlapping it, whose fields the learned span keeps."""
    inside = [a for a in args if start <= a.start and a.end <= end]
    overlap = [a for a in args if a.start < end and start < a.end]
    found = inside or overlap
    return found[0] if found else None


#: Within a slot, which label comes first: the first actor and target become ACLED's actor1 and
#: actor2, which name the group ("JNIM", not "militants of JNIM") and the people hit before a building.
_FIRST = {"perp_organisation": 0, "perp_individual": 1, "victim": 0, "target": 1, "weapon": 0}


def _learned_args(spans: Sequence[tuple[int, int, str, float]], slot: str, rules: Sequence[Arg]) -> list[Arg]:
    out: list[Arg] = []
    for start, end, label, _score in sorted(spans, key=lambda s: (_FIRST[s[2]], s[0])):
        if _SLOT[label] != slot:
            continue
        rule = _covered(start, end, rules)
        if rule is not None:
            # Inside a rule argument ("gunmen" in "the gunmen"), or a pronoun: the rule's phrase
            # stays whole; a longer learned span widens it.
            inside = rule.start <= start and end <= rule.end
            arg = rule if inside or rule.is_pronoun else replace(rule, start=start, end=end)
            if arg not in out:
                out.append(arg)
        else:
            out.append(Arg(start=start, end=end, kind=_VICTIM_KIND if label == "victim" else None))
    return out


def apply_learned_roles(frame: Frame, learned: LearnedRoles, event_type: str) -> None:
    """Replace the frame's actors, targets and weapons by the learned spans of its sentence, per slot found."""
    if event_type not in LEARNED_EVENT_TYPES:
        return
    mine = [s for s in learned.spans if frame.sent_start <= s[0] and s[1] <= frame.sent_end]
    for slot in ("actors", "targets", "weapons"):
        rules: list[Arg] = getattr(frame, slot)
        args = _learned_args(mine, slot, rules)
        if slot == "targets":
            # Targets are added to, never taken away: the rules' targets (often the people killed, which
            # the tagger may miss or take for the place they were hit) stay first.
            args = rules + [a for a in args if not any(a.start < r.end and r.start < a.end for r in rules)]
        if args:
            setattr(frame, slot, args)
