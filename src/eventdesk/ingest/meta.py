"""Metadata values as they come in files, feeds and flags."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time

from eventdesk.errors import DocumentError

__all__ = ["HEADER_KEYS", "parse_published", "split_header"]

#: Keys accepted in a .txt metadata header ("key: value" lines, then a blank line).
HEADER_KEYS = frozenset({"title", "url", "outlet", "published", "date", "language"})
_HEADER_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*?)[ \t]*$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_WRITTEN = re.compile(r"^(?:(\d{1,2})\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+(\d{4})$")


def parse_published(value: object, *, source: str) -> dt.date | None:
    """Parse a publication date in the forms feeds and files use.

    Accepts ISO 8601 (date or datetime), RFC 2822 (RSS), feedparser's
    struct_time, "14 March 2026" and "March 14, 2026". Anything else raises
    ED013: a wrong date would misplace the event, so we never guess.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    for parse in (_iso, _rfc2822, _written):
        found = parse(text)
        if found is not None:
            return found
    raise DocumentError("ED013", f"publication date {text[:60]!r} does not parse", source=source)


def _iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _rfc2822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _written(text: str) -> dt.date | None:
    m = _WRITTEN.match(text)
    if not m:
        return None
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(m.group(5)), number, int(day))
    except ValueError:
        return None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split an optional "key: value" header off a .txt document.

    The header counts only when every line before the first blank line is a
    known key, so a body that starts "Update: ..." is left alone.
    """
    head, sep, body = text.partition("\n\n")
    if not sep:
        return {}, text
    fields: dict[str, str] = {}
    for line in head.splitlines():
        m = _HEADER_LINE.match(line)
        if not m or m.group(1).lower() not in HEADER_KEYS:
            return {}, text
        fields[m.group(1).lower()] = m.group(2)
    return fields, body
