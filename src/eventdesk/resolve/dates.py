"""Time expressions -> date ranges, resolved against the publication date.

News dates events relative to the day of publication ("yesterday", "on
Tuesday", "last week", "earlier this month"), so every relative expression
needs ``published``. Without it the expression is kept and the range left
open (precision "unknown"): a date is never invented. Absolute dates that
carry their own year ("3 March 2014") resolve without it.

The rules below are tried in order; the first that matches the expression
wins, so compound forms ("during the past year up to November 21") come
before their parts ("November 21").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast

from eventdesk.dates import MONTHS
from eventdesk.extract.quantities import number_words
from eventdesk.records import Span, Status, TimeRange

__all__ = ["HISTORICAL_BEFORE", "find_time_expressions", "historical_status", "is_historical", "resolve_time"]

Precision = Literal["day", "week", "month", "year", "unknown"]

_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}


@functools.cache
def _numbers() -> dict[str, int]:
    """Number words, and the vague quantities a relative date may use ("a few days ago")."""
    return {
        **number_words(),
        "a": 1,
        "an": 1,
        "several": 3,
        "few": 3,
        "couple of": 2,
        "a couple of": 2,
    }


_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_NUM = r"(?P<num>\d{1,3}|a couple of|couple of|several|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
MONTHS_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# Month-day ("November 21, 2014") and day-month ("3 february") spellings use
# different group names because a regex cannot name two groups alike.
_DATE = (
    rf"(?:(?P<m1>{MONTHS_RE})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS_RE})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    needs_published: bool
    resolve: Callable[[re.Match[str], dt.date | None], tuple[dt.date, dt.date, str] | None]


def _num(text: str | None) -> int:
    if text is None:
        return 1
    text = text.lower().strip()
    return int(text) if text.isdigit() else _numbers().get(text, 1)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _back(published: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return published - dt.timedelta(days=n)
    if unit == "week":
        return published - dt.timedelta(weeks=n)
    return _shift_months(published, -n * (12 if unit == "year" else 1))


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _day_of(m: re.Match[str], published: dt.date | None) -> dt.date | None:
    """The date of a day-month(-year) match; a missing year is the latest
    one that does not put the date more than a week after publication."""
    month_word = m.group("m1") or m.group("m2")
    month = MONTHS[month_word.lower()]
    day = int(m.group("d1") or m.group("d2"))
    year_word = m.group("y1") or m.group("y2")
    if year_word:
        year = int(year_word)
    elif published is not None:
        year = published.year
        if dt.date(year, month, min(day, 28)) > published + dt.timedelta(days=7):
            year -= 1
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _r_past_up_to(m: re.Match[str], published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    end = _day_of(m, published)
    if end is None:
        return None
    unit = _UNITS[m.group("unit")]
    start = _back(end, _num(m.group("num")), unit) + dt.timedelta(days=1)
    return start, end, unit


def _r_date(m: re.Match[str], published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    day = _day_of(m, published)
    return None if day is None else (day, day, "day")


def _r_month_year(m: re.Match[str], _p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    return (*_month_range(int(m.group("year")), MONTHS[m.group("month").lower()]), "month")


def _r_year(m: re.Match[str], _p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _r_iso(m: re.Match[str], _p: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    try:
        day = dt.date.fromisoformat(m.group(0))
    except ValueError:
        return None
    return day, day, "day"


def _r_relative_day(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    assert p is not None  # guarded by needs_published
    word = m.group(0).lower()
    back = 2 if "before yesterday" in word else 1 if ("yesterday" in word or "last night" in word) else 0
    day = p - dt.timedelta(days=back)
    return day, day, "day"


def _r_weekday(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    assert p is not None
    target = _WEEKDAYS[m.group("weekday").lower()]
    back = (p.weekday() - target) % 7
    if m.group("last") and back == 0:
        back = 7
    day = p - dt.timedelta(days=back)
    return day, day, "day"


def _r_ago(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    assert p is not None
    unit = _UNITS[m.group("unit")]
    point = _back(p, _num(m.group("num")), unit)
    if unit == "day":
        return point, point, "day"
    if unit == "week":
        return point - dt.timedelta(days=3), min(p, point + dt.timedelta(days=3)), "week"
    if unit == "month":
        return (*_month_range(point.year, point.month), "month")
    return dt.date(point.year, 1, 1), dt.date(point.year, 12, 31), "year"


def _r_past_n(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    assert p is not None
    unit = _UNITS[m.group("unit")]
    return _back(p, _num(m.group("num")), unit), p, unit


def _r_last_unit(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    """ "last week/month/year": the previous calendar unit; "this ...": so far."""
    assert p is not None
    unit, this = m.group("unit"), m.group("which").lower() == "this"
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday())
        return (monday, p, "week") if this else (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week")
    if unit == "month":
        if this:
            return p.replace(day=1), p, "month"
        prev = p.replace(day=1) - dt.timedelta(days=1)
        return (*_month_range(prev.year, prev.month), "month")
    if this:
        return dt.date(p.year, 1, 1), p, "year"
    return dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31), "year"


def _r_earlier_this(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    assert p is not None
    unit = m.group("unit")
    if unit == "week":
        return p - dt.timedelta(days=p.weekday()), p, "week"
    if unit == "month":
        return p.replace(day=1), p, "month"
    return dt.date(p.year, 1, 1), p, "year"


def _r_month_alone(m: re.Match[str], p: dt.date | None) -> tuple[dt.date, dt.date, str]:
    """ "in March": the latest March that is not after publication."""
    assert p is not None
    month = MONTHS[m.group("month").lower()]
    year = p.year if month <= p.month else p.year - 1
    return (*_month_range(year, month), "month")


def _rule(name: str, pattern: str, needs: bool, fn: Callable[..., tuple[dt.date, dt.date, str] | None]) -> _Rule:
    return _Rule(name, re.compile(pattern, re.IGNORECASE), needs, fn)


# Ordered: compound before simple; the same list drives the text scanner.
_RULES: tuple[_Rule, ...] = (
    _rule(
        "past-up-to",
        rf"(?:during |in |over )?the (?:past|last) (?:{_NUM} )?{_UNIT} (?:up )?(?:to|until|through) {_DATE}",
        True,
        _r_past_up_to,
    ),
    _rule("iso", r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", False, _r_iso),
    _rule("date", rf"(?:on )?\b{_DATE}\b", True, _r_date),
    _rule("month-year", rf"(?:in )?\b{_MONTH}\s+{_YEAR}\b", False, _r_month_year),
    _rule(
        "relative-day",
        r"\b(?:the day before yesterday|yesterday|today|this (?:morning|afternoon|evening)|tonight|last night)\b",
        True,
        _r_relative_day,
    ),
    _rule(
        "weekday", rf"\b(?:on )?(?P<last>last )?{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?\b", True, _r_weekday
    ),
    _rule("ago", rf"\b{_NUM} {_UNIT} ago\b", True, _r_ago),
    _rule("past-n", rf"\b(?:during |in |over |for )?the (?:past|last|previous) (?:{_NUM} )?{_UNIT}\b", True, _r_past_n),
    _rule("earlier-this", r"\b(?:earlier|later) this (?P<unit>week|month|year)\b", True, _r_earlier_this),
    _rule("last-unit", r"\b(?P<which>last|this) (?P<unit>week|month|year)\b", True, _r_last_unit),
    _rule("month", rf"\b(?:in|during|since|early|late|mid-?) {_MONTH}\b", True, _r_month_alone),
    _rule("year", rf"\b(?:in|during|since|of) {_YEAR}\b", False, _r_year),
    # The whole expression a month or a year: the parser's date entity of "in April",
    # "in 2017" is the name alone.
    _rule("bare-month", rf"^\s*(?:(?:early|late|mid)[\s-]+)?{_MONTH}\s*$", True, _r_month_alone),
    _rule("bare-year", rf"^\s*{_YEAR}\s*$", False, _r_year),
)
# "may" and "march" are verbs too: a bare month name needs a preposition above,
# and a day-month date needs its digits.


#: A mention dated wholly more than this before publication is background
#: ("in 2017", "three years ago"): its status becomes "historical".
HISTORICAL_BEFORE = dt.timedelta(days=180)
#: The statuses of things that happened (or are said to have); only these become historical.
_HAPPENED = ("asserted", "reported", "alleged", "claimed", "denied")


def is_historical(time: TimeRange | None, published: dt.date | None) -> bool:
    """True when the text dates the event (a span, resolved) to end more than
    ``HISTORICAL_BEFORE`` before publication."""
    if time is None or time.span is None or time.end is None or published is None:
        return False
    return time.end < published - HISTORICAL_BEFORE


def historical_status(status: Status, time: TimeRange | None, published: dt.date | None) -> Status:
    """``status``, or "historical" for a happened event the text dates long before publication."""
    return "historical" if status in _HAPPENED and is_historical(time, published) else status


def resolve_time(expression: str, published: dt.date | None, *, span: Span | None = None) -> TimeRange:
    """Resolve one time expression into a TimeRange (never invents a date)."""
    for rule in _RULES:
        m = rule.pattern.search(expression)
        if m is None:
            continue
        if rule.needs_published and published is None and rule.name != "date":
            return TimeRange(span=span)
        resolved = rule.resolve(m, published)
        if resolved is None:
            return TimeRange(span=span)
        start, end, precision = resolved
        return TimeRange(span=span, start=start, end=end, precision=cast(Precision, precision))
    return TimeRange(span=span)


def find_time_expressions(text: str) -> list[tuple[int, int, str]]:
    """Time expressions in ``text`` as (start, end, surface), left to right.

    Rules are tried in priority order and a later rule never claims text an
    earlier one already covered, so the compound expression wins.
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, text[s:e]))
    return sorted(found)
