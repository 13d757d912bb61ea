"""Gold documents as eventdesk Articles, so a pipeline reads them like any report.

Ids come from ``Article.make_id(text)``; ``source`` keeps the dataset's own
document id so predictions can be joined back to the gold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.eval.muc4_data import gtt_texts, read_jsonl
from eventdesk.records import Article

__all__ = [
    "IpeDocument",
    "ipe_articles",
    "ipe_documents",
    "muc4_articles",
    "muc4_raw_texts",
    "sentence_case",
    "unwrap",
    "wikievents_articles",
]

#: MUC-4 raw text files per split, in preference order (mixed case first).
_RAW_TEXTS: dict[str, tuple[str, ...]] = {
    "train": ("dev/dev-muc3-*",),
    "dev": ("tst1/tst1-muc3", "tst2/tst2-muc4"),
    "test": ("tst3/tst3-muc4", "tst4/tst4-muc4.mixed-case"),
}
_DOC_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\s*$", re.MULTILINE)
_DATELINE = re.compile(r"^\s*(?P<place>[^,\n]+),\s+(?P<date>\d{1,2} [A-Z][A-Za-z]{2} \d{2})\s+\((?P<outlet>[^)]*)\)")


@dataclass(frozen=True, slots=True)
class IpeDocument:
    """An IndiaPoliceEvents document: its Article, sentence (start, end, labels), document labels."""

    article: Article
    sentences: tuple[tuple[int, int, tuple[str, ...]], ...]
    labels: tuple[str, ...]


_MONTHS = {
    m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)
}


def sentence_case(text: str) -> str:
    """All-caps wire text -> lower case with capitals at sentence and paragraph starts.

    The 1992 texts are upper case except TST4; spaCy's small model needs some
    casing. Proper names stay lower case, which the gazetteers must carry.
    """
    low = text.lower()
    return re.sub(r"(^|[.!?]\s+|\n\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), low)


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of a paragraph; paragraphs stay separated by a blank line."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs).strip()


def muc4_raw_texts(raw_dir: Path, split: str) -> dict[str, str]:
    """{docid: original text} from raw_muc34 (mixed case where the corpus has it)."""
    out: dict[str, str] = {}
    for pattern in _RAW_TEXTS.get(split, ()):
        for path in sorted(raw_dir.glob(pattern)):
            chunks = _DOC_ID.split(path.read_text(encoding="latin-1"))
            for docid, body in zip(chunks[1::2], chunks[2::2], strict=True):
                out[docid] = body.strip("\n")
    return out


def _dateline(body: str) -> tuple[dt.date | None, str | None, str]:
    """(publication date, outlet, body text after the header up to "[TEXT]")."""
    m = _DATELINE.match(body)
    published = None
    if m:
        day, mon, year = m.group("date").split()
        month = _MONTHS.get(mon.upper())
        if month:
            published = dt.date(1900 + int(year), month, int(day))
    marker = re.search(r"\[text\]", body[:600], re.IGNORECASE)
    text = body[marker.end() :] if marker else body.split("--", 1)[1] if "--" in body[:300] else body
    return published, (m.group("outlet") if m else None), unwrap(text)


def muc4_articles(data_dir: Path, split: str, *, casing: str = "original") -> dict[str, Article]:
    """{docid: Article} for a MUC-4 split (gold docids from gtt_processed).

    ``casing="original"`` reads raw_muc34 (dateline -> ``published``; TST4 has
    mixed case, other upper-case texts are sentence-cased); ``"lower"`` uses
    the lower-cased gtt_processed text the peers were trained on.
    """
    gold = gtt_texts(data_dir / "gtt_processed" / f"{split}.json")
    raw = muc4_raw_texts(data_dir / "raw_muc34", split) if casing == "original" else {}
    out: dict[str, Article] = {}
    for docid, lower in gold.items():
        published, outlet, text = (None, None, lower)
        if docid in raw:
            published, outlet, text = _dateline(raw[docid])
            if text.upper() == text:
                text = sentence_case(text)
        out[docid] = Article(
            id=Article.make_id(text), published=published, outlet=outlet, language="en", text=text,
            source=f"muc4:{docid}",
        )  # fmt: skip
    return out


def wikievents_articles(path: Path) -> dict[str, Article]:
    """{doc_id: Article} from a WikiEvents jsonl file (text as given)."""
    out = {}
    for doc in read_jsonl(path):
        text = doc.get("text")
        if not isinstance(text, str):
            raise EventdeskError("ED030", f"WikiEvents document without text in {path}")
        out[doc["doc_id"]] = Article(
            id=Article.make_id(text), language="en", text=text, source=f"wikievents:{doc['doc_id']}"
        )
    return out


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
