"""A minimal reader for the bundled example reports, for tests only.

The real readers belong to the ingest stage; this one knows just enough of the
three formats the examples use (.txt with a metadata header, .jsonl, .html)
to give the extractor an Article.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from eventdesk.records import Article

__all__ = ["EXAMPLES_DIR", "example_paths", "read_example"]

EXAMPLES_DIR = Path(str(resources.files("eventdesk.data").joinpath("examples")))


def example_paths() -> list[Path]:
    return sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))


def read_example(path: Path) -> Article:
    raw = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        meta = json.loads(raw.splitlines()[0])
        text = meta.pop("text")
    elif path.suffix == ".html":
        meta, text = _read_html(raw)
    else:
        header, _, text = raw.partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines())
    published = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
    return Article(
        id=Article.make_id(text),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=published,
        language="en",
        title=meta.get("title"),
        text=text,
        source=path.name,
    )


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.meta: dict[str, str] = {}
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta[str(a["name"])] = str(a.get("content") or "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta["url"] = str(a.get("href") or "")
        elif tag in ("p", "h1", "title", "footer"):
            self._inside = tag
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _read_html(raw: str) -> tuple[dict[str, str], str]:
    parser = _Paragraphs()
    parser.feed(raw)
    title, *body = parser.blocks
    return {**parser.meta, "title": title.strip()}, "\n".join(b.strip() for b in body if b.strip())
