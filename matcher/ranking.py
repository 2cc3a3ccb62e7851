"""Exact, deterministic top-k selection over score matrices, row-wise, with ties broken by key."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float32]
Keys = npt.NDArray[np.int64]


def top_k(scores: Scores, k: int, keys: Keys | None = None) -> tuple[Keys, Scores]:
    """Per row, the k best columns: highest score first, ties by lowest key (default: column).

    Returns column positions and scores, each of shape (rows, min(k, columns)); entries that
    are -inf (ineligible) are kept and must be dropped by the caller.  argpartition alone is
    not canonical when a tie straddles the k-th place; it takes k + 1 candidates, and a row
    whose k-th and (k + 1)-th scores tie is redone exactly.
    """
    rows, cols = scores.shape
    width = min(k, cols)
    if width == 0 or rows == 0:
        return np.zeros((rows, width), dtype=np.int64), np.zeros((rows, width), dtype=scores.dtype)
    if keys is None:
        keys = np.broadcast_to(np.arange(cols, dtype=np.int64), scores.shape)
    take = min(width + 1, cols)
    if take < cols:
        # Selecting the smallest of the negated scores stays fast when many are -inf (introselect
        # degrades on long runs of equal values at the far end).
        part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
    else:
        part = np.broadcast_to(np.arange(cols, dtype=np.int64), scores.shape).copy()
    values = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((np.take_along_axis(keys, part, axis=1), -values), axis=1)
    part = np.take_along_axis(part, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    if take > width:
        # Rows cut at -inf hold every eligible column already; only real ties need redoing:
        # everything above the tied score is in hand, the tied columns are taken by key.
        tied = np.flatnonzero((values[:, width] == values[:, width - 1]) & np.isfinite(values[:, width]))
        for row in tied:
            threshold = values[row, width]
            above = part[row][values[row] > threshold]
            equal = np.flatnonzero(scores[row] == threshold)
            equal = equal[np.argsort(keys[row, equal], kind="stable")][: take - len(above)]
            part[row] = np.concatenate([above, equal])
            values[row] = scores[row, part[row]]
    return part[:, :width].astype(np.int64, copy=False), values[:, :width]
