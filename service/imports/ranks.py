"""Where each of a state's active requests ranks after an import: the file's priorities are pinned to
their rank and every other request keeps its relative order in the remaining places. Deterministic, so
importing the same file twice gives the same ranks (and the second import changes nothing)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranked:
    """One active request: `pinned` is the rank the file asks for, `current` the stored rank, and
    `order` breaks ties among requests with neither (file order for new ones)."""

    ident: Hashable
    current: int | None
    pinned: int | None
    order: tuple[int, int]


class _FreeSlots:
    """Ranks 1..n not yet taken, with 'first free at or after' and 'last free at or before' in near
    constant time (two path-compressed pointer maps), so a state with thousands of requests stays cheap."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._up = list(range(n + 2))
        self._down = list(range(n + 2))

    def _find(self, links: list[int], slot: int) -> int:
        root = slot
        while links[root] != root:
            root = links[root]
        while links[slot] != root:
            links[slot], slot = root, links[slot]
        return root

    def take(self, wanted: int) -> int:
        slot = self._find(self._up, wanted)
        if slot > self.n:  # nothing free at or after: the last free place before it
            slot = self._find(self._down, wanted)
        self._up[slot], self._down[slot] = slot + 1, slot - 1
        return slot


def assign_ranks(items: Sequence[Ranked]) -> dict[Hashable, int]:
    """Ranks 1..n for the n active requests of one state."""
    slots = _FreeSlots(len(items))
    ranks: dict[Hashable, int] = {}
    pinned = sorted((i for i in items if i.pinned is not None), key=lambda i: (i.pinned, i.order))
    for item in pinned:
        assert item.pinned is not None
        ranks[item.ident] = slots.take(min(item.pinned, len(items)))
    rest = sorted(
        (i for i in items if i.pinned is None),
        key=lambda i: (i.current is None, i.current or 0, i.order),
    )
    for item in rest:
        ranks[item.ident] = slots.take(1)
    return ranks
