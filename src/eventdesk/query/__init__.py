"""Query stage: one read API shared by the CLI, the REST API, the web UI and exports.

from eventdesk.query import Desk, EventFilter
with Desk.open("events.db") as desk:
    page = desk.query(EventFilter.build(actor="ISIS", since="2025-01-01"), limit=20)
    share = desk.share(actor="ISIS", target_type="military")
"""

from __future__ import annotations

from eventdesk.geo import haversine_km
from eventdesk.query.desk import Desk
from eventdesk.query.filters import DEFAULT_STATUSES, SORTS, EventFilter, FilterField, Near, filter_fields
from eventdesk.query.queue import QueueItem, ReviewQueue
from eventdesk.query.reviews import EDITABLE_FIELDS
from eventdesk.query.stats import COUNT_DIMENSIONS, wilson_interval
from eventdesk.query.views import (
    ArticleView,
    CountRow,
    CountTable,
    EventDetail,
    EventPage,
    EventView,
    Highlight,
    MentionView,
    MergeView,
    RoleView,
    ShareResult,
    Unlinked,
    UnlinkedArticle,
    UnlinkedMention,
    jsonable,
)

__all__ = [
    "COUNT_DIMENSIONS",
    "DEFAULT_STATUSES",
    "EDITABLE_FIELDS",
    "SORTS",
    "ArticleView",
    "CountRow",
    "CountTable",
    "Desk",
    "EventDetail",
    "EventFilter",
    "EventPage",
    "EventView",
    "FilterField",
    "Highlight",
    "MentionView",
    "MergeView",
    "Near",
    "QueueItem",
    "ReviewQueue",
    "RoleView",
    "ShareResult",
    "Unlinked",
    "UnlinkedArticle",
    "UnlinkedMention",
    "filter_fields",
    "haversine_km",
    "jsonable",
    "wilson_interval",
]
