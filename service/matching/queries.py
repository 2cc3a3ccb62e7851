"""Match queries shared by the API and the web pages: the review queue, a provider's tailored need list and
commitments, one match as its reader may see it (all through `visibility`), and the row → response
mappings (the team's, and the provider's without team reasons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.http.schemas import AnySelect, Page, count_capped
from service.matching import schemas, visibility
from service.requests.queries import filter_requests
from service.vocab import LABELS

T = TypeVar("T")


def base() -> Select[m.Match, m.Request, str, m.Programme, str]:
    return (
        select(m.Match, m.Request, m.State.name, m.Programme, m.Provider.name)
        .join(m.Request, m.Match.request_id == m.Request.id)
        .join(m.State, m.State.iso3 == m.Request.state_iso3)
        .join(m.Programme, m.Match.programme_id == m.Programme.id)
        .join(m.Provider, m.Provider.id == m.Programme.provider_id)
    )


def filter_matches(
    query: AnySelect,
    *,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    min_score: float | None = None,
) -> AnySelect:
    query = filter_requests(query, area=area, region=region, stage=stage, language=language)
    if min_score is not None:
        query = query.where(m.Match.score >= min_score)
    return query


def _shared(row: Any) -> dict[str, Any]:
    """The fields of a match row every reader may see (team and provider alike)."""
    match, request, state_name, programme, provider_name = row
    return {
        "id": match.id,
        "request_id": request.id,
        "request_title": request.title,
        "state_iso3": request.state_iso3,
        "state_name": state_name,
        "request_status": request.status,
        "stage": request.stage,
        "priority": request.priority,
        "language": request.language,
        "areas": request.areas,
        "programme_id": programme.id,
        "programme_title": programme.title,
        "provider_id": programme.provider_id,
        "provider_name": provider_name,
        "score": match.score,
        "status": match.status,
        "status_label": LABELS.get(match.status, match.status),
        "summary": str(match.explanation.get("summary", "")),
        "delivery_started": match.delivery_started,
        "delivery_completed": match.delivery_completed,
        "delivery_outcome": match.delivery_outcome,
        "result_note": match.result_note,
        "version": match.version,
    }


def match_out(row: Any) -> schemas.MatchOut:
    match = row[0]
    return schemas.MatchOut(
        **_shared(row), rank=match.rank, reason=match.reason, explanation=match.explanation
    )


def provider_match_out(row: Any) -> schemas.ProviderMatchOut:
    """What a provider may read of a match: the fit summary but not the team's explanation internals, its
    own take-up or decline reason but never the team's accept or reject reason."""
    match = row[0]
    # Take-up and decline overwrite the reason; before them it is the team's (accept, reject).
    own = match.reason if match.status in visibility.OWN_STATUSES else None
    return schemas.ProviderMatchOut(**_shared(row), own_reason=own)


def page(session: Session, query: AnySelect, limit: int, offset: int, out: Callable[[Any], T]) -> Page[T]:
    total, capped = count_capped(session, query.with_only_columns(m.Match.id))
    rows = session.execute(query.limit(limit).offset(offset)).all()
    return Page(items=[out(r) for r in rows], total=total, limit=limit, offset=offset, total_capped=capped)


def review_queue(
    session: Session,
    *,
    status: list[str] | None = None,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    min_score: float | None = None,
    request_id: int | None = None,
    provider: str | None = None,
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[schemas.MatchOut]:
    """Suggestions on open requests, best first (or the matches of the given statuses)."""
    query = filter_matches(base(), area=area, region=region, stage=stage, min_score=min_score)
    if status:
        query = query.where(m.Match.status.in_(status))
    else:
        query = query.where(m.Match.status == "suggested", m.Request.status == "open")
    if request_id is not None:
        query = query.where(m.Match.request_id == request_id)
    if provider:
        query = query.where(m.Programme.provider_id == provider)
    if state:
        query = query.where(m.Request.state_iso3 == state)
    return page(session, query.order_by(m.Match.score.desc(), m.Match.id), limit, offset, match_out)


def need_list(
    session: Session,
    provider_id: str | None,
    *,
    area: str | None = None,
    region: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    programme_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[schemas.ProviderMatchOut]:
    """A provider's tailored need list: open, reasonable requests its programmes may serve, ranked by fit
    and by the state's own priority."""
    own = visibility.programme_ids(session, provider_id)
    query = filter_matches(base(), area=area, region=region, stage=stage, language=language).where(
        visibility.on_need_list(own)
    )
    if programme_id is not None:
        query = query.where(m.Programme.id == programme_id)
    order = (m.Match.score.desc(), m.Request.priority, m.Match.id)
    return page(session, query.order_by(*order), limit, offset, provider_match_out)


def commitments(
    session: Session, provider_id: str | None, *, limit: int = 50, offset: int = 0
) -> Page[schemas.ProviderMatchOut]:
    """What the provider took up, is delivering, delivered or declined."""
    own = visibility.programme_ids(session, provider_id)
    query = base().where(visibility.in_commitments(own))
    order = (m.Match.updated_at.desc(), m.Match.id)
    return page(session, query.order_by(*order), limit, offset, provider_match_out)


def visible_match(session: Session, user: m.User, match_id: int) -> Any:
    """The match's row if the user may see it (team: any, unknown ids 404; a provider: its need list and
    commitments, anything else 403 alike, existing or not)."""
    row = session.execute(base().where(m.Match.id == match_id, visibility.visible_to(session, user))).first()
    return guard(user, row, lambda _: True, "match")


def read_match(session: Session, user: m.User, match_id: int) -> schemas.MatchOut | schemas.ProviderMatchOut:
    """One match as its reader may see it: the team's full view, or the provider's (no team reasons)."""
    row = visible_match(session, user, match_id)
    return match_out(row) if user.role == "ta" else provider_match_out(row)
