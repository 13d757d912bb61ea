"""Event frames on one parsed sentence: trigger, typed sub-event, participants, counts.

A frame is the extractor's working form of a mention, in article offsets. The
steps that make frames, in order:

1. find triggers (lexicon lemma or word form, multi-word triggers first) and drop
   the ones that cannot be a specific event: inside a statistic, a modifier of
   another noun ("attack helicopter"), or a generic statement ("the members
   turn on one another", "all the fighting they are asked to do");
2. read participants from the parse (``args``), and circumstances (``circumstances``);
3. read counts of killed/injured/abducted/arrested from the victims' noun phrases
   and from casualty words anywhere in the sentence;
4. merge frames of one sentence that describe one event ("clashed ..., killing 12");
5. type each frame into a sub-event type by its arguments (``typing``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from eventdesk import lexicons
from eventdesk.extract.args import core_args, is_verbal, np_bounds
from eventdesk.extract.circumstances import find_places, find_times, find_weapons, place_handed_over
from eventdesk.extract.quantities import SINGULAR_RULES, Count, parse_count
from eventdesk.extract.status import StatusFinding, find_status
from eventdesk.extract.taxonomy import Taxonomy, Trigger

__all__ = ["Arg", "Casualty", "Frame", "absorb", "event_family", "frames_in_sentence", "learned_frame"]

Token = Any


@functools.cache
def _multiword() -> tuple[tuple[str, ...], ...]:
    """Two-word triggers ("air strike", "open fire"), each as its words."""
    return tuple(tuple(phrase.split()) for phrase in lexicons.words("multiword-triggers"))


_DEFINITE = {"the", "this", "that"}
_NOT_PARTICIPANT = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
_ADJUNCT_PREPS = {"during", "in", "after", "amid", "following", "before"}
_PRESENT = {"VBZ", "VBP"}
_INTRA_OWN = re.compile(r"\b(?:its|their|his)\s+own\b|\bfellow\b|\bown\s+(?:members|fighters|ranks|men)\b", re.I)


@dataclass
class Arg:
    """A participant or circumstance, in article offsets; ``link`` is the pronoun it came from.

    ``kind`` becomes ``Role.kind``: an actor's actor type, a target's target
    type (both vocabularies in :mod:`eventdesk.extract.taxonomy`), a weapon's class.
    """

    start: int
    end: int
    kind: str | None = None
    name: str | None = None
    head_lemma: str = ""
    is_pronoun: bool = False
    link: tuple[int, int] | None = None
    described: bool = False  # a name in apposition to a definite description: "The governor, Abdul Rahim Sadat,"


@dataclass
class Casualty:
    kind: str
    count: Count
    start: int
    end: int


@dataclass
class Frame:
    trigger: Token
    entry: Trigger
    sentence_index: int
    sent_start: int
    sent_end: int
    offset: int  # article offset of the parsed sentence's first character
    sub: str
    actors: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    sides: list[Arg] = field(default_factory=list)
    places: list[Arg] = field(default_factory=list)
    times: list[Arg] = field(default_factory=list)
    weapons: list[Arg] = field(default_factory=list)
    casualties: dict[str, Casualty] = field(default_factory=dict)
    status: StatusFinding = field(default_factory=lambda: StatusFinding("asserted", None, None))
    intra_group: bool = False
    anaphoric: bool = False
    trigger_end: int = 0  # token index after the trigger (multi-word triggers)
    merged_from: list[Frame] = field(default_factory=list)
    learned: bool = False  # found (not only typed) by the learned typer, not by a trigger word

    @property
    def trigger_span(self) -> tuple[int, int]:
        doc = self.trigger.doc
        end_tok = doc[self.trigger_end - 1]
        return self.offset + self.trigger.idx, self.offset + end_tok.idx + len(end_tok.text)

    @property
    def priority(self) -> int:
        return self.entry.priority


def frames_in_sentence(
    doc: Any, offset: int, sentence_index: int, blocked: tuple[int, int] | None, tax: Taxonomy
) -> list[Frame]:
    """All frames of one parsed sentence, merged per event, in text order."""
    frames = []
    for tok, end, entry in _triggers(doc, tax):
        a_start = offset + tok.idx
        if blocked and blocked[0] <= a_start < blocked[1]:
            continue  # inside a quoted statistic
        if _is_generic(tok) or (tok.dep_ == "compound" and end == tok.i + 1):
            continue
        frame = Frame(
            trigger=tok,
            entry=entry,
            sentence_index=sentence_index,
            sent_start=offset,
            sent_end=offset + len(doc.text),
            offset=offset,
            sub=entry.sub,
            trigger_end=end,
        )
        _fill(frame, tax)
        if entry.needs_place and not _place_handed_over(frame):
            continue  # "withdrew from the talks" transfers no ground
        frames.append(frame)
    frames = _merge_in_sentence(frames)
    _add_sentence_casualties(doc, frames, tax)
    return sorted(frames, key=lambda f: f.trigger.i)


def learned_frame(doc: Any, offset: int, sentence_index: int, sub: str, tax: Taxonomy) -> Frame | None:
    """A frame for an event the learned typer found in a sentence where no trigger word fired.

    The trigger is the sentence's main verb (its root, else its first verb), and the
    participants, circumstances, counts and status are read from the parse as for any
    frame; the sub-type is the typer's. ``None`` when the sentence has no past-tense verb
    to anchor on.
    """
    reporting = lexicons.word_set("wikievents-reporting-verbs")
    # A reported event is told in the past ("opened", "has set up", "were seized"); a verb in
    # the present ("cracks are starting to show", "writes X") is comment, never an event.
    verbs = [t for t in doc if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN")]
    # "The army said it had opened a base": the reported clause, not the verb of saying
    told = [t for t in verbs if t.lower_ not in reporting and t.lemma_.lower() not in reporting]
    roots = [t for t in told if t.dep_ == "ROOT"]
    anchor = roots[0] if roots else (told[0] if told else None)
    if anchor is None:
        return None
    entry = Trigger(lemma=anchor.lemma_.lower(), sub=sub, pos="v", priority=1)
    frame = Frame(
        trigger=anchor,
        entry=entry,
        sentence_index=sentence_index,
        sent_start=offset,
        sent_end=offset + len(doc.text),
        offset=offset,
        sub=sub,
        trigger_end=anchor.i + 1,
        learned=True,
    )
    _fill(frame, tax)
    _add_sentence_casualties(doc, [frame], tax)
    return frame


def _place_handed_over(frame: Frame) -> bool:
    """A transfer of territory names the place left or handed over; it becomes the first place."""
    rng = place_handed_over(frame.trigger)
    if rng is None:
        return False
    doc, (s, e) = frame.trigger.doc, rng
    frame.places.insert(0, Arg(frame.offset + doc[s].idx, frame.offset + doc[e - 1].idx + len(doc[e - 1].text)))
    return True


_RECIPIENT_SUBS = ("Change to group/activity", "Non-violent transfer of territory")


def _recipients(tok: Token) -> list[Token]:
    """ "pledged allegiance to X", "handed over control to Y", "merged with Z": the other party."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "into")]
    if tok.i + 1 < len(tok.doc):  # "pledged allegiance to": the prep hangs on the noun
        preps += [c for c in tok.doc[tok.i + 1].children if c.dep_ == "prep" and c.lower_ == "to"]
    return [o for p in preps for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in _NOT_PARTICIPANT]


