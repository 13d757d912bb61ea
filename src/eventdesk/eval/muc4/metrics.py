"""The two published MUC-4 metrics: CEAF-REE (GRIT) and the GTT template micro-F1.

Both are implemented from their definitions (Du, Rush & Cardie, EACL 2021 and
NAACL 2021; see ../shared/data/muc4/README.txt) and checked against the figures
those papers report from their released predictions (tests/eval).

Shapes, as plain data so any system's output can be scored:

- an *entity* is a sequence of coreferent mention strings;
- *extracts* map each of the five roles to a sequence of entities;
- a *template* is extracts plus ``"incident_type"``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventdesk.eval.counts import Counts
from eventdesk.eval.matching import max_weight_matching

__all__ = [
    "ROLES",
    "Counts",
    "SplitCounts",
    "best_alignment_hits",
    "ceaf_ree",
    "ceaf_ree_document",
    "dedupe_templates",
    "gtt_document",
    "gtt_template_f1",
    "normalize_mention",
    "phi_strict",
    "template_pair_hits",
    "types_compatible",
]

#: The five MUC-4 role-filler slots kept by the REE / template-filling tasks.
ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")

Entity = Sequence[str]
Extracts = Mapping[str, Sequence[Entity]]
Template = Mapping[str, object]

NormTemplate = tuple[str, dict[str, list[list[str]]]]

_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


@dataclass(frozen=True, slots=True)
class SplitCounts:
    """Counts where precision and recall have their own numerators (the GTT metric)."""

    p_num: float = 0.0
    p_den: int = 0
    r_num: float = 0.0
    r_den: int = 0

    def __add__(self, other: SplitCounts) -> SplitCounts:
        return SplitCounts(
            self.p_num + other.p_num, self.p_den + other.p_den, self.r_num + other.r_num, self.r_den + other.r_den
        )

    def as_dict(self) -> dict[str, float]:
        """Percentages plus the raw counts."""
        p = self.p_num / self.p_den if self.p_den else 0.0
        r = self.r_num / self.r_den if self.r_den else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": 100 * p,
            "recall": 100 * r,
            "f1": 100 * f1,
            "p_num": self.p_num,
            "n_pred": self.p_den,
            "r_num": self.r_num,
            "n_gold": self.r_den,
        }


def normalize_mention(text: str) -> str:
    """Lower-case, drop punctuation and the articles a/an/the, collapse spaces.

    Both papers compare fillers after this normalisation, so "the FMLN." and
    "fmln" are the same filler.
    """
    text = text.lower().translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _normalize_entity(entity: Entity) -> list[str]:
    return [normalize_mention(m) for m in entity]


def phi_strict(pred: Entity, gold: Entity) -> int:
    """1 when every (normalised) mention of the predicted entity is one of the gold entity's."""
    gold_set = set(gold)
    return int(all(m in gold_set for m in pred))


def ceaf_ree_document(pred: Extracts, gold: Extracts, roles: Sequence[str] = ROLES) -> dict[str, Counts]:
    """Per-role CEAF counts for one document: entities aligned 1:1 by Kuhn-Munkres on phi_strict."""
    out: dict[str, Counts] = {}
    for role in roles:
        p_ents = [_normalize_entity(e) for e in pred.get(role, ())]
        g_ents = [_normalize_entity(e) for e in gold.get(role, ())]
        matrix = [[float(phi_strict(p, g)) for g in g_ents] for p in p_ents]
        total, _ = max_weight_matching(matrix)
        out[role] = Counts(total, len(p_ents), len(g_ents))
    return out


def ceaf_ree(
    preds: Mapping[str, Extracts], golds: Mapping[str, Extracts], roles: Sequence[str] = ROLES
) -> dict[str, dict[str, float]]:
    """CEAF-REE micro P/R/F1 over all gold documents, per role and ``micro_avg``.

    A document missing from ``preds`` counts as an empty prediction.
    """
    per_role = {role: Counts() for role in roles}
    for docid, gold in golds.items():
        doc = ceaf_ree_document(preds.get(docid, {}), gold, roles)
        for role in roles:
            per_role[role] = per_role[role] + doc[role]
    micro = sum(per_role.values(), Counts())
    result = {role: c.as_dict() for role, c in per_role.items()}
    result["micro_avg"] = micro.as_dict()
    return result


def types_compatible(pred_type: str, gold_type: str) -> bool:
    """A predicted incident type may align with a gold one that contains it ("attack" ~ "attack / bombing")."""
    return pred_type.strip() in gold_type


def _norm_template(t: Template, roles: Sequence[str]) -> NormTemplate:
    ents: dict[str, list[list[str]]] = {}
    for role in roles:
        fillers = t.get(role) or ()
        ents[role] = [_normalize_entity(e) for e in fillers]  # type: ignore[attr-defined]
    return str(t.get("incident_type", "")), ents


