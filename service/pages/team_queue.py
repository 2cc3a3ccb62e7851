"""The team's review queue: suggested matches with their explanations, best first, filtered by area, region,
stage, state, request and minimum score (blank fields mean "any"); accept or reject each in one click, back
to the same filters and the next card; and the "refresh matching" button."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from service.errors import Conflict
from service.http.deps import SessionDep, SettingsDep, Today
from service.http.schemas import Offset
from service.jobs import logic as jobs
from service.jobs.schemas import JobIn
from service.matching import queries
from service.pages import choices, filters
from service.pages.deps import Form, TeamPage
from service.pages.templating import redirect, render
from service.pages.texts import programme_texts, request_texts

router = APIRouter(prefix="/team", include_in_schema=False)

PER_PAGE = 10
Filter = Annotated[str | None, Query(max_length=120)]
SCORES = {"0.2": "0.20 or more", "0.3": "0.30 or more", "0.4": "0.40 or more", "0.5": "0.50 or more"}


@router.get("/queue")
def queue(
    request: Request,
    session: SessionDep,
    user: TeamPage,
    area: Filter = None,
    region: Filter = None,
    stage: Filter = None,
    state: Filter = None,
    request_id: Annotated[str | None, Query(alias="request", max_length=12)] = None,
    min_score: Annotated[str | None, Query(max_length=12)] = None,
    offset: Offset = 0,
) -> Response:
    del user
    found = queries.review_queue(
        session,
        area=area or None,
        region=region or None,
        stage=stage or None,
        state=state or None,
        request_id=filters.whole(request_id, "request"),
        min_score=filters.number(min_score, "min_score"),
        limit=PER_PAGE,
        offset=offset,
    )
    return render(
        request,
        "team/queue.html",
        title="Review queue",
        queue=found,
        request_texts=request_texts(session, [x.request_id for x in found.items]),
        programme_texts=programme_texts(session, [x.programme_id for x in found.items]),
        regions=choices.regions(session),
        stages=choices.stages(),
        states=choices.states(session),
        scores=SCORES,
    )


@router.post("/matching/refresh")
def refresh_matching(
    request: Request, session: SessionDep, settings: SettingsDep, today: Today, user: TeamPage, form: Form
) -> Response:
    """Queue a full refresh (the repair tool: suggestions are already stored as requests open and
    programmes change) and follow it on its job page."""
    del form
    try:
        job = jobs.submit(session, user, JobIn(kind="matching.refresh"), settings=settings, on=today)
    except Conflict as already:
        running = (already.details or {}).get("job")
        return redirect(request, f"/team/jobs/{running}", "A refresh is already running.", kind="error")
    return redirect(request, f"/team/jobs/{job.id}", f"Refresh queued as job {job.id}.")