def _triggers(doc: Any, tax: Taxonomy) -> list[tuple[Token, int, Trigger]]:
    out: list[tuple[Token, int, Trigger]] = []
    taken: set[int] = set()
    for tok in doc:
        if tok.i + 1 < len(doc):
            nxt = doc[tok.i + 1]
            for first, second in _multiword():
                if tok.lemma_.lower() == first and (nxt.lemma_.lower() == second or nxt.lower_.startswith(second)):
                    entry = tax.triggers.get(f"{first} {second}")
                    if entry:
                        out.append((tok, tok.i + 2, entry))
                        taken.update((tok.i, nxt.i))
    for tok in doc:
        if tok.i in taken or tok.is_punct:
            continue
        entries = (tax.trigger_for(tok.lower_), tax.trigger_for(tok.lemma_))
        entry = next((e for e in entries if e is not None and _pos_ok(tok, e)), None)
        if entry is None or not _needs_ok(tok, entry):
            continue
        if any(o[0].i == tok.i for o in out):
            continue
        out.append((tok, tok.i + 1, entry))
    if any(not e.weak for _, _, e in out):
        out = [o for o in out if not o[2].weak]  # a protester noun only when nothing else fired
    return out


def _pos_ok(tok: Token, entry: Trigger) -> bool:
    if tok.pos_ in ("PROPN", "ADP", "DET", "PRON"):
        return False
    if entry.pos == "v":
        return is_verbal(tok)
    if entry.pos == "n":
        return not is_verbal(tok)
    return True


