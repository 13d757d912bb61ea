"""Place, time and weapon of a mention, read from one parsed sentence."""

from __future__ import annotations

import re
from typing import Any

from eventdesk import lexicons
from eventdesk.extract.args import is_verbal, np_bounds
from eventdesk.extract.taxonomy import Taxonomy

__all__ = ["find_places", "find_times", "find_weapons", "is_multi_year_toll", "place_handed_over"]

Token = Any


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "NORP", "ACTOR"}


def find_places(sent: Any, trigger: Token) -> list[tuple[int, int]]:
    """Token ranges of place names, those nearest the trigger in the tree first."""
    found: list[tuple[int, int]] = []
    for prep in sent:
        if prep.dep_ != "prep" or prep.lower_ not in lexicons.word_set("locative-prepositions"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            rng = _place_name(pobj)
            if rng and rng not in found:
                found.append(rng)
    for ent in sent.ents:
        rng = (ent.start, ent.end)
        if ent.label_ in _PLACE_LABELS and not any(_overlap(rng, f) for f in found):
            found.append(rng)
    return sorted(found, key=lambda r: (_tree_distance(sent[r[1] - 1], trigger), abs(r[0] - trigger.i)))


def place_handed_over(trigger: Token) -> tuple[int, int] | None:
    """Token range of the place the trigger's clause leaves or hands over: "withdrew
    from the town of Kidal", "handed over control of Gao" (None for "withdrew from the talks")."""
    left = [o for p in trigger.children if p.lower_ == "from" for o in p.children if o.dep_ == "pobj"]
    handed = [o for o in trigger.subtree if o.dep_ in ("dobj", "pobj") and o.head.i in (trigger.i, trigger.i + 1)]
    handed += [g for o in handed if o.lower_ == "control" for p in o.children if p.lower_ == "of" for g in p.children]
    for obj in left + handed:
        if obj.dep_ in ("dobj", "pobj") and (rng := _place_name(obj)):
            return rng
    return None


def _place_name(pobj: Token) -> tuple[int, int] | None:
    """The proper name a locative object names: "Wadi Daif", "the region of Al Bab" -> "Al Bab",
    "the Idlib area" -> "Idlib"."""
    if pobj.ent_type_ in _NOT_PLACE_LABELS or pobj.is_digit:
        return None
    if pobj.pos_ == "PROPN" and pobj.tag_ != "NNPS" and pobj.text[:1].isupper():
        start, end = np_bounds(pobj)
        while start < pobj.i and not pobj.doc[start].text[:1].isupper():
            start += 1
        return (start, end) if pobj.ent_type_ not in ("PERSON",) or _is_place_context(pobj) else None
    if pobj.lemma_.lower() in lexicons.word_set("place-nouns"):
        for c in pobj.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                inner = next((g for g in c.children if g.dep_ == "pobj"), None)
                if inner is not None and inner.pos_ == "PROPN":
                    return np_bounds(inner)
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                names = [t for t in c.subtree if t.pos_ == "PROPN" or t.text == "-"]
                return min(t.i for t in names), max(t.i for t in names) + 1
        for c in pobj.children:
            if c.dep_ == "prep" and c.lower_ in ("at", "in", "near"):
                inner = next((g for g in c.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    return _place_name(inner)
    return None


def _is_place_context(tok: Token) -> bool:
    head = tok.head
    return (
        head.dep_ == "prep"
        and head.lower_ in lexicons.word_set("locative-prepositions")
        or head.lemma_.lower() in lexicons.word_set("place-nouns")
        or (
            head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in lexicons.word_set("place-nouns")
        )
    )


def find_times(sent: Any, trigger: Token | None = None) -> list[tuple[int, int]]:
    """Token ranges of date and time entities; with a trigger, those nearest it in the
    tree first ("gunmen killed five on Monday in the village raided in 2017": Monday)."""
    found = [(e.start, e.end) for e in sent.ents if e.label_ in ("DATE", "TIME")]
    if trigger is None:
        return found
    return sorted(found, key=lambda r: (_tree_distance(sent[r[1] - 1], trigger), abs(r[0] - trigger.i)))


# A period of years that a toll is summed over: "since 1954", "over the past decade",
# "in recent years", "since the start of the war", "between 2010 and 2015".
_SINCE_YEAR = re.compile(r"since (?:the )?(?:(?:early|mid|late)[\s-]+)?((?:19|20)\d\d)s?\b")
_YEARS_PERIOD = re.compile(
    r"(?:over|during|in|for|within) (?:the )?(?:past|last|previous|recent) (?:\w+ )?(?:years|decades?)\b"
    r"|(?:in|over) recent years\b"
    r"|since (?:the )?(?:start|beginning|outbreak|onset) of\b"
    r"|(?:between|from) (?:19|20)\d\d (?:and|to|until|through) (?:19|20)\d\d\b"
)


def is_multi_year_toll(trigger: Token, published_year: int | None) -> bool:
    """The trigger's event is a toll summed over years, not one event: "more than
    40,000 people have been kidnapped since 1954", "attacks over the past decade
    killed 3,000". A period on another word ("the deadliest since 2017") does not count."""
    heads = {trigger.i} if is_verbal(trigger) else {trigger.i, trigger.head.i}
    doc = trigger.doc
    for prep in doc:
        if prep.dep_ != "prep" or prep.head.i not in heads:
            continue
        phrase = doc[prep.i : min(len(doc), prep.i + 8)].text.lower()
        since = _SINCE_YEAR.match(phrase)
        if since and (published_year is None or int(since.group(1)) < published_year):
            return True
        if _YEARS_PERIOD.match(phrase):
            return True
    return False


def find_weapons(sent: Any, tax: Taxonomy) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for tok in sent:
        bigram = f"{tok.lower_} {tok.nbor().lower_}" if tok.i + 1 < len(sent) else ""
        cls = tax.weapon_class_of.get(bigram) or tax.weapon_class_of.get(tok.lemma_.lower())
        if cls is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in lexicons.word_set("not-weapon-heads"):
            continue  # "a tank truck", "mine workers": the weapon word only names a kind of thing
        start, end = np_bounds(tok.nbor() if bigram in tax.weapon_class_of and tok.nbor().pos_ == "NOUN" else tok)
        if not any(s <= tok.i < e for s, e, _ in out):
            out.append((start, end, cls))
    return out


def _tree_distance(a: Token, b: Token) -> int:
    chain_a = [a, *a.ancestors]
    chain_b = [b, *b.ancestors]
    for i, node in enumerate(chain_a):
        if node in chain_b:
            return i + chain_b.index(node)
    return 99


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
