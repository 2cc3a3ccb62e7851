"""Each state's relative priorities: a gap-free rank 1..n over its active requests (source paragraph 28).
One planner (`plan_ranks`: pinned ranks first, everyone else keeps their relative order) serves filing,
re-ordering, closing up after a request leaves, and the import's priority column."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.errors import InvalidInput
from service.vocab import ACTIVE_REQUEST_STATUSES


def active_requests(session: Session, state: str) -> list[m.Request]:
    return list(
        session.scalars(
            select(m.Request)
            .where(m.Request.state_iso3 == state, m.Request.status.in_(ACTIVE_REQUEST_STATUSES))
            .order_by(m.Request.priority.nulls_last(), m.Request.id)
        )
    )


def next_priority(session: Session, state: str) -> int:
    highest = session.scalar(select(func.max(m.Request.priority)).where(m.Request.state_iso3 == state))
    return (highest or 0) + 1


def lock_state(session: Session, state: str) -> None:
    """Serialise what is numbered per state (ranks, references): two filings by one state at the same
    moment would both pick "highest + 1". A row lock on PostgreSQL; on SQLite a no-op write, which takes
    the database's write lock (waiting its busy timeout) before anything is read."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(m.State).where(m.State.iso3 == state).values(iso3=m.State.iso3))
    else:
        session.execute(select(m.State.iso3).where(m.State.iso3 == state).with_for_update())


def add_ranked(session: Session, request: m.Request) -> None:
    """Add a new active request at the end of its state's order (under the state's lock)."""
    lock_state(session, request.state_iso3)
    request.priority = next_priority(session, request.state_iso3)
    session.add(request)
    session.flush()


def _write(session: Session, actor: m.User | None, ranks: dict[m.Request, int], why: str) -> None:
    """Store new ranks. Only requests whose rank changes are written (and get a new version and an
    event), so an editor of an untouched request is never refused as stale. Two steps, because the
    unique (state, priority) key is checked row by row: park the moving ranks, then write them."""
    moving = {r: rank for r, rank in ranks.items() if r.priority != rank}
    if not moving:
        return
    session.flush()
    session.execute(
        update(m.Request)
        .where(m.Request.id.in_([r.id for r in moving]))
        .values(priority=None)
        .execution_options(synchronize_session=False)
    )
    before = {r: r.priority for r in moving}
    for request, rank in moving.items():
        session.execute(
            update(m.Request)
            .where(m.Request.id == request.id)
            .values(priority=rank, version=m.Request.version + 1)
            .execution_options(synchronize_session=False)
        )
    for request in moving:
        session.refresh(request)
        record(
            session,
            actor,
            "request.priority",
            "request",
            request.id,
            before={"priority": before[request]},
            after={"priority": request.priority},
            note=why,
        )


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


def plan_ranks(items: Sequence[Ranked]) -> dict[Hashable, int]:
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


def compact(session: Session, actor: m.User | None, state: str) -> None:
    """Close the gaps after a request left the active set (met, withdrawn, closed, …)."""
    current = active_requests(session, state)
    ranks = plan_ranks([Ranked(r, r.priority, None, (0, r.id)) for r in current])
    _write(session, actor, {r: int(ranks[r]) for r in current}, "ranks closed up after a request left")


def reorder(
    session: Session, actor: m.User | None, state: str, request_ids: Sequence[int]
) -> list[m.Request]:
    """Set the state's whole order at once: `request_ids` must be exactly its active requests."""
    current = active_requests(session, state)
    by_id = {r.id: r for r in current}
    if len(set(request_ids)) != len(request_ids) or set(request_ids) != set(by_id):
        raise InvalidInput(
            "order must list each of the state's active requests exactly once",
            field="order",
            details={"expected": sorted(by_id)},
        )
    ordered = [by_id[i] for i in request_ids]
    _write(session, actor, {r: rank for rank, r in enumerate(ordered, start=1)}, "the state re-ordered")
    return ordered
