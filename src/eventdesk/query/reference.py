"""The desk's answers in plain Python, over every event displayed one by one.

This is how the desk answered before its reads moved into SQL over the
current values (``query.current``). It is kept as the reference those SQL
answers are held to (tests/query/test_current_values.py, on both backends):
it loads and displays every event, then filters (``match.matches``), sorts,
counts (``stats.count_events``) and computes the share's numerator
(``stats.hit_civilians``) in Python. No face calls it.
"""

from __future__ import annotations

from eventdesk.errors import EventdeskError
from eventdesk.query.filters import SORTS, EventFilter
from eventdesk.query.load import load_catalog, load_events
from eventdesk.query.match import matches
from eventdesk.query.stats import CIVILIANS, civilian_casualties, count_events, hit_civilians
from eventdesk.query.views import CountTable, EventView
from eventdesk.store import SQLiteStore

__all__ = ["counts", "select", "share", "sort_events"]


def sort_events(events: list[EventView], sort: str) -> list[EventView]:
    """``events`` (in machine date then id order) in the desk's ``sort`` order."""
    if sort not in SORTS:
        raise EventdeskError("ED042", f"sort: choose from {', '.join(SORTS)}")
    key = sort.lstrip("-")
    reverse = sort.startswith("-")
    if key == "date":
        # Undated events go last either way.
        dated = sorted((e for e in events if e.start), key=lambda e: (e.start, e.id), reverse=reverse)
        return dated + [e for e in events if not e.start]
    attr = "fatalities_best" if key == "fatalities" else "source_count"
    return sorted(events, key=lambda e: (getattr(e, attr) or 0, e.id), reverse=reverse)


def select(store: SQLiteStore, flt: EventFilter, sort: str = "date") -> list[EventView]:
    """Every event passing ``flt``, sorted: each displayed, then matched in Python."""
    catalog = load_catalog(store)
    actor_ids = catalog.actor_ids_matching(flt.actor) if flt.actor else set()
    return sort_events([e for e in load_events(store, catalog) if matches(e, flt, actor_ids)], sort)


def counts(store: SQLiteStore, flt: EventFilter, by: str) -> CountTable:
    return count_events(select(store, flt), by, load_catalog(store))


def share(store: SQLiteStore, base: EventFilter, target_type: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(denominator ids, [(numerator id, why it counts)]) of the events passing
    ``base``, both in date order."""
    denominator = select(store, base)
    wanted = target_type.strip().casefold()
    reasons: dict[str, str] = {}
    if wanted == CIVILIANS:
        by_id = {m.id: m for m in store.mentions_by_id(m for e in denominator for m in e.mention_ids)}
        for e in denominator:
            why = hit_civilians(e, civilian_casualties([by_id[m] for m in e.mention_ids if m in by_id]))
            if why is not None:
                reasons[e.id] = why
    else:
        for e in denominator:
            if wanted in {k.casefold() for k in e.target_kinds}:
                reasons[e.id] = f"target kind {wanted}"
    return [e.id for e in denominator], [(e.id, reasons[e.id]) for e in denominator if e.id in reasons]
