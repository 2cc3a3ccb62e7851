"""Refreshing suggestions: score every open request against every active programme with the core, then
store exactly what the core's suggestion rule keeps (at most k each; an open request with none is a gap,
and the report names the programmes that come closest and why they fall short). Idempotent: decisions
survive (their scores are updated), a suggestion that no longer qualifies is retired rather than
deleted, and a retired one that qualifies again comes back."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.core import closest, fit_matcher, suggest, suggestion_rule, to_core_requests
from service.matching.schemas import GapCandidate, RefreshReport
from service.settings import Settings
from service.vocab import SEEKING_REQUEST_STATUSES

# Statuses a refresh may rewrite; every other status is a person's decision.
MACHINE_STATUSES = ("suggested", "retired")

Progress = Callable[[str, int, int], None]


def refresh(
    session: Session,
    *,
    settings: Settings,
    on: date,
    actor: m.User | None,
    progress: Progress | None = None,
) -> RefreshReport:
    """Score the open requests against the programmes active on `on` and store each request's best
    suggestions; decisions are kept, suggestions that stop qualifying are retired."""
    started = time.perf_counter()
    step = progress or (lambda _label, _done, _total: None)
    step("fitting", 0, 3)
    fitted, active_programmes = fit_matcher(session, on)
    requests = list(
        session.scalars(
            select(m.Request).where(m.Request.status.in_(SEEKING_REQUEST_STATUSES)).order_by(m.Request.id)
        )
    )
    step("scoring", 1, 3)
    core_requests = to_core_requests(requests)
    rule = suggestion_rule(settings.suggestions_per_request)
    top = suggest(fitted, core_requests, rule)
    step("storing", 2, 3)

    existing = {(x.request_id, x.programme_id): x for x in session.scalars(select(m.Match))}
    wanted: set[tuple[int, int]] = set()
    new = updated = restored = 0
    for request in requests:
        suggestions = top.get(str(request.id), [])
        for rank, suggestion in enumerate(suggestions, start=1):
            key = (request.id, int(suggestion.programme_id))
            wanted.add(key)
            match = existing.get(key)
            if match is None:
                session.add(
                    m.Match(
                        request_id=key[0],
                        programme_id=key[1],
                        score=round(float(suggestion.score), 6),
                        rank=rank,
                        explanation=suggestion.explanation,
                        status="suggested",
                    )
                )
                new += 1
                continue
            if match.status == "retired":
                match.status = "suggested"
                restored += 1
            if match.rank != rank or abs(match.score - suggestion.score) > 1e-6:
                match.score, match.rank, match.explanation = (
                    round(float(suggestion.score), 6),
                    rank,
                    suggestion.explanation,
                )
                updated += 1

    # Decided matches outside the top k still get a fresh score and explanation.
    # (Only where the programme is still active: an expired programme keeps the score it had.)
    decided = [
        x
        for key, x in existing.items()
        if key not in wanted and x.status not in MACHINE_STATUSES and str(x.programme_id) in fitted.index
    ]
    rescored = (
        fitted.score_pairs(
            to_core_requests(x.request for x in decided), [str(x.programme_id) for x in decided]
        )
        if decided
        else []
    )
    for match, fresh in zip(decided, rescored, strict=True):
        if fresh is not None and abs(match.score - fresh.score) > 1e-6:
            match.score, match.explanation = round(float(fresh.score), 6), fresh.explanation
            updated += 1
        if match.rank is not None:
            match.rank = None
    retired = 0
    for key, match in existing.items():
        if key not in wanted and match.status == "suggested":
            match.status, match.rank = "retired", None
            retired += 1
    session.flush()
    gap_requests = [r for r in core_requests if not top.get(r.id)]
    shortfalls = closest(fitted, gap_requests, n=3, rule=rule) if gap_requests else {}
    report = RefreshReport(
        requests=len(requests),
        programmes=active_programmes,
        new=new,
        updated=updated,
        retired=retired,
        restored=restored,
        gaps=len(gap_requests),
        closest={
            int(rid): [
                GapCandidate(
                    programme_id=int(s.programme_id),
                    eligible=s.eligible,
                    content=s.content,
                    reason=s.reason,
                )
                for s in found
            ]
            for rid, found in shortfalls.items()
        },
        seconds=round(time.perf_counter() - started, 3),
    )
    record(session, actor, "matching.refreshed", "matching", "all", after=report.model_dump())
    step("done", 3, 3)
    return report
