"""Does one displayed event pass a filter? Pure functions over EventView."""

from __future__ import annotations

from eventdesk.query.filters import EventFilter
from eventdesk.query.views import EventView
from eventdesk.resolve.countries import country_code
from eventdesk.store.reads import ViewCriteria

__all__ = ["actor_sides", "criteria", "matches"]


def _fold(values: tuple[str, ...]) -> set[str]:
    return {v.casefold() for v in values}


def actor_sides(event: EventView) -> tuple[set[str], set[str]]:
    """(perpetrator keys, target keys): ids and case-folded names on each side.

    A side that an analyst edited (actor1 or actor2) is taken from the review
    alone; otherwise the mentions' roles count as well as the fused actor.
    """
    perp: set[str] = set()
    targ: set[str] = set()
    for side, field, name, role_names in (
        (perp, event.actor1, event.actor1_name, ("actor",)),
        (targ, event.actor2, event.actor2_name, ("target", "side")),
    ):
        side.update(k for k in (field, (name or "").casefold()) if k)
        if ("actor1" if side is perp else "actor2") in event.reviewed_fields:
            continue
        for r in event.roles:
            if r.role in role_names:
                side.update(k for k in (r.resolved_id, r.text.casefold()) if k)
    return perp, targ


def _actor_matches(event: EventView, flt: EventFilter, actor_ids: set[str]) -> bool:
    if flt.actor is None:
        return True
    perp, targ = actor_sides(event)
    keys = perp if flt.actor_role == "perpetrator" else targ if flt.actor_role == "target" else perp | targ
    return bool(keys & (actor_ids | {flt.actor.casefold()}))


def _in_time(event: EventView, flt: EventFilter) -> bool:
    if flt.since is None and flt.until is None:
        return True
    start = event.start or event.end
    end = event.end or event.start
    if start is None or end is None:
        return False
    return (flt.until is None or start <= flt.until) and (flt.since is None or end >= flt.since)


def matches(event: EventView, flt: EventFilter, actor_ids: set[str]) -> bool:
    """True when ``event`` passes every part of ``flt``.

    ``actor_ids`` are the actor ids the filter's actor resolves to (with its
    factions), computed once per query by the caller.
    """
    checks = (
        flt.include_rejected or event.review_state != "rejected",
        not flt.unreviewed or event.review_count == 0,
        event.status in flt.statuses,
        not flt.event_ids or event.id in flt.event_ids,
        not flt.event_types or event.event_type.casefold() in _fold(flt.event_types),
        not flt.sub_event_types or event.sub_event_type.casefold() in _fold(flt.sub_event_types),
        not flt.countries or country_code(event.country) in flt.countries,
        not flt.admin1 or (event.admin1 or "").casefold() in _fold(flt.admin1),
        not flt.outlets or bool(_fold(event.outlets) & _fold(flt.outlets)),
        not flt.target_types or bool(_fold(event.target_kinds) & _fold(flt.target_types)),
        flt.near is None or flt.near.holds(event.latitude, event.longitude),
        _in_time(event, flt),
    )
    return all(checks) and _actor_matches(event, flt, actor_ids)


def _folded(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(_fold(values)))


def criteria(flt: EventFilter, actor_ids: set[str]) -> ViewCriteria:
    """``flt`` as the store applies it in SQL to the current values (reviews
    applied): exactly what ``matches`` decides, part by part, with the text
    casefolded as ``matches`` folds it. ``actor_ids``: the ids the filter's actor
    resolves to, with its factions (``Catalog.actor_ids_matching``)."""
    keys = (*sorted(actor_ids), flt.actor.casefold()) if flt.actor is not None else ()
    near = flt.near
    return ViewCriteria(
        statuses=tuple(flt.statuses),
        include_rejected=flt.include_rejected,
        unreviewed=flt.unreviewed,
        event_ids=tuple(flt.event_ids),
        event_types=_folded(flt.event_types),
        sub_event_types=_folded(flt.sub_event_types),
        countries=tuple(sorted(set(flt.countries))),
        admin1=_folded(flt.admin1),
        outlets=_folded(flt.outlets),
        target_types=_folded(flt.target_types),
        near=None if near is None else (near.latitude, near.longitude, near.radius_km),
        since=flt.since,
        until=flt.until,
        actor_keys=tuple(dict.fromkeys(keys)),
        actor_side=flt.actor_role,
    )
