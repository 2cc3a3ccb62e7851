"""World-scale data in a real database: the core's synthetic corpus (multilingual requests and programmes
over real states) written as rows with bulk inserts, then matched with the real refresh."""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from matcher.catalogue import load_catalogue
from matcher.lab.synthetic import corpus
from service import models as m
from service.core import load_states
from service.db import engine_for, session_scope
from service.matching.refresh import refresh
from service.parties.logic import ensure_provider
from service.settings import Settings

BATCH = 5000


def _chunks(rows: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def populate(url: str, n_requests: int, n_programmes: int, seed: int = 7) -> dict[str, float]:
    """Fill a migrated database holding the reference data; returns timings in seconds."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with session_scope(url) as session:
        data = corpus(load_catalogue(), load_states(session), n_requests, n_programmes, seed)
        for provider in sorted({p.provider for p in data.programmes}):
            ensure_provider(session, provider)
        _insert_programmes(session, data.programmes)
        _insert_requests(session, data.requests)
    timings["insert_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    with session_scope(url) as session:
        report = refresh(session, settings=Settings(), on=date.today(), actor=None)
    timings["refresh_s"] = round(time.perf_counter() - started, 2)
    timings["suggestions"] = report.new
    # Planner statistics, as autovacuum would gather after a bulk load (without them PostgreSQL
    # guesses row counts from an empty table and picks nested loops over 100,000 rows).
    with engine_for(url).connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return timings


def _insert_programmes(session: Session, programmes) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "ref": f"W-{p.id}",
            "provider_id": p.provider,
            "title": p.title[:300],
            "description": p.description,
            "language": p.language,
            "scope_kind": p.scope.kind,
            "scope_values": list(p.scope.values),
            "modality": p.modality,
            "languages": list(p.languages),
            "capacity_per_quarter": 20,
            "version": 1,
        }
        for p in programmes
    ]
    for chunk in _chunks(rows):
        session.execute(insert(m.Programme), chunk)
    ids = dict(session.execute(select(m.Programme.ref, m.Programme.id)).tuples().all())
    links = [{"programme_id": ids[f"W-{p.id}"], "area_id": a} for p in programmes for a in p.areas]
    for chunk in _chunks(links):
        session.execute(insert(m.ProgrammeArea), chunk)


def _insert_requests(session: Session, requests) -> None:  # type: ignore[no-untyped-def]
    rank: dict[str, int] = defaultdict(int)
    now = datetime.now(UTC)
    rows = []
    for i, r in enumerate(requests):
        rank[r.state] += 1
        rows.append(
            {
                "ref": f"W-{r.id}",
                "state_iso3": r.state,
                "title": r.title[:300],
                "description": r.description,
                "language": r.language,
                "stage": r.stage,
                "priority": rank[r.state],
                "status": "open",
                "triage_outcome": "reasonable",
                "submitted_at": now - timedelta(days=i % 400),
                "triaged_at": now - timedelta(days=i % 400) + timedelta(days=3),
                "version": 1,
            }
        )
    for chunk in _chunks(rows):
        session.execute(insert(m.Request), chunk)
    ids = dict(session.execute(select(m.Request.ref, m.Request.id)).tuples().all())
    links = [
        {"request_id": ids[f"W-{r.id}"], "area_id": a, "suggested": False} for r in requests for a in r.areas
    ]
    for chunk in _chunks(links):
        session.execute(insert(m.RequestArea), chunk)
