"""ACLED-like flat rows: the columns analysts already load into their tools.

Column names and the inter / interaction codes follow the ACLED codebook:
inter codes 1 state forces, 2 rebel groups, 3 political militias, 4 identity
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; the
interaction code joins the two with the smaller first (12, 27, ...), and a
one-sided event gets inter1 * 10 (10 = sole state forces action).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from eventdesk.query.views import EventView

__all__ = ["ACLED_COLUMNS", "AcledRow", "acled_row", "inter_code", "interaction_code"]

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


def inter_code(actor_type: str | None) -> int | None:
    """ACLED inter code (1-8) of an actor type such as "state forces" or "2"."""
    if not actor_type:
        return None
    text = actor_type.strip().casefold().replace("_", " ").replace("-", " ")
    if text.isdigit() and 1 <= int(text) <= 8:
        return int(text)
    return next((code for word, code in _INTER_KEYWORDS if word in text), None)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@dataclass(frozen=True, kw_only=True, slots=True)
class AcledRow:
    """One event as an ACLED-like row; eventdesk's own columns follow ``notes``."""

    event_id_cnty: str
    event_date: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    actor2: str
    inter2: int | None
    interaction: int | None
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    source: str
    notes: str
    event_id: str
    end_date: str
    status: str
    fatalities_low: int | None
    fatalities_high: int | None
    source_count: int
    review_state: str


ACLED_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(AcledRow))


def _prefix(country: str | None) -> str:
    letters = "".join(ch for ch in (country or "") if ch.isalpha())
    return (letters[:3] or "XXX").upper()


def acled_row(event: EventView, notes: tuple[str, ...]) -> AcledRow:
    """The ACLED-like row of a displayed event; ``notes`` are its evidence sentences."""
    from_roles = "actor1" not in event.reviewed_fields
    inter1 = inter_code(event.actor1_type) or (_role_inter(event, "actor") if from_roles else None)
    inter2 = inter_code(event.actor2_type)
    return AcledRow(
        event_id_cnty=f"{_prefix(event.country)}{event.id}",
        event_date=event.start.isoformat() if event.start else "",
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=event.actor1_name or (_role_text(event, "actor") if from_roles else ""),
        inter1=inter1,
        actor2=event.actor2_name or "",
        inter2=inter2,
        interaction=interaction_code(inter1, inter2),
        country=event.country or "",
        admin1=event.admin1 or "",
        location=event.location or "",
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        fatalities=event.fatalities_best,
        source="; ".join(event.outlets),
        notes=" | ".join(notes),
        event_id=event.id,
        end_date=event.end.isoformat() if event.end else "",
        status=event.status,
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        source_count=event.source_count,
        review_state=event.review_state,
    )


def _role_inter(event: EventView, role: str) -> int | None:
    return next((c for r in event.roles if r.role == role and (c := inter_code(r.kind))), None)


def _role_text(event: EventView, role: str) -> str:
    return next((r.text for r in event.roles if r.role == role), "")
