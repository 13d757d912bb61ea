"""Train the learned sentence heads of :mod:`eventdesk.extract.typer` in numpy (no torch needed).

Examples are sentences:

- the own corpus's train split (``data/corpus``): a sentence's label is the sub-type of the
  first gold event whose trigger lies in it, else "none"; it is "background" when it holds a
  non-event of kind historical, statistic or background and no gold event, "now" when it
  holds a gold event. The rules' own sub-type for the sentence (``extract_many(learned=False)``)
  is a feature, so the heads learn where to trust the rules.
- IndiaPoliceEvents, the articles of its train split (:func:`eventdesk.eval.ipe.data.ipe_split`):
  sentences labelled ARREST and not KILL are "Arrests" (ACLED codes a police arrest so);
  the other IPE labels (KILL, FORCE, FAIL) have no sound single ACLED sub-type and are left out,
  and unlabelled IPE sentences are not "none" either (they tell riots the police took no part in).
- PLOVER GSR sentences whose PLOVER event and mode name one ACLED sub-type
  (:data:`PLOVER_TO_ACLED`); the rest (AGREE between governments, DEMAND, REJECT, ...) are left out.

Each head is a softmax regression fitted by full-batch Adam from zero weights with class
weights that balance the labels: the same data give the same weights, bit for bit, in seconds.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from eventdesk.extract.typer import (
    BACKGROUND_LABELS,
    HASH_DIM,
    HEAD_CHARS,
    HEADS_FILE,
    NONE,
    cue_features,
    head_features,
    sentence_vectors,
)

__all__ = [
    "PLOVER_TO_ACLED",
    "build_heads",
    "Example",
    "TyperSettings",
    "corpus_examples",
    "fit_softmax",
    "ipe_examples",
    "plover_examples",
    "save_heads",
    "train_heads",
    "train_sentence_heads",
]

#: PLOVER GSR (event, mode) -> ACLED sub-type, only where one sub-type is right whatever the actors.
PLOVER_TO_ACLED: dict[tuple[str, str], str] = {
    ("ASSAULT", "suicide-attack"): "Suicide bomb",
    ("ASSAULT", "explosives"): "Remote explosive/landmine/IED",
    ("ASSAULT", "assassinate"): "Attack",
    ("FIGHT", "heavy-weapons"): "Shelling/artillery/missile attack",
    ("FIGHT", "firearms"): "Armed clash",
    ("PROTEST", "riot-spon"): "Violent demonstration",
    ("PROTEST", "riot-org"): "Violent demonstration",
    ("COERCE", "arrest"): "Arrests",
    ("COERCE", "detain"): "Arrests",
    ("COERCE", "destroy"): "Looting/property destruction",
}
_BACKGROUND_REASONS = ("historical", "statistic", "background")


@dataclass(frozen=True, slots=True)
class Example:
    """One training sentence: its text, the rules' sub-type for it, the typer label, the
    background label (``None`` when the sentence says nothing either way), and its publication year."""

    text: str
    rule_sub: str | None
    label: str
    background: str | None
    year: int | None
    source: str


@dataclass(frozen=True, slots=True)
class TyperSettings:
    """The heads' training schedule and decision thresholds (the model card prints them)."""

    epochs: int = 300
    learning_rate: float = 0.05
    l2: float = 1e-4
    # The thresholds were chosen on the own corpus's dev split (docs/models.md).
    #: a reporting sentence no trigger word names is parsed when P(event) reaches this
    cue: float = 0.3
    #: a rule frame's sub-type is replaced when the typer is this sure of another
    retype: float = 0.4
    #: ... unless the typer gives the rules' own sub-type at least this (0.05: trained on the
    #: grown corpus, at 0.2 the typer overruled the rules' weapon and riot typing on our own
    #: test sentences, "dynamited" as looting, "riots" as protest with intervention)
    keep: float = 0.05
    #: an event is added where the rules found none when the typer is this sure
    add: float = 0.4
    #: a rule frame is dropped when the typer is this sure there is no event (> 1: never)
    drop: float = 1.01
    #: a sentence's happened events are dropped as background when P(background) reaches this
    background: float = 1.01  # off: resolve marks dated background "historical" (tests/resolve/test_historical.py)
    #: the rules' sub-type for the sentence as an input of the typer and background heads
    #: (off: on dev the heads then overrule the rules' mistypes more often, macro F1 60 against 55)
    rule_feature: bool = False
    #: off: with IPE ARREST sentences in, the typer called most Times of India sentences Arrests
    #: (IPE dev document ARREST F1 78.6 -> 25.1)
    use_ipe: bool = False
    use_plover: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def thresholds(self) -> dict[str, float]:
        return {
            "cue": self.cue,
            "retype": self.retype,
            "keep": self.keep,
            "add": self.add,
            "drop": self.drop,
            "background": self.background,
        }


