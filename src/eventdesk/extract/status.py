"""Epistemic status of a mention and who says so, from cue words and their scope.

The scope of a cue is the trigger's chain of syntactic heads: a cue counts only
when the trigger sits under it ("It is alleged that [they were planning to
[attack]]"). Cues that say the event did not happen (negation, a plan, a
condition) beat cues that only say who reports it; among the rest the cue
nearest the trigger wins ("the army denied that guerrillas attacked" is denied,
not reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventdesk.extract.taxonomy import Taxonomy

__all__ = ["StatusFinding", "find_status"]

Token = Any

_NON_EVENT = ("negated", "planned", "hypothetical")
_FIRST_PERSON = {"i", "we"}
_PLAN_PARTICLES = {("call", "off"), ("put", "off")}
_FUTURE = {"will", "shall", "'ll"}


@dataclass(frozen=True, slots=True)
class StatusFinding:
    status: str
    cue: tuple[int, int] | None  # token range of the cue
    source: tuple[int, int] | None  # token range of who says so


def find_status(trigger: Token, tax: Taxonomy) -> StatusFinding:
    """Walk from the trigger up its heads, collecting cues; pick by the rules above."""
    cues = tax.status_cues
    findings: list[StatusFinding] = []
    node, child = trigger, None
    for _ in range(12):
        findings.extend(_cues_at(node, child, trigger, cues))
        if node.head.i == node.i:
            break
        node, child = node.head, node
    findings.extend(_sentence_cues(trigger, cues))
    blocking = [f for f in findings if f.status in _NON_EVENT]
    chosen = blocking[0] if blocking else findings[0] if findings else StatusFinding("asserted", None, None)
    if chosen.source is None:
        # "Soldiers allegedly executed ..., Human Rights Watch said": the status is the inner
        # cue's, the source the outer reporter's
        source = next((f.source for f in findings if f.source is not None), None)
        chosen = StatusFinding(chosen.status, chosen.cue, source)
    return chosen


def _cues_at(node: Token, child: Token | None, trigger: Token, cues: dict[str, tuple[str, ...]]) -> list[StatusFinding]:
    out: list[StatusFinding] = []
    lemma = node.lemma_.lower()
    # a cue verb scopes over its complements, not over adverbial or relative clauses
    on_path = node.i == trigger.i or (
        child is not None
        and child.dep_
        in ("xcomp", "ccomp", "dobj", "nsubjpass", "pcomp", "pobj", "prep", "acl", "attr", "nsubj", "oprd", "parataxis")
    )
    for c in node.children:
        if (
            c.dep_ == "neg"
            and c.lower_ in cues["negated"]
            and (node.i == trigger.i or (child is not None and child.dep_ == "xcomp"))
        ):
            out.append(StatusFinding("negated", _one(c), None))
        elif c.dep_ == "aux" and c.lower_ in _FUTURE and _governs_trigger(node, trigger):
            out.append(StatusFinding("planned", _one(c), None))
        elif (
            c.dep_ == "aux"
            and c.lemma_.lower() in cues["hypothetical"]
            and _governs_trigger(node, trigger)
            or c.dep_ == "mark"
            and c.lower_ in ("if", "unless")
            and _governs_trigger(node, trigger)
        ):
            out.append(StatusFinding("hypothetical", _one(c), None))
        elif c.dep_ in ("advmod", "amod") and c.lower_ in (
            "allegedly",
            "alleged",
            "purportedly",
            "purported",
            "suspected",
            "unconfirmed",
            "apparently",
        ):
            out.append(StatusFinding("alleged", _one(c), None))
        elif c.dep_ == "advmod" and c.lower_ == "reportedly":
            out.append(StatusFinding("reported", _one(c), None))
        elif c.dep_ == "relcl" and c.lemma_.lower() in cues["planned"] and node.i == trigger.i:
            out.append(StatusFinding("planned", _one(c), None))
    if node.i == trigger.i or not on_path:
        return out
    particle = next((c.lower_ for c in node.children if c.dep_ == "prt"), None)
    subject = _subject(node)
    if (lemma, particle) in _PLAN_PARTICLES or lemma in cues["planned"]:
        out.append(StatusFinding("planned", _one(node), None))
    elif lemma in cues["alleged"]:
        out.append(StatusFinding("alleged", _one(node), subject))
    elif lemma in cues["denied"]:
        out.append(StatusFinding("denied", _one(node), subject))
    elif lemma in cues["claimed"]:
        out.append(StatusFinding("claimed", _one(node), subject))
    elif lemma in cues["reported"] and node.pos_ in ("VERB", "AUX"):
        if subject and node.doc[subject[0]].lower_ in _FIRST_PERSON:
            return out  # the author speaking: an assertion
        out.append(StatusFinding("reported", _one(node), subject))
    return out


def _sentence_cues(trigger: Token, cues: dict[str, tuple[str, ...]]) -> list[StatusFinding]:
    """Cues that scope over the whole sentence: "according to X", "X claimed responsibility"."""
    out: list[StatusFinding] = []
    sent = trigger.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(sent) and sent[tok.i + 1].lower_ == "to":
            source = _according_source(sent[tok.i + 1])
            out.append(StatusFinding("reported", (tok.i, tok.i + 2), source))
        elif tok.lemma_.lower() == "claim" and any(c.lemma_.lower() == "responsibility" for c in tok.children):
            out.append(StatusFinding("claimed", _one(tok), _subject(tok)))
    return out


def _according_source(to: Token) -> tuple[int, int] | None:
    from eventdesk.extract.args import np_bounds

    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # "according to a report on NBC News": the outlet, not "a report"
    if pobj.lemma_.lower() in ("report", "statement", "source", "official") and pobj.pos_ == "NOUN":
        inner = [
            g
            for p in pobj.children
            if p.dep_ == "prep" and p.lower_ in ("on", "by", "from", "in")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if inner:
            return np_bounds(inner[0])
    return np_bounds(pobj)


def _subject(node: Token) -> tuple[int, int] | None:
    from eventdesk.extract.args import np_bounds

    subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = [g for p in node.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
        subj = agent[0] if agent else None
    if subj is None and node.i > 0 and node.doc[node.i - 1].dep_ != "punct":
        # "..., the Syrian Observatory for Human Rights said.": the words since the last comma
        start = node.i
        while start > 0 and node.doc[start - 1].text not in (",", "—", "–", ";"):
            start -= 1
        words = node.doc[start : node.i]
        if start > 0 and 0 < len(words) <= 12 and any(t.pos_ in ("NOUN", "PROPN") for t in words):
            return start, node.i
    if subj is None or subj.lower_ == "it":
        return None
    return np_bounds(subj)


def _governs_trigger(node: Token, trigger: Token) -> bool:
    """An auxiliary on ``node`` scopes over the trigger when the trigger is the node
    itself or hangs from it through complements (not through a relative clause)."""
    tok = trigger
    while tok.i != node.i:
        if tok.dep_ in ("relcl", "advcl") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _one(tok: Token) -> tuple[int, int]:
    return tok.i, tok.i + 1
