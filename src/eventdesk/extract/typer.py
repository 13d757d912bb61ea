"""The learned sentence heads, in numpy: event detection and ACLED sub-type, and "now or background".

Three linear heads read one candidate sentence (issue 10, items 2a and 2c):

- **cue** (bag of words only, no encoder): may the sentence tell an event at all? It runs
  on every reporting sentence before the parse and adds to the parser's candidates the
  sentences that the trigger lexicon misses ("opened a new headquarters", "signed a protocol").
- **typer**: ACLED's 25 sub-types plus "none", from the frozen encoder's pooled sentence
  vector (:mod:`eventdesk.nlp.encoder`), the sentence's words and bigrams (hashed), and the
  sub-type the rules gave the sentence (one-hot; "none" when they gave nothing).
- **background**: is the sentence's event reported as happening now, or is it background,
  history or a summary statistic? Same features as the typer, plus two rule cues (a year
  before the publication year, a multi-year toll).

The weights are ``data/models/sentence-heads.npz`` with a sidecar ``sentence-heads.json``
(labels, sizes, thresholds, the npz's sha256, how it was trained: ``eventdesk train``,
:mod:`eventdesk.train.typer`). They are read on first use; a missing or altered file raises
``[ED060]``. No torch at run time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventdesk.errors import EventdeskError

__all__ = [
    "BACKGROUND_LABELS",
    "HASH_DIM",
    "HEAD_CHARS",
    "HEADS_FILE",
    "NONE",
    "Guess",
    "SentenceHeads",
    "bag_of_words",
    "cue_features",
    "get_heads",
    "head_features",
    "pooled",
    "reload_heads",
    "sentence_vectors",
]

#: The shipped heads' file stem in data/models/.
HEADS_FILE = "sentence-heads"
#: The typer's label for a sentence that tells no event.
NONE = "none"
BACKGROUND_LABELS = ("now", "background")
#: Characters of a sentence the encoder reads for the heads (about 128 word pieces).
HEAD_CHARS = 600
#: Width of the hashed bag of words and bigrams.
HASH_DIM = 4096
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_SINCE = re.compile(
    r"\bsince\s+(?:19|20)\d\d\b|\b(?:years?|decades?)\s+ago\b|\bso far this year\b|\bsince the start\b", re.I
)


@dataclass(frozen=True, slots=True)
class Guess:
    """What the heads say about one sentence: the best sub-type (or ``NONE``) with its
    probability, the probability of every label, and the probability that it is background."""

    sub: str
    prob: float
    probs: dict[str, float]
    background: float


def bag_of_words(text: str) -> np.ndarray:
    """Lower-cased words and adjacent word pairs, hashed into ``HASH_DIM`` binary slots, scaled to unit length."""
    words = _WORD.findall(text.lower())
    grams = words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    vec = np.zeros(HASH_DIM, np.float32)
    for gram in grams:
        vec[zlib.crc32(gram.encode()) % HASH_DIM] = 1.0
    return vec / max(1.0, float(np.sqrt(vec.sum())))


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """The cue head's input: the bag of words alone (no encoder before the parse)."""
    return np.stack([bag_of_words(t) for t in texts]) if texts else np.zeros((0, HASH_DIM), np.float32)


def _one_hot(subs: Sequence[str | None], labels: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(subs), len(labels)), np.float32)
    for row, sub in enumerate(subs):
        out[row, labels.index(sub if sub in labels else NONE)] = 1.0
    return out


def _time_cues(text: str, year: int | None) -> np.ndarray:
    """[a year before the publication year is named, a "since 1990" / "years ago" / running total]."""
    earlier = year is not None and any(int(y) < year for y in _YEAR.findall(text))
    return np.asarray([float(earlier), float(bool(_SINCE.search(text)))], np.float32)


def head_features(
    texts: Sequence[str],
    vectors: np.ndarray,
    rule_subs: Sequence[str | None],
    labels: Sequence[str],
    years: Sequence[int | None],
) -> np.ndarray:
    """The typer's and background head's input: pooled vector, hashed words, rule sub-type, time cues."""
    if not texts:
        return np.zeros((0, vectors.shape[1] + HASH_DIM + len(labels) + 2), np.float32)
    cues = np.stack([_time_cues(t, y) for t, y in zip(texts, years, strict=True)])
    return np.concatenate([vectors, cue_features(texts), _one_hot(rule_subs, labels), cues], axis=1)


