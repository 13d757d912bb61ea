"""What analysts tell the linker: link decisions and reviews of single mentions.

Both are anchored to mention ids (content hashes of an article and a trigger),
never to event ids, so they hold whatever a later relink does to the events:

- a ``LinkDecision`` ``split`` keeps every mention of ``left`` apart from every
  mention of ``right``; ``link`` puts them in one event. The latest decision
  about a pair of mentions wins.
- a review of one mention (``Review`` with ``target_kind="mention"``) is folded
  into a ``MentionFix``: a rejected mention stands behind no event (it stays
  in the mentions table for audit), and edited fields replace the machine's
  when mentions are compared and fused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eventdesk.records import Review, content_id

__all__ = ["MENTION_FIELDS", "LinkDecision", "MentionFix", "mention_fixes", "pair_decisions"]

#: The fields a review of one mention may edit (the linker reads these).
MENTION_FIELDS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "status",
    "place_id",
    "actor1",
    "start",
    "end",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkDecision:
    """An analyst's split or forced link between two sets of mentions (append-only)."""

    id: str
    action: Literal["split", "link"]
    left: tuple[str, ...]
    right: tuple[str, ...]
    reviewer: str
    created_at: dt.datetime
    reason: str = ""

    @staticmethod
    def make_id(action: str, left: Sequence[str], right: Sequence[str], reviewer: str, at: dt.datetime) -> str:
        return content_id("link-decision", action, sorted(left), sorted(right), reviewer, at.isoformat())


@dataclass(frozen=True, kw_only=True, slots=True)
class MentionFix:
    """The reviews of one mention, folded: rejected or not, and edited values."""

    rejected: bool = False
    values: Mapping[str, Any] = field(default_factory=dict)


def mention_fixes(reviews: Iterable[Review]) -> dict[str, MentionFix]:
    """mention id -> its fix, from the mention reviews in created order; the
    latest verdict and the latest edit of each field win (as for events)."""
    verdicts: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = {}
    for r in sorted(reviews, key=lambda r: (r.created_at, r.id)):
        if r.target_kind != "mention":
            continue
        mine = values.setdefault(r.target_id, {})
        if r.field is None:
            verdicts[r.target_id] = r.action
        elif r.action == "edit":
            mine[r.field] = r.value
        elif r.action == "reject":
            mine[r.field] = None
        else:
            mine.pop(r.field, None)
    return {
        mid: MentionFix(rejected=verdicts.get(mid) == "reject", values=values.get(mid, {}))
        for mid in set(verdicts) | set(values)
    }


def pair_decisions(decisions: Iterable[LinkDecision]) -> dict[frozenset[str], LinkDecision]:
    """{mention a, mention b} -> the latest decision about that pair."""
    out: dict[frozenset[str], LinkDecision] = {}
    for d in sorted(decisions, key=lambda d: (d.created_at, d.id)):
        for a in d.left:
            for b in d.right:
                if a != b:
                    out[frozenset((a, b))] = d
    return out
