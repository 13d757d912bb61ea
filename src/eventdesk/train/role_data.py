"""Training data for the role-span tagger: gold role fillers as BIO tags on spaCy tokens.

MUC-4 (``gtt_processed/{train,dev}.json``) gives each filler with the character
offset of one mention. A filler's words are tagged wherever they occur in the
document as whole tokens, not only at the offset the annotators wrote down:
the same words tagged in one sentence and not in the next would teach the
tagger noise. The own corpus (``data/corpus/corpus.jsonl``) adds its weapon
spans and, for events MUC-4 would record, its actor and target spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.eval.files import read_jsonl
from eventdesk.nlp.sentences import split_sentences

__all__ = [
    "LABELS",
    "MUC4_LABEL",
    "TaggedSentence",
    "corpus_sentences",
    "muc4_sentences",
    "tag_names",
    "tokenize",
]

#: The role labels, in the order of the tagger's output (B-x is 1 + 2i, I-x is 2 + 2i, O is 0).
LABELS: tuple[str, ...] = ("perp_individual", "perp_organisation", "target", "victim", "weapon")
#: MUC-4 slot -> label.
MUC4_LABEL: dict[str, str] = {
    "PerpInd": "perp_individual",
    "PerpOrg": "perp_organisation",
    "Target": "target",
    "Victim": "victim",
    "Weapon": "weapon",
}


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """One sentence: its text, token offsets in that text, and a tag index per token."""

    doc: str
    text: str
    offsets: tuple[tuple[int, int], ...]
    tags: tuple[int, ...]


def tag_names() -> tuple[str, ...]:
    """Tag index -> name ("O", "B-perp_individual", "I-perp_individual", ...)."""
    return ("O", *(f"{p}-{label}" for label in LABELS for p in ("B", "I")))


def tokenize(text: str, tokenizer: Any) -> list[tuple[int, int]]:
    """Token offsets of ``text`` by a spaCy tokenizer, white-space tokens left out."""
    return [(t.idx, t.idx + len(t.text)) for t in tokenizer(text) if t.text.strip()]


def _occurrences(text: str, phrase: str) -> Iterable[tuple[int, int]]:
    low = text.lower()
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase.lower()) + r"(?!\w)")
    for m in pattern.finditer(low):
        yield m.start(), m.end()


def _tag_document(docid: str, text: str, spans: Sequence[tuple[int, int, str]], tokenizer: Any) -> list[TaggedSentence]:
    """Sentences of one document with ``spans`` (start, end, label) as BIO tags; longest span wins."""
    out: list[TaggedSentence] = []
    ordered = sorted(spans, key=lambda s: s[0] - s[1])  # longest first
    for sentence in split_sentences(text):
        body = text[sentence.start : sentence.end]
        offsets = tokenize(body, tokenizer)
        tags = [0] * len(offsets)
        for start, end, label in ordered:
            if end <= sentence.start or start >= sentence.end:
                continue
            inside = [
                i for i, (s, e) in enumerate(offsets) if s + sentence.start >= start and e + sentence.start <= end
            ]
            if not inside or any(tags[i] for i in inside):
                continue
            base = 1 + 2 * LABELS.index(label)
            for k, i in enumerate(inside):
                tags[i] = base if k == 0 else base + 1
        if offsets:
            out.append(TaggedSentence(docid, body, tuple(offsets), tuple(tags)))
    return out


def muc4_sentences(path: Path, tokenizer: Any, *, limit: int | None = None) -> list[TaggedSentence]:
    """Tagged sentences of a gtt_processed file (lower-cased text, as the peers were trained)."""
    out: list[TaggedSentence] = []
    for n, doc in enumerate(read_jsonl(path)):
        if limit is not None and n >= limit:
            break
        text = doc["doctext"]
        spans: list[tuple[int, int, str]] = []
        for template in doc["templates"]:
            for slot, label in MUC4_LABEL.items():
                for entity in template.get(slot, []):
                    for mention in entity:
                        phrase = mention[0] if isinstance(mention, list) else str(mention)
                        spans.extend((s, e, label) for s, e in _occurrences(text, phrase))
        out.extend(_tag_document(doc["docid"], text, spans, tokenizer))
    return out


#: Own-corpus sub-event types whose actor and target are a MUC-4 perpetrator and victim/target.
_CORPUS_ATTACKS = frozenset(
    {"Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
     "Shelling/artillery/missile attack", "Air/drone strike", "Sexual violence", "Mob violence"}
)  # fmt: skip


def corpus_sentences(path: Path, tokenizer: Any, *, split: str) -> list[TaggedSentence]:
    """Tagged sentences of the own corpus's ``split``: weapons always, actors and targets of attacks."""
    out: list[TaggedSentence] = []
    for report in read_jsonl(path):
        if report.get("split") != split:
            continue
        spans: list[tuple[int, int, str]] = []
        for event in report.get("events", []):
            if event.get("weapon"):
                spans.append((event["weapon"]["start"], event["weapon"]["end"], "weapon"))
            if event.get("sub_event_type") in _CORPUS_ATTACKS:
                for key, label in (("actor1", "perp_organisation"), ("actor2", "victim")):
                    span = event.get(key)
                    if span:
                        spans.append((span["start"], span["end"], _corpus_label(span["text"], label)))
        out.extend(_tag_document(report["id"], report["text"], spans, tokenizer))
    return out


_PERSON_HEADS = frozenset({"gunmen", "men", "attackers", "assailants", "militants", "fighters", "bandits", "suspects"})


def _corpus_label(text: str, default: str) -> str:
    """Perpetrators named as people ("gunmen") are individuals in MUC-4's sense; groups are organisations."""
    words = text.lower().split()
    if default == "perp_organisation" and words and words[-1] in _PERSON_HEADS:
        return "perp_individual"
    return default
