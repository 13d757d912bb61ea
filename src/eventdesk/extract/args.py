"""Find a trigger's participants in the dependency parse.

Works on spaCy tokens of one parsed sentence; offsets are token offsets and
are mapped to article offsets by the caller. The rules, in order:

1. active verb: actor = nsubj, target = dobj (or the object of on/at/against/with);
2. passive verb: target = nsubjpass, actor = the ``by`` agent;
3. a verb with no subject of its own (conj, xcomp, advcl: "stormed the village,
   killing five") borrows the subject of the verb it hangs from;
4. a verb in a relative clause or participle phrase ("gunmen who attacked",
   "factions killing members") takes the noun it modifies;
5. a nominal trigger: actor = possessor, compound name or ``by`` phrase, or the
   subject of a light verb ("launched an attack"); target = on/against/of phrase;
6. every argument is expanded over coordination ("X and Y" = two arguments).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventdesk import lexicons

__all__ = ["core_args", "np_bounds", "expand_conj", "is_verbal", "is_passive"]

Token = Any  # spacy.tokens.Token; kept loose so this module imports without spaCy

_NP_DEPS = {"compound", "amod", "det", "nummod", "poss", "nmod", "quantmod", "case", "predet", "nn", "flat"}
_QUANT_HEAD = {"CD"}


_REL_PRONOUNS = {"WP", "WDT"}


_TARGET_PREPS = {"on", "against", "at", "upon", "targeting"}
_NOUN_TARGET_PREPS = {"on", "against", "of", "upon"}
_PASSIVE_AUX = {"be", "get"}


def is_verbal(tok: Token) -> bool:
    return bool(tok.tag_.startswith("VB")) or tok.pos_ == "VERB"


def is_passive(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.i != tok.i and is_passive(tok.head):
        # "they were imprisoned and later executed": the second participle shares the passive
        return not any(c.dep_ in ("nsubj", "dobj") for c in tok.children)
    # "was overrun by X": the small model often parses the participle as attr of "be"
    return tok.dep_ in ("attr", "acomp") and tok.head.lemma_ in _PASSIVE_AUX and tok.tag_ in ("VBN", "NN", "JJ")


def np_bounds(tok: Token) -> tuple[int, int]:
    """Token index range [start, end) of the noun phrase headed by ``tok``, without
    relative clauses or coordination; "100 of its own soldiers" keeps its of-phrase."""
    keep = [tok]
    stack = [tok]
    while stack:
        node = stack.pop()
        for child in node.children:
            ok = child.dep_ in _NP_DEPS or (child.dep_ == "punct" and child.text in "-–'’" and node.i != tok.i)
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and (node.tag_ in _QUANT_HEAD or node.lemma_.lower() in lexicons.word_set("of-phrase-heads"))
                and not any(
                    g.dep_ == "pobj" and g.lemma_.lower() in lexicons.word_set("event-nouns") for g in child.children
                )
            ):
                ok = True  # "accused the rebels of the bombing": the of-phrase is the charge, not the group
            if child.dep_ == "pobj" and node.dep_ == "prep" and node in keep:
                ok = True
            if child.dep_ == "punct" and child.text in "-–" and node in keep:
                ok = True
            if child.dep_ == "advmod" and (node.tag_ == "CD" or node.dep_ == "advmod"):
                ok = True  # "at least 14", "more than 100"
            if ok:
                keep.append(child)
                stack.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = tok.doc
    while start < tok.i and doc[start].is_punct:
        start += 1
    while end - 1 > tok.i and doc[end - 1].is_punct and doc[end - 1].text not in ")":
        end -= 1
    return start, end


def expand_conj(tokens: Iterable[Token]) -> list[Token]:
    """Each argument head plus the heads coordinated with it, in text order."""
    out: list[Token] = []
    for tok in tokens:
        for t in _conj_chain(tok):
            if t not in out:
                out.append(t)
    return sorted(out, key=lambda t: t.i)


def _conj_chain(tok: Token) -> Iterator[Token]:
    yield tok
    for child in tok.children:
        if child.dep_ == "conj" and not is_verbal(child):
            yield from _conj_chain(child)


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok: Token, preps: set[str]) -> list[Token]:
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            out.extend(_children(prep, "pobj", "pcomp"))
    return out


def core_args(trigger: Token) -> tuple[list[Token], list[Token]]:
    """(actor heads, target heads) for a trigger token, coordination expanded."""
    actors, targets = (_verb_args if is_verbal(trigger) else _noun_args)(trigger)
    return expand_conj(_antecedent_of_relative(actors)), expand_conj(_antecedent_of_relative(targets))


def _antecedent_of_relative(tokens: list[Token]) -> list[Token]:
    """ "the gunmen who planned to attack": a relative pronoun stands for the noun its clause modifies."""
    out = []
    for tok in tokens:
        if tok.tag_ in _REL_PRONOUNS:
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            if clause is None:
                continue
            tok = clause.head
        out.append(tok)
    return out


def _verb_args(trig: Token) -> tuple[list[Token], list[Token]]:
    if _reduced_passive(trig):
        # "two were killed and three others injured", "14 dead and 20 wounded": the subject is the victim
        return _pobjs(trig, {"by"}), _children(trig, "nsubj")
    if is_passive(trig):
        actors = _pobjs(trig, {"by"})
        targets = _children(trig, "nsubjpass")
        if not targets and trig.dep_ in ("attr", "acomp"):
            targets = _children(trig.head, "nsubj", "nsubjpass")
        if not targets and trig.dep_ == "conj":
            targets = _children(trig.head, "nsubjpass")
            actors = actors or _pobjs(trig.head, {"by"})
    else:
        actors = _children(trig, "nsubj")
        targets = [t for t in _children(trig, "dobj") if t.lemma_.lower() != "fire"]  # "opened fire on"
        if not targets:
            targets = _pobjs(trig, _TARGET_PREPS | {"with"})
        if not targets and trig.lemma_ == "set":
            # "set fire to the barracks": the to-phrase hangs from "set" or from "fire"
            fire = [c for c in trig.children if c.lower_ == "fire"]
            targets = _pobjs(trig, {"to"}) or [t for f in fire for t in _pobjs(f, {"to"})]
    if trig.dep_ in ("relcl", "acl") and trig.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "the village that was attacked" / "gunmen who attacked" / "factions killing members"
        if is_passive(trig) and not targets:
            targets.append(trig.head)
        elif not is_passive(trig) and not actors:
            actors.append(trig.head)
    if not actors and not is_passive(trig):
        actors = _borrowed_subject(trig)
    return actors, targets


def _reduced_passive(trig: Token) -> bool:
    return (
        trig.tag_ == "VBN"
        and trig.dep_ == "conj"
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in trig.children)
        and any(c.dep_ == "nsubj" for c in trig.children)
    )


def _borrowed_subject(trig: Token) -> list[Token]:
    """The subject of the verb a subjectless conj/xcomp/advcl hangs from."""
    node = trig
    for _ in range(3):
        if node.dep_ not in ("conj", "xcomp", "advcl", "ccomp") or node.head.i == node.i:
            return []
        head = node.head
        if node.dep_ == "conj" and is_passive(head):
            return _pobjs(head, {"by"})
        subj = _children(head, "nsubj")
        if subj:
            return subj
        node = head
    return []


def _blamed(trig: Token) -> list[Token]:
    """Who an event is blamed on: "the attack has been blamed on X", "attributing the attack to X",
    "X are responsible for the killing"."""
    head = trig.head
    if trig.dep_ in ("dobj", "nsubjpass") and head.lemma_ == "blame":
        return _pobjs(head, {"on"})
    if trig.dep_ in ("dobj", "nsubjpass") and head.lemma_ == "attribute":
        return _pobjs(head, {"to"})
    if trig.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.lemma_ in ("blame", "accuse"):
        return _children(head.head, "dobj")  # "blamed X for the attack", "accused X of the killing"
    if head.lower_ == "of" and head.head.dep_ == "dobj" and head.head.head.lemma_ == "accuse":
        return [head.head]  # "accused the rebels of the bombing" parsed with the of-phrase on "rebels"
    if trig.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ == "responsible":
        adj = head.head
        verb = adj.head if adj.dep_ in ("acomp", "amod", "attr") else adj
        return _children(verb, "nsubj")
    return []


def _noun_args(trig: Token) -> tuple[list[Token], list[Token]]:
    if (
        trig.lower_ in lexicons.word_set("victim-possessor-nouns")
        and _children(trig, "poss")
        and not _pobjs(trig, {"of"})
    ):
        actors, targets = _noun_args_core(trig)
        owners = _children(trig, "poss")
        return [a for a in actors if a not in owners], owners + [t for t in targets if t not in owners]
    return _noun_args_core(trig)


def _noun_args_core(trig: Token) -> tuple[list[Token], list[Token]]:
    actors = _children(trig, "poss") + _pobjs(trig, {"by"})
    actors += [c for c in trig.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN"]
    targets = _pobjs(trig, _NOUN_TARGET_PREPS)
    between = _pobjs(trig, {"between"})
    if between:
        sides = expand_conj(between)
        actors, targets = actors + sides[:1], targets + sides[1:]
    targets += [
        p
        for p in _pobjs(trig, {"with"})
        if trig.lemma_ in ("clash", "fight", "battle", "skirmish", "firefight", "gunfight")
    ]
    head = trig.head
    if (
        not actors
        and trig.dep_ in ("dobj", "nsubjpass")
        and head.lemma_ in lexicons.word_set("light-verbs") | lexicons.word_set("placing-verbs")
    ):
        actors = _children(head, "nsubj") or _pobjs(head, {"by"})  # "guerrillas placed a bomb"
    if not actors:
        for acl in (c for c in trig.children if c.dep_ == "acl" and c.lemma_ in lexicons.word_set("placing-verbs")):
            actors = _pobjs(acl, {"by"})  # "a bomb placed by urban guerrillas"
            if actors:
                break
    if not actors:
        actors = _blamed(trig)
    if not targets and trig.dep_ == "nsubj" and head.lemma_ in lexicons.word_set("impact-verbs"):
        targets = _children(head, "dobj")  # "a missile strike hit a children's hospital"
    return actors, targets
