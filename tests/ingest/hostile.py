"""A corpus of hostile inputs, across every reader (issue 12).

``write_corpus(folder)`` writes the files and returns one ``Case`` per
document the ingest must account for, keyed by its source relative to
``folder`` (``x.jsonl:3``, ``f.rss#2``), with what must happen to it:

- ``STORED``: a good (if odd) document; it must be stored;
- ``"EDnnn"``: it must get exactly that coded error;
- ``ERROR``: it must get some coded error (which one is the reader's call);
- ``EITHER``: stored or a coded error, never silence and never a crash.

Every text is our own, short and made up. Nothing here reads the network,
and nothing is big on disk: the large inputs are sparse files or bombs.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventdesk.store import open_store

__all__ = ["EITHER", "ERROR", "STORED", "Case", "figures", "misses", "outcomes", "write_corpus"]

STORED = "stored"
ERROR = "error"
EITHER = "either"

PLACES = ("Gao", "Kidal", "Mopti", "Menaka", "Segou", "Kayes", "Bamako", "Tessalit", "Ansongo", "Douentza")


@dataclass(frozen=True)
class Case:
    source: str  # relative to the corpus folder
    expect: str
    why: str


def report(i: int) -> str:
    """A short made-up report, different for every ``i`` (so no two are duplicates)."""
    place = PLACES[i % len(PLACES)]
    return (
        f"Gunmen attacked a police post near {place} on Tuesday, killing {i % 5 + 2} officers, "
        f"a regional official said in report {i}. Residents said the attackers came on motorcycles "
        f"and burned two vehicles before leaving towards the river."
    )


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cases: list[Case] = []
        self.n = 0

    def good(self) -> str:
        self.n += 1
        return report(self.n)

    def file(self, name: str, data: bytes, expect: str, why: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.cases.append(Case(name, expect, why))
        return path

    def case(self, source: str, expect: str, why: str) -> None:
        self.cases.append(Case(source, expect, why))

    def container(self, name: str, data: bytes, records: dict[str, tuple[str, str]]) -> None:
        """A file whose records are the cases (``{":1": (STORED, why)}``, ``{"#2": ...}``)."""
        self.file(name, data, EITHER, "")
        self.cases.pop()
        for suffix, (expect, why) in records.items():
            self.case(name + suffix, expect, why)


def write_corpus(folder: Path, outside: Path) -> list[Case]:
    """Write the corpus under ``folder``; ``outside`` is a folder beside it for link targets."""
    w = _Writer(folder)
    for family in FAMILIES:
        family(w, outside)
    return w.cases


def _txt(w: _Writer, outside: Path) -> None:
    rng = random.Random(12)
    good = w.good
    w.file("txt/empty.txt", b"", "ED002", "empty")
    w.file("txt/blank.txt", b" \n\t\n  \r\n", "ED002", "whitespace only")
    w.file("txt/nul.txt", good().encode() + b"\x00" * 10, "ED003", "NUL bytes")
    w.file("txt/random.txt", rng.randbytes(4096), ERROR, "random bytes")
    w.file("txt/controls.txt", bytes(range(1, 9)) * 300, "ED003", "control characters")
    w.file("txt/latin1.txt", "Affrontements à Gao: l'armée a riposté.".encode("latin-1"), "ED004", "latin-1")
    w.file("txt/cp1252.txt", "\u201cGunmen attacked\u201d a post near Gao.".encode("cp1252"), "ED004", "cp1252")
    w.file("txt/utf16-bom.txt", good().encode("utf-16"), STORED, "UTF-16 with BOM")
    w.file("txt/utf16-nobom.txt", good().encode("utf-16-le"), "ED003", "UTF-16 without BOM")
    w.file("txt/utf32-bom.txt", good().encode("utf-32"), STORED, "UTF-32 with BOM")
    w.file("txt/utf8-bom.txt", codecs.BOM_UTF8 + good().encode(), STORED, "UTF-8 with BOM")
    w.file("txt/utf16-odd.txt", codecs.BOM_UTF16_LE + b"G\x00a\x00o", "ED004", "UTF-16 cut mid-character")
    w.file("txt/surrogate.txt", good().encode() + b"\xed\xa0\x80", "ED004", "an encoded lone surrogate")
    w.file("txt/overlong.txt", good().encode() + b"\xc0\xaf", "ED004", "overlong UTF-8")
    w.file("txt/cut.txt", good().encode() + "é".encode()[:1], "ED004", "UTF-8 cut mid-character")
    w.file("txt/crlf.txt", good().replace(". ", ".\r\n").encode(), STORED, "CRLF line ends")
    w.file("txt/cr.txt", good().replace(". ", ".\r").encode(), STORED, "bare CR line ends")
    for value in ("Tue, 10 Mar 99999999999 08:15:00 +0000", "99999999999-03-10", "0000-01-01", "10000-01-01", "1e400"):
        w.file(f"txt/year-{len(w.cases)}.txt", f"published: {value}\n\n{good()}".encode(), STORED, "bad year")
    w.file("txt/year-1.txt", f"published: 0001-01-01\n\n{good()}".encode(), EITHER, "year 1 (dates underflow)")
    w.file("txt/year-9999.txt", f"published: 9999-12-31\n\n{good()}".encode(), EITHER, "year 9999")
    w.file("txt/header-only.txt", b"title: Clashes\nurl: https://example.org/x\n\n", ERROR, "header, no body")
    w.file("txt/long-header.txt", b"title: " + b"A" * 1_000_000 + b"\n\n" + good().encode(), EITHER, "1 MB title")
    w.file("txt/one-word.txt", b"Gao" * 400_000, EITHER, "1.2 MB without a space")
    w.file(
        "txt/toll.txt",
        b"99999999999999999999999 people were killed when gunmen attacked a market near Gao on Monday, officials said.",
        "ED016",
        "toll above 2^63",
    )
    w.file(
        "txt/toll-2-63.txt",
        f"{2**63} people were killed in clashes near Kidal on Monday.".encode(),
        EITHER,
        "toll of exactly 2^63",
    )
    w.file("txt/digits.txt", b"Gunmen killed " + b"9" * 5000 + b" soldiers near Gao.", EITHER, "5000-digit toll")
    w.file("txt/numbers.txt", b"Gunmen killed 1e400 and NaN and -0 soldiers near Mopti.", EITHER, "odd numbers")
    w.file("txt/rtl.txt", ("\u202e" + good() + "\u200f\ufeff").encode(), EITHER, "bidi controls")
    w.file("txt/zalgo.txt", ("G\u0300\u0301\u0302" * 2000 + " near Gao.").encode(), EITHER, "combining marks")
    w.file("txt/emoji.txt", ("\U0001f4a5 " + good()).encode(), STORED, "astral characters")
    w.file("txt/tabs.txt", (good() + "\f\v\t").encode(), EITHER, "form feed and vertical tab")
    w.file("txt/escape.txt", ("\x1b[31m" + good() + "\x1b[0m").encode(), EITHER, "terminal escapes")
    big = w.folder / "txt/huge.txt"
    with big.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: nothing on disk
    w.case("txt/huge.txt", "ED005", "60 MB")
    w.file("txt/6mb.txt", b"Gao. " * 1_200_001, "ED005", "just over 5 MB")
    w.file("txt/UPPER.TXT", w.good().encode(), STORED, "upper-case suffix")
    w.file("txt/notes.md", w.good().encode(), STORED, "markdown")


def _names(w: _Writer, outside: Path) -> None:
    raw = os.fsencode(str(w.folder / "names"))
    for suffix in (b"/caf\xe9.txt", b"/\xff\xfe.txt", b"/a\nb.txt", b"/ space .txt", b"/" + b"x" * 240 + b".txt"):
        name = os.fsdecode(raw + suffix)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_bytes(w.good().encode())
        shown = (raw + suffix).decode("utf-8", "backslashreplace")[len(str(w.folder)) + 1 :]
        w.case(shown, STORED, "odd file name")
    w.file("names/–dash–ünïcode–名前.txt", w.good().encode(), STORED, "unicode file name")
    w.file("names/-rf.txt", w.good().encode(), STORED, "name like an option")


def _html(w: _Writer, outside: Path) -> None:
    def page(body: str) -> bytes:
        return f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>".encode()

    paragraphs = "".join(f"<p>{w.good()}</p>" for _ in range(3))
    w.file("html/good.html", page(paragraphs), STORED, "a plain article")
    w.file("html/empty.html", b"", "ED002", "empty")
    w.file("html/nobody.html", b"<html><head><title>x</title></head></html>", ERROR, "no body")
    w.file("html/script.html", b"<html><body><script>" + b"x=1;" * 1000 + b"</script></body></html>", ERROR, "script")
    w.file(
        "html/unclosed.htm",
        page(f"<p>{w.good()}<div><span><p>{w.good()}").replace(b"</article>", b""),
        EITHER,
        "unclosed tags",
    )
    w.file("html/nested.html", page("<div>" * 50_000 + w.good() + "</div>" * 50_000), EITHER, "50,000 nested divs")
    w.file("html/bold.html", page("<b>" * 20_000 + w.good()), EITHER, "20,000 unclosed <b>")
    w.file("html/binary.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "ED003", "a PNG named .html")
    w.file(
        "html/latin1.html",
        page("<p>Affrontements à Gao, l'armée a riposté.</p>").decode().encode("latin-1"),
        "ED004",
        "latin-1",
    )
    w.file(
        "html/entities.html",
        page(f"<p>{w.good()} &#xD800; &#0; &#x110000; &bogus;</p>"),
        EITHER,
        "invalid character references",
    )
    w.file("html/attr.html", page(f'<p title="{"a" * 1_000_000}">{w.good()}</p>'), EITHER, "1 MB attribute")
    w.file(
        "html/iframe.html",
        page(f'<iframe src="file:///etc/passwd"></iframe><p>{w.good()}</p>'),
        EITHER,
        "iframe naming a local file",
    )


def _jsonl(w: _Writer, outside: Path) -> None:
    def rec(**fields: object) -> str:
        import json

        return json.dumps(fields)

    lines: list[tuple[str, str, str]] = [
        (rec(text=w.good(), published="2026-03-01"), STORED, "good"),
        ('{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "ED016", "deep nesting"),
        ('{"text": "x", "deep": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}", "ED016", "deep objects"),
        (rec(text=w.good(), published="Tue, 10 Mar 99999999999 08:15:00 +0000"), STORED, "giant year"),
        (rec(text=w.good(), published="99999999999-01-01"), STORED, "giant ISO year"),
        ('{"text": "Troops \\ud800 clashed near Gao."}', "ED004", "lone surrogate"),
        ('{"text": "Troops clashed near Gao.", "title": "\\udfff"}', "ED004", "lone low surrogate in title"),
        ('{"text": "' + w.good() + '", "n": ' + "9" * 5000 + "}", "ED016", "5000-digit integer"),
        ('{"text": "' + w.good() + '", "n": 1e400, "m": NaN}', STORED, "infinity and NaN"),
        ('["a", "list"]', "ED007", "a list"),
        ('"a string"', "ED007", "a string"),
        ("42", "ED007", "a number"),
        ("null", "ED007", "null"),
        (rec(url="https://example.org/none"), "ED008", "no text"),
        (rec(text=12345), "ED008", "text is a number"),
        (rec(text=""), ERROR, "empty text"),
        (rec(html="<p></p>"), ERROR, "empty html"),
        ('{"text": "Troops clashed near', "ED007", "truncated"),
        ('{"text": "x",}', "ED007", "trailing comma"),
        ("\ufeff" + rec(text=w.good()), EITHER, "BOM mid-file"),
        (rec(text=w.good(), published={"year": 99999999999}), STORED, "date is an object"),
        (rec(text=w.good(), published=True), STORED, "date is true"),
        (rec(text=w.good(), url="file:///etc/passwd"), STORED, "url naming a local file"),
        (rec(text=w.good(), **{"k" * 100_000: 1}), STORED, "100 kB key"),
        (rec(text=w.good() + "\x00\x01\x1b"), EITHER, "control characters in text"),
        ('{"text": "' + "\\\\" * 50 + '\\"[[[[\\" ' + w.good() + '"}', STORED, "escapes and brackets in a string"),
    ]
    body = "\n".join(line for line, _, _ in lines) + "\n"
    records = {f":{number}": (expect, why) for number, (_, expect, why) in enumerate(lines, start=1)}
    w.container("json/mixed.jsonl", body.encode(), records)
    w.file("json/binary.ndjson", os.urandom(2048) + b"\x00", "ED003", "binary")
    w.file("json/empty.jsonl", b"\n\n", "ED002", "blank lines only")
    w.container(
        "json/latin1.jsonl", '{"text": "Affrontements à Gao."}\n'.encode("latin-1"), {":1": ("ED004", "latin-1")}
    )


def _feed(items: str, title: str = "Sahel Monitor", head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


def _item(text: str, extra: str = "") -> str:
    return f"<item><title>Report</title>{extra}<description>{text}</description></item>"


def _feeds(w: _Writer, outside: Path) -> None:
    for i, target in enumerate(("/etc/hostname", "/etc/passwd", "/dev/zero", "/proc/self/environ")):
        w.file(f"feed/path-{i}.rss" if i % 2 else f"feed/path-{i}.xml", target.encode(), "ED010", "a path as content")
    w.file("feed/url.xml", b"file:///etc/passwd", "ED010", "a file URL as content")
    w.file("feed/http.rss", b"http://127.0.0.1:9/feed", "ED010", "a URL as content")
    secret = outside / "secret-feed.rss"
    secret.write_bytes(_feed(_item("Secret text that must not be read.")))
    w.file("feed/pointer.xml", str(secret).encode(), "ED010", "the path of a real feed")
    xxe = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    w.file("feed/xxe.rss", _feed(_item("&xxe;"), head=xxe), "ED010", "external entity")
    laughs = (
        "<!DOCTYPE rss ["
        + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "ha"}">' for i in range(10))
        + "]>"
    )
    w.file("feed/laughs.rss", _feed(_item("&l9;"), head=laughs), "ED010", "billion laughs")
    w.file(
        "feed/laughs16.xml",
        _feed(_item("&l9;"), head=laughs).decode().replace("utf-8", "utf-16").encode("utf-16"),
        "ED010",
        "billion laughs in UTF-16",
    )
    w.file("feed/empty.rss", _feed(""), "ED009", "no items")
    w.file("feed/broken.xml", b"<rss><channel><item><title>x</ti", "ED010", "broken")
    w.file("feed/binary.atom", b"\x00\x01\x02" * 100, "ED003", "binary")
    items = _item(w.good(), "<pubDate>Tue, 10 Mar 2026 08:15:00 +0000</pubDate>") + _item("", "<link>x</link>")
    w.container("feed/good.rss", _feed(items), {"#1": (STORED, "a good item"), "#2": ("ED002", "an empty item")})
    giant = _item(w.good(), "<pubDate>Tue, 10 Mar 99999999999 08:15:00 +0000</pubDate>")
    w.container("feed/year.rss", _feed(giant), {"#1": (STORED, "giant pubDate year")})
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Horn Wire</title>'
        f"<entry><title>x</title><id>urn:x:1</id><updated>99999-01-01T00:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{w.good()}&lt;/p&gt;</content></entry></feed>'
    )
    w.container("feed/good.atom", atom.encode(), {"#1": (STORED, "atom entry with a bad updated date")})
    script = _item(f"&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;{w.good()}&lt;/p&gt;")
    w.container("feed/script.rss", _feed(script), {"#1": (EITHER, "script in an item")})


def _warc_bytes(pages: list[tuple[str, bytes, str]], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _warc(w: _Writer, outside: Path) -> None:
    html = "text/html; charset=utf-8"

    def page() -> bytes:
        return f"<html><body><article><p>{w.good()}</p><p>{w.good()}</p></article></body></html>".encode()

    w.container("warc/good.warc.gz", _warc_bytes([("https://example.org/a", page(), html)]), {"#1": (STORED, "good")})
    whole = _warc_bytes([("https://example.org/b", page(), html), ("https://example.org/c", page(), html)])
    w.file("warc/cut.warc.gz", whole[:-100], "ED011", "gzip cut off")
    plain = gzip.decompress(_warc_bytes([("https://example.org/d", page(), html)]))
    w.file("warc/cut.warc", plain[:-100], "ED011", "plain WARC cut off")
    member = gzip.compress(b"WARC/1.0\r\n" + b"A" * 99 + b"\n" * (100_000_000 - 109), compresslevel=9)
    w.file("warc/bomb.warc.gz", member * 16, "ED005", "1.5 MB gzip bomb")
    w.file("warc/line.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: " + b"a" * 6_000_000), "ED016", "endless line")
    w.file("warc/garbage.warc", b"WARC/1.0\r\nnonsense\r\n\r\n", "ED011", "garbage")
    w.file("warc/notgzip.warc.gz", b"\x1f\x8b" + os.urandom(500), "ED011", "corrupt gzip")
    w.file(
        "warc/images.warc.gz",
        _warc_bytes([("https://example.org/i.png", b"\x89PNG", "image/png")]),
        "ED009",
        "no HTML response",
    )
    latin = _warc_bytes([("https://example.org/l", "<p>Affrontements à Gao.</p>".encode("latin-1"), "text/html")])
    w.container("warc/latin1.warc.gz", latin, {"#1": ("ED004", "latin-1 body without a charset")})
    nope = _warc_bytes([("https://example.org/z", page(), "text/html; charset=nope")])
    w.container("warc/badcharset.warc.gz", nope, {"#1": ("ED004", "unknown charset")})
    w.file("warc/empty.warc.gz", gzip.compress(b""), "ED011", "empty gzip")


def _other(w: _Writer, outside: Path) -> None:
    w.file("other/photo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(64), "ED012", "an image")
    w.file("other/report.pdf", b"%PDF-1.7\n" + os.urandom(64), "ED012", "a PDF")
    w.file("other/notes.txt.gz", gzip.compress(w.good().encode()), "ED012", "gzipped text")
    w.file("other/README", w.good().encode(), "ED012", "no suffix")
    (w.folder / "other" / ".hidden.txt").write_bytes(w.good().encode())  # skipped by the walk, on purpose
    os.mkfifo(w.folder / "other" / "pipe.txt")  # skipped: reading it would block forever


def _links(w: _Writer, outside: Path) -> None:
    links = w.folder / "links"
    links.mkdir()
    (outside / "passwd.txt").write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    for name, target in (
        ("passwd.txt", outside / "passwd.txt"),
        ("etc-hostname.txt", Path("/etc/hostname")),
        ("zero.txt", Path("/dev/zero")),
        ("dangling.txt", Path("/nonexistent/eventdesk/x.txt")),
        ("outside-dir", outside),
    ):
        (links / name).symlink_to(target)
        w.case(f"links/{name}", "ED017", "a link out of the folder")
    inside = w.file("links/inside-target.txt", w.good().encode(), STORED, "a link target inside")
    (links / "inside.txt").symlink_to(inside)  # read too, and stored once: the same text
    (links / "loop").symlink_to(links, target_is_directory=True)


def outcomes(db: Path, folder: Path) -> tuple[set[str], dict[str, set[str]]]:
    """(sources stored, codes by source) under ``folder``, relative to it."""
    prefix = f"{folder}/"
    with open_store(db) as store:
        stored = {a.source.removeprefix(prefix) for a in store.articles() if a.source}
        errors: dict[str, set[str]] = {}
        for row in store.errors():
            errors.setdefault(row["source"].removeprefix(prefix), set()).add(row["code"])
    return stored, errors


def misses(cases: list[Case], stored: set[str], errors: dict[str, set[str]]) -> list[str]:
    """Every case whose outcome is not what it expects (empty when all hold)."""
    misses = []
    for case in cases:
        codes = errors.get(case.source, set()) - {"ED013"}  # ED013 is a warning: the document is kept
        ok = {
            STORED: case.source in stored,
            ERROR: bool(codes) and case.source not in stored,
            EITHER: (case.source in stored) != bool(codes),
        }.get(case.expect, codes == {case.expect} and case.source not in stored)
        if not ok:
            misses.append(
                f"{case.source} ({case.why}): expected {case.expect}, stored={case.source in stored}, {codes}"
            )
    return misses


#: Families, for a reader of this file; each writes its cases through ``_Writer``.
FAMILIES: tuple[Callable[[_Writer, Path], None], ...] = (_txt, _names, _html, _jsonl, _feeds, _warc, _other, _links)


def figures(workdir: Path) -> dict[str, int | float | str]:
    """The figures docs/reliability.md quotes: the corpus mixed with the bundled
    examples, ingested twice into a fresh database under ``workdir``."""
    import resource

    from eventdesk import ingest
    from eventdesk.cli.ingest import example_paths
    from eventdesk.pipeline import Pipeline

    (workdir / "in").mkdir(parents=True)
    (workdir / "outside").mkdir()
    cases = write_corpus(workdir / "in", workdir / "outside")
    paths, db, pipeline = [*example_paths(), str(workdir / "in")], workdir / "e.db", Pipeline.load()
    try:
        first = ingest(paths, db, pipeline=pipeline)
        with open_store(db) as store:
            before = store.snapshot()
        again = ingest(paths, db, pipeline=pipeline)
    except Exception as exc:  # the figure that must be 0; report it rather than hide it
        return {"hostile_cases": len(cases), "crashes": 1, "crash": f"{type(exc).__name__}: {exc}"}
    stored, errors = outcomes(db, workdir / "in")
    with open_store(db) as store:
        after = store.snapshot()
    good = [c for c in cases if c.expect == STORED]
    return {
        "hostile_cases": len(cases),
        "example_reports": len(example_paths()),
        "documents_read": first.documents,
        "crashes": 0,
        "good_cases_lost": sum(c.source not in stored for c in good),
        "cases_off_expectation": len(misses(cases, stored, errors)),
        "coded_errors": len(first.errors),
        "rows_added_by_rerun": sum(len(after[t]) - len(before[t]) for t in after),
        "stored_by_rerun": again.stored,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(figures(Path(tmp)), indent=2))
