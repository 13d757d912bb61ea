"""Role-filler extraction (REE) by the learned role tagger alone, over every sentence of a document.

REE is a document-level task: every perpetrator, target, victim and weapon of
the document's incidents, each entity once. The pipeline's templates fill
roles only for the mentions the rules find; this reader runs the tagger over
all sentences, which is how the tagger itself is tuned (on MUC-4 dev) and
what ``eventdesk eval muc4`` reports as ``ceaf_ree_tagger`` beside the
pipeline's ``ceaf_ree``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventdesk.eval.muc4.metrics import ROLES, normalize_mention
from eventdesk.extract.role_tagger import RoleSpan, get_role_tagger
from eventdesk.nlp.sentences import split_sentences
from eventdesk.records import Article

__all__ = ["LABEL_SLOT", "learned_extracts", "spans_to_extracts"]

#: The tagger's labels -> MUC-4 slots.
LABEL_SLOT: dict[str, str] = {
    "perp_individual": "PerpInd",
    "perp_organisation": "PerpOrg",
    "target": "Target",
    "victim": "Victim",
    "weapon": "Weapon",
}


def spans_to_extracts(phrases: Sequence[tuple[str, str]]) -> dict[str, list[list[str]]]:
    """(label, phrase) pairs in text order -> REE extracts, one entity per normalised phrase."""
    out: dict[str, list[list[str]]] = {role: [] for role in ROLES}
    seen: set[tuple[str, str]] = set()
    for label, phrase in phrases:
        slot, key = LABEL_SLOT[label], normalize_mention(phrase)
        if key and (slot, key) not in seen:
            seen.add((slot, key))
            out[slot].append([phrase])
    return out


def _phrases(doc: Any, spans: Sequence[RoleSpan]) -> list[tuple[str, str]]:
    return [(s.label, doc[s.start : s.end].text) for s in spans]


def learned_extracts(articles: Mapping[str, Article]) -> dict[str, dict[str, list[list[str]]]]:
    """{docid: extracts} from the role tagger over every sentence (spaCy's English tokenizer, no parse)."""
    import spacy  # imported here: the tokenizer only, when scoring

    nlp = spacy.blank("en")
    tagger = get_role_tagger()
    out: dict[str, dict[str, list[list[str]]]] = {}
    for docid in sorted(articles):
        text = articles[docid].text
        docs = [nlp.make_doc(text[s.start : s.end]) for s in split_sentences(text)]
        tagged = tagger.tag_spans(docs)
        out[docid] = spans_to_extracts(
            [p for doc, spans in zip(docs, tagged, strict=True) for p in _phrases(doc, spans)]
        )
    return out
