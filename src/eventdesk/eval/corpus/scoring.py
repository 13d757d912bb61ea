"""Score predicted mentions against the own corpus's gold events (docs/corpus.md, "Scoring").

Per report, predicted mentions and gold events are aligned 1:1 by Kuhn-Munkres.
A pair can align only when its event types (ACLED's six families) agree and
either the triggers overlap or the gold trigger lies in the mention's sentence;
trigger overlap weighs more than the sentence, and the same sub-type more still,
so the alignment prefers the closest reading. On aligned pairs: the sub-type,
the roles (actor1, actor2, place: a hit when the spans overlap or share their
head word), the fatalities (best killed count) and the status are compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from eventdesk.eval.corpus.data import CorpusEvent, CorpusReport, GoldSpan
from eventdesk.eval.counts import Counts
from eventdesk.eval.matching import max_weight_matching
from eventdesk.extract.phrases import head_noun
from eventdesk.records import Mention, Span

__all__ = ["SCORED_ROLES", "align", "predicted_role", "score_corpus", "spans_match"]

SCORED_ROLES = ("actor1", "actor2", "place")
_OVERLAP, _SENTENCE, _SAME_SUB = 4.0, 2.0, 1.0


def _overlap(a: GoldSpan | Span, b: GoldSpan | Span) -> bool:
    return a.start < b.end and b.start < a.end


def spans_match(gold: GoldSpan, predicted: Span) -> bool:
    """A role hit: the spans overlap, or their head words (``extract.phrases.head_noun``) are equal."""
    head = head_noun(gold.text)
    return _overlap(gold, predicted) or (head != "" and head == head_noun(predicted.text))


def _weight(gold: CorpusEvent, mention: Mention) -> float:
    if gold.event_type != mention.event_type:
        return 0.0
    if _overlap(gold.trigger, mention.trigger):
        base = _OVERLAP
    elif mention.sentence.start <= gold.trigger.start < mention.sentence.end:
        base = _SENTENCE
    else:
        return 0.0
    return base + (_SAME_SUB if gold.sub_event_type == mention.sub_event_type else 0.0)


def align(gold: Sequence[CorpusEvent], predicted: Sequence[Mention]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the aligned pairs (each a pair that may align at all)."""
    if not gold or not predicted:
        return []
    weights = [[_weight(g, m) for m in predicted] for g in gold]
    _, pairs = max_weight_matching(weights)
    return [(g, p) for g, p in pairs if weights[g][p] > 0]


def predicted_role(mention: Mention, role: str) -> Span | None:
    """The mention's span for a scored role: actor1 = its actor (else its first side), actor2 = its
    target (else its other side), place = its place."""
    sides = [r.span for r in mention.roles_of("side")]
    actors = [r.span for r in mention.roles_of("actor")] or sides[:1]
    if role == "actor1":
        return actors[0] if actors else None
    if role == "actor2":
        targets = [r.span for r in mention.roles_of("target")] or [s for s in sides if s not in actors]
        return targets[0] if targets else None
    places = mention.roles_of("place")
    return places[0].span if places else None


def _killed(mention: Mention) -> int:
    count = mention.casualty("killed")
    return count.best or 0 if count is not None else 0


class _Tally:
    """Counts gathered over reports; ``result()`` turns them into the scores."""

    def __init__(self) -> None:
        self.events = Counts()
        self.sub_tp: Counter[str] = Counter()
        self.sub_pred: Counter[str] = Counter()
        self.sub_gold: Counter[str] = Counter()
        self.roles = {role: Counts() for role in SCORED_ROLES}
        self.fatalities = [0, 0]  # right, scored
        self.invented_fatalities = 0
        self.status = [0, 0]
        self.non_events = [0, 0]  # coded, total
        self.patterns: dict[str, Counts] = {}

    def add(self, report: CorpusReport, mentions: Sequence[Mention]) -> None:
        pairs = align(report.events, mentions)
        counts = Counts(len(pairs), len(mentions), len(report.events))
        self.events += counts
        for pattern in report.patterns:
            self.patterns[pattern] = self.patterns.get(pattern, Counts()) + counts
        self.sub_pred.update(m.sub_event_type for m in mentions)
        self.sub_gold.update(e.sub_event_type for e in report.events)
        for g, p in pairs:
            self._pair(report.events[g], mentions[p])
        matched = {p for _, p in pairs}
        unmatched = [m for i, m in enumerate(mentions) if i not in matched]
        self.non_events[1] += len(report.non_events)
        self.non_events[0] += sum(any(_overlap(n.span, m.trigger) for m in unmatched) for n in report.non_events)

    def _pair(self, gold: CorpusEvent, mention: Mention) -> None:
        if gold.sub_event_type == mention.sub_event_type:
            self.sub_tp[gold.sub_event_type] += 1
        for role in SCORED_ROLES:
            g, p = getattr(gold, role), predicted_role(mention, role)
            hit = g is not None and p is not None and spans_match(g, p)
            self.roles[role] += Counts(float(hit), int(p is not None), int(g is not None))
        if gold.fatalities is not None:
            self.fatalities[0] += _killed(mention) == gold.fatalities[1]
            self.fatalities[1] += 1
        elif _killed(mention):
            self.invented_fatalities += 1
        self.status[0] += gold.status == mention.status
        self.status[1] += 1

    def result(self, sub_types: Sequence[str]) -> dict[str, Any]:
        per_sub = {s: Counts(self.sub_tp[s], self.sub_pred[s], self.sub_gold[s]) for s in sub_types}
        present = [c for c in per_sub.values() if c.pred or c.gold]
        roles = {role: c.as_dict() for role, c in self.roles.items()}
        roles["all"] = sum(self.roles.values(), Counts()).as_dict()
        return {
            "events": self.events.as_dict(),
            "sub_types": {s: c.as_dict() for s, c in per_sub.items()},
            "macro_f1": 100 * sum(c.f1 for c in present) / len(present) if present else 0.0,
            "sub_types_scored": len(present),
            "roles": roles,
            "fatalities": _accuracy(*self.fatalities) | {"invented": self.invented_fatalities},
            "status": _accuracy(*self.status),
            "non_events": {"coded": self.non_events[0], "total": self.non_events[1]},
            "patterns": {p: c.as_dict() for p, c in sorted(self.patterns.items())},
        }


def _accuracy(right: int, scored: int) -> dict[str, Any]:
    return {"accuracy": 100 * right / scored if scored else 0.0, "correct": right, "scored": scored}


def score_corpus(
    reports: Sequence[CorpusReport], predictions: Mapping[str, Sequence[Mention]], sub_types: Sequence[str]
) -> dict[str, Any]:
    """Event detection (also per failure pattern), per-sub-type and macro F1 (over ``sub_types`` with
    gold or predictions), role span F1, fatalities and status accuracy on aligned events, and
    non-events coded, as percentages."""
    tally = _Tally()
    for report in reports:
        tally.add(report, predictions.get(report.id, ()))
    return {"documents": len(reports)} | tally.result(sub_types)