def _needs_ok(tok: Token, entry: Trigger) -> bool:
    if not entry.needs:
        return True
    near = {t.lemma_.lower() for t in tok.doc[max(0, tok.i - 3) : tok.i + 4]}
    near |= {c.lemma_.lower() for c in tok.children} | {tok.head.lemma_.lower()}
    return bool(near & set(entry.needs)) or (
        entry.lemma == "march" and bool({t.lemma_.lower() for t in tok.doc} & set(entry.needs))
    )


def _is_generic(tok: Token) -> bool:
    """A present-tense generalisation with no specific participants: not an event.

    "they accuse one another", "members always turn on each other", "most of
    the fighting they do is against other rebel groups".
    """
    if is_verbal(tok):
        if any(e.label_ in ("DATE", "TIME") for e in tok.doc.ents) or (tok.dep_ == "ccomp" and tok.head.tag_ == "VBD"):
            return False  # a dated or reported clause is specific ("troops retook the base on Friday, the army said")
        finite = tok
        while finite.dep_ in ("xcomp", "conj") and finite.head.i != finite.i and is_verbal(finite.head):
            finite = finite.head  # "end up fighting each other": the tense is on "end"
        return _present_simple(finite)
    governing = next((a for a in tok.ancestors if is_verbal(a) or a.pos_ == "AUX"), None)
    if governing is None or not (_present_simple(governing) or _present_perfect(governing)):
        return False
    has_number = any(t.like_num or t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)
    generic_det = any(c.dep_ == "predet" or c.lower_ in ("all", "any", "every", "such") for c in tok.children)
    bare_plural = tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
    return not has_number and (generic_det or bare_plural)


