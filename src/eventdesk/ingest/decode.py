"""Bytes to text, refusing what is not text instead of guessing.

A mis-guessed encoding silently garbles names and shifts nothing visibly, so
we accept UTF-8 (with or without BOM) and BOM-marked UTF-16/32, and otherwise
fail with ED004 unless the caller names an encoding explicitly.
"""

from __future__ import annotations

import codecs

from eventdesk.errors import DocumentError

__all__ = ["decode_text", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return, form feed.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True for content no text reader should try: NUL bytes or many controls."""
    head = data[:sample]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.05


def decode_text(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` or raise a DocumentError (ED003 binary, ED004 encoding)."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DocumentError("ED004", f"cannot decode as {encoding}: {exc}", source=source) from exc
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError("ED004", f"bad {codec} text: {exc}", source=source) from exc
    if looks_binary(data):
        raise DocumentError("ED003", "binary content, not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            "ED004",
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "pass --encoding if the file uses another encoding",
            source=source,
        ) from exc
