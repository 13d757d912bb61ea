"""IndiaPoliceEvents scoring: police killing, arrest and force, per sentence and per document.

A mention counts for a label when police (or other state forces) are its
actor, the event happened as told (asserted, reported, alleged, claimed),
and its sub-event type and casualties say what the police did:

- KILL: someone was killed in an event with a police actor;
- FORCE: KILL, or any violent sub-event with a police actor (the corpus
  defines FORCE as killing or other physical force);
- ARREST: the "Arrests" sub-event, by police or with no actor named
  (arrests in these reports are made by the police).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventdesk import lexicons
from eventdesk.eval.counts import Counts
from eventdesk.eval.ipe.data import IpeDocument
from eventdesk.records import Mention

__all__ = ["IPE_LABELS", "POLICE_KINDS", "ipe_labels", "score_ipe"]

IPE_LABELS: tuple[str, ...] = ("KILL", "ARREST", "FORCE")

#: Actor kinds that make an actor the police (the words are data/lexicons/ipe-police-words.json).
POLICE_KINDS = {"state forces", "police"}


_HAPPENED = {"asserted", "reported", "alleged", "claimed"}


def _police_actor(mention: Mention) -> bool:
    for role in mention.roles_of("actor"):
        if (role.kind or "").lower() in POLICE_KINDS:
            return True
        police_words = lexicons.words("ipe-police-words")
        words = role.span.text.lower().replace("-", " ").split()
        if any(w.startswith(p) for w in words for p in police_words if " " not in p) or any(
            p in role.span.text.lower() for p in police_words if " " in p
        ):
            return True
    return False


def ipe_labels(mention: Mention) -> set[str]:
    """The IndiaPoliceEvents labels one mention supports."""
    if mention.status not in _HAPPENED:
        return set()
    police = _police_actor(mention)
    labels: set[str] = set()
    if mention.sub_event_type == "Arrests" and (police or not mention.roles_of("actor")):
        labels.add("ARREST")
    killed = mention.casualty("killed")
    if police and killed is not None and (killed.best or killed.low or killed.high):
        labels |= {"KILL", "FORCE"}
    if police and mention.sub_event_type in lexicons.word_set("ipe-force-sub-events"):
        labels.add("FORCE")
    return labels


def _sentence_index(doc: IpeDocument, offset: int) -> int | None:
    return next((i for i, (s, e, _) in enumerate(doc.sentences) if s <= offset < e), None)


def score_ipe(docs: Mapping[str, IpeDocument], mentions: Mapping[str, Sequence[Mention]]) -> dict[str, Any]:
    """Sentence- and document-level P/R/F1 for each label (a mention sits in its trigger's sentence)."""
    sent = {label: Counts() for label in IPE_LABELS}
    doc_level = {label: Counts() for label in IPE_LABELS}
    for doc_id, doc in docs.items():
        predicted: dict[int, set[str]] = {}
        for m in mentions.get(doc_id, ()):
            i = _sentence_index(doc, m.trigger.start)
            if i is not None:
                predicted.setdefault(i, set()).update(ipe_labels(m))
        doc_pred = set().union(*predicted.values()) if predicted else set()
        for label in IPE_LABELS:
            gold_sents = {i for i, (_, _, labels) in enumerate(doc.sentences) if label in labels}
            pred_sents = {i for i, labels in predicted.items() if label in labels}
            sent[label] = sent[label] + Counts(len(gold_sents & pred_sents), len(pred_sents), len(gold_sents))
            g, p = label in doc.labels, label in doc_pred
            doc_level[label] = doc_level[label] + Counts(int(g and p), int(p), int(g))
    return {
        "sentence": {k: v.as_dict() for k, v in sent.items()},
        "document": {k: v.as_dict() for k, v in doc_level.items()},
    }
