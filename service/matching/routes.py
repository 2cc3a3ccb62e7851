"""Matching endpoints: refresh (team), the review queue and decisions (team), the tailored need list, offers
and delivery (providers), consent (the state whose request it is, or the team on its behalf)."""

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


@router.get("/provider/needs", response_model=Page[schemas.Need])
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
) -> Page[schemas.Need]:
    """The provider's tailored need list, one row per need with its programmes that fit inside: the needs
    the team recommended first, then by stage (A first), the state's priority and the best fit. Paginated
    by need; a confidential request shows only its area, stage and region."""
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
    """What the provider offered (awaiting the state's consent, agreed or refused), declined, is delivering or
    delivered."""
    return queries.commitments(session, provider.provider_id, limit=limit, offset=offset)


# The team reads the full match; a provider its own view of the matches on its need list or commitments; a
# state the reviewed offers on its own requests.
MatchView = schemas.MatchOut | schemas.ProviderMatchOut | schemas.StateMatchOut


@router.get("/matches/{match_id}", response_model=MatchView)
def get_match(match_id: IdPath, session: SessionDep, user: CurrentUser) -> MatchView:
    """One match: the team reads any; a provider those of its need list and commitments; a state the
    reviewed offers on its own requests (no scores). Everyone else is refused alike (403), existing or not."""
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
    """The match's lifecycle: accept, reject (with a reason), undo or acknowledge an unsolicited offer
    (team); offer or decline (with a reason), start and complete delivery (the programme's provider, or the
    team); consent or refuse (with a reason) an offer the team has reviewed (the state whose request it is,
    or the team recording the state's answer with a note). A provider's offer on a request whose state
    agreed to another provider's offer is refused with 403 (it is off its need list); a state's answer on
    another state's request with 403, the same as for an id that does not exist; an illegal move, a
    withdrawn request or a stale version with 409."""
    match = queries.visible_match(session, user, match_id)[0]
    logic.apply_decision(session, user, match, body, settings=settings, today=today)
    return queries.read_match(session, user, match_id)
