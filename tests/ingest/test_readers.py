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
        ("cut-header.warc", b"WARC/1.0\nWARC-Type:response", "ED011"),  # found by tests/ingest/test_fuzz.py
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


# Issue 12: inputs that used to abort the whole ingest; each is now one coded
# error (or a warning) for its own document, and the reader never raises.


def _one(tmp_path: Path, name: str, content: bytes) -> RawDocument | DocumentError:
    (tmp_path / name).write_bytes(content)
    [result] = _docs(str(tmp_path / name))
    return result


def test_deeply_nested_json_line_is_ed016(tmp_path: Path) -> None:
    line = b'{"text": "Troops clashed near Gao.", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    result = _one(tmp_path, "deep.jsonl", line)
    assert isinstance(result, DocumentError) and result.code == "ED016"


def test_brackets_inside_json_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    text = "Rebels [" * 50 + 'said \\"[[[\\" and {{{'
    result = _one(tmp_path, "b.jsonl", ('{"text": "' + text + '"}\n').encode())
    assert isinstance(result, RawDocument), result


def test_json_integer_wider_than_the_limit_is_ed016(tmp_path: Path) -> None:
    line = '{"text": "Troops clashed near Gao.", "n": ' + "9" * 5000 + "}\n"
    result = _one(tmp_path, "wide.jsonl", line.encode())
    assert isinstance(result, DocumentError) and result.code == "ED016"


def test_lone_surrogate_in_jsonl_text_is_ed004(tmp_path: Path) -> None:
    result = _one(tmp_path, "s.jsonl", b'{"text": "Troops \\ud800 clashed near Gao."}\n')
    assert isinstance(result, DocumentError) and result.code == "ED004"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("year.txt", b"published: Tue, 10 Mar 99999999999 08:15:00 +0000\n\nTroops clashed near Gao."),
        ("year-iso.txt", b"published: 99999999999-03-10\n\nTroops clashed near Gao."),
        (
            "year.jsonl",
            b'{"text": "Troops clashed near Gao.", "published": "Tue, 10 Mar 99999999999 08:15:00 +0000"}\n',
        ),
        (
            "year.rss",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Gao</title>'
            b"<pubDate>Tue, 10 Mar 99999999999 08:15:00 +0000</pubDate>"
            b"<description>Troops clashed near Gao.</description></item></channel></rss>",
        ),
    ],
)
def test_giant_year_is_a_warning_and_the_document_is_kept(tmp_path: Path, name: str, content: bytes) -> None:
    result = _one(tmp_path, name, content)
    assert isinstance(result, RawDocument) and result.published is None
    assert [w.code for w in result.warnings] == ["ED013"]


def test_year_outside_the_limits_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"published: 1850-03-10\n\nTroops clashed near Gao.")
    [doc] = _docs(str(tmp_path / "a.txt"), limits=Limits(min_year=1900))
    assert isinstance(doc, RawDocument) and doc.published is None and doc.warnings[0].code == "ED013"


@pytest.mark.parametrize("target", ["/etc/hostname", "/dev/zero", "/proc/self/environ"])
@pytest.mark.parametrize("suffix", [".rss", ".xml"])
def test_feed_holding_a_path_is_malformed_not_read(tmp_path: Path, target: str, suffix: str) -> None:
    result = _one(tmp_path, "path" + suffix, target.encode())
    assert isinstance(result, DocumentError) and result.code == "ED010", result


def test_feed_never_reads_what_a_path_in_it_names(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        "<description>Secret text.</description></item></channel></rss>",
        encoding="utf-8",
    )
    result = _one(tmp_path, "pointer.xml", str(secret).encode())
    assert isinstance(result, DocumentError) and result.code == "ED010"


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>',
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_feed_entity_declarations_are_refused(tmp_path: Path, declaration: str) -> None:
    feed = (
        f'<?xml version="1.0"?>{declaration}<rss version="2.0"><channel><title>T</title>'
        "<item><description>Troops clashed near Gao. &xxe;&b;</description></item></channel></rss>"
    )
    for codec in ("utf-8", "utf-16"):
        result = _one(tmp_path, f"x-{codec}.rss", feed.replace('"1.0"?', f'"1.0" encoding="{codec}"?').encode(codec))
        assert isinstance(result, DocumentError) and result.code == "ED010", (codec, result)


def test_feed_item_count_is_limited(tmp_path: Path) -> None:
    items = "".join(f"<item><description>Clash number {i} near Gao.</description></item>" for i in range(5))
    (tmp_path / "f.rss").write_text(f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    results = _docs(str(tmp_path / "f.rss"), limits=Limits(max_records=3))
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == ["ok", "ok", "ok", "ED016"]


def test_jsonl_record_count_is_limited(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Troops clashed near Gao."}\n' * 5, encoding="utf-8")
    results = _docs(str(tmp_path / "a.jsonl"), limits=Limits(max_records=2))
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == ["ok", "ok", "ED016"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("gzipped", [True, False])
def test_truncated_warc_is_ed011(tmp_path: Path, gzipped: bool) -> None:
    import gzip

    page = b"<html><body><article><p>" + b"An air strike hit a market in Idlib. " * 40 + b"</p></article></body></html>"
    whole = _warc([("https://example.org/a", page), ("https://example.org/b", page)])
    data = whole if gzipped else gzip.decompress(whole)
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])
    results = _docs(str(tmp_path / "cut.warc.gz"))
    assert isinstance(results[-1], DocumentError) and results[-1].code == "ED011", results
    assert all(isinstance(r, RawDocument) for r in results[:-1])


def test_warc_gzip_bomb_is_refused(tmp_path: Path) -> None:
    import gzip

    bomb = gzip.compress(b"WARC/1.0\r\n" + (b"\0" * 999 + b"\n") * 50_000, compresslevel=9)
    result = _one(tmp_path, "bomb.warc.gz", bomb)
    assert isinstance(result, DocumentError) and result.code == "ED005"


def test_warc_endless_header_line_is_ed016(tmp_path: Path) -> None:
    import gzip

    endless = gzip.compress(b"WARC/1.0\r\nWARC-Type: " + b"a" * 2_000_000)
    (tmp_path / "line.warc.gz").write_bytes(endless)
    [result] = _docs(str(tmp_path / "line.warc.gz"), limits=Limits(max_line_bytes=1_000_000))
    assert isinstance(result, DocumentError) and result.code == "ED016"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_cut_anywhere_never_yields_a_partial_page(gzipped: bool) -> None:
    import gzip

    from eventdesk.ingest.readers import read_warc

    page = b"<html><body><article><p>" + b"Shelling hit a market in Idlib. " * 30 + b"</p></article></body></html>"
    whole = _warc([("https://example.org/a", page), ("https://example.org/b", page + b"<!-- b -->")])
    data = whole if gzipped else gzip.decompress(whole)
    complete = [d.html for d in read_warc(data, "w", Limits()) if isinstance(d, RawDocument)]
    assert len(complete) == 2
    for cut in range(1, len(data), 3):
        results = list(read_warc(data[:cut], "w", Limits()))
        assert all(isinstance(r, DocumentError) or r.html in complete for r in results), cut
        assert len(results) >= 1, cut  # never silence
