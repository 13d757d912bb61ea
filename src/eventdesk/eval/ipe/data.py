"""IndiaPoliceEvents gold documents as eventdesk Articles, with their labelled sentences.

Ids come from ``Article.make_id(text)``; ``source`` keeps the corpus's own
document id so predictions can be joined back to the gold.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.eval.files import read_jsonl
from eventdesk.records import Article

__all__ = ["IPE_SPLITS", "IpeDocument", "ipe_articles", "ipe_documents", "ipe_split"]

IPE_SPLITS = ("train", "dev")


@dataclass(frozen=True, slots=True)
class IpeDocument:
    """An IndiaPoliceEvents document: its Article, sentence (start, end, labels), document labels."""

    article: Article
    sentences: tuple[tuple[int, int, tuple[str, ...]], ...]
    labels: tuple[str, ...]


def ipe_split(doc_id: str) -> str:
    """train / dev by the SHA-256 of the document id (about 80/20): whole articles, never sentences, are split."""
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 80 else "dev"


def ipe_documents(data_dir: Path) -> dict[str, IpeDocument]:
    """{doc_id: IpeDocument} for IndiaPoliceEvents.

    The labelled sentences are joined with single spaces (``docs.jsonl``
    text differs from them in whitespace), so every sentence has exact
    offsets in the Article text and a mention can be put in its sentence.
    """
    dates = {str(m["doc_id"]): m.get("date") for m in read_jsonl(data_dir / "metadata.jsonl")}
    doc_labels = {str(d["doc_id"]): tuple(d.get("doc_labels", ())) for d in read_jsonl(data_dir / "docs.jsonl")}
    rows: dict[str, list[dict[str, Any]]] = {}
    for s in read_jsonl(data_dir / "sents.jsonl"):
        rows.setdefault(str(s["doc_id"]), []).append(s)
    out = {}
    for doc_id, sents in rows.items():
        sents.sort(key=lambda r: int(r["sent_id"]))
        spans, parts, pos = [], [], 0
        for r in sents:
            sent = r["sent_text"].strip()
            spans.append((pos, pos + len(sent), tuple(r.get("sent_labels", ()))))
            parts.append(sent)
            pos += len(sent) + 1
        text = " ".join(parts)
        date = dates.get(doc_id)
        article = Article(
            id=Article.make_id(text), language="en", text=text, source=f"ipe:{doc_id}",
            published=dt.date.fromisoformat(date) if date else None, outlet="Times of India",
        )  # fmt: skip
        out[doc_id] = IpeDocument(article, tuple(spans), doc_labels.get(doc_id, ()))
    return out


def ipe_articles(data_dir: Path) -> dict[str, Article]:
    """{doc_id: Article} for IndiaPoliceEvents (see ``ipe_documents``)."""
    return {k: v.article for k, v in ipe_documents(data_dir).items()}
