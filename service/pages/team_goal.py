"""The goal dashboard (source paragraph 24, "every reasonable request met"): the goal module's figures for
a month and the goal report's charts, embedded as PNG images, with the key numbers in words."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.errors import InvalidInput
from service.goal.logic import figures
from service.goal.report import charts
from service.http.deps import SessionDep, Today
from service.pages.deps import TeamPage
from service.pages.templating import render

router = APIRouter(prefix="/team", include_in_schema=False)


@router.get("/goal")
def goal(
    request: Request,
    session: SessionDep,
    user: TeamPage,
    today: Today,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
) -> Response:
    del user
    try:
        found = figures(session, month or None, on=today)
    except InvalidInput as exc:  # no requests yet, or a month outside the record
        return render(request, "team/goal.html", title="Goal", goal=None, charts=[], problem=exc.message)
    return render(request, "team/goal.html", title="Goal", goal=found, charts=charts(found), problem=None)
