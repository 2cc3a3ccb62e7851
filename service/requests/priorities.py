"""Each state's relative priorities: a gap-free rank 1..n over its active requests (source paragraph 28)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service import models as m
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


def add_ranked(session: Session, request: m.Request) -> None:
    """Add a new active request at the end of its state's order. Two filings by one state at the same
    moment would both pick "highest + 1", so the state's row is locked first: a row lock on PostgreSQL;
    on SQLite a no-op write, which takes the database's write lock (waiting its busy timeout) before the
    highest rank is read."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(m.State).where(m.State.iso3 == request.state_iso3).values(iso3=m.State.iso3)
        )
    else:
        session.execute(select(m.State.iso3).where(m.State.iso3 == request.state_iso3).with_for_update())
    request.priority = next_priority(session, request.state_iso3)
    session.add(request)
    session.flush()


def _assign(session: Session, state: str, ordered: Sequence[m.Request]) -> None:
    # Two steps, because the unique (state, priority) key is checked row by row: park every rank out of
    # the way (negated ids never collide), then write the final ranks.
    ids = [r.id for r in ordered]
    if not ids:
        return
    session.flush()
    session.execute(
        update(m.Request)
        .where(m.Request.id.in_(ids))
        .values(priority=None)
        .execution_options(synchronize_session=False)
    )
    for rank, request in enumerate(ordered, start=1):
        session.execute(
            update(m.Request)
            .where(m.Request.id == request.id)
            .values(priority=rank, version=m.Request.version + 1)
            .execution_options(synchronize_session=False)
        )
    for request in ordered:
        session.refresh(request)


def compact(session: Session, state: str) -> None:
    """Close the gaps after a request left the active set (met, withdrawn, closed, …)."""
    ordered = active_requests(session, state)
    if [r.priority for r in ordered] != list(range(1, len(ordered) + 1)):
        _assign(session, state, ordered)


def reorder(session: Session, state: str, request_ids: Sequence[int]) -> list[m.Request]:
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
    _assign(session, state, ordered)
    return ordered
