"""Counts and the share statistic analysts quote, with its confidence interval.

The share "of actor A's attacks in period P, what share hit target type T" is
a binomial proportion k/n over events. Its interval is the Wilson score
interval (Wilson 1927), which unlike the textbook normal ("Wald") interval
stays inside [0, 1] and keeps close to its nominal coverage for small n and
for shares near 0 or 1, the usual case for a single actor's attacks:

    centre    = (p + z²/2n) / (1 + z²/n)
    halfwidth = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)

with p = k/n and z the standard normal quantile for the confidence level
(1.959964 for 95%).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from statistics import NormalDist

from eventdesk.errors import EventdeskError
from eventdesk.extract.taxonomy import ARMED_TARGET_TYPES, CIVILIAN_TARGET_TYPES
from eventdesk.query.load import Catalog
from eventdesk.query.views import CountRow, CountTable, EventView, RoleView
from eventdesk.records import Mention

__all__ = [
    "CIVILIANS",
    "COUNT_DIMENSIONS",
    "EXCESSIVE_FORCE",
    "MAX_CONFIDENCE",
    "VIOLENCE_AGAINST_CIVILIANS",
    "civilian_casualties",
    "count_events",
    "hit_civilians",
    "main_target",
    "wilson_interval",
]

#: The target kind whose share is counted by ``hit_civilians`` rather than by
#: the target roles' kinds alone.
CIVILIANS = "civilians"
#: ACLED's event type for attacks on unarmed non-combatants.
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
#: ACLED's sub-event type for lethal force against peaceful protesters.
EXCESSIVE_FORCE = "Excessive force against protesters"
#: The event types whose main or only target can be civilians (ACLED's codebook).
_CAN_TARGET_CIVILIANS = frozenset({VIOLENCE_AGAINST_CIVILIANS, "Explosions/Remote violence", "Riots"})
#: Target kinds that name people, so a main target: civilians, the armed, protesters.
_PEOPLE_KINDS = CIVILIAN_TARGET_TYPES | ARMED_TARGET_TYPES | {"protesters"}
#: A casualty count followed by the word civilian(s): "killing six civilians",
#: "six unarmed civilians". Only that word: "12 people" may be fighters.
_CIVILIAN_AFTER_COUNT = re.compile(r"\s+(?:[a-z-]+\s+)?civilians?\b", re.IGNORECASE)

#: The highest confidence level an interval is computed for. Closer to 1, the
#: normal quantile runs out of floating-point room (0.9999999999999999 rounds
#: 1 - (1 - c)/2 to exactly 1, whose quantile is infinite).
MAX_CONFIDENCE = 0.999999


def wilson_interval(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"wilson_interval needs 0 <= k <= n and n > 0, got k={k}, n={n}")
    if not 0 < confidence <= MAX_CONFIDENCE:
        raise ValueError(f"confidence must be above 0 and at most {MAX_CONFIDENCE}")
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # At k = 0 (k = n) the bound is exactly 0 (1); say so rather than leave rounding noise.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def civilian_casualties(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The casualty phrases of ``mentions`` that count civilians ("six civilians").

    A casualty span holds the number only ("six"); the word after it, in the
    mention's sentence, says who.
    """
    found = []
    for m in mentions:
        sentence = m.sentence
        for c in m.casualties:
            at = c.span.start - sentence.start
            if sentence.text[at : at + len(c.span.text)] != c.span.text:
                continue
            after = _CIVILIAN_AFTER_COUNT.match(sentence.text, at + len(c.span.text))
            if after:
                found.append(c.span.text + after.group(0))
    return tuple(found)


def main_target(event: EventView) -> RoleView | None:
    """The target role that says who was targeted: the first of a kind that names
    people (civilian, armed or protesters), not property ("a bridge")."""
    return next((r for r in event.roles if r.role == "target" and (r.kind or "").casefold() in _PEOPLE_KINDS), None)


