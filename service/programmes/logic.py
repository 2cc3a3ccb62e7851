"""Creating and editing programmes, with every code checked against the reference data."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.access import guard
from service.audit.logic import record
from service.clock import stamp
from service.concurrency import check_version
from service.errors import Forbidden, InvalidInput
from service.parties.logic import ensure_provider
from service.programmes import schemas
from service.settings import Settings
from service.suggestions.store import rescore_for_programme


def _check_codes(session: Session, body: schemas.ProgrammeFields) -> None:
    known_areas = set(session.scalars(select(m.Area.id)))
    for area in body.areas:
        if area not in known_areas:
            raise InvalidInput(f"unknown area id {area!r}", field="areas")
    values = body.scope.values
    if body.scope.kind == "members_of":
        known = set(session.scalars(select(m.Organization.id).where(m.Organization.id.in_(values))))
        table, label = known, "organization"
    elif body.scope.kind == "states":
        table, label = set(session.scalars(select(m.State.iso3).where(m.State.iso3.in_(values)))), "state"
    elif body.scope.kind == "regions":
        names = set()
        for col in (m.State.region, m.State.subregion, m.State.intermediate_region):
            names |= set(session.scalars(select(col).distinct()))
        table, label = names, "region"
    else:
        return
    unknown = [v for v in values if v not in table]
    if unknown:
        raise InvalidInput(f"unknown {label} {unknown[0]!r} in scope", field="scope.values")


def snapshot(programme: m.Programme) -> dict[str, object]:
    return {
        "title": programme.title,
        "areas": programme.areas,
        "scope": {"kind": programme.scope_kind, "values": programme.scope_values},
        "capacity_per_quarter": programme.capacity_per_quarter,
        "active_to": programme.active_to.isoformat() if programme.active_to else None,
    }


def _apply(session: Session, programme: m.Programme, body: schemas.ProgrammeFields) -> None:
    _check_codes(session, body)
    for field in (
        "title",
        "description",
        "language",
        "modality",
        "languages",
        "capacity_per_quarter",
        "active_from",
        "active_to",
    ):
        setattr(programme, field, getattr(body, field))
    programme.scope_kind, programme.scope_values = body.scope.kind, list(body.scope.values)
    programme.area_links = [m.ProgrammeArea(area_id=a) for a in sorted(set(body.areas))]
    programme.updated_at = stamp(session)


def create_programme(
    session: Session, user: m.User, body: schemas.ProgrammeCreate, *, settings: Settings, on: date
) -> m.Programme:
    """Add a programme; the open requests it may serve are re-scored in the same transaction."""
    if user.role == "provider":
        if body.provider not in (None, user.provider_id):
            raise Forbidden("a provider adds its own programmes only")
        provider_id = user.provider_id
    elif user.role == "ta":
        if not body.provider:
            raise InvalidInput("the team must name the provider", field="provider")
        provider_id = body.provider
    else:
        raise Forbidden("states do not offer programmes here")
    assert provider_id is not None
    provider = ensure_provider(session, provider_id)
    programme = m.Programme(
        ref=f"{provider.id}-{uuid.uuid4().hex[:8].upper()}", provider_id=provider.id, scope_kind="global"
    )
    _apply(session, programme, body)
    session.add(programme)
    session.flush()
    record(session, user, "programme.created", "programme", programme.id, after=snapshot(programme))
    rescore_for_programme(session, programme.id, settings=settings, on=on)
    return programme


def update_programme(
    session: Session,
    user: m.User,
    programme: m.Programme,
    body: schemas.ProgrammeUpdate,
    *,
    settings: Settings,
    on: date,
) -> m.Programme:
    """Replace a programme's fields (retiring it is setting `active_to`); the open requests it may enter or
    leave the top suggestions of are re-scored in the same transaction."""
    check_version(programme, body.version)
    before = snapshot(programme)
    _apply(session, programme, body)
    session.flush()
    record(
        session,
        user,
        "programme.updated",
        "programme",
        programme.id,
        before=before,
        after=snapshot(programme),
    )
    rescore_for_programme(session, programme.id, settings=settings, on=on)
    return programme


def editable_programme(session: Session, user: m.User, programme_id: int) -> m.Programme:
    return guard(
        user,
        session.get(m.Programme, programme_id),
        lambda p: user.role == "provider" and p.provider_id == user.provider_id,
        "programme",
    )


def programme_out(programme: m.Programme) -> schemas.ProgrammeOut:
    return schemas.ProgrammeOut(
        id=programme.id,
        ref=programme.ref,
        provider_id=programme.provider_id,
        provider_name=programme.provider.name,
        title=programme.title,
        description=programme.description,
        language=programme.language,
        areas=programme.areas,
        scope=schemas.ScopeIn(kind=programme.scope_kind, values=programme.scope_values),  # type: ignore[arg-type]
        modality=programme.modality,
        languages=programme.languages,
        capacity_per_quarter=programme.capacity_per_quarter,
        active_from=programme.active_from,
        active_to=programme.active_to,
        version=programme.version,
    )
