"""The one event filter shared by the Python API, the CLI, the REST API and the UI.

Every field is optional; an empty filter matches every asserted or reported
event that no analyst rejected. Text matches are case-insensitive and exact
(no substring surprises: "Nusra" does not match "Jabhat al-Nusra" unless it
is one of the actor's aliases).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from eventdesk.dates import iso_date
from eventdesk.errors import EventdeskError
from eventdesk.geo import haversine_km
from eventdesk.records import STATUSES

__all__ = [
    "DEFAULT_STATUSES",
    "SORTS",
    "ActorRole",
    "EventFilter",
    "Near",
]

#: Statuses that count as "it happened"; alleged, claimed and denied claims
#: (and the rest) are only shown when asked for.
DEFAULT_STATUSES: tuple[str, ...] = ("asserted", "reported")

#: Accepted sort keys; a leading "-" sorts descending.
SORTS: tuple[str, ...] = ("date", "-date", "fatalities", "-fatalities", "sources", "-sources")

#: Which side of an event an actor filter looks at: "perpetrator" is actor1
#: and the mentions' actor roles, "target" is actor2 and the target roles.
ActorRole = Literal["any", "perpetrator", "target"]
_ACTOR_ROLES: tuple[str, ...] = ("any", "perpetrator", "target")


@dataclass(frozen=True, kw_only=True, slots=True)
class Near:
    """A circle: events whose place lies within ``radius_km`` of the point."""

    latitude: float
    longitude: float
    radius_km: float

    def __post_init__(self) -> None:
        if not -90 <= self.latitude <= 90 or not -180 <= self.longitude <= 180:
            raise EventdeskError("ED042", "near: latitude must be in [-90, 90], longitude in [-180, 180]")
        if not self.radius_km > 0:
            raise EventdeskError("ED042", "near: radius_km must be positive")

    def holds(self, latitude: float | None, longitude: float | None) -> bool:
        if latitude is None or longitude is None:
            return False
        return haversine_km(self.latitude, self.longitude, latitude, longitude) <= self.radius_km


def _clean(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(v.strip() for v in values if v and v.strip())


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFilter:
    """Which events to show. Multi-valued fields match any of their values."""

    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    #: An actor id, name or alias; its factions (actors whose parent chain
    #: reaches it) match too.
    actor: str | None = None
    actor_role: ActorRole = "any"
    #: A target role's kind (GTD family), e.g. "military", "civilians".
    target_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    near: Near | None = None
    #: Events whose [start, end] overlaps [since, until]; undated events are
    #: left out as soon as either bound is set.
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    outlets: tuple[str, ...] = ()
    include_rejected: bool = False
    event_ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise EventdeskError("ED042", f"status: unknown {unknown}; choose from {', '.join(STATUSES)}")
        if self.actor_role not in _ACTOR_ROLES:
            raise EventdeskError("ED042", f"actor_role: choose from {', '.join(_ACTOR_ROLES)}")
        if self.since and self.until and self.since > self.until:
            raise EventdeskError("ED042", "since is after until")

    @classmethod
    def build(
        cls,
        *,
        event_type: Iterable[str] | str | None = None,
        sub_event_type: Iterable[str] | str | None = None,
        actor: str | None = None,
        actor_role: str = "any",
        target_type: Iterable[str] | str | None = None,
        country: Iterable[str] | str | None = None,
        admin1: Iterable[str] | str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        radius_km: float | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        status: Iterable[str] | str | None = None,
        all_statuses: bool = False,
        outlet: Iterable[str] | str | None = None,
        include_rejected: bool = False,
    ) -> EventFilter:
        """Build a filter from loosely typed parameters (CLI options, query strings)."""
        near = None
        if lat is not None and lon is not None and radius_km is not None:
            near = Near(latitude=lat, longitude=lon, radius_km=radius_km)
        elif (lat, lon, radius_km) != (None, None, None):
            raise EventdeskError("ED042", "lat, lon and radius_km go together")
        statuses = STATUSES if all_statuses else (_clean(status) or DEFAULT_STATUSES)
        return cls(
            event_types=_clean(event_type),
            sub_event_types=_clean(sub_event_type),
            actor=(actor or "").strip() or None,
            actor_role=actor_role,  # type: ignore[arg-type]
            target_types=_clean(target_type),
            countries=_clean(country),
            admin1=_clean(admin1),
            near=near,
            since=iso_date(since, "since"),
            until=iso_date(until, "until"),
            statuses=tuple(statuses),
            outlets=_clean(outlet),
            include_rejected=include_rejected,
        )

    def but(self, **changes: object) -> EventFilter:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
