"""Loads the demo data set (data/demo/*.json, synthetic and marked demo). Insert-only by reference, so a
second run changes nothing and never undoes what users did in the app since."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.passwords import hash_password
from service.errors import DataFileError
from service.parties.logic import ensure_provider
from service.seeding.reference import SeedReport, _date, _instant, _read_json, _upsert
from service.vocab import (
    COMMITTED_MATCH_STATUSES,
    OFFERED_MATCH_STATUSES,
    TRANSITION_STAMP,
    DeliveryOutcome,
    DirectoryKind,
    MatchStatus,
    RequestStatus,
    ReviewStatus,
    Role,
    ScopeKind,
    Stage,
    TriageOutcome,
    values,
)


class _Checker:
    """Validates one file's rows against the database's reference data, naming file and row."""

    def __init__(self, session: Session, file: str) -> None:
        self.file = file
        self.states = set(session.scalars(select(m.State.iso3)))
        self.orgs = set(session.scalars(select(m.Organization.id)))
        self.areas = set(session.scalars(select(m.Area.id)))

    def fail(self, row: int, reason: str) -> DataFileError:
        return DataFileError(self.file, row, reason)

    def state(self, row: int, value: Any, name: str = "state") -> str:
        if value not in self.states:
            raise self.fail(row, f"{name}: unknown state {value!r}")
        return str(value)

    def party(self, row: int, value: Any, name: str = "party") -> str:
        if value not in self.states and value not in self.orgs:
            raise self.fail(row, f"{name}: {value!r} is neither a state code nor an organization id")
        return str(value)

    def areas_of(self, row: int, value: Any) -> list[str]:
        unknown = [a for a in value or [] if a not in self.areas]
        if unknown:
            raise self.fail(row, f"areas: unknown area id {unknown[0]!r}")
        return sorted(set(value or []))

    def one_of(self, row: int, value: Any, literal: object, name: str) -> str:
        allowed = values(literal)
        if value not in allowed:
            raise self.fail(row, f"{name}: {value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def need(self, row: int, rec: dict[str, Any], *names: str) -> None:
        for name in names:
            if rec.get(name) in (None, ""):
                raise self.fail(row, f"{name} is missing")


def load_demo(session: Session, data_dir: Path) -> SeedReport:
    report = SeedReport()
    demo = data_dir / "demo"
    _load_programmes(session, _read_json(demo / "programmes.json"), report)
    _load_requests(session, _read_json(demo / "requests.json"), report)
    _load_reports(session, _read_json(demo / "reports.json"), report)
    _load_contacts(session, _read_json(demo / "contacts.json"), report)
    _load_directory(session, _read_json(demo / "directory.json"), report)
    _load_users(session, _read_json(demo / "users.json"), report)
    return report


def _load_programmes(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "programmes.json")
    have = set(session.scalars(select(m.Programme.ref)))
    added = 0
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "ref", "provider", "title", "scope")
        if rec["ref"] in have:
            continue
        scope = rec["scope"]
        if not isinstance(scope, dict) or len(scope) != 1:
            raise check.fail(i, "scope: expected exactly one of global, members_of, states, regions")
        kind = check.one_of(i, next(iter(scope)), ScopeKind, "scope")
        scope_values = [] if kind == "global" else list(scope[kind])
        for v in scope_values:
            if kind == "members_of" and v not in check.orgs:
                raise check.fail(i, f"scope.members_of: unknown organization {v!r}")
            if kind == "states":
                check.state(i, v, "scope.states")
        provider = ensure_provider(session, check.party(i, rec["provider"], "provider"))
        programme = m.Programme(
            ref=rec["ref"],
            provider_id=provider.id,
            title=rec["title"],
            description=rec.get("description", ""),
            language=rec.get("language"),
            scope_kind=kind,
            scope_values=scope_values,
            modality=rec.get("modality"),
            languages=list(rec.get("languages", [])),
            capacity_per_quarter=rec.get("capacity_per_quarter"),
            active_from=_date(rec.get("active_from"), check.file, i, "active_from"),
            active_to=_date(rec.get("active_to"), check.file, i, "active_to"),
            demo=True,
        )
        programme.area_links = [m.ProgrammeArea(area_id=a) for a in check.areas_of(i, rec.get("areas"))]
        session.add(programme)
        added += 1
    session.flush()
    report.count("programmes", added, 0)


def _load_requests(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "requests.json")
    ids = dict(session.execute(select(m.Request.ref, m.Request.id)).tuples().all())
    programmes = dict(session.execute(select(m.Programme.ref, m.Programme.id)).tuples().all())
    added = matches = 0
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "ref", "state", "title", "language", "stage", "status", "submitted_at")
        if rec["ref"] in ids:
            continue
        status = check.one_of(i, rec["status"], RequestStatus, "status")
        triage = rec.get("triage") or {}
        duplicate_of = triage.get("duplicate_of")
        if duplicate_of is not None and duplicate_of not in ids:
            raise check.fail(i, f"triage.duplicate_of: {duplicate_of!r} is not an earlier request")
        request = m.Request(
            ref=rec["ref"],
            state_iso3=check.state(i, rec["state"]),
            title=rec["title"],
            description=rec.get("description", ""),
            language=rec["language"],
            stage=check.one_of(i, rec["stage"], Stage, "stage"),
            priority=rec.get("priority"),
            status=status,
            triage_outcome=check.one_of(i, triage["outcome"], TriageOutcome, "triage.outcome")
            if triage
            else None,
            triage_reason=triage.get("reason"),
            duplicate_of_id=ids.get(duplicate_of) if duplicate_of else None,
            source_report=rec.get("source_report"),
            confidential=bool(rec.get("confidential", False)),
            demo=True,
            submitted_at=_instant(rec["submitted_at"], check.file, i, "submitted_at"),
        )
        request.area_links = [m.RequestArea(area_id=a) for a in check.areas_of(i, rec.get("areas"))]
        history = rec.get("history") or [{"status": "submitted", "at": rec["submitted_at"]}]
        previous: str | None = None
        events: list[tuple[str | None, str, datetime | None]] = []
        for step in history:
            step_status = check.one_of(i, step.get("status"), RequestStatus, "history.status")
            at = _instant(step.get("at"), check.file, i, "history.at")
            if step_status in TRANSITION_STAMP:
                setattr(request, TRANSITION_STAMP[step_status], at)
            events.append((previous, step_status, at))
            previous = step_status
        session.add(request)
        session.flush()
        ids[request.ref] = request.id
        for before, after, at in events:
            session.add(
                m.Event(
                    at=at,
                    actor="demo",
                    action="request.created" if before is None else "request.status",
                    entity="request",
                    entity_id=str(request.id),
                    before=None if before is None else {"status": before},
                    after={"status": after},
                )
            )
        for rec_match in rec.get("matches") or []:
            matches += 1
            session.add(_demo_match(check, i, request, rec_match, programmes))
        added += 1
    session.flush()
    report.count("requests", added, 0)
    report.count("matches", matches, 0)


# The step each date records, and the match statuses that have taken it (service/matching/logic.py): the
# state answers only offers the team has reviewed, so its answer needs the team's date too.
_STEP_DATES: dict[str, tuple[str, ...]] = {
    "decided_at": ("accepted", "rejected", "refused_by_state", *COMMITTED_MATCH_STATUSES),
    "offered_at": ("declined", *OFFERED_MATCH_STATUSES),
    "consented_at": ("refused_by_state", *COMMITTED_MATCH_STATUSES),
}


def _demo_match(
    check: _Checker, row: int, request: m.Request, rec: dict[str, Any], programmes: dict[str, int]
) -> m.Match:
    """One match as the demo file records it: each step's date is the file's (null for a step not taken)."""
    if rec.get("programme") not in programmes:
        raise check.fail(row, f"matches.programme: unknown programme {rec.get('programme')!r}")
    delivery = rec.get("delivery") or {}
    outcome = delivery.get("outcome")
    if outcome is not None:
        check.one_of(row, outcome, DeliveryOutcome, "matches.delivery.outcome")

    def instant(name: str) -> datetime | None:
        return _instant(rec.get(name), check.file, row, f"matches.{name}")

    status = check.one_of(row, rec.get("status"), MatchStatus, "matches.status")
    for name, statuses in _STEP_DATES.items():
        if status in statuses and not rec.get(name):
            raise check.fail(row, f"matches.{name} is missing: a {status} match has taken that step")
    return m.Match(
        request_id=request.id,
        programme_id=programmes[rec["programme"]],
        score=0.0,
        status=status,
        reason=rec.get("reason"),
        decided_at=instant("decided_at"),
        offered_at=instant("offered_at"),
        consented_at=instant("consented_at"),
        consent_note=rec.get("consent_note"),
        delivery_started=_date(delivery.get("started"), check.file, row, "matches.delivery.started"),
        delivery_completed=_date(delivery.get("completed"), check.file, row, "matches.delivery.completed"),
        delivery_outcome=outcome,
        result_note=delivery.get("note"),
    )


def _load_reports(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "reports.json")
    wanted = []
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "state", "round", "due")
        wanted.append(
            {
                "state_iso3": check.state(i, rec["state"]),
                "round": int(rec["round"]),
                "due": _date(rec["due"], check.file, i, "due"),
                "received": _date(rec.get("received"), check.file, i, "received"),
                "review_status": check.one_of(
                    i, rec.get("review_status", "pending"), ReviewStatus, "review_status"
                ),
                "reference": rec.get("reference", ""),
            }
        )
    have = {(r.state_iso3, r.round) for r in session.scalars(select(m.Report))}
    new = [r for r in wanted if (r["state_iso3"], r["round"]) not in have]
    report.count("reports", *_upsert(session, m.Report, ["state_iso3", "round"], new))


def _load_contacts(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "contacts.json")
    have = {(c.party, c.email) for c in session.scalars(select(m.Contact))}
    added = 0
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "party", "name", "email")
        party = check.party(i, rec["party"])
        if (party, rec["email"]) in have:
            continue
        session.add(
            m.Contact(
                state_iso3=party if party in check.states else None,
                organization_id=party if party not in check.states else None,
                name=rec["name"],
                role=rec.get("role", ""),
                email=rec["email"],
                phone=rec.get("phone", ""),
                languages=list(rec.get("languages", [])),
                last_verified=_date(rec.get("last_verified"), check.file, i, "last_verified"),
                published=bool(rec.get("published", True)),
            )
        )
        have.add((party, rec["email"]))
        added += 1
    session.flush()
    report.count("contacts", added, 0)


def _load_directory(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "directory.json")
    wanted = []
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "ref", "kind", "title")
        source = rec.get("source")
        if source is not None and source not in check.orgs:
            raise check.fail(i, f"source: unknown organization {source!r}")
        wanted.append(
            {
                "ref": rec["ref"],
                "kind": check.one_of(i, rec["kind"], DirectoryKind, "kind"),
                "title": rec["title"],
                "summary": rec.get("summary", ""),
                "organization_id": source,
                "areas": check.areas_of(i, rec.get("areas")),
                "url": rec.get("url"),
                "year": rec.get("year"),
            }
        )
    report.count("directory_entries", *_upsert(session, m.DirectoryEntry, ["ref"], wanted))


def _load_users(session: Session, rows: list[dict[str, Any]], report: SeedReport) -> None:
    check = _Checker(session, "users.json")
    have = set(session.scalars(select(m.User.username)))
    added = 0
    for i, rec in enumerate(rows, start=1):
        check.need(i, rec, "username", "password", "role")
        if rec["username"] in have:
            continue
        role = check.one_of(i, rec["role"], Role, "role")
        party = rec.get("party")
        user = m.User(
            username=rec["username"],
            display_name=rec.get("display_name", rec["username"]),
            password_hash=hash_password(rec["password"]),
            role=role,
        )
        if role == "state":
            user.state_iso3 = check.state(i, party, "party")
        elif role == "provider":
            user.provider_id = ensure_provider(session, check.party(i, party)).id
        session.add(user)
        added += 1
    session.flush()
    report.count("users", added, 0)


def demo_logins(data_dir: Path) -> list[dict[str, Any]]:
    """The demo users and passwords, printed on the console when the demo is served."""
    return [
        {k: u.get(k) for k in ("username", "password", "role", "party")}
        for u in _read_json(data_dir / "demo" / "users.json")
    ]
