"""Matching endpoints: refresh (team), the review queue and decisions (team), the tailored need list,
take-up and delivery (providers)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.api.deps import CurrentUser, ProviderUser, SessionDep, TeamUser
from service.api.schemas import Page
from service.matching import schemas, workflow
from service.matching.refresh import refresh
from service.vocab import LABELS

router = APIRouter(prefix="/api", tags=["matching"])


def _base() -> Select[Any]:
    return (
        select(m.Match, m.Request, m.State.name, m.Programme, m.Provider.name)
        .join(m.Request, m.Match.request_id == m.Request.id)
        .join(m.State, m.State.iso3 == m.Request.state_iso3)
        .join(m.Programme, m.Match.programme_id == m.Programme.id)
        .join(m.Provider, m.Provider.id == m.Programme.provider_id)
    )


def _filter(
    query: Select[Any],
    *,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    min_score: float | None = None,
) -> Select[Any]:
    if area:
        query = query.where(
            m.Request.id.in_(select(m.RequestArea.request_id).where(m.RequestArea.area_id == area))
        )
    if region:
        query = query.where(
            (m.State.region == region)
            | (m.State.subregion == region)
            | (m.State.intermediate_region == region)
        )
    if stage:
        query = query.where(m.Request.stage == stage)
    if language:
        query = query.where(m.Request.language == language)
    if min_score is not None:
        query = query.where(m.Match.score >= min_score)
    return query


def _out(row: Any) -> schemas.MatchOut:
    match, request, state_name, programme, provider_name = row
    return schemas.MatchOut(
        id=match.id,
        request_id=request.id,
        request_title=request.title,
        state_iso3=request.state_iso3,
        state_name=state_name,
        request_status=request.status,
        stage=request.stage,
        priority=request.priority,
        language=request.language,
        areas=request.areas,
        programme_id=programme.id,
        programme_title=programme.title,
        provider_id=programme.provider_id,
        provider_name=provider_name,
        score=match.score,
        rank=match.rank,
        status=match.status,
        status_label=LABELS.get(match.status, match.status),
        reason=match.reason,
        summary=str(match.explanation.get("summary", "")),
        explanation=match.explanation,
        delivery_started=match.delivery_started,
        delivery_completed=match.delivery_completed,
        delivery_outcome=match.delivery_outcome,
        result_note=match.result_note,
        version=match.version,
    )


def _page(session: Session, query: Select[Any], limit: int, offset: int) -> Page[schemas.MatchOut]:
    total = (
        session.scalar(select(func.count()).select_from(query.with_only_columns(m.Match.id).subquery())) or 0
    )
    rows = session.execute(query.limit(limit).offset(offset)).all()
    return Page(items=[_out(r) for r in rows], total=total, limit=limit, offset=offset)


Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


@router.post("/matching/refresh", response_model=schemas.RefreshOut)
def refresh_matching(session: SessionDep, team: TeamUser) -> schemas.RefreshOut:
    """Score every open request against every active programme and store the top suggestions."""
    return schemas.RefreshOut(**refresh(session, actor=team).as_dict())


@router.get("/matches", response_model=Page[schemas.MatchOut])
def review_queue(
    session: SessionDep,
    _: TeamUser,
    status: Annotated[list[str] | None, Query()] = None,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    request_id: int | None = None,
    provider: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[schemas.MatchOut]:
    """The team's review queue: suggestions on open requests, best first (filter by status to follow
    decisions and deliveries)."""
    query = _filter(_base(), area=area, region=region, stage=stage, min_score=min_score)
    if status:
        query = query.where(m.Match.status.in_(status))
    else:
        query = query.where(m.Match.status == "suggested", m.Request.status == "open")
    if request_id is not None:
        query = query.where(m.Match.request_id == request_id)
    if provider:
        query = query.where(m.Programme.provider_id == provider)
    return _page(session, query.order_by(m.Match.score.desc(), m.Match.id), limit, offset)


@router.get("/provider/needs", response_model=Page[schemas.MatchOut])
def need_list(
    session: SessionDep,
    provider: ProviderUser,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    programme_id: int | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[schemas.MatchOut]:
    """The provider's tailored need list: open, reasonable requests its programmes may serve, ranked by fit
    and by the state's own priority."""
    query = _filter(_base(), area=area, region=region, stage=stage, language=language).where(
        m.Programme.provider_id == provider.provider_id,
        m.Match.status.in_(("suggested", "accepted")),
        m.Request.status.in_(("open", "matched")),
        m.Request.triage_outcome == "reasonable",
    )
    if programme_id is not None:
        query = query.where(m.Programme.id == programme_id)
    return _page(session, query.order_by(m.Match.score.desc(), m.Request.priority, m.Match.id), limit, offset)


@router.get("/provider/commitments", response_model=Page[schemas.MatchOut])
def commitments(
    session: SessionDep, provider: ProviderUser, limit: Limit = 50, offset: Offset = 0
) -> Page[schemas.MatchOut]:
    """What the provider took up, is delivering or delivered."""
    query = _base().where(
        m.Programme.provider_id == provider.provider_id,
        m.Match.status.in_(("offered", "delivering", "delivered", "declined")),
    )
    return _page(session, query.order_by(m.Match.updated_at.desc(), m.Match.id), limit, offset)


def _visible_match(session: Session, user: m.User, match_id: int) -> Any:
    row = session.execute(_base().where(m.Match.id == match_id)).first()
    return guard(user, row, lambda r: workflow.can_act(user, r[0]), "match")


@router.get("/matches/{match_id}", response_model=schemas.MatchOut)
def get_match(match_id: int, session: SessionDep, user: CurrentUser) -> schemas.MatchOut:
    return _out(_visible_match(session, user, match_id))


@router.post("/matches/{match_id}/decision", response_model=schemas.MatchOut)
def decide(match_id: int, body: schemas.Decision, session: SessionDep, user: CurrentUser) -> schemas.MatchOut:
    """Accept, reject (with a reason) or undo (team); take up, decline, start and complete delivery
    (the programme's provider, or the team)."""
    match = _visible_match(session, user, match_id)[0]
    workflow.apply(
        session,
        user,
        match,
        body.action,
        version=body.version,
        reason=body.reason,
        on=body.on,
        outcome=body.outcome,
        note=body.note,
    )
    return _out(_visible_match(session, user, match_id))
