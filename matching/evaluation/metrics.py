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


def summary(rankings: list[tuple[list[int], list[int]]], k: int = 5) -> dict[str, float]:
    """Mean NDCG@k, MRR and top-1 over (ranked grades, all grades) pairs."""
    n = len(rankings) or 1
    return {
        "ndcg": sum(ndcg(ranked, grades, k) for ranked, grades in rankings) / n,
        "mrr": sum(reciprocal_rank(ranked) for ranked, _grades in rankings) / n,
        "top1": sum(bool(ranked) and ranked[0] >= RIGHT for ranked, _grades in rankings) / n,
    }
