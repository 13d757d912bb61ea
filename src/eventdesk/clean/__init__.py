"""Clean stage: a raw document becomes an Article with canonical text.

All character offsets in eventdesk refer to ``Article.text`` as produced
here, so this is the one place that changes text.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from eventdesk.clean.boilerplate import is_furniture, is_non_reporting
from eventdesk.dates import parse_published
from eventdesk.errors import DocumentError
from eventdesk.ingest.raw import RawDocument
from eventdesk.records import Article

__all__ = ["canonical_text", "clean", "detect_language", "is_furniture", "is_non_reporting"]

# Zero-width and bidi controls: invisible, and they split names ("Idl\u200bib").
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def canonical_text(text: str) -> str:
    """NFC, one kind of newline and space, no invisible characters, no furniture."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROLS.sub("", _INVISIBLE.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    kept = "\n".join(line for line in lines if not is_furniture(line))
    return _BLANKS.sub("\n\n", kept).strip()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid on the first 3,000 chars)."""
    import py3langid  # the model loads on first use, not at import

    sample = text[:3000]
    if not sample.strip():
        return "und"
    lang, _score = py3langid.classify(sample)
    return str(lang)


def _from_html(doc: RawDocument, html: str) -> RawDocument:
    """Main text and metadata of an HTML page, by trafilatura."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html, url=doc.url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on junk
        raise DocumentError("ED006", f"HTML could not be parsed: {exc}", source=doc.source) from exc
    text: str | None = getattr(found, "text", None)
    if not text or not text.strip():
        raise DocumentError("ED006", "no main text found in the HTML", source=doc.source)
    published, warnings = doc.published, doc.warnings
    found_date = getattr(found, "date", None)
    if published is None and found_date:
        try:
            published = parse_published(found_date, source=doc.source)
        except DocumentError as err:
            warnings = (*warnings, err)
    return dataclasses.replace(
        doc,
        html=None,
        text=text,
        title=doc.title or getattr(found, "title", None),
        url=doc.url or getattr(found, "url", None),
        outlet=doc.outlet or getattr(found, "sitename", None),
        published=published,
        warnings=warnings,
    )


def clean(doc: RawDocument) -> tuple[Article, tuple[DocumentError, ...]]:
    """The Article for ``doc`` and its warnings; raises DocumentError if nothing is left."""
    if doc.html is not None:
        doc = _from_html(doc, doc.html)
    text = canonical_text(doc.text or "")
    if not text:
        raise DocumentError("ED015", "no text left after cleaning", source=doc.source)
    article = Article(
        id=Article.make_id(text),
        url=doc.url,
        outlet=doc.outlet,
        published=doc.published,
        language=doc.language or detect_language(text),
        title=doc.title,
        text=text,
        raw_hash=doc.raw_hash,
        source=doc.source,
    )
    return article, doc.warnings
