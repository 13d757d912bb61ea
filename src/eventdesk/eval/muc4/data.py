"""Readers for the MUC-4 gold files, the 1992 texts, and the peers' released predictions.

Gold mentions carry character offsets (``[string, offset]``); the metrics
compare strings only, so the readers keep the strings. Every reader raises
ED030 with the path when a file is missing or not in the expected shape.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from eventdesk.dates import MONTHS
from eventdesk.errors import EventdeskError
from eventdesk.eval.files import read_json, read_jsonl
from eventdesk.eval.muc4.metrics import ROLES
from eventdesk.records import Article

__all__ = [
    "canonical_docid",
    "gtt_texts",
    "load_grit_gold",
    "load_grit_predictions",
    "load_gtt_gold",
    "load_gtt_predictions",
    "load_iterx_predictions",
    "muc4_articles",
    "muc4_raw_texts",
    "sentence_case",
    "unwrap",
]

Entity = list[str]
Extracts = dict[str, list[Entity]]
Template = dict[str, Any]

#: MUC-4 raw text files per split, in preference order (mixed case first).
_RAW_TEXTS: dict[str, tuple[str, ...]] = {
    "train": ("dev/dev-muc3-*",),
    "dev": ("tst1/tst1-muc3", "tst2/tst2-muc4"),
    "test": ("tst3/tst3-muc4", "tst4/tst4-muc4.mixed-case"),
}
_DOC_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\s*$", re.MULTILINE)
_DATELINE = re.compile(r"^\s*(?P<place>[^,\n]+),\s+(?P<date>\d{1,2} [A-Z][A-Za-z]{2} \d{2})\s+\((?P<outlet>[^)]*)\)")


def canonical_docid(docid: str) -> str:
    """``"30002"`` (GRIT/GTT prediction keys) -> ``"TST3-MUC4-0002"``; other ids unchanged."""
    if docid.isdigit() and len(docid) == 5:
        return f"TST{docid[0]}-MUC4-{docid[1:]}"
    return docid


def _strings(entity: Any) -> Entity:
    """Mention strings of an entity, dropping the gold offsets when present."""
    return [m[0] if isinstance(m, list) else str(m) for m in entity]


def _extracts(raw: dict[str, Any], where: str) -> Extracts:
    try:
        return {role: [_strings(e) for e in raw.get(role, [])] for role in ROLES}
    except (TypeError, IndexError) as exc:
        raise EventdeskError("ED030", f"malformed role fillers in {where}: {exc}") from exc


def _template(raw: dict[str, Any], where: str) -> Template:
    out: Template = dict(_extracts(raw, where))
    out["incident_type"] = str(raw.get("incident_type", ""))
    return out


def load_grit_gold(path: Path) -> dict[str, Extracts]:
    """grit_processed/*.json -> {docid: extracts}."""
    return {d["docid"]: _extracts(d["extracts"], f"{path}:{d['docid']}") for d in read_jsonl(path)}


def load_gtt_gold(path: Path) -> dict[str, list[Template]]:
    """gtt_processed/*.json -> {docid: [template, ...]}."""
    return {d["docid"]: [_template(t, f"{path}:{d['docid']}") for t in d["templates"]] for d in read_jsonl(path)}


def gtt_texts(path: Path) -> dict[str, str]:
    """gtt_processed/*.json -> {docid: lower-cased text}."""
    return {d["docid"]: d["doctext"] for d in read_jsonl(path)}


def load_grit_predictions(path: Path) -> dict[str, Extracts]:
    """GRIT's released preds (``{"30002": {"pred_extracts": ...}}``) -> {docid: extracts}."""
    data = read_json(path)
    return {canonical_docid(k): _extracts(v["pred_extracts"], f"{path}:{k}") for k, v in data.items()}


def load_gtt_predictions(path: Path) -> dict[str, list[Template]]:
    """GTT's released preds (``{"30002": {"pred_templates": [...]}}``) -> {docid: templates}."""
    data = read_json(path)
    return {canonical_docid(k): [_template(t, f"{path}:{k}") for t in v["pred_templates"]] for k, v in data.items()}


def load_iterx_predictions(path: Path) -> dict[str, list[Template]]:
    """IterX jsonlines (one line per docid and incident type) merged into {docid: templates}."""
    merged: dict[str, list[Template]] = {}
    for line in read_jsonl(path):
        for docid, templates in line.items():
            bucket = merged.setdefault(canonical_docid(docid), [])
            bucket.extend(_template(t, f"{path}:{docid}") for t in templates)
    return merged


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
        month = MONTHS.get(mon.lower())
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
