"""Near-duplicate requests: the same need of the same state, reworded or resubmitted in a later report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from matcher.model import Request
from matcher.text import MAX_CHARS, normalise

DEFAULT_THRESHOLD = 0.7


@dataclass(frozen=True)
class DuplicatePair:
    """Two requests of one state that read as the same need; `score` in [0, 1]."""

    a: str
    b: str
    score: float


def compared_text(title: str, description: str) -> str:
    """The text two requests are compared on: title and description, normalised and capped."""
    return normalise(f"{title} {description}"[:MAX_CHARS])


def _text(request: Request) -> str:
    return compared_text(request.title, request.description)


def similarity(texts: Sequence[str], others: Sequence[str] | None = None) -> npt.NDArray[np.float64]:
    """Pairwise similarity in [0, 1]: mean of word-set overlap (rapidfuzz token_set_ratio) and
    character 3–5-gram TF-IDF cosine, which forgives rewording and changed word endings."""
    others = texts if others is None else others
    if not texts or not others:
        return np.zeros((len(texts), len(others)))
    # Imported here, not at the top: scikit-learn (with scipy.stats and rich behind it) costs about
    # a second, and `import matcher` should not pay it for a function only dedupe calls.
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = cdist(texts, others, scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1) / 100.0
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectoriser.fit_transform([*texts, *others])
    chars = (matrix[: len(texts)] @ matrix[len(texts) :].T).toarray()
    return np.asarray((words + chars) / 2.0, dtype=np.float64)


def near_duplicates(requests: Iterable[Request], threshold: float = DEFAULT_THRESHOLD) -> list[DuplicatePair]:
    """Pairs of requests of the same state scoring at least `threshold`, best first.

    Requests are compared only within their state (blocking), so the cost grows with the
    largest state's count, not with the square of all requests.
    """
    by_state: dict[str, list[Request]] = defaultdict(list)
    for request in requests:
        by_state[request.state].append(request)
    pairs: list[DuplicatePair] = []
    for state in sorted(by_state):
        block = sorted(by_state[state], key=lambda r: r.id)
        if len(block) < 2:
            continue
        scores = similarity([_text(r) for r in block])
        rows, cols = np.nonzero(np.triu(scores >= threshold, k=1))
        pairs.extend(
            DuplicatePair(block[i].id, block[j].id, round(float(scores[i, j]), 4))
            for i, j in zip(rows, cols, strict=True)
        )
    return sorted(pairs, key=lambda p: (-p.score, p.a, p.b))


def duplicate_candidates(request: Request, others: Iterable[Request], k: int = 5) -> list[tuple[str, float]]:
    """The k requests of the same state most like `request`, with their scores, best first."""
    block = sorted((o for o in others if o.state == request.state and o.id != request.id), key=lambda r: r.id)
    if not block:
        return []
    scores = similarity([_text(request)], [_text(o) for o in block])[0]
    ranked = sorted(zip(block, scores.tolist(), strict=True), key=lambda item: (-item[1], item[0].id))
    return [(o.id, round(score, 4)) for o, score in ranked[:k]]
