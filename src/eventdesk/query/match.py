"""Does one displayed event pass a filter? Pure functions over EventView."""

from __future__ import annotations

from collections.abc import Mapping

from eventdesk.query.filters import EventFilter
from eventdesk.query.views import EventView
from eventdesk.records import Place
from eventdesk.resolve.countries import country_code
from eventdesk.store import EventCriteria

__all__ = ["actor_sides", "matches", "narrowing", "places_passing"]


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


def places_passing(flt: EventFilter, places: Mapping[str, Place]) -> tuple[str, ...] | None:
    """Ids of the places an event must be at to pass ``flt``'s country and admin1
    parts (judged as ``matches`` judges them); None when neither is set."""
    if not flt.countries and not flt.admin1:
        return None
    admin1 = _fold(flt.admin1)
    return tuple(
        sorted(
            pid
            for pid, place in places.items()
            if (not flt.countries or country_code(place.country) in flt.countries)
            and (not admin1 or (place.admin1 or "").casefold() in admin1)
        )
    )


def narrowing(flt: EventFilter, actor_ids: set[str], places: Mapping[str, Place]) -> EventCriteria:
    """The part of ``flt`` the store can apply in SQL to machine values.

    Each part is implied by ``matches`` on an unreviewed event, so the store's
    candidates hold every event that passes; ``matches`` still decides. Left
    to ``matches`` alone: outlets, the distance to a point and event ids
    (cheap on the narrowed set), and anything a review changed.
    """
    keys = (*sorted(actor_ids), flt.actor.casefold()) if flt.actor else ()
    return EventCriteria(
        statuses=tuple(flt.statuses),
        event_types=_folded(flt.event_types),
        sub_event_types=_folded(flt.sub_event_types),
        place_ids=places_passing(flt, places),
        target_types=_folded(flt.target_types),
        since=flt.since,
        until=flt.until,
        actor_keys=keys,
        actor_side=flt.actor_role,
    )
