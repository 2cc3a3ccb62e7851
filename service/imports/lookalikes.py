"""Near-duplicate scores between an import's new requests and the requests already stored, one block per
state, with the core's own similarity (so a score here means what it means in triage)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from service.core import DuplicateText, similarity

Texts = list[DuplicateText]  # title, description, language; areas are tagged on both sides alike


def block_scores(blocks: list[tuple[Texts, Texts]]) -> list[npt.NDArray[np.float64]]:
    """For each (new, stored) block, the matrix of similarities in [0, 1], new rows by stored columns.

    One process on purpose: spreading blocks over worker processes gained 15% on two busy cores, and
    spawned workers re-run an unguarded calling script."""
    return [similarity(new, stored) for new, stored in blocks]
