"""The allocation plan over HTTP (team only): the month's plan beside the greedy baseline."""

from __future__ import annotations

from fastapi import APIRouter

from service.allocation.logic import plan_month
from service.allocation.schemas import AllocationOut
from service.http.deps import SessionDep, SettingsDep, TeamUser, Today

router = APIRouter(prefix="/api", tags=["allocation"])


@router.get("/allocation/{month}")
def allocation_plan(
    month: str, session: SessionDep, settings: SettingsDep, team: TeamUser, today: Today
) -> AllocationOut:
    """Which programme should take which open reasonable need this month, within each programme's seats
    left in the quarter and fair across states; the greedy baseline beside it and the plan's gain."""
    return plan_month(session, month, settings=settings, on=today)
