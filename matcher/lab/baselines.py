"""Plain baselines the scorer must beat: BM25 (bm25s) and TF-IDF cosine, with no eligibility filter."""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from matcher.model import Programme, Request


def _ranked(scores: npt.NDArray[np.float64], ids: Sequence[str]) -> list[str]:
    # Stable order on ties (by position, i.e. programme order) keeps baselines deterministic.
    order = np.lexsort((np.arange(len(ids)), -scores))
    return [ids[j] for j in order]


def bm25_rankings(requests: Sequence[Request], programmes: Sequence[Programme]) -> dict[str, list[str]]:
    """Every programme ranked for every request by BM25 over title + description (bm25s defaults)."""
    ids = [p.id for p in programmes]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([p.text for p in programmes], stopwords="en", show_progress=False), show_progress=False
    )
    result = {}
    queries = bm25s.tokenize(
        [r.text for r in requests], stopwords="en", show_progress=False, return_ids=False
    )
    for request, query in zip(requests, queries, strict=True):
        scores = np.asarray(retriever.get_scores(query), dtype=np.float64)
        result[request.id] = _ranked(scores, ids)
    return result


def tfidf_rankings(requests: Sequence[Request], programmes: Sequence[Programme]) -> dict[str, list[str]]:
    """Every programme ranked for every request by TF-IDF cosine (scikit-learn defaults)."""
    ids = [p.id for p in programmes]
    vectoriser = TfidfVectorizer().fit([p.text for p in programmes])
    similarities = linear_kernel(
        vectoriser.transform([r.text for r in requests]), vectoriser.transform([p.text for p in programmes])
    )
    return {r.id: _ranked(np.asarray(similarities[i]).ravel(), ids) for i, r in enumerate(requests)}
