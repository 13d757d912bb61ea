"""Train the role-span tagger (a BiLSTM over frozen encoder vectors) with torch, and ship it as numpy arrays.

Torch is needed here only (the ``eventdesk[train]`` extra); the shipped head is
an .npz that :mod:`eventdesk.extract.role_tagger` runs in numpy. Everything is
seeded, and torch runs on one thread, so a rebuild on the same data gives the
same weights.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventdesk.errors import EventdeskError
from eventdesk.train.role_data import LABELS

__all__ = ["MUC4_NOTICE", "TaggerSettings", "export_lstm", "save_head", "train_role_tagger", "train_tagger"]

log = logging.getLogger(__name__)

Sample = tuple[np.ndarray, np.ndarray]  # (tokens, DIM) vectors and (tokens,) tag indices


@dataclass(frozen=True, slots=True)
class TaggerSettings:
    """The tagger's shape and training schedule (the model card prints them)."""

    hidden: int = 128
    epochs: int = 12
    batch_size: int = 32
    learning_rate: float = 2e-3
    dropout: float = 0.3
    seed: int = 13


def _torch() -> Any:
    try:
        import torch  # imported here: training only, never at run time
    except ImportError as exc:
        raise EventdeskError(
            "ED061", "training needs torch: pip install -e '.[train]' (torch==2.13.0, CPU build)"
        ) from exc
    return torch


def _model(torch: Any, dim: int, n_tags: int, settings: TaggerSettings) -> Any:
    nn = torch.nn

    class Tagger(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(settings.dropout)
            self.lstm = nn.LSTM(dim, settings.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * settings.hidden, n_tags)

        def forward(self, x: Any, lengths: Any) -> Any:
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True, enforce_sorted=False)
            hidden, _ = self.lstm(packed)
            hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=x.shape[1])
            return self.out(self.drop(hidden))

    return Tagger()


def _batch(torch: Any, samples: Sequence[Sample]) -> tuple[Any, Any, Any]:
    width = max(len(t) for _, t in samples)
    dim = samples[0][0].shape[1]
    x = np.zeros((len(samples), width, dim), np.float32)
    y = np.full((len(samples), width), -100, np.int64)  # -100: padding, ignored by the loss
    for i, (vecs, tags) in enumerate(samples):
        x[i, : len(tags)] = vecs
        y[i, : len(tags)] = tags
    lengths = torch.tensor([len(t) for _, t in samples])
    return torch.from_numpy(x), torch.from_numpy(y), lengths


