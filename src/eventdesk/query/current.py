"""The current values: each event as displayed (reviews applied), kept in the store.

The store keeps one ``CurrentRow`` per event (table ``event_current``) so that
the desk's filters, sorts, pages, counts and share statistic run in SQL. A row
is made here, from the one function that applies reviews to an event
(``load.display``, through ``load_events``), so a row and a displayed event
never disagree:

- a review and its event's new row are written in one transaction
  (``Desk.review``, ``row_with``);
- a relink (``SQLiteStore.replace_events``) drops every row and ``refresh``
  rebuilds them, in batches, before the next read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from eventdesk.query.load import Catalog, load_catalog, load_events
from eventdesk.query.match import actor_sides
from eventdesk.query.stats import COUNT_DIMENSIONS, civilian_casualties, hit_civilians
from eventdesk.query.views import EventView, RoleView
from eventdesk.records import Review
from eventdesk.resolve.countries import country_code
from eventdesk.store import SQLiteStore
from eventdesk.store.reads import CurrentRow

__all__ = ["REFRESH_BATCH", "refresh", "row_of", "rows_for", "view_of"]

#: Events displayed and written per step of a rebuild: memory stays flat.
REFRESH_BATCH = 2000


def _bucket(view: EventView, by: str, catalog: Catalog) -> str | None:
    """The key ``stats.COUNT_DIMENSIONS[by]`` gives the event (None for none)."""
    key = COUNT_DIMENSIONS[by](view, catalog)[0][0]
    return key or None


def _keys(view: EventView) -> tuple[tuple[str, str, str], ...]:
    perpetrator, target = actor_sides(view)
    keys = [("perpetrator", k, k) for k in sorted(perpetrator)]
    keys += [("target", k, k) for k in sorted(target)]
    keys += [("outlet", o, o.casefold()) for o in view.outlets]
    keys += [("target_kind", k, k.casefold()) for k in view.target_kinds]
    return tuple(dict.fromkeys(keys))


def row_of(view: EventView, *, machine_start: str | None, civilians: str | None, catalog: Catalog) -> CurrentRow:
    """The store's row for one displayed event."""
    return CurrentRow(
        id=view.id,
        event_type=view.event_type,
        sub_event_type=view.sub_event_type,
        status=view.status,
        actor1=view.actor1,
        actor1_name=view.actor1_name,
        actor1_type=view.actor1_type,
        actor2=view.actor2,
        actor2_name=view.actor2_name,
        actor2_type=view.actor2_type,
        place_id=view.place_id,
        location=view.location,
        admin1=view.admin1,
        country=view.country,
        latitude=view.latitude,
        longitude=view.longitude,
        geo_precision=view.geo_precision,
        start_date=view.start.isoformat() if view.start else None,
        end_date=view.end.isoformat() if view.end else None,
        fatalities_low=view.fatalities_low,
        fatalities_best=view.fatalities_best,
        fatalities_high=view.fatalities_high,
        source_count=view.source_count,
        intra_group=int(view.intra_group),
        mention_ids=json.dumps(list(view.mention_ids)),
        outlets=json.dumps(list(view.outlets), ensure_ascii=False),
        roles=json.dumps([[r.role, r.text, r.resolved_id, r.kind] for r in view.roles], ensure_ascii=False),
        review_state=view.review_state,
        reviewed_fields=json.dumps(list(view.reviewed_fields)),
        review_count=view.review_count,
        event_type_key=view.event_type.casefold(),
        sub_event_type_key=view.sub_event_type.casefold(),
        country_code=country_code(view.country),
        admin1_key=(view.admin1 or "").casefold(),
        week=_bucket(view, "week", catalog),
        month=_bucket(view, "month", catalog),
        year=_bucket(view, "year", catalog),
        machine_start=machine_start,
        civilians=civilians,
        keys=_keys(view),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def view_of(row: CurrentRow) -> EventView:
    """The displayed event a stored row holds (``row_of`` reversed)."""
    return EventView(
        id=row.id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        status=row.status,
        actor1=row.actor1,
        actor1_name=row.actor1_name,
        actor1_type=row.actor1_type,
        actor2=row.actor2,
        actor2_name=row.actor2_name,
        actor2_type=row.actor2_type,
        place_id=row.place_id,
        location=row.location,
        admin1=row.admin1,
        country=row.country,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        start=_date(row.start_date),
        end=_date(row.end_date),
        fatalities_low=row.fatalities_low,
        fatalities_best=row.fatalities_best,
        fatalities_high=row.fatalities_high,
        source_count=row.source_count,
        intra_group=bool(row.intra_group),
        mention_ids=tuple(json.loads(row.mention_ids)),
        outlets=tuple(json.loads(row.outlets)),
        roles=tuple(
            RoleView(role=role, text=text, resolved_id=resolved, kind=kind)
            for role, text, resolved, kind in json.loads(row.roles)
        ),
        review_state=row.review_state,  # type: ignore[arg-type]
        reviewed_fields=tuple(json.loads(row.reviewed_fields)),
        review_count=row.review_count,
    )


def _civilians(store: SQLiteStore, views: Sequence[EventView]) -> dict[str, str | None]:
    """event id -> why it hit civilians (``stats.hit_civilians``), or None. Only the
    events that no other rule counts have their mentions' casualties read, each
    mention's worked out once and kept (``mention_civilians``)."""
    out = {v.id: hit_civilians(v) for v in views}
    rest = [v for v in views if out[v.id] is None]
    wanted = [m for v in rest for m in v.mention_ids]
    known = store.mention_civilians(wanted)
    missing = [m for m in dict.fromkeys(wanted) if m not in known]
    if missing:
        found = {m.id: civilian_casualties([m]) for m in store.mentions_by_id(missing)}
        store.put_mention_civilians(found)
        known.update(found)
    for v in rest:
        phrases = tuple(p for m in v.mention_ids for p in known.get(m, ()))
        out[v.id] = hit_civilians(v, phrases)
    return out


def rows_for(
    store: SQLiteStore, ids: Sequence[str], *, catalog: Catalog | None = None, pending: Sequence[Review] = ()
) -> list[CurrentRow]:
    """The current rows of the events ``ids``, with ``pending`` reviews applied as if stored."""
    catalog = catalog or load_catalog(store)
    views = load_events(store, catalog, ids, pending=pending)
    starts = store.event_starts(ids)
    civilians = _civilians(store, views)
    return [row_of(v, machine_start=starts.get(v.id), civilians=civilians[v.id], catalog=catalog) for v in views]


def _chunks(ids: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for at in range(0, len(ids), size):
        yield ids[at : at + size]


def refresh(store: SQLiteStore) -> int:
    """Rebuild the row of every event that lacks one (all of them after a relink),
    in one transaction; returns how many were written."""
    if not store.current_stale():
        return 0
    with store.writing():
        if not store.current_stale():  # another connection rebuilt them meanwhile
            return 0
        missing = store.events_without_current()
        catalog = load_catalog(store)
        for chunk in _chunks(missing, REFRESH_BATCH):
            store.put_current(rows_for(store, chunk, catalog=catalog))
        store.put_current([], fresh=True)
        if len(missing) >= REFRESH_BATCH:
            store.analyze_current()
    return len(missing)