def dedupe_templates(templates: Sequence[Template], roles: Sequence[str] = ROLES) -> list[Template]:
    """Drop templates identical to an earlier one after normalisation.

    The GTT scorer scores gold this way: MUC-4 keys repeat a template when
    one report describes several identical incidents (e.g. four empty
    "attack" templates), and the published figures count such a template once.
    """
    seen: list[NormTemplate] = []
    out: list[Template] = []
    for t in templates:
        n = _norm_template(t, roles)
        if n not in seen:
            seen.append(n)
            out.append(t)
    return out


def template_pair_hits(pred: NormTemplate, gold: NormTemplate) -> tuple[int, int] | None:
    """(precision hits, recall hits) earned by aligning a predicted with a gold template.

    None when the incident types are incompatible and the two may not be
    aligned. An aligned pair earns one hit each way for the incident type.
    A predicted entity is a precision hit when all its mentions lie in some
    gold entity of the same role; a gold entity is a recall hit when some
    predicted entity of that role lies in it. Neither side is used up, which
    is how the published GTT and IterX figures were computed (a predicted
    duplicate of a correct filler counts as correct).
    """
    if not types_compatible(pred[0], gold[0]):
        return None
    p_hits = r_hits = 1
    for role, p_ents in pred[1].items():
        g_ents = gold[1].get(role, [])
        p_hits += sum(1 for p in p_ents if any(phi_strict(p, g) for g in g_ents))
        r_hits += sum(1 for g in g_ents if any(phi_strict(p, g) for p in p_ents))
    return p_hits, r_hits


def _template_size(t: NormTemplate) -> int:
    return 1 + sum(len(ents) for ents in t[1].values())


def _f1_split(p_num: float, p_den: int, r_num: float, r_den: int) -> float:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _pareto(points: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Keep the (p_hits, r_hits) pairs no other pair beats on both counts."""
    return {a for a in points if not any(b != a and b[0] >= a[0] and b[1] >= a[1] for b in points)}


def best_alignment_hits(
    weights: Sequence[Sequence[tuple[int, int] | None]], p_den: int, r_den: int, *, max_exact: int = 16
) -> tuple[int, int]:
    """(precision hits, recall hits) of the injective alignment with the best document F1.

    The paper searches every injective mapping (factorial). Because hits only
    add up and F1 grows with both counts, the best mapping lies on the Pareto
    front of (p_hits, r_hits); a dynamic programme over the subsets of the
    smaller side keeps only that front, so it is exact and costs
    O(n * 2^k * k) for k = min(#pred, #gold). Above ``max_exact`` templates
    on the smaller side (never reached on MUC-4), each row keeps only its
    four best candidates, which bounds the search.
    """
    rows = [list(r) for r in weights]
    if rows and len(rows) < len(rows[0]):
        rows = [list(c) for c in zip(*rows, strict=True)]  # make columns the smaller side
    if not rows or not rows[0]:
        return 0, 0
    if len(rows[0]) > max_exact:
        rows = [_top_candidates(r, 4) for r in rows]
    front: dict[int, set[tuple[int, int]]] = {0: {(0, 0)}}
    for row in rows:
        nxt: dict[int, set[tuple[int, int]]] = {m: set(pts) for m, pts in front.items()}
        for mask, pts in front.items():
            for j, w in enumerate(row):
                if w is None or mask >> j & 1:
                    continue
                bucket = nxt.setdefault(mask | 1 << j, set())
                bucket.update((a + w[0], b + w[1]) for a, b in pts)
        front = {m: _pareto(pts) for m, pts in nxt.items()}
    candidates = _pareto(set().union(*front.values()))
    return max(candidates, key=lambda h: (_f1_split(h[0], p_den, h[1], r_den), h[0] + h[1], h[0]))


def _top_candidates(row: list[tuple[int, int] | None], k: int) -> list[tuple[int, int] | None]:
    ranked = sorted((sum(w), j) for j, w in enumerate(row) if w is not None)
    keep = {j for _, j in ranked[-k:]}
    return [w if j in keep else None for j, w in enumerate(row)]


def gtt_document(pred: Sequence[Template], gold: Sequence[Template], roles: Sequence[str] = ROLES) -> SplitCounts:
    """Counts for one document under its best template alignment (gold deduplicated first).

    Every filler and every template type counts in the denominators whether
    or not its template is aligned; fillers of unaligned templates are
    false positives or misses.
    """
    p = [_norm_template(t, roles) for t in pred]
    g = [_norm_template(t, roles) for t in dedupe_templates(gold, roles)]
    p_den = sum(_template_size(t) for t in p)
    r_den = sum(_template_size(t) for t in g)
    weights = [[template_pair_hits(pt, gt) for gt in g] for pt in p]
    p_num, r_num = best_alignment_hits(weights, p_den, r_den)
    return SplitCounts(p_num, p_den, r_num, r_den)


def gtt_template_f1(
    preds: Mapping[str, Sequence[Template]],
    golds: Mapping[str, Sequence[Template]],
    roles: Sequence[str] = ROLES,
) -> dict[str, float]:
    """GTT template micro P/R/F1 over all gold documents (incident type plus the five roles)."""
    total = SplitCounts()
    for docid, gold in golds.items():
        total = total + gtt_document(preds.get(docid, ()), gold, roles)
    return total.as_dict()
