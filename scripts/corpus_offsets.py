"""Build src/eventdesk/data/corpus/corpus.jsonl from the hand-written reports.txt beside it.

Offsets are computed here, never typed: each span is found by its words in the
report (docs/corpus.md). Run after editing reports.txt:

    PYTHONPATH=src python scripts/corpus_offsets.py
"""

from __future__ import annotations

import sys

from eventdesk.eval.corpus.build import CorpusSourceError
from eventdesk.eval.corpus.data import write_corpus


def main() -> int:
    try:
        path, count = write_corpus()
    except CorpusSourceError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{count} reports written to {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
