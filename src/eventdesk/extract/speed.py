"""Time the extractor against a bare ``nlp.pipe`` over the same texts, in one run.

    PYTHONPATH=src python -m eventdesk.extract.speed [--muc4 PATH] [--limit N] [REPORT ...]

prints one line per corpus: seconds for the bare pass, seconds for extraction
(splitting, filtering, parsing the kept sentences, rules) one article per call
and as one batch (:func:`extract_many`), and their ratios to the bare pass. Each
timing is the best of ``repeat`` runs, so a busy machine disturbs it less.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.extract.core import extract, extract_many
from eventdesk.records import Article

__all__ = ["SpeedResult", "measure"]


@dataclass(frozen=True, slots=True)
class SpeedResult:
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


def measure(articles: Sequence[Article], nlp: Any, *, repeat: int = 3) -> SpeedResult:
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


def _muc4_articles(path: Path, limit: int) -> list[Article]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()][:limit]
    return [Article(id=Article.make_id(r["doctext"]), text=r["doctext"]) for r in rows]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--muc4", type=Path, help="MUC-4 GTT-processed JSONL (e.g. ../shared/data/muc4/gtt_processed/dev.json)"
    )
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("texts", nargs="*", type=Path, help="plain-text reports (a 'key: value' header is skipped)")
    args = parser.parse_args(argv)
    from eventdesk.nlp import load_nlp

    nlp = load_nlp()
    corpora: dict[str, list[Article]] = {}
    if args.texts:
        corpora["texts"] = [_plain(p) for p in args.texts]
    if args.muc4:
        corpora[f"muc4[:{args.limit}]"] = _muc4_articles(args.muc4, args.limit)
    for name, articles in corpora.items():
        r = measure(articles, nlp, repeat=args.repeat)
        print(
            f"{name}: docs={r.docs} bare_nlp_pipe={r.bare_seconds:.3f}s extract={r.extract_seconds:.3f}s "
            f"ratio={r.ratio:.2f} extract_many={r.batch_seconds:.3f}s ratio={r.batch_ratio:.2f} mentions={r.mentions}"
        )


def _plain(path: Path) -> Article:
    text = path.read_text("utf-8")
    head, sep, body = text.partition("\n\n")
    if sep and all(": " in line for line in head.splitlines()):
        text = body
    return Article(id=Article.make_id(text), text=text)


if __name__ == "__main__":
    main()
