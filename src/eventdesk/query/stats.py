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
from collections import defaultdict
from collections.abc import Callable, Sequence
from statistics import NormalDist

from eventdesk.errors import EventdeskError
from eventdesk.query.load import Catalog
from eventdesk.query.views import CountRow, CountTable, EventView

__all__ = ["COUNT_DIMENSIONS", "MAX_CONFIDENCE", "count_events", "wilson_interval"]

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
