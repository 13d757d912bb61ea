"""Read events, their roles, outlets, actors, places and reviews in a few queries.

Everything a filter can look at is loaded once per call and reviews are laid
over it in Python, because a review may change any field (an edited
sub-event type must be filtered as edited). A read-only helper on top of
``SQLiteStore.connection``; the store itself is not changed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from eventdesk.query.reviews import overlay
from eventdesk.query.views import EventView, RoleView
from eventdesk.records import Actor, Event, Place, Review

__all__ = ["Catalog", "event_from_json", "load_catalog", "load_events"]


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


def load_catalog(conn: sqlite3.Connection) -> Catalog:
    actors = [Actor.from_dict(json.loads(r[0])) for r in conn.execute("SELECT data FROM actors")]
    places = [Place.from_dict(json.loads(r[0])) for r in conn.execute("SELECT data FROM places")]
    return Catalog(actors, places)


def _only(column: str, ids: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """An AND clause restricting ``column`` to ``ids`` (none when ids is None)."""
    if ids is None:
        return "", ()
    return f" AND {column} IN ({','.join('?' * len(ids))})", tuple(ids)


def _roles_by_event(conn: sqlite3.Connection, ids: Sequence[str] | None) -> dict[str, list[RoleView]]:
    out: dict[str, list[RoleView]] = defaultdict(list)
    where, params = _only("em.event_id", ids)
    rows = conn.execute(
        "SELECT em.event_id, r.role, r.text, r.resolved_id, r.kind FROM event_mentions em"
        " JOIN mention_roles r ON r.mention_id = em.mention_id"
        f" WHERE r.role IN ('actor', 'target', 'side', 'place'){where}"
        " ORDER BY em.event_id, r.mention_id, r.start",
        params,
    )
    for event_id, role, text, resolved_id, kind in rows:
        view = RoleView(role=role, text=text, resolved_id=resolved_id, kind=kind)
        if view not in out[event_id]:
            out[event_id].append(view)
    return out


def _outlets_by_event(conn: sqlite3.Connection, ids: Sequence[str] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    where, params = _only("em.event_id", ids)
    rows = conn.execute(
        "SELECT DISTINCT em.event_id, a.outlet FROM event_mentions em"
        " JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id"
        f" WHERE a.outlet IS NOT NULL{where} ORDER BY em.event_id, a.outlet",
        params,
    )
    for event_id, outlet in rows:
        out[event_id].append(outlet)
    return out


def _reviews_by_event(conn: sqlite3.Connection, ids: Sequence[str] | None) -> dict[str, list[Review]]:
    out: dict[str, list[Review]] = defaultdict(list)
    where, params = _only("target_id", ids)
    rows = conn.execute(
        f"SELECT target_id, data FROM reviews WHERE target_kind = 'event'{where} ORDER BY created_at, id",
        params,
    )
    for target_id, data in rows:
        out[target_id].append(Review.from_dict(json.loads(data)))
    return out


def load_events(conn: sqlite3.Connection, catalog: Catalog, ids: Sequence[str] | None = None) -> list[EventView]:
    """Every event (or those with ``ids``) as displayed, in date then id order."""
    roles = _roles_by_event(conn, ids)
    outlets = _outlets_by_event(conn, ids)
    reviews = _reviews_by_event(conn, ids)
    where, params = _only("id", ids)
    rows = conn.execute(f"SELECT data FROM events WHERE 1{where} ORDER BY start_date, id", params)
    return [display(event_from_json(r[0]), catalog, roles, outlets, reviews) for r in rows]


_DATE_FIELDS = ("start", "end")


def event_from_json(data: str) -> Event:
    """An Event from its stored JSON, without ``Record.from_dict``'s per-call
    ``typing.get_type_hints`` (about 0.4 ms an event: 8 s for 20k events)."""
    raw = json.loads(data)
    raw["mention_ids"] = tuple(raw.get("mention_ids", ()))
    for name in _DATE_FIELDS:
        if raw.get(name):
            raw[name] = dt.date.fromisoformat(raw[name])
    return Event(**raw)


def display(
    event: Event,
    catalog: Catalog,
    roles: dict[str, list[RoleView]],
    outlets: dict[str, list[str]],
    reviews: dict[str, list[Review]],
) -> EventView:
    """The EventView of one machine event under its reviews."""
    lay = overlay(reviews.get(event.id, ()))
    v = {
        name: lay.values.get(name, getattr(event, name))
        for name in (
            "event_type",
            "sub_event_type",
            "status",
            "actor1",
            "actor2",
            "place_id",
            "start",
            "end",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "intra_group",
        )
    }
    place = catalog.places.get(v["place_id"]) if v["place_id"] else None
    event_roles = roles.get(event.id, ())
    # A place the gazetteer could not resolve still shows as the report wrote it.
    place_words = next((r.text for r in event_roles if r.role == "place" and not r.resolved_id), None)
    return EventView(
        id=event.id,
        event_type=v["event_type"] or event.event_type,
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
    )


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
