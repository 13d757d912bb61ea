"""Maximum-weight bipartite matching (Kuhn-Munkres), exact and dependency-free.

Both MUC-4 metrics align predicted items with gold items 1:1. The matrices are
small (a handful of entities or templates per document), so an O(n^3)
Hungarian algorithm in pure Python is fast and avoids a SciPy dependency.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["max_weight_matching"]


def _min_cost_assignment(cost: list[list[float]]) -> list[int]:
    """Assign each row to a distinct column minimising total cost (rows <= columns).

    Shortest augmenting path formulation with potentials; returns, for each
    row, the index of its column.
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: 1-based row assigned to column j (0 = free)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment


def max_weight_matching(weights: Sequence[Sequence[float]]) -> tuple[float, list[tuple[int, int]]]:
    """Best 1:1 alignment of rows with columns; returns (total weight, [(row, col), ...]).

    Works on rectangular matrices. Pairs of weight 0 are left in the result
    only if they are part of the optimum; callers that sum weights are not
    affected either way.
    """
    if not weights or not weights[0]:
        return 0.0, []
    rows, cols = len(weights), len(weights[0])
    transposed = rows > cols
    matrix = [list(r) for r in zip(*weights, strict=True)] if transposed else [list(r) for r in weights]
    assignment = _min_cost_assignment([[-w for w in row] for row in matrix])
    pairs = [(c, r) if transposed else (r, c) for r, c in enumerate(assignment)]
    total = sum(weights[r][c] for r, c in pairs)
    return float(total), sorted(pairs)