def _labels() -> tuple[str, ...]:
    from eventdesk.extract.taxonomy import load_taxonomy

    return (*load_taxonomy().sub_event_types, NONE)


def corpus_examples(reports: Sequence[Any], nlp: Any) -> list[Example]:
    """Sentence examples from own-corpus reports (``eval.corpus.data.CorpusReport``)."""
    from eventdesk.clean import is_non_reporting
    from eventdesk.extract import extract_many
    from eventdesk.extract.core import rule_subs_by_sentence
    from eventdesk.nlp import is_heading, split_sentences

    extractions = extract_many([r.article() for r in reports], nlp, learned=False)
    out: list[Example] = []
    for report, extraction in zip(reports, extractions, strict=True):
        text = report.text
        lines = text.split("\n")
        sentences = [
            s for s in split_sentences(text) if not (is_non_reporting(lines[s.line]) or is_heading(lines[s.line]))
        ]
        rule_subs = rule_subs_by_sentence(extraction.mentions, [(s.start, s.end) for s in sentences])
        year = report.published.year if report.published else None
        for sent, rule_sub in zip(sentences, rule_subs, strict=True):
            gold = sorted(
                (e.trigger.start, e.sub_event_type) for e in report.events if sent.start <= e.trigger.start < sent.end
            )
            back = [
                n
                for n in report.non_events
                if sent.start <= n.span.start < sent.end and n.reason in _BACKGROUND_REASONS
            ]
            background = "now" if gold else "background" if back else None
            label = gold[0][1] if gold else NONE
            out.append(Example(text[sent.start : sent.end], rule_sub, label, background, year, f"corpus:{report.id}"))
    return out


def _rule_subs_of_sentences(texts: Sequence[str], nlp: Any) -> list[str | None]:
    """The rules' sub-type for sentences taken one by one (external data has no report around them)."""
    from eventdesk.extract import extract_many
    from eventdesk.records import Article

    articles = [Article(id=Article.make_id(t), language="en", text=t) for t in texts]
    extractions = extract_many(articles, nlp, learned=False)
    return [min(e.mentions, key=lambda m: m.trigger.start).sub_event_type if e.mentions else None for e in extractions]


def ipe_examples(data_dir: Path, nlp: Any, *, limit: int = 300) -> list[Example]:
    """IPE train-split sentences labelled ARREST and not KILL, as "Arrests" (at most ``limit``)."""
    from eventdesk.eval.ipe.data import ipe_documents, ipe_split

    picked: list[tuple[str, int | None, str]] = []
    for doc_id, doc in sorted(ipe_documents(data_dir).items()):
        if ipe_split(doc_id) != "train":
            continue
        year = doc.article.published.year if doc.article.published else None
        for start, end, labels in doc.sentences:
            if "ARREST" in labels and "KILL" not in labels:
                picked.append((doc.article.text[start:end], year, f"ipe:{doc_id}"))
    picked = picked[:limit]
    subs = _rule_subs_of_sentences([t for t, _, _ in picked], nlp)
    return [Example(t, s, "Arrests", "now", y, src) for (t, y, src), s in zip(picked, subs, strict=True)]


