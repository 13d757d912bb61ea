"""The one event filter shared by the Python API, the CLI, the REST API and the UI.

Every field is optional; an empty filter matches every asserted or reported
event that no analyst rejected. Text matches are case-insensitive and exact
(no substring surprises: "Nusra" does not match "Jabhat al-Nusra" unless it
is one of the actor's aliases).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Literal, get_args

from eventdesk.dates import iso_date
from eventdesk.errors import EventdeskError
from eventdesk.geo import haversine_km
from eventdesk.records import STATUSES
from eventdesk.resolve.countries import country_code

__all__ = [
    "DEFAULT_STATUSES",
    "SORTS",
    "ActorRole",
    "EventFilter",
    "FilterField",
    "Near",
    "filter_fields",
]

#: Statuses that count as "it happened"; alleged, claimed and denied claims
#: (and the rest) are only shown when asked for.
DEFAULT_STATUSES: tuple[str, ...] = ("asserted", "reported")

#: Accepted sort keys; a leading "-" sorts descending.
SORTS: tuple[str, ...] = ("date", "-date", "fatalities", "-fatalities", "sources", "-sources")

#: Which side of an event an actor filter looks at: "perpetrator" is actor1
#: and the mentions' actor roles, "target" is actor2 and the target roles.
ActorRole = Literal["any", "perpetrator", "target"]
_ACTOR_ROLES: tuple[str, ...] = get_args(ActorRole)


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


_TYPES: dict[str, type[str] | type[float] | type[bool] | type[dt.date]] = {
    "str": str,
    "float": float,
    "bool": bool,
    "date": dt.date,
}


@dataclass(frozen=True, kw_only=True, slots=True)
class FilterField:
    """One parameter of the event filter, as every face offers it (see data/filters.json).

    ``name`` is the CLI option (``--sub-event-type``), the query-string key
    (``sub_event_type``) and the UI form field; ``attr`` is the EventFilter
    attribute it fills by itself (None for the parameters that are combined:
    the point and radius of ``near``, the two status switches).
    """

    name: str
    type: type[str] | type[float] | type[bool] | type[dt.date]
    help: str
    label: str
    attr: str | None = None
    many: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    #: Bounds the API checks up front (422); elsewhere ``Near`` checks them (ED042).
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    #: How the web form shows it (None: not on the form), which list of
    #: /api/facets offers its values, the fieldset it shares and its hint.
    widget: str | None = "text"
    facet: str | None = None
    group: str | None = None
    placeholder: str | None = None

    @property
    def parameter_type(self) -> Any:
        """The type of its CLI option and query parameter: repeatable text, a switch, a
        number or text (dates stay text: ``EventFilter.build`` parses them, with ED042)."""
        if self.many:
            return list[str] | None
        if self.type is bool:
            return bool
        if self.type is float:
            return float | None
        return str if self.default is not None else str | None

    @property
    def option(self) -> str:
        """The CLI option: ``--sub-event-type``."""
        return "--" + self.name.replace("_", "-")

    def to_dict(self) -> dict[str, Any]:
        """As data/filters.json writes it (what the web form reads from /api/filters)."""
        names = {kind: name for name, kind in _TYPES.items()}
        return {**dataclasses.asdict(self), "type": names[self.type], "option": self.option}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FilterField:
        return cls(**{**raw, "type": _TYPES[raw["type"]], "choices": tuple(raw.get("choices", ()))})


@functools.cache
def filter_fields() -> tuple[FilterField, ...]:
    """The event filter, declared once in data/filters.json: the CLI options, the
    API's query parameters and the web form are generated from it, in its order."""
    text = resources.files("eventdesk.data").joinpath("filters.json").read_text("utf-8")
    return tuple(FilterField.from_dict(raw) for raw in json.loads(text)["fields"])


def _clean(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(v.strip() for v in values if v and v.strip())


def _plain(field: FilterField, value: Any) -> Any:
    """The EventFilter value of a parameter that fills one attribute by itself."""
    if field.many:
        return _clean(value)
    if field.type is dt.date:
        return iso_date(value, field.name)
    if field.type is bool:
        return bool(value)
    if field.choices:
        return value
    return (value or "").strip() or None


def _country(value: str) -> str:
    """The ISO2 code of a country filter value; ED042 when it names no country
    (an unknown country must not quietly select nothing)."""
    code = country_code(value)
    if code is None:
        raise EventdeskError("ED042", f"country: {value!r} is not a country name, ISO2 or ISO3 code")
    return code


def _near(lat: float | None, lon: float | None, radius_km: float | None) -> Near | None:
    if lat is not None and lon is not None and radius_km is not None:
        return Near(latitude=lat, longitude=lon, radius_km=radius_km)
    if (lat, lon, radius_km) != (None, None, None):
        raise EventdeskError("ED042", "lat, lon and radius_km go together")
    return None


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
    #: ISO2 codes; a name ("Somalia") or ISO3 code ("SOM") is turned into one.
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
    #: Only events with no review at all (the editor's queue).
    unreviewed: bool = False
    event_ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        unknown = [s for s in self.statuses if s not in STATUSES]
        if unknown:
            raise EventdeskError("ED042", f"status: unknown {unknown}; choose from {', '.join(STATUSES)}")
        if self.actor_role not in _ACTOR_ROLES:
            raise EventdeskError("ED042", f"actor_role: choose from {', '.join(_ACTOR_ROLES)}")
        if self.since and self.until and self.since > self.until:
            raise EventdeskError("ED042", "since is after until")
        # Countries are matched by ISO2 code, whether given as a name, ISO2 or ISO3.
        object.__setattr__(self, "countries", tuple(_country(c) for c in self.countries))

    @classmethod
    def build(cls, **params: Any) -> EventFilter:
        """Build a filter from loosely typed parameters named as in ``FILTER_FIELDS``
        (CLI options, query strings); a parameter left out takes its default."""
        fields = filter_fields()
        unknown = set(params) - {f.name for f in fields}
        if unknown:
            raise TypeError(f"EventFilter.build: unknown parameters {sorted(unknown)}")
        p = {f.name: params.get(f.name, f.default) for f in fields}
        statuses = STATUSES if p["all_statuses"] else (_clean(p["status"]) or DEFAULT_STATUSES)
        plain = {f.attr: _plain(f, p[f.name]) for f in fields if f.attr}
        return cls(near=_near(p["lat"], p["lon"], p["radius_km"]), statuses=tuple(statuses), **plain)

    def but(self, **changes: object) -> EventFilter:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
