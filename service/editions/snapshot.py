"""Freezing a month: every active and recently changed request as it stood at the month's cut-off, by
state and area, with its rank, status, triage outcome and the programmes that may serve it. The result is
plain JSON-ready data; store.py seals it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.clock import stamp
from service.core import catalogue
from service.editions.asof import (
    LIVE,
    closing_instant,
    match_status_at,
    priorities_at,
    request_status_at,
    utc,
)
from service.editions.months import Month
from service.errors import InvalidInput
from service.vocab import ACTIVE_REQUEST_STATUSES, LIFECYCLE_ORDER, SEEKING_REQUEST_STATUSES

FORMAT = "matchmaker-edition/1"
# Requests still waiting on providers: what "further means needed" is counted over.

Step = Callable[[str], None]


def stage_meanings() -> dict[str, str]:
    """The stages' titles from the core's taxonomy."""
    return dict(catalogue().stages)


def _iso(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime):
        stamp = utc(value)
        assert stamp is not None
        return stamp.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return value.isoformat() if value else None


def _rows(session: Session, statement: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in session.execute(statement).mappings()]


def _load_requests(session: Session, month: Month, at: datetime | None) -> list[dict[str, Any]]:
    r = m.Request
    query = select(
        r.id,
        r.ref,
        r.state_iso3,
        r.title,
        r.description,
        r.language,
        r.stage,
        r.priority,
        r.status,
        r.triage_outcome,
        r.triage_reason,
        r.submitted_at,
        r.triaged_at,
        r.matched_at,
        r.delivery_started_at,
        r.met_at,
        r.closed_at,
    ).where(
        # A cheap first cut; request_status_at() decides exactly.
        or_(
            r.status.in_(ACTIVE_REQUEST_STATUSES),
            r.met_at >= month.start,
            r.closed_at >= month.start,
            r.triaged_at >= month.start,
        )
    )
    if at is not None:
        query = query.where(r.submitted_at < at)
    kept = []
    for row in _rows(session, query):
        status = request_status_at(row, at)
        if status is None:
            continue
        closed = closing_instant(row, status)
        if closed is not None and not month.start <= closed < month.end:
            continue
        row["status"] = status
        if status == "submitted":
            row["triage_outcome"] = row["triage_reason"] = None
        kept.append(row)
    return kept


def _apply_past_priorities(session: Session, requests: list[dict[str, Any]], at: datetime) -> None:
    e = m.Event
    events = session.execute(
        select(e.entity_id, e.at, e.before, e.after)
        .where(e.entity == "request", e.action.like("request.%"))
        .order_by(e.at, e.id)
    ).mappings()
    ranks = priorities_at(events, at)
    for row in requests:
        if row["status"] not in ACTIVE_REQUEST_STATUSES:
            row["priority"] = None
        elif row["id"] in ranks:
            row["priority"] = ranks[row["id"]]


def _load_matches(
    session: Session, request_ids: set[int], at: datetime | None
) -> dict[int, list[dict[str, Any]]]:
    x = m.Match
    # Only the one-line summary of each explanation, extracted by the database: decoding 100,000 whole
    # explanations in Python took longer than the rest of the build.
    summary = x.explanation["summary"].as_string().label("summary")
    query = select(
        x.request_id,
        x.programme_id,
        x.score,
        x.rank,
        x.status,
        summary,
        x.decided_at,
        x.offered_at,
        x.consented_at,
        x.delivery_started,
        x.delivery_completed,
        # Refused and declined matches stood for the request before their refusal.
    ).where(x.status.in_((*LIVE, "rejected", "declined", "refused_by_state")))
    by_request: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(query).mappings():
        if row["request_id"] not in request_ids:
            continue
        status = match_status_at(row, at)
        if status not in LIVE:
            continue
        by_request[row["request_id"]].append(
            {
                "programme": row["programme_id"],
                "score": round(float(row["score"]), 4),
                "rank": row["rank"],
                "status": status,
                "summary": row["summary"] or "",
            }
        )
    stage = {status: i for i, status in enumerate(LIFECYCLE_ORDER)}
    for matches in by_request.values():
        matches.sort(key=lambda x: (stage.get(x["status"], len(stage)), -x["score"], x["programme"]))
    return by_request


def _load_programmes(session: Session, month: Month, referenced: set[int]) -> list[dict[str, Any]]:
    p = m.Programme
    areas: dict[int, list[str]] = defaultdict(list)
    for programme_id, area in session.execute(select(m.ProgrammeArea.programme_id, m.ProgrammeArea.area_id)):
        areas[programme_id].append(area)
    rows = _rows(
        session,
        select(p.id, p.ref, p.provider_id, p.title, p.modality, p.scope_kind, p.active_from, p.active_to),
    )
    out = []
    for row in rows:
        active = (row["active_from"] is None or row["active_from"] <= month.last_day) and (
            row["active_to"] is None or row["active_to"] >= month.first_day
        )
        if not active and row["id"] not in referenced:
            continue
        out.append(
            {
                "id": row["id"],
                "ref": row["ref"],
                "provider": row["provider_id"],
                "title": row["title"],
                "modality": row["modality"],
                "scope": row["scope_kind"],
                "areas": sorted(areas[row["id"]]),
                "active": active,
                "active_from": _iso(row["active_from"]),
                "active_to": _iso(row["active_to"]),
            }
        )
    out.sort(key=lambda x: x["id"])
    return out


def _request_entry(
    row: dict[str, Any], areas: list[str], matches: list[dict[str, Any]], as_of: date
) -> dict[str, Any]:
    seeking = row["status"] in SEEKING_REQUEST_STATUSES and row["triage_outcome"] == "reasonable"
    submitted = utc(row["submitted_at"])
    assert submitted is not None
    return {
        "id": row["id"],
        "ref": row["ref"],
        "state": row["state_iso3"],
        "title": row["title"],
        "description": row["description"],
        "language": row["language"],
        "areas": sorted(areas),
        "stage": row["stage"],
        "priority": row["priority"],
        "status": row["status"],
        "triage_outcome": row["triage_outcome"],
        "triage_reason": row["triage_reason"],
        "submitted_at": _iso(submitted),
        "closed_at": _iso(closing_instant(row, row["status"])),
        "days_open": (as_of - submitted.date()).days if row["status"] in ACTIVE_REQUEST_STATUSES else None,
        "gap": seeking and not matches,
        # Every standing match, best first: the need lists are drawn from them all.
        "matches": matches,
    }


def freeze(
    session: Session, month: Month, at: datetime | None, *, on: date, step: Step | None = None
) -> dict[str, Any]:
    """The month's matrix as plain data (`at` None: as the database stands on `on`)."""
    say = step or (lambda _label: None)
    say("requests")
    requests = _load_requests(session, month, at)
    if not requests:
        raise InvalidInput(f"no requests were open or changed in {month}: nothing to build", field="month")
    if at is not None:
        _apply_past_priorities(session, requests, at)
    ids = {r["id"] for r in requests}
    request_areas: dict[int, list[str]] = defaultdict(list)
    for request_id, area in session.execute(select(m.RequestArea.request_id, m.RequestArea.area_id)):
        if request_id in ids:
            request_areas[request_id].append(area)
    say("matches")
    matches = _load_matches(session, ids, at)
    say("programmes")
    programmes = _load_programmes(session, month, {x["programme"] for ms in matches.values() for x in ms})
    as_of = month.last_day if at is not None else min(month.last_day, on)
    entries = [_request_entry(r, request_areas[r["id"]], matches.get(r["id"], []), as_of) for r in requests]
    entries.sort(key=lambda e: (e["state"], e["priority"] is None, e["priority"] or 0, e["id"]))
    say("reference")
    return {
        "format": FORMAT,
        "month": str(month),
        "as_of": _iso(at or stamp(session)),
        "states": _states(session, {e["state"] for e in entries}),
        "areas": {a.id: a.title for a in session.scalars(select(m.Area))},
        "stages": stage_meanings(),
        "providers": _providers(session, {p["provider"] for p in programmes}),
        "programmes": programmes,
        "requests": entries,
        "summary": _summary(entries, programmes, month),
    }


def _states(session: Session, codes: set[str]) -> dict[str, dict[str, str]]:
    return {
        s.iso3: {"name": s.name, "region": s.region, "subregion": s.subregion}
        for s in session.scalars(select(m.State).where(m.State.iso3.in_(codes)))
    }


def _providers(session: Session, ids: set[str]) -> dict[str, dict[str, str]]:
    return {
        p.id: {"name": p.name, "kind": p.kind}
        for p in session.scalars(select(m.Provider).where(m.Provider.id.in_(ids)))
    }


def _summary(entries: list[dict[str, Any]], programmes: list[dict[str, Any]], month: Month) -> dict[str, Any]:
    start = str(month)
    return {
        "requests": len(entries),
        "states": len({e["state"] for e in entries}),
        "by_status": dict(sorted(Counter(e["status"] for e in entries).items())),
        "gaps": sum(e["gap"] for e in entries),
        "submitted_in_month": sum(e["submitted_at"][:7] == start for e in entries),
        "met_in_month": sum(e["status"] == "met" for e in entries),
        "active_programmes": sum(p["active"] for p in programmes),
    }