def _present_simple(verb: Token) -> bool:
    """ "they accuse", "groups always end up": present tense, no perfect, no progressive."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if aux:
        return False
    if verb.tag_ in _PRESENT:
        return True
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)


def _present_perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in _PRESENT for c in verb.children)


def _fill(frame: Frame, tax: Taxonomy) -> None:
    tok = frame.trigger
    doc = tok.doc
    actors, targets = core_args(tok)
    actors = [a for a in actors if a.ent_type_ not in _NOT_PARTICIPANT]
    targets = [t for t in targets if t.ent_type_ not in _NOT_PARTICIPANT]
    # "A roadside bomb killed four soldiers": the instrument, not the perpetrator
    instruments = [a for a in actors if tax.weapon_class_of.get(a.lemma_.lower()) or a.lemma_.lower() in tax.triggers]
    actors = [a for a in actors if a not in instruments]
    instruments = [
        i for i in instruments if i.lemma_.lower() not in tax.triggers or tax.weapon_class_of.get(i.lemma_.lower())
    ]
    if frame.entry.weak and not actors:
        actors = [tok]  # "Hundreds of demonstrators threw stones": the protesters act
    frame.actors = [_arg(frame, a, tax, "actor") for a in actors]
    if frame.entry.sub in _RECIPIENT_SUBS:
        targets = _recipients(tok)  # not "allegiance", "control"
    frame.targets = [_arg(frame, t, tax, "target") for t in targets]
    frame.places = [
        Arg(frame.offset + doc[s].idx, frame.offset + doc[e - 1].idx + len(doc[e - 1].text))
        for s, e in find_places(doc, tok)
    ]
    frame.places = [p for p in frame.places if not any(_inside(p, a) for a in frame.actors + frame.targets)]
    frame.times = [
        Arg(frame.offset + doc[s].idx, frame.offset + doc[e - 1].idx + len(doc[e - 1].text))
        for s, e in find_times(doc, tok)
    ]
    frame.weapons = [
        Arg(frame.offset + doc[s].idx, frame.offset + doc[e - 1].idx + len(doc[e - 1].text), kind=c)
        for s, e, c in find_weapons(doc, tax)
    ]
    frame.weapons += [
        _arg(frame, i, tax, "weapon")
        for i in instruments
        if not any(w.start <= frame.offset + i.idx < w.end for w in frame.weapons)
    ]
    frame.status = find_status(tok, tax)
    det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
    frame.anaphoric = not is_verbal(tok) and det in _DEFINITE and tok.tag_ == "NN" and not actors and not targets
    if any(_INTRA_OWN.search(doc.text[t.start - frame.offset : t.end - frame.offset]) for t in frame.targets):
        frame.intra_group = True
    if frame.entry.casualty:
        _casualties_from_targets(frame, targets, tax)


def _arg(frame: Frame, tok: Token, tax: Taxonomy, role: str) -> Arg:
    doc = tok.doc
    name = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    # "the group's advisor, Abu Omar,": the name is the participant, the description gives its kind
    start, end = np_bounds(name if name is not None and tok.pos_ != "PROPN" else tok)
    # drop a relative clause's "who"/"which" and leading determiners from names
    s_char = frame.offset + doc[start].idx
    e_char = frame.offset + doc[end - 1].idx + len(doc[end - 1].text)
    lemma = tok.lemma_.lower()
    if tok.tag_ == "CD" or lemma in ("dozen", "hundred", "thousand", "score", "number", "group"):
        # "100 of its own soldiers": the type is the soldiers'
        inner = [
            g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
        ]
        lemma = inner[0].lemma_.lower() if inner else lemma
    words = {t.lemma_.lower() for t in doc[start:end]}
    modifiers = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "nmod")]
    if role == "actor":
        kind = tax.actor_type_of.get(lemma) or next(
            (tax.actor_type_of[w] for w in words if w in tax.actor_type_of and tax.actor_type_of[w] == "state forces"),
            None,
        )
    elif role == "weapon":
        kind = tax.weapon_class_of.get(lemma)
    else:
        kind = tax.target_type_of.get(lemma) or next(
            (tax.target_type_of[w] for w in modifiers if w in tax.target_type_of), None
        )
    text = doc[start:end].text.lower()
    if (
        role == "actor"
        and kind in (None, "civilians")
        and ("armed " in text or "unidentified" in text or "unknown" in text)
    ):
        kind = "political militia"  # ACLED codes unidentified armed groups with the political militias
    if role == "actor" and kind in (None, "civilians") and tax.state_force_regex.search(text):
        kind = "state forces"  # "Nigerian troops", "Police in Lagos", "the Syrian army"
    described = name is not None and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
    return Arg(
        s_char,
        e_char,
        kind=kind,
        head_lemma=lemma,
        is_pronoun=tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"),
        described=described,
    )


def _casualties_from_targets(frame: Frame, targets: list[Token], tax: Taxonomy) -> None:
    kind = frame.entry.casualty
    if kind is None:
        return
    for tok in targets:
        start, end = np_bounds(tok)
        doc = tok.doc
        phrase = doc[start:end].text
        count = parse_count(phrase)
        if count is not None and count.rule == "singular=1" and tok.lemma_.lower() not in tax.person_nouns:
            count = None  # "shot down a drone" counts no one
        base = frame.offset + doc[start].idx
        named = (
            tok.pos_ == "PROPN"
            and tok.tag_ == "NNP"
            or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)
        )
        if count is None and named:
            count = Count(1, 1, 1, "named-person=1", 0, len(phrase))
        elif count is None and tok.tag_ == "NN" and tok.lemma_.lower() in tax.person_nouns:
            count = Count(1, 1, 1, "singular-person=1", 0, len(phrase))  # "the district governor was assassinated"
        if count is None:
            continue
        _add_casualty(frame, Casualty(kind, count, base + count.start, base + count.end))


def _add_casualty(frame: Frame, cas: Casualty) -> None:
    old = frame.casualties.get(cas.kind)
    if old is None or old.count.rule in SINGULAR_RULES and cas.count.best and cas.count.best > 1:
        frame.casualties[cas.kind] = cas


def _add_sentence_casualties(doc: Any, frames: list[Frame], tax: Taxonomy) -> None:
    """Counts stated by casualty words ("12 dead", "wounding 15", "died") go to the
    sentence's main frame when the frame itself has no count of that kind."""
    if not frames:
        return
    offset = frames[0].offset
    trigger_tokens = {f.trigger.i for f in frames} | {m.trigger.i for f in frames for m in f.merged_from}
    for tok in doc:
        if tok.i in trigger_tokens:
            continue
        kind = tax.casualty_words.get(tok.lemma_.lower()) or tax.casualty_words.get(tok.lower_)
        entry = tax.trigger_for(tok.lemma_)
        if kind is None and entry is not None and entry.casualty:
            kind = entry.casualty
        main = next((f for f in frames if f.entry.casualty == kind), frames[0])
        if kind is None or kind in main.casualties:
            continue
        found = _count_near(tok)
        if found is not None:
            count, s, e = found
            _add_casualty(main, Casualty(kind, count, offset + s, offset + e))


