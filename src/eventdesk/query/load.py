"""Assemble the displayed events from what the store returns.

Everything a filter can look at is read once per call (``Reads.event_*``)
and reviews are laid over it here, because a review may change any field (an
edited sub-event type must be filtered as edited).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from eventdesk.extract.taxonomy import load_taxonomy
from eventdesk.query.reviews import EDITABLE_FIELDS, overlay, settle_fatalities
from eventdesk.query.views import EventView, RoleView
from eventdesk.records import Actor, Event, Place, Review
from eventdesk.store import SQLiteStore

__all__ = ["Catalog", "display", "load_catalog", "load_events"]


class Catalog:
    """Actors and places by id, with the actor hierarchy for faction matching."""

    def __init__(self, actors: Iterable[Actor], places: Iterable[Place]) -> None:
        self.actors = {a.id: a for a in actors}
        self.places = {p.id: p for p in places}
        self._children: dict[str, list[str]] = defaultdict(list)
        for a in self.actors.values():
            if a.parent_id:
                self._children[a.parent_id].append(a.id)

    def actor_ids_matching(self, query: str) -> set[str]:
        """Ids of actors named ``query`` (id, name or alias) and all their factions."""
        q = query.casefold()
        found = {
            a.id
            for a in self.actors.values()
            if q in {a.id.casefold(), a.name.casefold(), *(x.casefold() for x in a.aliases)}
        }
        todo = list(found)
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def actor_type(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.actor_type if actor else None


def load_catalog(store: SQLiteStore) -> Catalog:
    return Catalog(store.actors(), store.places())


def load_events(store: SQLiteStore, catalog: Catalog, ids: Sequence[str] | None = None) -> list[EventView]:
    """Every event (or those with ``ids``) as displayed, in date then id order."""
    roles = store.event_roles(ids)
    outlets = store.event_outlets(ids)
    reviews = store.event_reviews(ids)
    verdicts = store.event_verdicts(ids)
    return [display(e, catalog, roles, outlets, reviews, verdicts) for e in store.event_records(ids)]


def display(
    event: Event,
    catalog: Catalog,
    roles: dict[str, list[RoleView]],
    outlets: dict[str, list[str]],
    reviews: dict[str, list[Review]],
    verdicts: Mapping[str, Mapping[str, str]] | None = None,
) -> EventView:
    """The EventView of one machine event under its reviews (anchored on its
    mentions; ``verdicts``: event id -> mention id -> latest verdict)."""
    lay = overlay(reviews.get(event.id, ()), (verdicts or {}).get(event.id, {}), event.mention_ids)
    v = {name: lay.values.get(name, getattr(event, name)) for name in EDITABLE_FIELDS}
    v.update(settle_fatalities(v, lay.values))
    place = catalog.places.get(v["place_id"]) if v["place_id"] else None
    event_roles = roles.get(event.id, ())
    # A place the gazetteer could not resolve still shows as the report wrote it.
    place_words = next((r.text for r in event_roles if r.role == "place" and not r.resolved_id), None)
    return EventView(
        id=event.id,
        event_type=_event_type(v["event_type"] or event.event_type, v["sub_event_type"], lay.values),
        sub_event_type=v["sub_event_type"] or event.sub_event_type,
        status=v["status"] or event.status,
        actor1=v["actor1"],
        actor1_name=catalog.actor_name(v["actor1"]),
        actor1_type=catalog.actor_type(v["actor1"]),
        actor2=v["actor2"],
        actor2_name=catalog.actor_name(v["actor2"]),
        actor2_type=catalog.actor_type(v["actor2"]),
        place_id=v["place_id"],
        location=place.name if place else place_words,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.precision if place else None,
        start=_date(v["start"]),
        end=_date(v["end"]),
        fatalities_low=v["fatalities_low"],
        fatalities_best=v["fatalities_best"],
        fatalities_high=v["fatalities_high"],
        source_count=event.source_count,
        intra_group=bool(v["intra_group"]),
        mention_ids=event.mention_ids,
        outlets=tuple(outlets.get(event.id, ())),
        roles=tuple(r for r in event_roles if r.role != "place"),
        review_state=lay.state,  # type: ignore[arg-type]
        reviewed_fields=lay.fields,
        review_count=len(reviews.get(event.id, ())),
    )


def _event_type(event_type: str, sub_event_type: str | None, reviewed: Collection[str]) -> str:
    """The event type shown: an analyst's sub-event type brings its own event type
    (data/taxonomy.json), so the pair always agrees."""
    if "sub_event_type" in reviewed and sub_event_type:
        return load_taxonomy().event_type_of.get(sub_event_type, event_type)
    return event_type


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
