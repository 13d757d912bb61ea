"""Dates as they are written in files, feeds, flags and query parameters.

The one owner of month names and of parsing a date that somebody wrote down
(an ISO date, RFC 2822 in RSS, "14 March 2026"). Dates *inside* report text
("last Tuesday", "early March") are resolved by ``resolve.dates``, which
reads its month names from here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
import time

from eventdesk.errors import DocumentError, EventdeskError

__all__ = ["MONTHS", "iso_date", "parse_published"]

#: Lower-case month names and abbreviations -> month number ("sept" too).
MONTHS: dict[str, int] = {
    **{name.lower(): i for i in range(1, 13) for name in (calendar.month_name[i], calendar.month_abbr[i])},
    "sept": 9,
}

_WRITTEN = re.compile(r"^(?:(\d{1,2})\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+(\d{4})$")


def iso_date(value: str | dt.date | None, name: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) given for parameter ``name``, or ED042 naming it."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise EventdeskError("ED042", f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


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
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except (ValueError, OverflowError):
            raise DocumentError("ED013", f"publication date {tuple(value)[:3]} is not a date", source=source) from None
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
    except (TypeError, ValueError, IndexError, OverflowError):  # a year like 99999999999 overflows
        return None


def _written(text: str) -> dt.date | None:
    m = _WRITTEN.match(text)
    if not m:
        return None
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(m.group(5)), number, int(day))
    except ValueError:
        return None
