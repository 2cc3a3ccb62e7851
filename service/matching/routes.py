"""Matching endpoints: refresh (team), the review queue and decisions (team), the tailored need list,
take-up and delivery (providers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from service.http.deps import CurrentUser, ProviderUser, SessionDep, SettingsDep, TeamUser, Today
from service.http.schemas import MAX_ID, IdPath, Offset, Page
from service.matching import logic, queries, schemas
from service.matching.refresh import refresh

router = APIRouter(prefix="/api", tags=["matching"])

Limit = Annotated[int, Query(ge=1, le=500)]


@router.post("/matching/refresh", response_model=schemas.RefreshReport)
def refresh_matching(
    session: SessionDep, settings: SettingsDep, today: Today, team: TeamUser
) -> schemas.RefreshReport:
    """Score every open request against every active programme and store the top suggestions."""
    return refresh(session, settings=settings, on=today, actor=team)


@router.get("/matches", response_model=Page[schemas.MatchOut])
def review_queue(
    session: SessionDep,
    _: TeamUser,
    status: Annotated[list[str] | None, Query()] = None,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    request_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    provider: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[schemas.MatchOut]:
    """The team's review queue: suggestions on open requests, best first (filter by status to follow
    decisions and deliveries)."""
    return queries.review_queue(
        session,
        status=status,
        area=area,
        region=region,
        stage=stage,
        min_score=min_score,
        request_id=request_id,
        provider=provider,
        limit=limit,
        offset=offset,
    )


@router.get("/provider/needs", response_model=Page[schemas.MatchOut])
def need_list(
    session: SessionDep,
    provider: ProviderUser,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    programme_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[schemas.MatchOut]:
    """The provider's tailored need list: open, reasonable requests its programmes may serve, ranked by fit
    and by the state's own priority."""
    return queries.need_list(
        session,
        provider.provider_id,
        area=area,
        region=region,
        stage=stage,
        language=language,
        programme_id=programme_id,
        limit=limit,
        offset=offset,
    )


@router.get("/provider/commitments", response_model=Page[schemas.MatchOut])
def commitments(
    session: SessionDep, provider: ProviderUser, limit: Limit = 50, offset: Offset = 0
) -> Page[schemas.MatchOut]:
    """What the provider took up, is delivering or delivered."""
    return queries.commitments(session, provider.provider_id, limit=limit, offset=offset)


@router.get("/matches/{match_id}", response_model=schemas.MatchOut)
def get_match(match_id: IdPath, session: SessionDep, user: CurrentUser) -> schemas.MatchOut:
    return queries.match_out(queries.visible_match(session, user, match_id))


@router.post("/matches/{match_id}/decision", response_model=schemas.MatchOut)
def decide(
    match_id: IdPath,
    body: Annotated[schemas.Decision, Body(openapi_examples=schemas.DECISION_EXAMPLES)],
    session: SessionDep,
    user: CurrentUser,
) -> schemas.MatchOut:
    """Accept, reject (with a reason) or undo (team); take up, decline, start and complete delivery
    (the programme's provider, or the team)."""
    match = queries.visible_match(session, user, match_id)[0]
    logic.apply_decision(session, user, match, body)
    return queries.match_out(queries.visible_match(session, user, match_id))
