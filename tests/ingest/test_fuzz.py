"""Hypothesis fuzzing of every reader, then cleaning (issue 12): whatever the
bytes, a reader yields documents or coded errors and never raises, what it
yields can be stored, and cleaning fails only with a coded error."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventdesk.clean import clean
from eventdesk.errors import CODES, DocumentError
from eventdesk.ingest.limits import Limits
from eventdesk.ingest.raw import RawDocument
from eventdesk.ingest.readers import READERS, sniff

#: Small limits, so that the fuzzer reaches them.
LIMITS = Limits(max_document_bytes=20_000, max_line_bytes=5_000, max_json_depth=8, max_records=20, max_number_digits=6)

#: Pieces of every format, so that random bytes get past the first check.
FRAGMENTS = [
    b'{"text": "',
    b'", "published": "',
    b'"}',
    b"[",
    b"]",
    b"{",
    b"}",
    b"\\ud800",
    b"\\u0000",
    b"99999999999",
    b"<?xml version='1.0'?>",
    b"<rss version='2.0'><channel><title>T</title>",
    b"<item><description>",
    b"</description><pubDate>Tue, 10 Mar 99999999999 08:15:00 +0000</pubDate></item>",
    b"</channel></rss>",
    b'<!DOCTYPE rss [<!ENTITY a "b">]>',
    b"&a;",
    b"/etc/hostname",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n",
    b"Content-Length: 40\r\n\r\n",
    b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>",
    b"published: ",
    b"\n\n",
    b"\r\n",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"Gunmen killed 99999999999999999999999 people near Gao.",
]

fuzz_bytes = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=40)), max_size=30).map(b"".join),
)


def _check(results: list[RawDocument | DocumentError]) -> None:
    for result in results:
        if isinstance(result, DocumentError):
            assert result.code in CODES
            continue
        assert isinstance(result, RawDocument)
        for value in (result.source, result.text, result.html, result.title, result.url, result.outlet):
            if value is not None:
                value.encode("utf-8")  # storable: no lone surrogates
        try:
            clean(result)
        except DocumentError as err:
            assert err.code in CODES


@pytest.mark.parametrize("suffix", sorted(READERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=fuzz_bytes)
def test_readers_yield_documents_or_coded_errors(suffix: str, data: bytes) -> None:
    _check(list(READERS[suffix](data, f"fuzz{suffix}", LIMITS, None)))


@settings(max_examples=150, deadline=None)
@given(data=fuzz_bytes)
@example(data=b"WARC/1.0\nWARC-Type:response")  # warcio raised AttributeError
def test_gzipped_fuzz_reads_as_warc_without_raising(data: bytes) -> None:
    packed = gzip.compress(data)
    _check(list(sniff(packed)(packed, "fuzz.warc.gz", LIMITS, None)))
