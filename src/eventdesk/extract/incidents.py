"""Whether two mentions of one kind of event can tell the same incident.

Mentions of one incident type in one report are one incident unless they
differ in date or place: MUC-4's annotators split instances that way
(template-doc-part1.v7, section 5.0), and so does a reader.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventdesk.records import Place

__all__ = ["dates_differ", "places_differ"]


def dates_differ(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Two (ISO start, ISO end) ranges that do not overlap ("this week" holds "Monday"); unknown never differs."""
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


def places_differ(a: str | None, b: str | None, places: Mapping[str, Place]) -> bool:
    """Two resolved place ids (looked up in ``places``) that cannot be one incident's place: different
    countries, or two different towns; a town and the department or country around it do not differ."""
    if a is None or b is None or a == b:
        return False
    pa, pb = places.get(a), places.get(b)
    if pa is None or pb is None:
        return True
    if pa.country and pb.country and pa.country != pb.country:
        return True
    towns = all((p.feature or "").upper().startswith("PPL") for p in (pa, pb))
    return towns
