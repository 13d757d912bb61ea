"""The own corpus's scores as a plain-text table (``eventdesk eval corpus``)."""

from __future__ import annotations

from typing import Any

__all__ = ["corpus_table"]


def _prf(name: str, scores: dict[str, Any]) -> str:
    counts = f"{scores['tp']:g}/{scores['n_pred']}/{scores['n_gold']}"
    return f"{name:<40} {scores['precision']:6.2f} {scores['recall']:6.2f} {scores['f1']:6.2f}  {counts}"


def corpus_table(result: dict[str, Any]) -> str:
    """Headline rows, one row per sub-type that has gold events or predictions, then event
    detection over the reports of each failure pattern."""
    title = f"own corpus, {result['split']} ({result['documents']} reports)"
    head = f"{title:<40} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [head + "  tp/pred/gold", _prf("event detection", result["events"])]
    lines += [_prf(f"role {role}", scores) for role, scores in result["roles"].items()]
    lines.append(f"{'macro F1 over sub-types':<40} {result['macro_f1']:20.2f}  ({result['sub_types_scored']} scored)")
    for name in ("fatalities", "status"):
        row = result[name]
        lines.append(f"{name + ' accuracy (aligned)':<40} {row['accuracy']:20.2f}  ({row['correct']}/{row['scored']})")
    lines.append(f"{'fatalities invented (aligned)':<40} {result['fatalities']['invented']:20d}")
    non = result["non_events"]
    lines.append(f"{'non-events wrongly coded':<40} {non['coded']:20d}  (of {non['total']})")
    lines += [_prf(f"  {sub}", s) for sub, s in result["sub_types"].items() if s["n_pred"] or s["n_gold"]]
    lines += [_prf(f"  pattern {name}", s) for name, s in result["patterns"].items()]
    return "\n".join(lines)
