"""Database rows → the scoring core's plain dataclasses (the only place the two worlds meet)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

import matcher.model as core
from matcher.dedupe import duplicate_candidates as _duplicate_candidates
from service import models as m


def load_states(session: Session) -> dict[str, core.State]:
    return {
        s.iso3: core.State(s.iso3, s.name, s.region, s.subregion, s.intermediate_region)
        for s in session.scalars(select(m.State))
    }


def load_organizations(session: Session) -> list[core.Organization]:
    members: dict[str, list[str]] = defaultdict(list)
    for org_id, iso3 in session.execute(
        select(m.StateMembership.organization_id, m.StateMembership.state_iso3)
    ):
        members[org_id].append(iso3)
    member_orgs: dict[str, list[str]] = defaultdict(list)
    for org_id, member in session.execute(
        select(m.OrganizationMembership.organization_id, m.OrganizationMembership.member_id)
    ):
        member_orgs[org_id].append(member)
    return [
        core.Organization(
            id=o.id,
            name=o.name,
            kind=o.kind,
            aliases=tuple(o.aliases),
            members=tuple(sorted(members[o.id])),
            member_organizations=tuple(sorted(member_orgs[o.id])),
            parent=o.parent_id,
        )
        for o in session.scalars(select(m.Organization).order_by(m.Organization.id))
    ]


def load_deliveries(session: Session) -> list[tuple[str, str]]:
    """(provider, state) pairs of assistance already delivered: the graph's 'helped it before' edges."""
    rows = session.execute(
        select(m.Programme.provider_id, m.Request.state_iso3)
        .join(m.Match, m.Match.programme_id == m.Programme.id)
        .join(m.Request, m.Match.request_id == m.Request.id)
        .where(m.Match.status == "delivered")
        .distinct()
    )
    return [(provider, state) for provider, state in rows]


def is_active(programme: m.Programme, today: date) -> bool:
    return (programme.active_from is None or programme.active_from <= today) and (
        programme.active_to is None or programme.active_to >= today
    )


def to_core_programme(programme: m.Programme, today: date) -> core.Programme:
    return core.Programme(
        id=str(programme.id),
        provider=programme.provider_id,
        title=programme.title,
        description=programme.description,
        areas=tuple(programme.areas),
        languages=tuple(programme.languages),
        modality=programme.modality,
        scope=core.Scope(programme.scope_kind, tuple(programme.scope_values)),  # type: ignore[arg-type]
        language=programme.language,
        capacity=programme.capacity_per_quarter,
        active=is_active(programme, today),
    )


def to_core_request(request: m.Request) -> core.Request:
    # Areas the tagger suggested and nobody confirmed are left to the core's own tagging.
    confirmed = tuple(sorted(link.area_id for link in request.area_links if not link.suggested))
    return core.Request(
        id=str(request.id),
        state=request.state_iso3,
        title=request.title,
        description=request.description,
        language=request.language,
        areas=confirmed,
        stage=request.stage,
        priority=request.priority,
    )


def to_core_requests(requests: Iterable[m.Request]) -> list[core.Request]:
    return [to_core_request(r) for r in requests]


def duplicate_candidates(
    request: m.Request, others: Sequence[m.Request], k: int
) -> list[tuple[int, float]]:
    """The `k` requests among `others` most like `request`, with their similarity (ids as stored)."""
    found = _duplicate_candidates(to_core_request(request), to_core_requests(others), k)
    return [(int(i), s) for i, s in found]
