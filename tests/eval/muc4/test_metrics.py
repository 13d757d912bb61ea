"""The MUC-4 metrics on tiny hand-made cases, and the bounded alignment against brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from eventdesk.eval.matching import max_weight_matching
from eventdesk.eval.muc4.metrics import (
    best_alignment_hits,
    ceaf_ree,
    dedupe_templates,
    gtt_template_f1,
    normalize_mention,
)

EMPTY = {"PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}


def _template(kind: str, **roles: list[list[str]]) -> dict[str, object]:
    return {"incident_type": kind, **EMPTY, **roles}


def test_normalize_mention() -> None:
    assert normalize_mention("  The FMLN's  urban-commandos. ") == "fmlns urbancommandos"
    assert normalize_mention("an attack on a bus") == "attack on bus"


def test_ceaf_ree_perfect_empty_partial() -> None:
    gold = {
        "d": {**EMPTY, "PerpOrg": [["fmln", "farabundo marti national liberation front"]], "Victim": [["x"], ["y"]]}
    }
    perfect = {"d": {**EMPTY, "PerpOrg": [["FMLN"]], "Victim": [["y"], ["x"]]}}
    assert ceaf_ree(perfect, gold)["micro_avg"]["f1"] == 100.0
    assert ceaf_ree({}, gold)["micro_avg"]["f1"] == 0.0
    partial = {"d": {**EMPTY, "PerpOrg": [["fmln", "army"]], "Victim": [["x"], ["x"]]}}
    scores = ceaf_ree(partial, gold)["micro_avg"]
    # "fmln"+"army" is not inside the gold entity (strict); the two "x" share one gold entity.
    assert (scores["tp"], scores["n_pred"], scores["n_gold"]) == (1.0, 3, 3)


def test_gtt_perfect_empty_partial() -> None:
    gold = {"d": [_template("attack / bombing", PerpInd=[["gunmen", "men"]], Victim=[["mayor"]])]}
    assert gtt_template_f1({"d": [_template("attack", PerpInd=[["men"]], Victim=[["mayor"]])]}, gold)["f1"] == 100.0
    assert gtt_template_f1({}, gold)["recall"] == 0.0
    wrong_type = {"d": [_template("kidnapping", Victim=[["mayor"]])]}
    assert gtt_template_f1(wrong_type, gold)["p_num"] == 0
    dup = {"d": [_template("bombing", PerpInd=[["men"], ["gunmen"], ["soldiers"]])]}
    scores = gtt_template_f1(dup, gold)
    # type + two duplicate correct fillers for precision; type + one entity for recall.
    assert (scores["p_num"], scores["n_pred"], scores["r_num"], scores["n_gold"]) == (3, 4, 2, 3)


def test_gold_templates_deduplicated() -> None:
    gold = [_template("attack"), _template("attack"), _template("bombing")]
    assert len(dedupe_templates(gold)) == 2


def test_max_weight_matching_rectangular() -> None:
    total, pairs = max_weight_matching([[1, 0, 0], [1, 0, 1]])
    assert total == 2 and pairs == [(0, 0), (1, 2)]
    assert max_weight_matching([[0.0], [3.0], [2.0]])[0] == 3.0
    assert max_weight_matching([]) == (0.0, [])


def _brute(weights: list[list[tuple[int, int] | None]], p_den: int, r_den: int) -> float:
    best = 0.0
    n, m = len(weights), len(weights[0]) if weights else 0
    for k in range(min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                cells = [weights[i][j] for i, j in zip(rows, cols, strict=True)]
                if any(c is None for c in cells):
                    continue
                pn = sum(c[0] for c in cells if c)
                rn = sum(c[1] for c in cells if c)
                p, r = pn / p_den, rn / r_den
                best = max(best, 2 * p * r / (p + r) if p + r else 0.0)
    return best


cell = st.one_of(st.none(), st.tuples(st.integers(1, 4), st.integers(1, 4)))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda m: st.lists(st.lists(cell, min_size=m, max_size=m), min_size=1, max_size=4)))
def test_bounded_alignment_equals_brute_force(weights: list[list[tuple[int, int] | None]]) -> None:
    p_den, r_den = 20, 20
    pn, rn = best_alignment_hits(weights, p_den, r_den)
    got = 2 * pn * rn / (p_den * rn + r_den * pn) if pn + rn else 0.0
    assert abs(got - _brute(weights, p_den, r_den)) < 1e-12


def test_max_weight_matching_equals_brute_force() -> None:
    import random

    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        w = [[rng.randint(0, 3) for _ in range(m)] for _ in range(n)]
        brute = max(
            sum(w[i][j] for i, j in zip(rows, cols, strict=True))
            for k in range(min(n, m) + 1)
            for rows in itertools.combinations(range(n), k)
            for cols in itertools.permutations(range(m), k)
        )
        assert max_weight_matching(w)[0] == brute
