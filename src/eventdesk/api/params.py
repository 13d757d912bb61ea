"""Query-string parameters shared by every list, stats and export endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from eventdesk.query import EventFilter

__all__ = ["filter_params"]

Many = Annotated[list[str] | None, Query()]


def filter_params(
    event_type: Annotated[list[str] | None, Query(description="ACLED event type; repeat for several")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(description="actor id, name or alias; factions match too")] = None,
    actor_role: Annotated[str, Query(description="any | perpetrator | target")] = "any",
    target_type: Annotated[list[str] | None, Query(description="target kind (GTD family)")] = None,
    country: Many = None,
    admin1: Many = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_km: Annotated[float | None, Query(gt=0)] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    status: Annotated[list[str] | None, Query(description="default: asserted and reported only")] = None,
    all_statuses: bool = False,
    outlet: Many = None,
    include_rejected: Annotated[bool, Query(description="show events an analyst rejected")] = False,
) -> EventFilter:
    return EventFilter.build(
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        actor_role=actor_role,
        target_type=target_type,
        country=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        radius_km=radius_km,
        since=since,
        until=until,
        status=status,
        all_statuses=all_statuses,
        outlet=outlet,
        include_rejected=include_rejected,
    )
