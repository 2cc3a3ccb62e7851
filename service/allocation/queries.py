"""What the allocation plan reads: the month's open reasonable requests and the programmes' seats left."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import models as m
from service.editions.months import Month
from service.vocab import OFFERED_MATCH_STATUSES


def quarter(month: Month) -> tuple[Month, Month]:
    """The quarter holding the month: its first month and the first month after it."""
    first = Month(month.year, 3 * ((month.month - 1) // 3) + 1)
    return first, first.next().next().next()


def open_reasonable_requests(session: Session, month: Month) -> list[m.Request]:
    """Requests open and triaged reasonable by the end of the month, in id order."""
    return list(
        session.scalars(
            select(m.Request)
            .where(
                m.Request.status == "open",
                m.Request.triage_outcome == "reasonable",
                (m.Request.triaged_at.is_(None)) | (m.Request.triaged_at < month.end),
            )
            .order_by(m.Request.id)
        )
    )


def remaining_capacities(session: Session, month: Month, programme_ids: list[int]) -> dict[int, int | None]:
    """Each programme's engagements per quarter minus those its provider offered in the month's quarter
    (an offer holds the seat whether the state has answered yet or agreed; never below 0; None =
    unlimited). A team's recommendation alone holds no seat: it is one of the plan's own candidates."""
    first, after = quarter(month)
    committed_on = m.Match.offered_at
    used = dict(
        session.execute(
            select(m.Match.programme_id, func.count())
            .where(
                m.Match.status.in_(OFFERED_MATCH_STATUSES),
                committed_on >= first.start,
                committed_on < after.start,
            )
            .group_by(m.Match.programme_id)
        ).all()
    )
    capacities: dict[int, int | None] = {
        pid: seats
        for pid, seats in session.execute(
            select(m.Programme.id, m.Programme.capacity_per_quarter).where(m.Programme.id.in_(programme_ids))
        )
    }
    return {pid: _left(capacities[pid], used.get(pid, 0)) for pid in programme_ids}


def _left(capacity: int | None, used: int) -> int | None:
    return None if capacity is None else max(0, capacity - used)


def planning_day(month: Month, on: date) -> date:
    """The day whose active programmes the plan uses: today within the month, else the month's first day."""
    return on if month.is_current(on) else month.first_day
