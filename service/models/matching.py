"""The version of what the fitted matcher is built from (programmes, their areas, states, organizations,
memberships and deliveries): one row, bumped in the same transaction as any change to them, so every
process keys its cached matcher by it and agrees on when to rebuild."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import String, event, insert, inspect, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from service.models.assistance import Match, Programme, ProgrammeArea
from service.models.base import Base
from service.models.reference import Organization, OrganizationMembership, State, StateMembership

# Rows whose change changes the fitted matcher: the catalogue of programmes and the organization graph.
CATALOGUE_ROWS = (Programme, ProgrammeArea, State, Organization, StateMembership, OrganizationMembership)


class MatchingState(Base):
    """One row (id 1): `version` counts changes; `stamp` is new at each bump, so a bump that was rolled
    back and a later one reaching the same number never share a cache key."""

    __tablename__ = "matching_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    stamp: Mapped[str] = mapped_column(String(32), default="")


def bump(session: Session) -> None:
    """Bump the catalogue version within the session's transaction (the first change creates the row: a
    new database holds none, so it stays empty for a restore)."""
    stamp = uuid.uuid4().hex
    done = session.connection().execute(
        update(MatchingState)
        .where(MatchingState.id == 1)
        .values(version=MatchingState.version + 1, stamp=stamp)
    )
    if not done.rowcount:
        session.connection().execute(insert(MatchingState).values(id=1, version=1, stamp=stamp))


def _delivered(match: Match) -> bool:
    """A match that just became delivered adds a 'helped it before' edge to the graph."""
    history = inspect(match).attrs.status.history
    return match.status == "delivered" and bool(history.added)


@event.listens_for(Session, "before_flush")
def _bump_on_catalogue_change(session: Session, _context: Any, _instances: Any) -> None:
    # Every ORM write of a catalogue row bumps, whichever module makes it (logic, imports, seeding, tests):
    # a cached matcher can then never outlive the rows it was fitted on.
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(
        isinstance(row, CATALOGUE_ROWS)
        and (row in session.new or row in session.deleted or session.is_modified(row))
        or (isinstance(row, Match) and _delivered(row))
        for row in changed
    ):
        bump(session)