def pooled(token_vectors: np.ndarray) -> np.ndarray:
    """One unit-length vector for a sentence: the mean of its word-piece vectors."""
    if not len(token_vectors):
        return np.zeros(token_vectors.shape[1], np.float32)
    mean = token_vectors.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-8)).astype(np.float32)


def sentence_vectors(encoder: Any, texts: Sequence[str]) -> np.ndarray:
    """Pooled vectors of ``texts``, in one batched encoder call.

    Each text is handed to the encoder as a single "token" spanning all of it, so the
    encoder's alignment averages every word piece of the sentence into one row.
    """
    if not texts:
        return np.zeros((0, 384), np.float32)
    rows = encoder.encode(list(texts), [[(0, len(t))] for t in texts])
    return np.stack([pooled(r) for r in rows])


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(frozen=True, slots=True)
class SentenceHeads:
    """The three linear heads and their decision thresholds (from the sidecar)."""

    labels: tuple[str, ...]
    weights: dict[str, np.ndarray]
    thresholds: dict[str, float]
    #: whether the rules' sub-type is an input (else the heads read the text alone)
    rule_feature: bool = True

    def cue(self, texts: Sequence[str]) -> np.ndarray:
        """P(the sentence may tell an event), per text."""
        if not texts:
            return np.zeros(0, np.float32)
        p = _softmax(cue_features(texts) @ self.weights["cue_W"] + self.weights["cue_b"])
        return np.asarray(p[:, 1])

    def guess(
        self,
        texts: Sequence[str],
        vectors: np.ndarray,
        rule_subs: Sequence[str | None],
        years: Sequence[int | None],
    ) -> list[Guess]:
        """The typer's and background head's reading of each sentence."""
        if not texts:
            return []
        subs = rule_subs if self.rule_feature else [None] * len(texts)
        x = head_features(texts, vectors, subs, self.labels, years)
        typed = _softmax(x @ self.weights["typer_W"] + self.weights["typer_b"])
        back = _softmax(x @ self.weights["background_W"] + self.weights["background_b"])[:, 1]
        out = []
        for row in range(len(texts)):
            best = int(typed[row].argmax())
            out.append(
                Guess(
                    sub=self.labels[best],
                    prob=float(typed[row, best]),
                    probs={label: float(p) for label, p in zip(self.labels, typed[row], strict=True)},
                    background=float(back[row]),
                )
            )
        return out


def models_folder() -> Path:
    """data/models/, where the shipped heads live."""
    return Path(str(resources.files("eventdesk.data").joinpath("models")))


def load_heads(folder: Path | None = None, stem: str = HEADS_FILE) -> SentenceHeads:
    """Read ``stem``.npz and its sidecar from ``folder`` (the shipped ones by default), checking the sha256."""
    folder = folder or models_folder()
    npz, card = folder / f"{stem}.npz", folder / f"{stem}.json"
    if not npz.is_file() or not card.is_file():
        raise EventdeskError("ED060", f"sentence heads not found: {npz}; rebuild them with eventdesk train")
    meta = json.loads(card.read_text(encoding="utf-8"))
    if hashlib.sha256(npz.read_bytes()).hexdigest() != meta.get("sha256"):
        raise EventdeskError("ED060", f"model file altered (sha256 differs from its sidecar): {npz}")
    with np.load(npz) as data:
        weights = {key: np.asarray(data[key], np.float32) for key in data.files}
    return SentenceHeads(
        labels=tuple(meta["labels"]),
        weights=weights,
        thresholds={k: float(v) for k, v in meta["thresholds"].items()},
        rule_feature=bool(meta.get("rule_feature", True)),
    )


_LOCK = threading.Lock()


@functools.cache
def _shipped() -> SentenceHeads:
    return load_heads()


def get_heads() -> SentenceHeads:
    """The shipped heads, read once per process on first use."""
    with _LOCK:
        return _shipped()


def reload_heads() -> None:
    """Forget the heads read so far: the next :func:`get_heads` reads the files again (after a rebuild)."""
    with _LOCK:
        _shipped.cache_clear()
