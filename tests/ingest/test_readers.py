"""Readers and sources: every kind of input, good and bad, without the model."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from eventdesk.dates import parse_published
from eventdesk.errors import DocumentError
from eventdesk.ingest.decode import decode_text
from eventdesk.ingest.meta import split_header
from eventdesk.ingest.raw import RawDocument
from eventdesk.ingest.readers import Limits
from eventdesk.ingest.sources import read_sources

REPORT = (
    "title: Clashes near Gao\n"
    "url: https://example.org/gao\n"
    "outlet: Sahel Wire\n"
    "published: 2026-03-10\n"
    "\n"
    "Gunmen attacked an army post near Gao on Monday, killing four soldiers, the army said.\n"
)


def _docs(*paths: str, **kw: object) -> list[RawDocument | DocumentError]:
    return list(read_sources(list(paths), **kw))  # type: ignore[arg-type]


def test_txt_header_becomes_metadata(tmp_path: Path) -> None:
    (tmp_path / "gao.txt").write_text(REPORT, encoding="utf-8")
    [doc] = _docs(str(tmp_path / "gao.txt"))
    assert isinstance(doc, RawDocument)
    assert doc.title == "Clashes near Gao" and doc.outlet == "Sahel Wire"
    assert doc.published == dt.date(2026, 3, 10)
    assert doc.text is not None and doc.text.startswith("Gunmen attacked")


def test_body_starting_with_a_colon_line_is_not_a_header() -> None:
    fields, body = split_header("Update: the toll rose to nine.\n\nMore follows.")
    assert fields == {} and body.startswith("Update:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-10", dt.date(2026, 3, 10)),
        ("2026-03-10T08:15:00Z", dt.date(2026, 3, 10)),
        ("Tue, 10 Mar 2026 08:15:00 +0000", dt.date(2026, 3, 10)),
        ("10 March 2026", dt.date(2026, 3, 10)),
        ("March 10, 2026", dt.date(2026, 3, 10)),
    ],
)
def test_published_forms(value: str, expected: dt.date) -> None:
    assert parse_published(value, source="t") == expected


def test_bad_published_is_a_coded_error() -> None:
    with pytest.raises(DocumentError, match=r"\[ED013\]"):
        parse_published("last Tuesday-ish", source="t")


def test_bad_date_in_header_keeps_the_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("published: soon\n\nTroops clashed with rebels.", encoding="utf-8")
    [doc] = _docs(str(tmp_path / "a.txt"))
    assert isinstance(doc, RawDocument) and doc.published is None
    assert [w.code for w in doc.warnings] == ["ED013"]


def test_folder_glob_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Protesters marched in Bamako.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Police arrested two men in Kano.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    by_folder = [d.source for d in _docs(str(tmp_path))]
    assert by_folder == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert [d.source for d in _docs(str(tmp_path / "*.txt"))] == by_folder
    [missing] = _docs(str(tmp_path / "nope.txt"))
    assert isinstance(missing, DocumentError) and missing.code == "ED001"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "ED002"),
        ("blank.txt", b"  \n\n ", "ED002"),
        ("junk.txt", bytes(range(256)) * 40, "ED003"),
        ("latin1.txt", "Bombardement à Alep".encode("latin-1"), "ED004"),
        ("photo.png", b"\x89PNG\r\n", "ED012"),
        ("empty.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "ED009"),
        ("broken.xml", b"<rss><channel><item><title>x</ti", "ED010"),
        ("broken.warc", b"WARC/1.0\r\nnonsense", "ED011"),
    ],
)
def test_bad_inputs_give_one_coded_error(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(content)
    [result] = _docs(str(tmp_path / name))
    assert isinstance(result, DocumentError), result
    assert result.code == code
    assert str(result).startswith(f"[{code}] ")


def test_explicit_encoding_reads_latin1(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Bombardement à Alep".encode("latin-1"))
    [doc] = _docs(str(tmp_path / "latin1.txt"), encoding="latin-1")
    assert isinstance(doc, RawDocument) and doc.text == "Bombardement à Alep"


def test_utf16_with_bom_is_text() -> None:
    assert decode_text("Kabul".encode("utf-16"), source="t") == "Kabul"


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    [result] = _docs(str(big))
    assert isinstance(result, DocumentError) and result.code == "ED005"


def test_jsonl_bad_line_among_good_ones(tmp_path: Path) -> None:
    lines = [
        '{"text": "Militants shelled Marib on Sunday.", "url": "https://example.org/1", "published": "2026-02-01"}',
        '{"text": "Police fired tear gas at protesters in Khartoum.", ',
        '["not", "an", "object"]',
        '{"url": "https://example.org/3"}',
        '{"html": "<html><body><p>Troops retook the village of Kidal.</p></body></html>", "outlet": "X"}',
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = _docs(str(tmp_path / "batch.jsonl"))
    codes = [r.code if isinstance(r, DocumentError) else "ok" for r in results]
    assert codes == ["ok", "ED007", "ED007", "ED008", "ok"]
    assert results[1].source == f"{tmp_path / 'batch.jsonl'}:2"
    assert isinstance(results[4], RawDocument) and results[4].html is not None


def test_rss_items_are_documents(tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Horn Monitor</title>'
        "<item><title>Blast in Mogadishu</title><link>https://example.org/m1</link>"
        "<pubDate>Tue, 10 Mar 2026 08:15:00 +0000</pubDate>"
        "<description>&lt;p&gt;A car bomb exploded near a checkpoint in Mogadishu.&lt;/p&gt;</description></item>"
        "<item><title>Arrests in Kismayo</title><link>https://example.org/m2</link>"
        "<description>Police arrested five suspects.</description></item>"
        "</channel></rss>"
    )
    (tmp_path / "feed.rss").write_text(feed, encoding="utf-8")
    docs = _docs(str(tmp_path / "feed.rss"))
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2"]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.outlet == "Horn Monitor" and first.published == dt.date(2026, 3, 10)


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


# warcio's writer leaves a spooled temp file to the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_warc_html_responses(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>Strike</title></head><body><article>"
        b"<p>An air strike hit a market in Idlib.</p></article></body></html>"
    )
    (tmp_path / "crawl.warc.gz").write_bytes(_warc([("https://example.org/s", page)]))
    [doc] = _docs(str(tmp_path / "crawl.warc.gz"))
    assert isinstance(doc, RawDocument) and doc.url == "https://example.org/s"


def test_stdin_is_sniffed() -> None:
    stdin = io.BytesIO(b'{"text": "Rebels ambushed a convoy near Goma."}\n')
    [doc] = _docs("-", stdin=stdin)
    assert isinstance(doc, RawDocument) and doc.source == "<stdin>:1"


def test_per_record_limit_in_jsonl(tmp_path: Path) -> None:
    long_line = '{"text": "' + "x" * 2000 + '"}'
    (tmp_path / "a.jsonl").write_text(long_line + "\n", encoding="utf-8")
    [result] = _docs(str(tmp_path / "a.jsonl"), limits=Limits(max_document_bytes=1000))
    assert isinstance(result, DocumentError) and result.code == "ED005"
