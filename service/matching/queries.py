"""Match queries shared by the API and the web pages: the review queue, a provider's tailored need list (one
row per need, its fitting programmes inside) and commitments, one match as its reader may see it (all through
`visibility`), and the row → response mappings (the team's; the provider's without team reasons and, for a
confidential request, without the state's name and text; the state's without scores)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.http.schemas import AnySelect, Page, count_capped
from service.matching import schemas, visibility
from service.requests.queries import filter_requests
from service.vocab import LABELS

T = TypeVar("T")


def base() -> Select[m.Match, m.Request, str, m.Programme, str, str | None]:
    return (
        select(m.Match, m.Request, m.State.name, m.Programme, m.Provider.name, m.State.region)
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


def _core(row: Any, *, disclose: bool = True) -> dict[str, Any]:
    """The fields of a match row every reader may see; `disclose=False` hides what names the state."""
    match, request, state_name, programme, provider_name, region = row
    return {
        "id": match.id,
        "request_id": request.id,
        "request_title": request.title if disclose else None,
        "state_iso3": request.state_iso3 if disclose else None,
        "state_name": state_name if disclose else None,
        "region": region,
        "confidential": request.confidential,
        "request_status": request.status,
        "stage": request.stage,
        "priority": request.priority if disclose else None,
        "language": request.language if disclose else None,
        "areas": request.areas,
        "programme_id": programme.id,
        "programme_title": programme.title,
        "provider_id": programme.provider_id,
        "provider_name": provider_name,
        "status": match.status,
        "status_label": LABELS.get(match.status, match.status),
        "reviewed_by_team": match.decided_at is not None and match.status != "rejected",
        "consent_note": match.consent_note,
        "delivery_started": match.delivery_started,
        "delivery_completed": match.delivery_completed,
        "delivery_outcome": match.delivery_outcome,
        "result_note": match.result_note,
        "version": match.version,
    }


def _fit(match: m.Match) -> dict[str, Any]:
    return {"score": match.score, "summary": str(match.explanation.get("summary", ""))}


def match_out(row: Any) -> schemas.MatchOut:
    match = row[0]
    return schemas.MatchOut(
        **_core(row), **_fit(match), rank=match.rank, reason=match.reason, explanation=match.explanation
    )


def provider_match_out(row: Any) -> schemas.ProviderMatchOut:
    """What a provider may read of a match: the fit summary but not the team's explanation internals, its
    own offer or decline reason but never the team's accept or reject reason; a confidential request's
    state and text only once the state has agreed to this offer."""
    match, request = row[0], row[1]
    # Offer and decline overwrite the reason; before them it is the team's (accept, reject).
    own = match.reason if match.status in visibility.OWN_STATUSES else None
    disclose = visibility.discloses(request, match.status)
    return schemas.ProviderMatchOut(**_core(row, disclose=disclose), **_fit(match), own_reason=own)


def state_match_out(row: Any) -> schemas.StateMatchOut:
    """What a state reads of an offer on its own request: who offers what and where it stands."""
    return schemas.StateMatchOut(**_core(row))


def read_out(user: m.User, row: Any) -> schemas.MatchOut | schemas.ProviderMatchOut | schemas.StateMatchOut:
    if user.role == "ta":
        return match_out(row)
    return state_match_out(row) if user.role == "state" else provider_match_out(row)


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
) -> Page[schemas.Need]:
    """A provider's tailored need list, one row per need (open, reasonable request) with the provider's
    programmes that fit it inside: the needs the team recommended first, then by stage (A first), the
    state's priority and the best fit. Paginated by need."""
    own = visibility.programme_ids(session, provider_id)
    matches = filter_matches(base(), area=area, region=region, stage=stage, language=language).where(
        visibility.on_need_list(own)
    )
    if programme_id is not None:
        matches = matches.where(m.Programme.id == programme_id)
    recommended = func.max(case((m.Match.status == "accepted", 1), else_=0)).label("recommended")
    best = func.max(m.Match.score).label("best")
    needs = (
        matches.with_only_columns(m.Request.id, recommended, best)
        .group_by(m.Request.id, m.Request.stage, m.Request.priority)
        .order_by(
            recommended.desc(), m.Request.stage, m.Request.priority.nulls_last(), best.desc(), m.Request.id
        )
    )
    total, capped = count_capped(session, needs.with_only_columns(m.Request.id))
    ids = [row[0] for row in session.execute(needs.limit(limit).offset(offset))]
    rows: dict[int, list[Any]] = {i: [] for i in ids}
    for row in session.execute(
        matches.where(m.Request.id.in_(ids)).order_by(m.Match.score.desc(), m.Match.id)
    ):
        rows[row[1].id].append(row)
    return Page(
        items=[_need(rows[i]) for i in ids], total=total, limit=limit, offset=offset, total_capped=capped
    )


def _need(rows: list[Any]) -> schemas.Need:
    """One need-list row from the need's matches with the provider's programmes, best first."""
    request = rows[0][1]
    # A need is on the list only through matches not yet agreed by the state: confidentiality holds.
    disclose = visibility.discloses(request, rows[0][0].status)
    core = _core(rows[0], disclose=disclose)
    return schemas.Need(
        **{k: core[k] for k in ("request_id", "request_title", "state_iso3", "state_name", "region")},
        **{k: core[k] for k in ("confidential", "request_status", "stage", "priority", "language", "areas")},
        description=request.description if disclose else None,
        recommended=any(row[0].status == "accepted" for row in rows),
        best_score=max(row[0].score for row in rows),
        programmes=[
            schemas.NeedProgramme(
                id=match.id,
                programme_id=programme.id,
                programme_title=programme.title,
                status=match.status,
                status_label=LABELS.get(match.status, match.status),
                recommended=match.status == "accepted",
                version=match.version,
                **_fit(match),
            )
            for match, _, _, programme, _, _ in rows
        ],
    )


def commitments(
    session: Session, provider_id: str | None, *, limit: int = 50, offset: int = 0
) -> Page[schemas.ProviderMatchOut]:
    """What the provider offered (awaiting the state, agreed or refused), declined, is delivering or
    delivered."""
    own = visibility.programme_ids(session, provider_id)
    query = base().where(visibility.in_commitments(own))
    order = (m.Match.updated_at.desc(), m.Match.id)
    return page(session, query.order_by(*order), limit, offset, provider_match_out)


def visible_match(session: Session, user: m.User, match_id: int) -> Any:
    """The match's row if the user may see it (team: any, unknown ids 404; a provider: its need list and
    commitments; a state: the reviewed offers on its requests; anything else 403 alike, existing or not)."""
    row = session.execute(base().where(m.Match.id == match_id, visibility.visible_to(session, user))).first()
    return guard(user, row, lambda _: True, "match")


def read_match(
    session: Session, user: m.User, match_id: int
) -> schemas.MatchOut | schemas.ProviderMatchOut | schemas.StateMatchOut:
    """One match as its reader may see it: the team's full view, the provider's (no team reasons), or the
    state's (no scores)."""
    return read_out(user, visible_match(session, user, match_id))
