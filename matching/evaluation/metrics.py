"""Ranking figures: NDCG@k with graded gains, MRR and top-1 of the first fully relevant."""

import math
from collections.abc import Sequence

# Relevance grades: the right occupation, a close one (same broad occupation or cluster).
RIGHT, CLOSE = 2, 1


def dcg(grades: Sequence[int], k: int) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades[:k]))


def ndcg(ranked: Sequence[int], all_grades: Sequence[int], k: int = 5) -> float:
    """NDCG@k of `ranked` (the grades in the order shown; items not shown are simply
    missing) against the best order of `all_grades`."""
    ideal = dcg(sorted(all_grades, reverse=True), k)
    return dcg(ranked, k) / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[int]) -> float:
    """1 / the rank of the first right item (0 when it is not shown)."""
    for rank, grade in enumerate(ranked, start=1):
        if grade >= RIGHT:
            return 1 / rank
    return 0.0


def _right_only(grades: Sequence[int]) -> list[int]:
    return [1 if grade >= RIGHT else 0 for grade in grades]


def summary(rankings: list[tuple[list[int], list[int]]], k: int = 5) -> dict[str, float]:
    """Mean over (ranked grades, all grades) pairs of NDCG@k with the right item as the
    only relevant one (as the issue measured it), NDCG@k graded (close ones count a
    little), MRR and top-1."""
    n = len(rankings) or 1
    return {
        "ndcg": sum(ndcg(_right_only(r), _right_only(g), k) for r, g in rankings) / n,
        "ndcg_graded": sum(ndcg(ranked, grades, k) for ranked, grades in rankings) / n,
        "mrr": sum(reciprocal_rank(ranked) for ranked, _grades in rankings) / n,
        "top1": sum(bool(ranked) and ranked[0] >= RIGHT for ranked, _grades in rankings) / n,
    }