def _count_near(tok: Token) -> tuple[Count, int, int] | None:
    doc = tok.doc
    candidates = []
    if is_verbal(tok):
        candidates = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.lemma_.lower() in ("die", "perish") or (tok.tag_ == "VBN" and not candidates):
            candidates += [c for c in tok.children if c.dep_ == "nsubj"]  # "12 died", "20 wounded"
    else:
        candidates = [c for c in tok.children if c.dep_ == "nummod"]
        if tok.dep_ in ("amod", "acomp", "oprd", "advcl", "ccomp", "xcomp") and tok.head.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
        ):
            candidates.append(tok.head)
        candidates += [c for c in tok.children if c.dep_ in ("npadvmod", "nsubj")]
        if tok.lemma_.lower() == "toll":
            candidates += [g for p in tok.head.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children]
    for cand in candidates:
        start, end = np_bounds(cand)
        phrase = doc[start:end].text
        count = parse_count(phrase)
        if count is not None and count.rule != "singular=1" or (count is not None and cand.pos_ == "NOUN"):
            base = doc[start].idx
            return count, base + count.start, base + count.end
    if is_verbal(tok):
        return None
    # "left 5 dead": a number just before the word
    left = doc[max(0, tok.i - 3) : tok.i]
    for t in reversed(list(left)):
        if t.like_num:
            count = parse_count(t.text)
            if count is not None:
                return count, t.idx, t.idx + len(t.text)
    return None


def _merge_in_sentence(frames: list[Frame]) -> list[Frame]:
    """One event per sentence unless the triggers name different kinds of event:
    "clashed ..., killing 12" is one clash; "killed two and arrested five" is two."""
    ordered = sorted(frames, key=lambda f: (-f.priority, f.trigger.i))
    mains: list[Frame] = []
    for f in ordered:
        host = next((m for m in mains if _same_event(m, f)), None)
        if host is None:
            mains.append(f)
        else:
            absorb(host, f)
    return mains


def _same_event(main: Frame, other: Frame) -> bool:
    if other.entry.weak or main.entry.weak:
        return True
    head = other.trigger.head
    if (
        not is_verbal(other.trigger)
        and other.trigger.dep_ == "pobj"
        and head.lower_ in _ADJUNCT_PREPS
        and head.head.i == main.trigger.i
    ):
        return True
    if other.entry.casualty in ("killed", "injured") and other.priority <= 3:
        return True
    if _one_riot(main, other):
        return True
    return (
        main.entry.sub == other.entry.sub
        or (main.entry.sub == "Attack" and other.entry.sub == "Attack")
        or event_family(main.entry.sub) == event_family(other.entry.sub)
        and other.entry.sub != "Arrests"
    )


def _one_riot(main: Frame, other: Frame) -> bool:
    """A crowd's burning and looting is part of its riot ("rioters torched shops",
    "demonstrators clashed with police and set fire to a bus"): one event."""
    subs = {main.entry.sub, other.entry.sub}
    if "Looting/property destruction" not in subs or len(subs) == 1:
        return False
    rest = event_family(next(iter(subs - {"Looting/property destruction"})))
    if rest == "protest":
        return True
    crowd = lexicons.table("crowd-nouns")
    return rest == "violence" and any(t.lower_ in crowd for t in main.trigger.doc)


@functools.cache
def _families() -> Mapping[str, frozenset[str]]:
    return {name: frozenset(subs) for name, subs in lexicons.table("event-families").items()}


def event_family(sub: str) -> str:
    """ "violence", "protest", or the sub-type itself: frames of one family can be one event."""
    return next((name for name, subs in _families().items() if sub in subs), sub)


def absorb(host: Frame, other: Frame) -> None:
    """Fold ``other`` into ``host``: missing participants, counts and places."""
    for attr in ("actors", "targets", "places", "times", "weapons", "sides"):
        mine: list[Arg] = getattr(host, attr)
        theirs: list[Arg] = getattr(other, attr)
        if not mine and theirs:
            mine.extend(theirs)
    for cas in other.casualties.values():
        _add_casualty(host, cas)
    host.intra_group = host.intra_group or other.intra_group
    if (
        host.status.status == "asserted"
        and other.status.status != "asserted"
        and other.sentence_index == host.sentence_index
    ):
        host.status = other.status
    host.merged_from.append(other)


def _inside(a: Arg, b: Arg) -> bool:
    return b.start <= a.start and a.end <= b.end
