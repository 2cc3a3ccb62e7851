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


@router.get("/provider/needs", response_model=Page[schemas.ProviderMatchOut])
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
) -> Page[schemas.ProviderMatchOut]:
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


@router.get("/provider/commitments", response_model=Page[schemas.ProviderMatchOut])
def commitments(
    session: SessionDep, provider: ProviderUser, limit: Limit = 50, offset: Offset = 0
) -> Page[schemas.ProviderMatchOut]:
    """What the provider took up, is delivering, delivered or declined."""
    return queries.commitments(session, provider.provider_id, limit=limit, offset=offset)


# The team reads the full match; a provider its own view of the matches on its need list or commitments.
MatchView = schemas.MatchOut | schemas.ProviderMatchOut


@router.get("/matches/{match_id}", response_model=MatchView)
def get_match(match_id: IdPath, session: SessionDep, user: CurrentUser) -> MatchView:
    """One match: the team reads any; a provider reads those of its need list and commitments, and is
    refused alike (403) for every other id, existing or not."""
    return queries.read_match(session, user, match_id)


@router.post("/matches/{match_id}/decision", response_model=MatchView)
def decide(
    match_id: IdPath,
    body: Annotated[schemas.Decision, Body(openapi_examples=schemas.DECISION_EXAMPLES)],
    session: SessionDep,
    settings: SettingsDep,
    today: Today,
    user: CurrentUser,
) -> MatchView:
    """Accept, reject (with a reason) or undo (team); take up, decline, start and complete delivery
    (the programme's provider on a match of its need list or commitments, or the team). A provider's
    take-up of a request another provider has taken up is refused with 403 (it is off its need list)."""
    match = queries.visible_match(session, user, match_id)[0]
    logic.apply_decision(session, user, match, body, settings=settings, today=today)
    return queries.read_match(session, user, match_id)
