"""Request endpoints: states file and re-prioritise their own; the team triages and closes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query

from service.errors import Forbidden
from service.http.deps import CurrentUser, SessionDep, SettingsDep, StateOrTeam, TeamUser, Today
from service.http.schemas import IdPath, Offset, Page
from service.requests import logic, queries, schemas
from service.requests.queries import history, request_detail, request_out, visible_request

router = APIRouter(prefix="/api", tags=["requests"])


@router.get("/requests", response_model=Page[schemas.RequestOut])
def list_requests(
    session: SessionDep,
    user: StateOrTeam,
    status: Annotated[list[str] | None, Query()] = None,
    state: str | None = None,
    area: str | None = None,
    stage: Literal["A", "B", "C"] | None = None,
    region: str | None = None,
    language: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: queries.Sort = "priority",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> Page[schemas.RequestOut]:
    """A state lists its own requests; the team lists all, filtered and sorted."""
    return queries.list_requests(
        session,
        user,
        status=status,
        state=state,
        area=area,
        stage=stage,
        region=region,
        language=language,
        q=q,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.post("/requests", response_model=schemas.RequestDetail, status_code=201)
def file_request(
    body: Annotated[schemas.RequestCreate, Body(openapi_examples=schemas.CREATE_EXAMPLES)],
    session: SessionDep,
    user: CurrentUser,
    today: Today,
) -> schemas.RequestDetail:
    """A state files a request (the team may file one for a state); without areas the tagger proposes some."""
    return request_detail(session, logic.create_request(session, user, body, on=today), user)


@router.get("/requests/{request_id}", response_model=schemas.RequestDetail)
def get_request(request_id: IdPath, session: SessionDep, user: CurrentUser) -> schemas.RequestDetail:
    return request_detail(session, visible_request(session, user, request_id), user)


@router.patch("/requests/{request_id}", response_model=schemas.RequestDetail)
def edit_request(
    request_id: IdPath,
    body: schemas.RequestUpdate,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: CurrentUser,
) -> schemas.RequestDetail:
    """Edit a request (its state or the team, with the version it read); an open one is re-scored at once."""
    request = logic.update_request(
        session, user, visible_request(session, user, request_id), body, settings=settings, on=today
    )
    return request_detail(session, request, user)


@router.post("/requests/{request_id}/withdraw", response_model=schemas.RequestDetail)
def withdraw_request(
    request_id: IdPath, body: schemas.Withdraw, session: SessionDep, user: CurrentUser
) -> schemas.RequestDetail:
    request = logic.withdraw(session, user, visible_request(session, user, request_id), body)
    return request_detail(session, request, user)


@router.get("/requests/{request_id}/history", response_model=list[schemas.HistoryItem])
def request_history(request_id: IdPath, session: SessionDep, user: CurrentUser) -> list[schemas.HistoryItem]:
    return history(session, visible_request(session, user, request_id))


@router.put("/states/{iso3}/priorities", response_model=list[schemas.RequestOut])
def reprioritise(
    iso3: str, body: schemas.Reorder, session: SessionDep, user: StateOrTeam
) -> list[schemas.RequestOut]:
    """Re-order all of a state's active requests in one atomic step (ranks stay 1..n without gaps)."""
    if user.role == "state" and iso3.upper() != user.state_iso3:
        raise Forbidden("a state orders its own requests only")
    return [request_out(r) for r in logic.reprioritise(session, user, iso3.upper(), body.order)]


@router.post("/requests/{request_id}/triage", response_model=schemas.RequestDetail)
def triage_request(
    request_id: IdPath,
    body: schemas.Triage,
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    team: TeamUser,
) -> schemas.RequestDetail:
    """Triage a request; one found reasonable opens with its suggestions already stored."""
    request = logic.triage(
        session, team, visible_request(session, team, request_id), body, settings=settings, on=today
    )
    return request_detail(session, request, team)


@router.post("/requests/{request_id}/close", response_model=schemas.RequestDetail)
def close_request(
    request_id: IdPath, body: schemas.Close, session: SessionDep, team: TeamUser
) -> schemas.RequestDetail:
    """Mark a request met (only with a complete delivery) or closed unmet (with a reason)."""
    request = logic.close(session, team, visible_request(session, team, request_id), body)
    return request_detail(session, request, team)


@router.get("/requests/{request_id}/duplicates", response_model=list[schemas.DuplicateCandidate])
def duplicate_candidates(
    request_id: IdPath, session: SessionDep, team: TeamUser
) -> list[schemas.DuplicateCandidate]:
    """The same state's other requests that look like this one (for triage)."""
    return queries.duplicate_candidates(session, queries.visible_request(session, team, request_id))
