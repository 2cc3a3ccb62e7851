"""Request endpoints: states file and re-prioritise their own; the team triages and closes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query
from sqlalchemy import func, select

from service import models as m
from service.errors import Forbidden
from service.http.deps import CurrentUser, SessionDep, StateOrTeam, TeamUser
from service.http.schemas import IdPath, Offset, Page, count_capped
from service.requests import logic, schemas
from service.requests.access import visible_request
from service.requests.filters import filter_requests
from service.requests.views import history, request_detail, request_out

router = APIRouter(prefix="/api", tags=["requests"])

SORTS = {
    "priority": (m.Request.state_iso3, m.Request.priority.nulls_last(), m.Request.id),
    "newest": (m.Request.submitted_at.desc(), m.Request.id.desc()),
    "oldest": (m.Request.submitted_at, m.Request.id),
    "state": (m.Request.state_iso3, m.Request.id),
}


def _list_query(
    user: m.User,
    status: list[str] | None,
    state: str | None,
    area: str | None,
    stage: str | None,
    region: str | None,
    language: str | None,
    q: str | None,
):  # type: ignore[no-untyped-def]
    query = select(m.Request).join(m.State, m.State.iso3 == m.Request.state_iso3)
    if user.role == "state":
        query = query.where(m.Request.state_iso3 == user.state_iso3)
    elif state:
        query = query.where(m.Request.state_iso3 == state.upper())
    if status:
        query = query.where(m.Request.status.in_(status))
    query = filter_requests(query, area=area, region=region, stage=stage, language=language)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            func.lower(m.Request.title).like(like) | func.lower(m.Request.description).like(like)
        )
    return query


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
    sort: Literal["priority", "newest", "oldest", "state"] = "priority",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> Page[schemas.RequestOut]:
    """A state lists its own requests; the team lists all, filtered and sorted."""
    query = _list_query(user, status, state, area, stage, region, language, q)
    total, capped = count_capped(session, query)
    rows = session.execute(query.add_columns(m.State.name).order_by(*SORTS[sort]).limit(limit).offset(offset))
    return Page(
        items=[request_out(r, name) for r, name in rows],
        total=total,
        limit=limit,
        offset=offset,
        total_capped=capped,
    )


@router.post("/requests", response_model=schemas.RequestDetail, status_code=201)
def file_request(
    body: Annotated[schemas.RequestCreate, Body(openapi_examples=schemas.CREATE_EXAMPLES)],
    session: SessionDep,
    user: CurrentUser,
) -> schemas.RequestDetail:
    """A state files a request (the team may file one for a state); without areas the tagger proposes some."""
    return request_detail(session, logic.create_request(session, user, body), user)


@router.get("/requests/{request_id}", response_model=schemas.RequestDetail)
def get_request(request_id: IdPath, session: SessionDep, user: CurrentUser) -> schemas.RequestDetail:
    return request_detail(session, visible_request(session, user, request_id), user)


@router.patch("/requests/{request_id}", response_model=schemas.RequestDetail)
def edit_request(
    request_id: IdPath, body: schemas.RequestUpdate, session: SessionDep, user: CurrentUser
) -> schemas.RequestDetail:
    request = logic.update_request(session, user, visible_request(session, user, request_id), body)
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
    request_id: IdPath, body: schemas.Triage, session: SessionDep, team: TeamUser
) -> schemas.RequestDetail:
    request = logic.triage(session, team, visible_request(session, team, request_id), body)
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
    """The same state's earlier requests that look like this one (for triage)."""
    from matcher.dedupe import duplicate_candidates as candidates
    from service.core import to_core_request

    request = visible_request(session, team, request_id)
    others = list(
        session.scalars(
            select(m.Request).where(m.Request.state_iso3 == request.state_iso3, m.Request.id != request.id)
        )
    )
    by_id = {str(o.id): o for o in others}
    found = candidates(to_core_request(request), [to_core_request(o) for o in others], 5)
    return [
        schemas.DuplicateCandidate(request=request_out(by_id[i]), similarity=round(s, 3)) for i, s in found
    ]