def plover_examples(path: Path, nlp: Any) -> list[Example]:
    """PLOVER GSR sentences whose (event, mode) maps to one ACLED sub-type (:data:`PLOVER_TO_ACLED`)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    picked = [
        (r["text"], PLOVER_TO_ACLED[(r.get("event", ""), r.get("mode") or "")], str(r.get("id")))
        for r in records
        if isinstance(r, dict) and r.get("text") and (r.get("event", ""), r.get("mode") or "") in PLOVER_TO_ACLED
    ]
    subs = _rule_subs_of_sentences([t for t, _, _ in picked], nlp)
    return [Example(t, s, label, "now", None, f"plover:{i}") for (t, label, i), s in zip(picked, subs, strict=True)]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def fit_softmax(x: np.ndarray, y: np.ndarray, n_labels: int, settings: TyperSettings) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch Adam from zero weights, labels balanced by class weights."""
    x = x.astype(np.float32)
    counts = np.bincount(y, minlength=n_labels).astype(np.float32)
    weight = (1.0 / np.maximum(counts, 1.0))[y]
    weight = weight / weight.sum()
    targets = np.eye(n_labels, dtype=np.float32)[y]
    w = np.zeros((x.shape[1], n_labels), np.float32)
    b = np.zeros(n_labels, np.float32)
    moments: list[tuple[np.ndarray, np.ndarray]] = [
        (np.zeros_like(w), np.zeros_like(w)),
        (np.zeros_like(b), np.zeros_like(b)),
    ]
    for step in range(1, settings.epochs + 1):
        grad = (_softmax(x @ w + b) - targets) * weight[:, None]
        grads: tuple[np.ndarray, np.ndarray] = (x.T @ grad + settings.l2 * w, grad.sum(axis=0))
        for param, g, (m, v) in zip((w, b), grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            param -= settings.learning_rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w, b


def train_heads(
    examples: Sequence[Example], encoder: Any, settings: TyperSettings | None = None
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Fit the cue, typer and background heads; (weights, card) where the card says what was fitted."""
    settings = settings or TyperSettings()
    labels = _labels()
    started, cpu = time.perf_counter(), time.process_time()
    texts = [e.text for e in examples]
    vectors = sentence_vectors(encoder, [t[:HEAD_CHARS] for t in texts])
    subs = [e.rule_sub if settings.rule_feature else None for e in examples]
    x = head_features(texts, vectors, subs, labels, [e.year for e in examples])
    y = np.asarray([labels.index(e.label) for e in examples], np.int64)
    weights: dict[str, np.ndarray] = {}
    weights["typer_W"], weights["typer_b"] = fit_softmax(x, y, len(labels), settings)
    cue_y = np.asarray([int(e.label != NONE) for e in examples], np.int64)
    weights["cue_W"], weights["cue_b"] = fit_softmax(cue_features(texts), cue_y, 2, settings)
    told = [i for i, e in enumerate(examples) if e.background is not None]
    back_y = np.asarray([BACKGROUND_LABELS.index(examples[i].background or "now") for i in told], np.int64)
    weights["background_W"], weights["background_b"] = fit_softmax(x[told], back_y, 2, settings)
    by_source: dict[str, int] = {}
    for e in examples:
        key = e.source.split(":", 1)[0]
        by_source[key] = by_source.get(key, 0) + 1
    card = {
        "labels": list(labels),
        "background_labels": list(BACKGROUND_LABELS),
        "hash_dim": HASH_DIM,
        "vector_dim": int(vectors.shape[1]) if len(vectors) else 384,
        "thresholds": settings.thresholds(),
        "rule_feature": settings.rule_feature,
        "settings": {k: v for k, v in asdict(settings).items() if k != "extra"},
        "examples": by_source,
        "background_examples": {label: int((back_y == i).sum()) for i, label in enumerate(BACKGROUND_LABELS)},
        "train_seconds": round(time.perf_counter() - started, 1),
        "train_cpu_seconds": round(time.process_time() - cpu, 1),
    }
    return weights, card


def save_heads(weights: dict[str, np.ndarray], card: dict[str, Any], folder: Path, stem: str = HEADS_FILE) -> Path:
    """Write ``stem``.npz (float32, compressed) and its sidecar with the npz's sha256; the npz path."""
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    arrays: dict[str, Any] = {k: v.astype(np.float32) for k, v in sorted(weights.items())}
    np.savez_compressed(buffer, **arrays)
    data = buffer.getvalue()
    npz = folder / f"{stem}.npz"
    npz.write_bytes(data)
    sidecar = {**card, "sha256": hashlib.sha256(data).hexdigest()}
    (folder / f"{stem}.json").write_text(json.dumps(sidecar, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return npz


def build_heads(
    data_dir: Path, folder: Path, settings: TyperSettings | None = None, *, nlp: Any = None, encoder: Any = None
) -> dict[str, Any]:
    """Rebuild the shipped sentence heads from the own corpus's train split and ``data_dir``
    (../shared/data: india_police_events, plover_gsr); the written card."""
    from eventdesk.eval.corpus.data import load_corpus

    settings = settings or TyperSettings()
    nlp = nlp or _rules_nlp()
    if encoder is None:
        from eventdesk.nlp.encoder import get_encoder

        encoder = get_encoder()
    examples = corpus_examples(load_corpus(split="train"), nlp)
    if settings.use_ipe:
        examples += ipe_examples(data_dir / "india_police_events", nlp)
    if settings.use_plover:
        examples += plover_examples(data_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json", nlp)
    weights, card = train_heads(examples, encoder, settings)
    save_heads(weights, card, folder)
    return card


_OWN = "eventdesk project (redistributable with it)"


def train_sentence_heads(run: Any) -> Any:
    """``eventdesk train``'s trainer for the sentence heads (a :class:`eventdesk.train.TrainingRun` in,
    a :class:`eventdesk.train.TrainedModel` out). ``run.quick`` fits on a few own-corpus reports only.

    Dev figures (own corpus dev, the whole pipeline with these heads) are measured when the
    heads are written to the package's data/models/, the ones the pipeline loads.
    """
    from eventdesk.eval.corpus.data import load_corpus
    from eventdesk.extract.typer import models_folder, reload_heads
    from eventdesk.nlp.encoder import get_encoder
    from eventdesk.train import TrainedModel, data_file

    settings = TyperSettings(**run.options.get("typer", {}))
    if run.quick:
        settings = replace(settings, epochs=50, use_ipe=False, use_plover=False)
    wall, cpu = time.perf_counter(), time.process_time()
    nlp = _rules_nlp()
    reports = load_corpus(run.corpus, split="train")[: 12 if run.quick else None]
    examples = corpus_examples(reports, nlp)
    own = data_file(run.corpus, "train split: sentence sub-types, background (dev: thresholds)", _OWN)
    files = [replace(own, path=_shown(run.corpus))]
    if settings.use_ipe:
        ipe = run.data / "india_police_events"
        examples += ipe_examples(ipe, nlp)
        files.append(data_file(ipe / "sents.jsonl", "train articles: ARREST sentences as Arrests", "see its README"))
    if settings.use_plover:
        plover = run.data / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
        examples += plover_examples(plover, nlp)
        files.append(data_file(plover, "sentences mapped by PLOVER_TO_ACLED", "CC BY-SA 4.0"))
    weights, card = train_heads(examples, get_encoder(), settings)
    save_heads(weights, card, run.models)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    dev: dict[str, float] = {}
    if not run.quick and Path(run.models).resolve() == models_folder().resolve():
        from eventdesk.eval.corpus.runner import evaluate_corpus
        from eventdesk.pipeline import Pipeline

        reload_heads()
        result = evaluate_corpus(Pipeline.load(), "dev")
        dev = {
            "own corpus dev macro F1 (25 sub-types)": result["macro_f1"],
            "own corpus dev event F1": result["events"]["f1"],
        }
    return TrainedModel(
        name=HEADS_FILE,
        description="Linear heads over a sentence's pooled encoder vector and hashed words: a cue head that adds "
        "sentences no trigger word names, ACLED's 25 sub-types plus none, and now vs background/history/statistic",
        files=(f"{HEADS_FILE}.npz", f"{HEADS_FILE}.json"),
        data=tuple(files),
        wall_seconds=wall,
        cpu_seconds=cpu,
        dev=dev,
        settings={k: v for k, v in asdict(settings).items() if k != "extra"} | {"examples": len(examples)},
        notice=(
            "Trained on the own corpus (ours)"
            + (", IndiaPoliceEvents ARREST sentences" if settings.use_ipe else "")
            + " and PLOVER GSR (CC BY-SA 4.0) sentences; the weights are numbers fitted to them, no text is shipped."
        ),
    )


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it (the card names no home folders)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _rules_nlp() -> Any:
    from eventdesk.nlp import load_nlp
    from eventdesk.resolve import ActorDictionary

    return load_nlp(actor_patterns=ActorDictionary.load().patterns())
