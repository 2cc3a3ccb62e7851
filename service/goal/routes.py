"""The goal over HTTP (team only): its figures for a month, and the report with its charts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from service.goal.logic import figures
from service.goal.report import charts, html
from service.http.deps import SessionDep, TeamUser, Today

router = APIRouter(prefix="/api", tags=["goal"])


@router.get("/goal")
def goal_figures(
    session: SessionDep, team: TeamUser, today: Today, month: str | None = None
) -> dict[str, Any]:
    """The goal's figures at the end of the month (default: the current month, as things stand)."""
    return figures(session, month, on=today).as_dict()


@router.get("/goal/report", response_class=HTMLResponse)
def goal_report(session: SessionDep, team: TeamUser, today: Today, month: str | None = None) -> HTMLResponse:
    """The goal report as one self-contained HTML page with its charts embedded."""
    goal = figures(session, month, on=today)
    return HTMLResponse(html(goal, charts(goal)))
