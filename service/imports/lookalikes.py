"""Near-duplicate scores between an import's new requests and the requests already stored, one block per
state, with the core's own similarity (so a score means what it means in triage). A large batch is spread
over every core: the core's character n-gram analysis is pure Python and would otherwise dominate."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np
import numpy.typing as npt

from matcher.dedupe import similarity
from matcher.text import MAX_CHARS, normalise

# Below this many (new, stored) pairs, starting worker processes costs more than it saves.
PARALLEL_PAIRS = 200_000

Texts = list[tuple[str, str]]  # (title, description)


def _text(title: str, description: str) -> str:
    # The text the core's dedupe compares (matcher.dedupe keeps its own helper private).
    return normalise(f"{title} {description}"[:MAX_CHARS])


def _scores(block: tuple[Texts, Texts]) -> npt.NDArray[np.float64]:
    new, stored = block
    return similarity([_text(*t) for t in new], [_text(*t) for t in stored])


def block_scores(blocks: list[tuple[Texts, Texts]]) -> list[npt.NDArray[np.float64]]:
    """For each (new, stored) block, the matrix of similarities in [0, 1], new rows by stored columns."""
    pairs = sum(len(new) * len(stored) for new, stored in blocks)
    workers = min(os.cpu_count() or 1, len(blocks))
    if pairs < PARALLEL_PAIRS or workers < 2:
        return [_scores(block) for block in blocks]
    # spawn, not fork: the server process has threads, and a forked child could inherit a held lock.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_scores, blocks, chunksize=max(1, len(blocks) // (workers * 4))))
