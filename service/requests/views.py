"""ORM rows → response models for requests (one place, shared by the API and the pages)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.requests import schemas
from service.vocab import LABELS

# What a state may see of the matches on its request: decisions, not the team's suggestions.
STATE_VISIBLE_MATCHES = ("accepted", "offered", "delivering", "delivered")


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
        query = query.where(m.Match.status.in_(STATE_VISIBLE_MATCHES))
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
