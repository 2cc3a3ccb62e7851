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
    not canonical when ties straddle the k-th place, so those rows are redone exactly.
    """
    rows, cols = scores.shape
    width = min(k, cols)
    if width == 0 or rows == 0:
        return np.zeros((rows, width), dtype=np.int64), np.zeros((rows, width), dtype=scores.dtype)
    if keys is None:
        keys = np.broadcast_to(np.arange(cols, dtype=np.int64), scores.shape)
    if width < cols:
        part = np.argpartition(-scores, width - 1, axis=1)[:, :width]
    else:
        part = np.broadcast_to(np.arange(cols, dtype=np.int64), scores.shape).copy()
    values = np.take_along_axis(scores, part, axis=1)
    part_keys = np.take_along_axis(keys, part, axis=1)
    order = np.lexsort((part_keys, -values), axis=1)
    part = np.take_along_axis(part, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    if width < cols:
        threshold = values[:, -1:]
        # Rows cut at -inf hold every eligible column already; only real ties need redoing.
        straddling = np.flatnonzero(
            ((scores >= threshold).sum(axis=1) > width) & np.isfinite(threshold[:, 0])
        )
        for row in straddling:
            candidates = np.flatnonzero(scores[row] >= threshold[row, 0])
            best = candidates[np.lexsort((keys[row, candidates], -scores[row, candidates]))][:width]
            part[row] = best
            values[row] = scores[row, best]
    return part.astype(np.int64, copy=False), values
