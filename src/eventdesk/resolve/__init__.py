"""Resolution: which group, which town and which days a report means.

Extraction finds words; this stage maps them to canonical actors (with ACLED
actor types and GTD-like target types), GeoNames places (with ACLED and
UCDP precision) and date ranges resolved against the publication date.
Heavy resources are built by ``ActorDictionary.load()`` and
``Gazetteer.load()`` and passed in; importing this package does no work.
"""

from __future__ import annotations

from eventdesk.resolve.actors import ActorDictionary
from eventdesk.resolve.dates import find_time_expressions, resolve_time
from eventdesk.resolve.gazetteer import Gazetteer, GazetteerEntry
from eventdesk.resolve.generic import ACTOR_TYPES, TARGET_TYPES, actor_type_of, target_type
from eventdesk.resolve.places import country_focus, event_place, resolve_places, ucdp_where_prec
from eventdesk.resolve.toponyms import find_toponyms

__all__ = [
    "ACTOR_TYPES",
    "TARGET_TYPES",
    "ActorDictionary",
    "Gazetteer",
    "GazetteerEntry",
    "actor_type_of",
    "country_focus",
    "event_place",
    "find_time_expressions",
    "find_toponyms",
    "resolve_places",
    "resolve_time",
    "target_type",
    "ucdp_where_prec",
]