def train_tagger(
    train: Sequence[Sample],
    n_tags: int,
    settings: TaggerSettings = TaggerSettings(),
    *,
    on_epoch: Callable[[int, dict[str, np.ndarray]], None] | None = None,
) -> dict[str, np.ndarray]:
    """Train on ``train`` and return the weights as numpy arrays (:func:`export_lstm`).

    ``on_epoch(epoch, weights)`` is called after every epoch (the caller scores
    dev there and may keep the best epoch).
    """
    torch = _torch()
    torch.manual_seed(settings.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(settings.seed)
    model = _model(torch, train[0][0].shape[1], n_tags, settings)
    optimiser = torch.optim.Adam(model.parameters(), lr=settings.learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(settings.epochs):
        model.train()
        order = rng.permutation(len(train))
        for start in range(0, len(order), settings.batch_size):
            x, y, lengths = _batch(torch, [train[k] for k in order[start : start + settings.batch_size]])
            optimiser.zero_grad()
            loss = loss_fn(model(x, lengths).reshape(-1, n_tags), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
        if on_epoch is not None:
            on_epoch(epoch + 1, export_lstm(model))
    return export_lstm(model)


def export_lstm(model: Any) -> dict[str, np.ndarray]:
    """The torch tagger's parameters under the names :class:`~eventdesk.extract.role_tagger.RoleTagger` reads."""
    p = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    return {
        "fwd_w_ih": p["lstm.weight_ih_l0"],
        "fwd_w_hh": p["lstm.weight_hh_l0"],
        "fwd_b": p["lstm.bias_ih_l0"] + p["lstm.bias_hh_l0"],
        "bwd_w_ih": p["lstm.weight_ih_l0_reverse"],
        "bwd_w_hh": p["lstm.weight_hh_l0_reverse"],
        "bwd_b": p["lstm.bias_ih_l0_reverse"] + p["lstm.bias_hh_l0_reverse"],
        "out_w": p["out.weight"],
        "out_b": p["out.bias"],
    }


def save_head(folder: Path, name: str, weights: dict[str, np.ndarray], meta: dict[str, Any]) -> Path:
    """Write ``NAME.npz`` (float16: half the size, no loss that moves a tag) and ``NAME.json`` with its sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.npz"
    arrays: dict[str, Any] = {k: v.astype(np.float16) for k, v in sorted(weights.items())}
    np.savez_compressed(path, **arrays)
    sidecar = {**meta, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    (folder / f"{name}.json").write_text(json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def settings_dict(settings: TaggerSettings) -> dict[str, Any]:
    return asdict(settings)


def cpu_clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) now."""
    return time.perf_counter(), time.process_time()


#: MUC-4 carries no formal licence; the head trained on it says so wherever it ships.
MUC4_NOTICE = (
    "Trained on MUC-4 (1992, distributed by NIST/LDC and in the GRIT/GTT processed form): "
    "MUC-4 has no formal licence. The weights hold no text of it, but its use is research use."
)


def _dev_ceaf(
    weights: dict[str, np.ndarray], dev: Sequence[Any], vectors: Sequence[np.ndarray], gold: dict[str, Any]
) -> float:
    """MUC-4 dev CEAF-REE micro F1 of the tagger over every dev sentence (the REE task's decoding)."""
    from eventdesk.eval.muc4.learned import spans_to_extracts
    from eventdesk.eval.muc4.metrics import ceaf_ree
    from eventdesk.extract.role_tagger import RoleTagger

    tagger = RoleTagger.from_arrays(weights, LABELS)
    phrases: dict[str, list[tuple[str, str]]] = {docid: [] for docid in gold}
    for sentence, spans in zip(dev, tagger.tag(vectors), strict=True):
        for span in spans:
            start, end = sentence.offsets[span.start][0], sentence.offsets[span.end - 1][1]
            phrases.setdefault(sentence.doc, []).append((span.label, sentence.text[start:end]))
    preds = {docid: spans_to_extracts(p) for docid, p in phrases.items()}
    return float(ceaf_ree(preds, gold)["micro_avg"]["f1"])


def train_role_tagger(run: Any) -> Any:
    """Build ``role-tagger.npz`` from MUC-4 train and the own corpus's train split, the best epoch on MUC-4 dev."""
    import spacy

    from eventdesk.eval.muc4.data import load_grit_gold
    from eventdesk.extract.role_tagger import ROLE_TAGGER
    from eventdesk.nlp.encoder import ENCODER_SHA256
    from eventdesk.train import TrainedModel, data_file
    from eventdesk.train.role_data import corpus_sentences, muc4_sentences, tag_names

    wall0, cpu0 = cpu_clock()
    muc4 = run.data / "muc4"
    files = (
        data_file(muc4 / "gtt_processed" / "train.json", "train", "MUC-4: no formal licence (research use)"),
        data_file(muc4 / "gtt_processed" / "dev.json", "dev (epoch choice)", "MUC-4: no formal licence (research use)"),
        data_file(muc4 / "grit_processed" / "dev.json", "dev gold (CEAF-REE)", "MUC-4: no formal licence"),
        data_file(run.corpus, "train (split=train)", "eventdesk's own corpus (MIT, ships with eventdesk)"),
    )
    settings = TaggerSettings(hidden=16, epochs=2) if run.quick else TaggerSettings(**run.options.get("roles", {}))
    limit = 4 if run.quick else None
    tokenizer = spacy.blank("en").tokenizer
    train_sents = muc4_sentences(muc4 / "gtt_processed" / "train.json", tokenizer, limit=limit)
    train_sents += corpus_sentences(run.corpus, tokenizer, split="train")[: 20 if run.quick else None]
    dev_sents = muc4_sentences(muc4 / "gtt_processed" / "dev.json", tokenizer, limit=limit)
    gold = {k: v for k, v in load_grit_gold(muc4 / "grit_processed" / "dev.json").items()}
    gold = {k: gold[k] for k in sorted({s.doc for s in dev_sents}) if k in gold}
    rng = np.random.default_rng(settings.seed)
    # Three in four sentences without any filler are left out: MUC-4 is mostly such
    # sentences, and they slow training more than they teach (kept: 25%, seeded).
    cache = run.options.get("cache")
    train_vecs = _encode(train_sents, cache, f"{files[0].sha256[:16]}-{files[3].sha256[:16]}-{limit}")
    dev_vecs = _encode(dev_sents, cache, f"{files[1].sha256[:16]}-{limit}")
    samples = [
        (v, np.asarray(s.tags, np.int64))
        for v, s in zip(train_vecs, train_sents, strict=True)
        if any(s.tags) or rng.random() < _KEEP_EMPTY
    ]
    best: dict[str, Any] = {"f1": -1.0}

    def keep_best(epoch: int, weights: dict[str, np.ndarray]) -> None:
        f1 = _dev_ceaf(weights, dev_sents, dev_vecs, gold)
        wall, cpu = cpu_clock()
        log.info(
            "role tagger epoch %d: dev CEAF-REE %.2f (%.0f s wall, %.0f CPU-s)", epoch, f1, wall - wall0, cpu - cpu0
        )
        if f1 > best["f1"]:
            best.update(f1=f1, epoch=epoch, weights=weights)

    train_tagger(samples, len(tag_names()), settings, on_epoch=keep_best)
    meta = {
        "labels": list(LABELS),
        "encoder_sha256": ENCODER_SHA256,
        "hidden": settings.hidden,
        "epoch": best["epoch"],
        "notice": MUC4_NOTICE,
    }
    save_head(run.models, ROLE_TAGGER, best["weights"], meta)
    wall1, cpu1 = cpu_clock()
    return TrainedModel(
        name=ROLE_TAGGER,
        description="BIO tagger of perpetrators (individual, organisation), targets, victims and weapons: "
        f"a BiLSTM ({settings.hidden} per direction) over the frozen encoder's token vectors",
        files=(f"{ROLE_TAGGER}.npz", f"{ROLE_TAGGER}.json"),
        data=files,
        wall_seconds=wall1 - wall0,
        cpu_seconds=cpu1 - cpu0,
        dev={"muc4_dev_ceaf_ree_f1 (tagger alone)": best["f1"], "best_epoch": float(best["epoch"])},
        settings={**settings_dict(settings), "train_sentences": len(samples), "keep_empty": _KEEP_EMPTY},
        notice=MUC4_NOTICE,
    )


_KEEP_EMPTY = 0.25


def _encode(sentences: Sequence[Any], cache: Path | None, key: str) -> list[np.ndarray]:
    """Encoder vectors of the sentences (float16), read from or written to ``cache`` when one is given.

    The cache file is named by the data files' and the encoder's sha256, so a changed
    file or model is never read from a stale cache.
    """
    from eventdesk.nlp.encoder import ENCODER_SHA256, get_encoder

    path = cache / f"encoded-{key}-{ENCODER_SHA256[:12]}.npz" if cache else None
    if path is not None and path.is_file():
        with np.load(path) as data:
            vecs, lens = data["vecs"], data["lens"]
        if len(lens) == len(sentences):
            return list(np.split(vecs, np.cumsum(lens)[:-1]))
    out: list[np.ndarray] = []
    encoder = get_encoder()
    for start in range(0, len(sentences), 256):
        chunk = sentences[start : start + 256]
        out.extend(v.astype(np.float16) for v in encoder.encode([s.text for s in chunk], [s.offsets for s in chunk]))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, vecs=np.concatenate(out), lens=np.asarray([len(v) for v in out]))
    return out
