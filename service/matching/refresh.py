"""The full refresh, the repair tool: fit the core afresh (trusting no kept matcher), score every open
request against every active programme and store each one's top k through the same function the
incremental path uses (suggestions.store), so both give the same suggestions."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.core import fitted_matcher
from service.matching.schemas import RefreshReport
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
    """Score the open requests against the programmes active on `on` and store each request's best
    suggestions; decisions are kept, suggestions that stop qualifying are retired."""
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
    report = RefreshReport(
        requests=len(requests),
        programmes=active_programmes,
        new=tally.new,
        updated=tally.updated,
        retired=tally.retired,
        restored=tally.restored,
        gaps=tally.gaps,
        seconds=round(time.perf_counter() - started, 3),
    )
    record(session, actor, "matching.refreshed", "matching", "all", after=report.model_dump())
    step("done", 3, 3)
    return report
