"""When two mentions tell of one event: the facts linking compares, and the
rules, each saying which features matched (the merge log's reasons).

Two mentions link when they agree on everything both of them know and share
enough to be one event: the event type, the place (across reports a place
both name is required), dates that overlap within ``DATE_SLACK`` (so never
across years), and a shared actor when both name one. A pair that breaks any
of these *contradicts*: the linker never puts contradicting mentions in one
event, even through a third mention that agrees with both.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.lexicons import words
from eventdesk.link.corrections import MentionFix
from eventdesk.records import Mention, Status

__all__ = ["DATE_SLACK", "Facts", "contradiction", "facts_of", "match"]

#: How far apart two reports' dates may be and still be the same event; wire
#: reports of a strike often date it by the day of reporting.
DATE_SLACK = dt.timedelta(days=1)
#: How many words before an event noun are read for a distinct-event cue.
_CUE_WORDS = 3
#: A year written in figures.
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, kw_only=True, slots=True)
class Facts:
    """What linking compares, pulled out of a mention (and its review) once."""

    mention: Mention
    article_id: str
    #: The order-free sort key: publication date, article, trigger offset, id.
    key: tuple[dt.date, str, int, str]
    event_type: str
    sub_event_type: str
    status: Status
    place: str | None
    actors: frozenset[str]
    #: The actor an analyst gave this mention (it replaces the report's).
    reviewed_actor: str | None
    start: dt.date | None
    end: dt.date | None
    killed: tuple[int | None, int | None, int | None] | None
    #: The report says this is one of several events of its kind ("a second blast").
    distinct: bool
    #: The years its sentence names in figures ("since the 2017 bombing").
    years: frozenset[int]


@functools.cache
def _cue_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(w) for w in words("distinct-event-cues"))
    return re.compile(rf"\b(?:{cues})\b", re.IGNORECASE)


def _distinct(mention: Mention) -> bool:
    """True when a distinct-event cue stands in the few words before the trigger."""
    sentence, trigger = mention.sentence, mention.trigger
    before = sentence.text[: max(0, trigger.start - sentence.start)].split()[-_CUE_WORDS:]
    return bool(_cue_pattern().search(" ".join(before)))


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def facts_of(mention: Mention, published: dt.date | None, fix: MentionFix | None = None) -> Facts:
    """The facts of ``mention``, with its reviewed values over the machine's."""
    fixed: Mapping[str, object] = fix.values if fix else {}
    place = next((r.resolved_id for r in mention.roles_of("place") if r.resolved_id), None)
    actors = frozenset(r.resolved_id or r.span.text.lower() for r in mention.roles if r.role in ("actor", "side"))
    killed = mention.casualty("killed")
    figures = (killed.low, killed.best, killed.high) if killed else None
    if any(f in fixed for f in ("fatalities_low", "fatalities_best", "fatalities_high")):
        low, best, high = figures or (None, None, None)
        figures = tuple(  # type: ignore[assignment]
            fixed.get(f"fatalities_{n}", v) for n, v in (("low", low), ("best", best), ("high", high))
        )
    sub_type = str(fixed.get("sub_event_type") or mention.sub_event_type)
    event_type = str(
        fixed.get("event_type")
        or (load_taxonomy().event_type_of.get(sub_type) if "sub_event_type" in fixed else None)
        or mention.event_type
    )
    time = mention.time
    actor = fixed.get("actor1")
    return Facts(
        mention=mention,
        article_id=mention.article_id,
        key=(published or dt.date.max, mention.article_id, mention.trigger.start, mention.id),
        event_type=event_type,
        sub_event_type=sub_type,
        status=cast(Status, fixed.get("status") or mention.status),
        place=str(fixed["place_id"]) if fixed.get("place_id") else (None if "place_id" in fixed else place),
        actors=frozenset({str(actor)}) if actor else actors,
        reviewed_actor=str(actor) if actor else None,
        start=_date(fixed["start"]) if "start" in fixed else (time.start if time else None),
        end=_date(fixed["end"]) if "end" in fixed else (time.end if time else None),
        killed=figures,
        distinct=_distinct(mention),
        years=frozenset(int(y) for y in _YEAR.findall(mention.sentence.text)),
    )


def _other_year(undated: Facts, dated: Facts) -> bool:
    """True when ``undated`` has no dates but its sentence names years, none of
    them a year ``dated`` covers."""
    if undated.start is not None or dated.start is None or not undated.years:
        return False
    covered = set(range(dated.start.year, (dated.end or dated.start).year + 1))
    return not undated.years & covered


def _certain(status: str) -> bool:
    """Asserted, reported, or claimed by its perpetrator ("X claimed
    responsibility for the attack" is about the attack just reported)."""
    return status in ("asserted", "reported", "claimed")


def _overlap(a: Facts, b: Facts) -> bool:
    """Dates within the slack of each other (true when either has none)."""
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start - DATE_SLACK <= b_end and b.start - DATE_SLACK <= a_end


def contradiction(a: Facts, b: Facts) -> str | None:
    """Why ``a`` and ``b`` cannot be one event, or None when nothing they both
    know disagrees."""
    # Cheapest and most often decisive first: within a place's block most
    # pairs are of other days.
    if not _overlap(a, b):
        return "dates do not overlap"
    if a.event_type != b.event_type:
        return "different event types"
    if a.place and b.place and a.place != b.place:
        return "different places"
    if a.actors and b.actors and not a.actors & b.actors:
        return "different actors"
    if a.mention.intra_group != b.mention.intra_group:
        return "one is inside a group, the other not"
    same_article = a.article_id == b.article_id
    if same_article and (_other_year(a, b) or _other_year(b, a)):
        # "the worst attack since the 2017 bombing": background the report
        # dates only in its words, never this week's event.
        return "the report puts one in another year"
    if same_article and (a.distinct or b.distinct):
        # "Two separate blasts ... a second blast": the report itself counts events.
        return "the report tells of several such events"
    if same_article and _certain(a.status) != _certain(b.status):
        # One report telling of a confirmed strike and an alleged "second
        # strike" tells of two events, not one event twice.
        return "one report, one certain and one uncertain"
    return None


def match(a: Facts, b: Facts) -> tuple[str, tuple[str, ...]] | None:
    """(rule, matched features) when ``a`` and ``b`` tell of one event, else None.

    Rules: ``same-report`` (one article; dates agree or one has none) and
    ``same-place-and-dates`` (two articles naming the same place, both dated,
    within the slack)."""
    if contradiction(a, b) is not None:
        return None
    matched = [f"type {a.event_type}"]
    if a.place and a.place == b.place:
        matched.append(f"place {a.place}")
    if a.start and b.start:
        matched.append("dates overlap")
    shared = sorted(a.actors & b.actors)
    if shared:
        matched.append("actor " + ", ".join(shared))
    if a.article_id == b.article_id:
        return "same-report", ("same article", *matched)
    if not (a.place and b.place) or not (a.start and b.start):
        return None  # across reports, a place and dates are what make two reports one event
    return "same-place-and-dates", tuple(matched)
