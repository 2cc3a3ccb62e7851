"""The month's allocation plan: rank each open reasonable request's best programmes with the core, then
choose, within each programme's seats left in the quarter, the plan and the greedy baseline (the core's
matcher/allocation.py states the fairness rule). It reads only: the team reviews the plan before anyone
accepts a row of it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.allocation import queries, schemas
from service.core import Fairness, allocate, fit_matcher, suggestion_rule
from service.editions.months import parse_month
from service.settings import Settings


def plan_month(session: Session, month_text: str, *, settings: Settings, on: date) -> schemas.AllocationOut:
    """The plan for `month_text` (`YYYY-MM`) beside the greedy baseline, with the plan's gain over it."""
    month = parse_month(month_text)
    first, _ = queries.quarter(month)
    fitted, _ = fit_matcher(session, queries.planning_day(month, on))
    programme_ids = [int(p.id) for p in fitted.programmes]
    requests = queries.open_reasonable_requests(session, month)
    fairness = Fairness(states_first=settings.allocation_states_first, step=settings.allocation_step)
    run = allocate(
        fitted,
        requests,
        queries.remaining_capacities(session, month, programme_ids),
        fairness=fairness,
        rule=suggestion_rule(settings.suggestions_per_request),
    )
    programmes = {
        p.id: p for p in session.scalars(select(m.Programme).where(m.Programme.id.in_(programme_ids)))
    }
    rows = []
    for i, request in enumerate(requests):
        j = int(run.plan.assigned[i])
        if j < 0:
            continue
        programme = programmes[run.programme_ids[j]]
        rows.append(
            schemas.PlannedNeed(
                request=request.ref,
                state=request.state_iso3,
                stage=request.stage,
                priority=request.priority,
                programme=programme.ref,
                provider=programme.provider_id,
                fit=round(float(run.plan.fit[i]), 4),
                weighted_fit=round(float(run.plan.weighted[i]), 4),
            )
        )
    return schemas.AllocationOut(
        month=str(month),
        quarter=f"{first.year}-Q{(first.month - 1) // 3 + 1}",
        requests=len(requests),
        programmes=len(programme_ids),
        fairness=schemas.Fairness(states_first=fairness.states_first, step=fairness.step),
        plan=schemas.PlanOut.model_validate({**run.plan.figures(), "rows": rows}),
        greedy=schemas.Figures.model_validate(run.greedy.figures()),
        gain=schemas.Gain(
            weighted_coverage=round(run.plan.weighted_coverage - run.greedy.weighted_coverage, 4),
            needs_covered=run.plan.needs_covered - run.greedy.needs_covered,
            states_served=run.plan.states_served - run.greedy.states_served,
            gaps=run.plan.gaps - run.greedy.gaps,
        ),
    )
