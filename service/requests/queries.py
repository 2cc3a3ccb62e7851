"""Reading requests: who may see which (the team all, a state its own), the filters every list shares, the
request list with its sorts, one request with its matches and history, and near-duplicate candidates."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from service import core
from service import models as m
from service.access import guard
from service.db import contains
from service.http.schemas import AnySelect, Page, count_capped
from service.requests import schemas
from service.vocab import COMMITTED_MATCH_STATUSES, LABELS


def visible_request(session: Session, user: m.User, request_id: int) -> m.Request:
    return guard(
        user,
        session.get(m.Request, request_id),
        lambda r: user.role == "state" and r.state_iso3 == user.state_iso3,
        "request",
    )


def in_region(region: str) -> ColumnElement[bool]:
    """A state in an M49 region, sub-region or intermediate region of that name."""
    return (
        (m.State.region == region) | (m.State.subregion == region) | (m.State.intermediate_region == region)
    )


def filter_requests(
    query: AnySelect,
    *,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
) -> AnySelect:
    if area:
        query = query.where(
            m.Request.id.in_(select(m.RequestArea.request_id).where(m.RequestArea.area_id == area))
        )
    if region:
        query = query.where(in_region(region))
    if stage:
        query = query.where(m.Request.stage == stage)
    if language:
        query = query.where(m.Request.language == language)
    return query


def request_out(request: m.Request, state_name: str | None = None) -> schemas.RequestOut:
    return schemas.RequestOut(
        id=request.id,
        ref=request.ref,
        state_iso3=request.state_iso3,
        state_name=state_name or request.state.name,
        title=request.title,
        description=request.description,
        language=request.language,
        areas=[schemas.AreaOut(id=a.area_id, suggested=a.suggested) for a in request.area_links],
        stage=request.stage,
        priority=request.priority,
        status=request.status,
        status_label=LABELS.get(request.status, request.status),
        triage_outcome=request.triage_outcome,
        triage_reason=request.triage_reason,
        duplicate_of_id=request.duplicate_of_id,
        source_report=request.source_report,
        submitted_at=request.submitted_at,
        triaged_at=request.triaged_at,
        matched_at=request.matched_at,
        delivery_started_at=request.delivery_started_at,
        met_at=request.met_at,
        closed_at=request.closed_at,
        version=request.version,
    )


def match_brief(match: m.Match) -> schemas.MatchBrief:
    return schemas.MatchBrief(
        id=match.id,
        programme_id=match.programme_id,
        programme_title=match.programme.title,
        provider_id=match.programme.provider_id,
        provider_name=match.programme.provider.name,
        score=match.score,
        status=match.status,
        status_label=LABELS.get(match.status, match.status),
        summary=str(match.explanation.get("summary", "")),
        version=match.version,
    )


def request_detail(session: Session, request: m.Request, user: m.User) -> schemas.RequestDetail:
    query = select(m.Match).where(m.Match.request_id == request.id).order_by(m.Match.score.desc())
    if user.role != "ta":
        query = query.where(m.Match.status.in_(COMMITTED_MATCH_STATUSES))
    matches = [match_brief(x) for x in session.scalars(query)]
    return schemas.RequestDetail(**request_out(request).model_dump(), matches=matches)


def history(session: Session, request: m.Request) -> list[schemas.HistoryItem]:
    events = session.scalars(
        select(m.Event)
        .where(m.Event.entity == "request", m.Event.entity_id == str(request.id))
        .order_by(m.Event.id)
    )
    return [
        schemas.HistoryItem(
            at=e.at, actor=e.actor, action=e.action, before=e.before, after=e.after, note=e.note
        )
        for e in events
    ]


SORTS = {
    "priority": (m.Request.state_iso3, m.Request.priority.nulls_last(), m.Request.id),
    "newest": (m.Request.submitted_at.desc(), m.Request.id.desc()),
    "oldest": (m.Request.submitted_at, m.Request.id),
    "state": (m.Request.state_iso3, m.Request.id),
}
Sort = Literal["priority", "newest", "oldest", "state"]


def list_requests(
    session: Session,
    user: m.User,
    *,
    status: list[str] | None = None,
    state: str | None = None,
    area: str | None = None,
    stage: str | None = None,
    region: str | None = None,
    language: str | None = None,
    q: str | None = None,
    sort: Sort = "priority",
    limit: int = 50,
    offset: int = 0,
) -> Page[schemas.RequestOut]:
    """A state lists its own requests; the team lists all, filtered and sorted."""
    query = select(m.Request).join(m.State, m.State.iso3 == m.Request.state_iso3)
    if user.role == "state":
        query = query.where(m.Request.state_iso3 == user.state_iso3)
    elif state:
        query = query.where(m.Request.state_iso3 == state.upper())
    if status:
        query = query.where(m.Request.status.in_(status))
    query = filter_requests(query, area=area, region=region, stage=stage, language=language)
    if q:
        query = query.where(
            contains(m.Request.title, q) | contains(m.Request.description, q) | contains(m.Request.ref, q)
        )
    total, capped = count_capped(session, query)
    rows = session.execute(query.add_columns(m.State.name).order_by(*SORTS[sort]).limit(limit).offset(offset))
    return Page(
        items=[request_out(r, name) for r, name in rows],
        total=total,
        limit=limit,
        offset=offset,
        total_capped=capped,
    )


def duplicate_candidates(session: Session, request: m.Request) -> list[schemas.DuplicateCandidate]:
    """The same state's other requests that look like this one (for triage)."""
    others = list(
        session.scalars(
            select(m.Request).where(m.Request.state_iso3 == request.state_iso3, m.Request.id != request.id)
        )
    )
    by_id = {o.id: o for o in others}
    return [
        schemas.DuplicateCandidate(request=request_out(by_id[i]), similarity=round(s, 3))
        for i, s in core.duplicate_candidates(request, others, 5)
    ]
