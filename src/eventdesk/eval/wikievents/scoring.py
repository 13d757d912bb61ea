"""WikiEvents scoring: event detection and argument head-F1, micro over documents.

Conventions (docs/evaluation.md): a predicted event matches a gold event
when its type is accepted for the gold type and the trigger character spans
overlap; events are aligned 1:1 by Kuhn-Munkres. An argument is compared by
its head word (``head_word``). Arg-I needs the head to fill some role of the
aligned gold event; Arg-C also the same role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventdesk.eval.counts import Counts
from eventdesk.eval.matching import max_weight_matching
from eventdesk.eval.wikievents.data import KairosEvent

__all__ = ["score_kairos", "type_accepted"]


def type_accepted(pred_type: str, gold_type: str) -> bool:
    """Same KAIROS type, or same type and subtype family when either side is "Unspecified"."""
    if pred_type == gold_type:
        return True
    p, g = pred_type.rsplit(".", 1), gold_type.rsplit(".", 1)
    return p[0] == g[0] and "Unspecified" in (p[1], g[1])


def _arg_counts(pred: KairosEvent | None, gold: KairosEvent | None, with_role: bool) -> Counts:
    p_args = set(pred.arguments) if pred else set()
    g_args = set(gold.arguments) if gold else set()
    if with_role:
        tp = len(p_args & g_args)
    else:
        gold_heads = {a.head for a in g_args}
        tp = len({a.head for a in p_args} & gold_heads)
        return Counts(tp, len({a.head for a in p_args}), len(gold_heads))
    return Counts(tp, len(p_args), len(g_args))


def score_kairos(
    preds: Mapping[str, Sequence[KairosEvent]], golds: Mapping[str, Sequence[KairosEvent]]
) -> dict[str, Any]:
    """Trigger identification / classification and Arg-I / Arg-C head P/R/F1, micro over documents."""
    trig_i, trig_c, arg_i, arg_c = Counts(), Counts(), Counts(), Counts()
    for docid, gold in golds.items():
        pred = list(preds.get(docid, ()))
        overlap = [[float(p.start < g.end and g.start < p.end) for g in gold] for p in pred]
        trig_i = trig_i + Counts(max_weight_matching(overlap)[0], len(pred), len(gold))
        typed = [
            [overlap[i][j] * type_accepted(p.event_type, g.event_type) for j, g in enumerate(gold)]
            for i, p in enumerate(pred)
        ]
        tp, pairs = max_weight_matching(typed)
        trig_c = trig_c + Counts(tp, len(pred), len(gold))
        matched = {i: j for i, j in pairs if typed[i][j] > 0}
        for i, p in enumerate(pred):
            g = gold[matched[i]] if i in matched else None
            arg_i, arg_c = arg_i + _arg_counts(p, g, False), arg_c + _arg_counts(p, g, True)
        for j, g in enumerate(gold):
            if j not in matched.values():
                arg_i, arg_c = arg_i + _arg_counts(None, g, False), arg_c + _arg_counts(None, g, True)
    return {
        "trigger_identification": trig_i.as_dict(),
        "trigger_classification": trig_c.as_dict(),
        "argument_identification_head": arg_i.as_dict(),
        "argument_classification_head": arg_c.as_dict(),
    }
