"""The full refresh, the repair tool: fit the core afresh (trusting no kept matcher), score every open
request against every active programme and store exactly what the core's suggestion rule keeps through the
same function the incremental path uses (suggestions.store), so both give the same suggestions. An open
request with nothing kept is a gap, and the report names the programmes that come closest and why they fall
short."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.core import closest, fitted_matcher, suggestion_rule, to_core_requests
from service.matching.schemas import GapCandidate, RefreshReport
from service.settings import Settings
from service.suggestions.store import store_suggestions
from service.vocab import SEEKING_REQUEST_STATUSES

Progress = Callable[[str, int, int], None]


def refresh(
    session: Session,
    *,
    settings: Settings,
    on: date,
    actor: m.User | None,
    progress: Progress | None = None,
) -> RefreshReport:
    """Score the open requests against the programmes active on `on` and store what the rule keeps for
    each; decisions are kept, suggestions that stop qualifying are retired."""
    started = time.perf_counter()
    step = progress or (lambda _label, _done, _total: None)
    step("fitting", 0, 3)
    fitted, active_programmes = fitted_matcher(session, on, fresh=True)
    requests = list(
        session.scalars(
            select(m.Request).where(m.Request.status.in_(SEEKING_REQUEST_STATUSES)).order_by(m.Request.id)
        )
    )
    step("scoring and storing", 1, 3)
    tally = store_suggestions(
        session, fitted, requests, list(session.scalars(select(m.Match))), settings=settings
    )
    step("recording", 2, 3)
    gaps = [r for r in requests if r.id in tally.gap_ids]
    rule = suggestion_rule(settings.suggestions_per_request)
    shortfalls = closest(fitted, to_core_requests(gaps), n=3, rule=rule) if gaps else {}
    report = RefreshReport(
        requests=len(requests),
        programmes=active_programmes,
        new=tally.new,
        updated=tally.updated,
        retired=tally.retired,
        restored=tally.restored,
        gaps=len(tally.gap_ids),
        closest={
            int(rid): [
                GapCandidate(
                    programme_id=int(s.programme_id), eligible=s.eligible, content=s.content, reason=s.reason
                )
                for s in found
            ]
            for rid, found in shortfalls.items()
        },
        seconds=round(time.perf_counter() - started, 3),
    )
    summary = report.model_dump(exclude={"closest"})
    record(session, actor, "matching.refreshed", "matching", "all", after=summary)
    step("done", 3, 3)
    return report