def hit_civilians(event: EventView, casualties: Sequence[str] = ()) -> str | None:
    """Why civilians were the main or only target of ``event``, or None: the one
    civilian rule, read by the share statistic and by the ACLED export's
    ``civilian_targeting`` (ACLED's codebook, "Civilian targeting": events whose
    main or only target was civilians, never those where civilians were harmed
    incidentally).

    0. Only some events can target civilians: Violence against civilians,
       Explosions/Remote violence, Riots and Excessive force against
       protesters. Civilians harmed in a battle are incidental (the codebook
       never marks Battles), and protests and strategic developments hurt no one.
    1. The main target (``main_target``) is of a civilian kind
       (``CIVILIAN_TARGET_TYPES``: "a crowded livestock market" is a business
       target, its victims civilians);
    2. the event type is Violence against civilians;
    3. Excessive force against protesters (peaceful protesters are unarmed);
    4. the victim actor (actor2) is of ACLED's actor type civilians;
    5. with no armed main target, a casualty count of civilians
       (``civilian_casualties``: "a roadside bomb hit a minibus, killing five civilians").
    """
    if event.event_type not in _CAN_TARGET_CIVILIANS and event.sub_event_type != EXCESSIVE_FORCE:
        return None
    target = main_target(event)
    kind = (target.kind or "").casefold() if target else ""
    if kind in CIVILIAN_TARGET_TYPES:
        return f"target kind {kind}"
    if event.event_type == VIOLENCE_AGAINST_CIVILIANS:
        return f"event type {VIOLENCE_AGAINST_CIVILIANS}"
    if event.sub_event_type == EXCESSIVE_FORCE:
        return f"sub-event type {EXCESSIVE_FORCE}"
    if (event.actor2_type or "").casefold() == CIVILIANS:
        return f"actor2 {event.actor2_name or event.actor2} is civilians"
    if casualties and kind not in ARMED_TARGET_TYPES:
        return f"casualties: {'; '.join(casualties)}"
    return None


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


Keyer = Callable[[EventView, Catalog], list[tuple[str, str]]]


def _one(key: str | None, label: str | None = None) -> list[tuple[str, str]]:
    return [(key, label or key)] if key else [("", "(none)")]


#: Dimension -> (event, catalog) -> [(key, label)]. An event counts once per
#: key it has (an event reported by two outlets counts for both outlets).
COUNT_DIMENSIONS: dict[str, Keyer] = {
    "actor": lambda e, c: _one(e.actor1, e.actor1_name),
    "actor2": lambda e, c: _one(e.actor2, e.actor2_name),
    "type": lambda e, c: _one(e.event_type),
    "sub_type": lambda e, c: _one(e.sub_event_type),
    "status": lambda e, c: _one(e.status),
    "place": lambda e, c: _one(e.place_id, e.location),
    "country": lambda e, c: _one(e.country),
    "admin1": lambda e, c: _one(e.admin1),
    "target_type": lambda e, c: [(k, k) for k in e.target_kinds] or _one(None),
    "outlet": lambda e, c: [(o, o) for o in e.outlets] or _one(None),
    "week": lambda e, c: _one(_week(e.start) if e.start else None),
    "month": lambda e, c: _one(e.start.strftime("%Y-%m") if e.start else None),
    "year": lambda e, c: _one(str(e.start.year) if e.start else None),
}


def count_events(events: Sequence[EventView], by: str, catalog: Catalog) -> CountTable:
    """Events and fatalities (best estimate) per key of dimension ``by``.

    Time dimensions come out in time order, the others by descending count.
    """
    keyer = COUNT_DIMENSIONS.get(by)
    if keyer is None:
        raise EventdeskError("ED042", f"by: choose from {', '.join(COUNT_DIMENSIONS)}")
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for e in events:
        for key in keyer(e, catalog):
            counts[key][0] += 1
            counts[key][1] += e.fatalities_best or 0
    rows = [CountRow(key=k, label=lab, events=n, fatalities=f) for (k, lab), (n, f) in counts.items()]
    if by in ("week", "month", "year"):
        rows.sort(key=lambda r: (r.key == "", r.key))
    else:
        rows.sort(key=lambda r: (-r.events, r.label.casefold()))
    return CountTable(by=by, total=len(events), rows=tuple(rows))
