"""The allocation plan's response: the plan and the greedy baseline side by side, and the plan's rows."""

from __future__ import annotations

from pydantic import BaseModel


class Figures(BaseModel):
    """What the team compares between the plan and the greedy baseline."""

    weighted_coverage: float
    needs_covered: int
    states_served: int
    gaps: int
    overloaded_programmes: int
    seconds: float


class PlannedNeed(BaseModel):
    """One need the plan covers: the request, the programme proposed to take it, and why it weighs."""

    request: str
    state: str
    stage: str
    priority: int | None
    programme: str
    provider: str
    fit: float
    weighted_fit: float


class Gain(BaseModel):
    """The plan's figures minus the greedy baseline's."""

    weighted_coverage: float
    needs_covered: int
    states_served: int
    gaps: int


class Fairness(BaseModel):
    states_first: bool
    step: float


class PlanOut(Figures):
    rows: list[PlannedNeed]


class AllocationOut(BaseModel):
    month: str
    quarter: str
    requests: int
    programmes: int
    fairness: Fairness
    plan: PlanOut
    greedy: Figures
    gain: Gain
