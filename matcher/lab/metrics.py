"""Ranking measures of FORMAT.md: nDCG@k with gains 2^rel − 1, MRR, recall@k."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

# Relevance from which a programme counts as a good answer (FORMAT.md: "rel ≥ 2").
GOOD = 2


def ndcg_at(ranked: Sequence[str], qrels: Mapping[str, int], k: int = 5) -> float:
    """Normalised discounted cumulative gain of the first k ids; 0 when nothing is relevant."""
    gains = [2 ** qrels.get(pid, 0) - 1 for pid in ranked[:k]]
    ideal = sorted((2**rel - 1 for rel in qrels.values()), reverse=True)[:k]
    best = _dcg(ideal)
    return _dcg(gains) / best if best > 0 else 0.0


def reciprocal_rank(ranked: Sequence[str], qrels: Mapping[str, int]) -> float:
    """1 / rank of the first good (rel ≥ 2) id in the whole ranking; 0 when none appears."""
    for rank, pid in enumerate(ranked, start=1):
        if qrels.get(pid, 0) >= GOOD:
            return 1.0 / rank
    return 0.0


def recall_at(ranked: Sequence[str], qrels: Mapping[str, int], k: int = 5) -> float | None:
    """Share of good (rel ≥ 2) ids found in the first k; None when the request has none."""
    good = {pid for pid, rel in qrels.items() if rel >= GOOD}
    if not good:
        return None
    return len(good & set(ranked[:k])) / len(good)


def _dcg(gains: Sequence[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def summarise(
    rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Mean nDCG@5, MRR and recall@5 over the requests in `rankings` (recall over those with good answers)."""
    if not rankings:
        return {"ndcg@5": 0.0, "mrr": 0.0, "recall@5": 0.0, "requests": 0}
    ndcg = [ndcg_at(r, qrels.get(rid, {})) for rid, r in rankings.items()]
    rr = [reciprocal_rank(r, qrels.get(rid, {})) for rid, r in rankings.items()]
    recalls = [x for rid, r in rankings.items() if (x := recall_at(r, qrels.get(rid, {}))) is not None]
    return {
        "ndcg@5": round(sum(ndcg) / len(ndcg), 4),
        "mrr": round(sum(rr) / len(rr), 4),
        "recall@5": round(sum(recalls) / len(recalls), 4) if recalls else 0.0,
        "requests": len(rankings),
    }
