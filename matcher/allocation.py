"""The monthly allocation plan: which programme takes which need, within capacities and fair across states.

Given candidate (request, programme, fit) pairs, each request's urgency (stage, the state's priority rank,
an optional Committee priority) and each programme's remaining capacity, the plan chooses at most one
programme per need to maximise the sum of fit × urgency, subject to the capacities and a fairness rule.

The fairness rule (`Fairness`), exactly what a min-cost flow can express:
- `states_first` (default on) — lexicographic tiers: the plan first serves as many states as can be served
  at all, and only then maximises the weighted fit. So no state gets a second need covered while another
  state that could have been served gets nothing (each state's first covered need earns a bonus larger than
  every weighted fit the plan could gain elsewhere).
- `step` (default 0) — a diminishing return per state: a state's k-th covered need costs (k − 1) × step
  in weighted fit, so a larger step spreads the plan over more of each state's neighbours' needs.

It is solved exactly as a min-cost flow on integer costs: source → programme (remaining capacity) →
request (1, cost −gain) → the request's state → sink, where the state's first unit of flow earns the bonus
and its k-th costs the step; a source → sink bypass lets needs stay uncovered when covering them gains
nothing. The network's constraint matrix is totally unimodular, so the LP optimum is integral: HiGHS
(bundled with scipy) solves it in seconds at world scale, where networkx's pure-Python network simplex
did not finish in 5 minutes on the same 220,000 arcs; `solver="networkx"` solves the same network with
`networkx.network_simplex` (the tests check both give the same optimum). The greedy baseline (best
weighted fit first, capacity permitting) is computed beside it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.errors import MatcherError
from matcher.model import STAGES, Suggestion
from matcher.scoring import Ranking

# Weighted fits are rounded to integers in these units before solving, so the optimum is exact.
SCALE = 10_000

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Need:
    """One open reasonable request as the plan sees it."""

    id: str
    state: str
    stage: str
    priority: int | None = None
    committee: bool = False


@dataclass(frozen=True)
class Urgency:
    """How much covering a need is worth besides its fit: stage A first, then the state's own rank."""

    stage: Mapping[str, float] = field(default_factory=lambda: {"A": 1.0, "B": 0.7, "C": 0.5})
    # Rank r weighs 1 / (1 + decay × (r − 1)), never below `floor`; an unranked request weighs `floor`.
    decay: float = 0.1
    floor: float = 0.5
    committee: float = 1.5

    def weights(self, needs: Sequence[Need]) -> Floats:
        for need in needs:
            if need.stage not in STAGES:
                raise MatcherError(f"stage must be one of {', '.join(STAGES)}", record=need.id, field="stage")
        stage = np.array([self.stage[n.stage] for n in needs], dtype=np.float64)
        rank = np.array([n.priority or 0 for n in needs], dtype=np.float64)
        by_rank = np.where(rank >= 1, 1.0 / (1.0 + self.decay * np.maximum(rank - 1, 0)), self.floor)
        committee = np.array([self.committee if n.committee else 1.0 for n in needs], dtype=np.float64)
        return stage * np.maximum(by_rank, self.floor) * committee


@dataclass(frozen=True)
class Fairness:
    """The fairness rule (module docstring): serve as many states as possible first; then a per-state step."""

    states_first: bool = True
    step: float = 0.0

    def __post_init__(self) -> None:
        if self.step < 0:
            raise MatcherError("the fairness step must be 0 or more", record="fairness", field="step")


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs as parallel arrays: need index, programme index, fit (0..1)."""

    need: Ints
    programme: Ints
    fit: Floats

    @classmethod
    def from_ranking(cls, ranking: Ranking, needs: Sequence[Need], programmes: Sequence[str]) -> Candidates:
        """The ranking's top-k of each request (rows past the last are -1 and dropped), vectorised."""
        need_at = {n.id: i for i, n in enumerate(needs)}
        programme_at = {p: j for j, p in enumerate(programmes)}
        rows = np.array([need_at.get(r, -1) for r in ranking.row_ids], dtype=np.int64)
        column_map = np.array([programme_at.get(c, -1) for c in ranking.column_ids] + [-1], dtype=np.int64)
        need = np.repeat(rows, ranking.columns.shape[1]) if ranking.columns.size else np.empty(0, np.int64)
        programme = column_map[ranking.columns.ravel()]  # -1 stays -1 (the appended sentinel)
        fit = ranking.scores.ravel().astype(np.float64)
        keep = (need >= 0) & (programme >= 0) & np.isfinite(fit)
        return cls(need[keep], programme[keep], fit[keep])

    @classmethod
    def from_suggestions(
        cls, suggestions: Mapping[str, Sequence[Suggestion]], needs: Sequence[Need], programmes: Sequence[str]
    ) -> Candidates:
        """From `FittedMatcher.top_programmes` or `top_requests` (by programme): every pair once."""
        need_at = {n.id: i for i, n in enumerate(needs)}
        programme_at = {p: j for j, p in enumerate(programmes)}
        pairs = {
            (need_at[s.request_id], programme_at[s.programme_id]): s.score
            for found in suggestions.values()
            for s in found
            if s.request_id in need_at and s.programme_id in programme_at
        }
        keys = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        fit = np.array([pairs[(int(i), int(j))] for i, j in keys], dtype=np.float64)
        return cls(keys[:, 0].copy(), keys[:, 1].copy(), fit)


@dataclass(frozen=True)
class Allocation:
    """A plan: for each need, its programme (index) or -1, and the figures the team compares."""

    method: str
    assigned: Ints
    # Per need: the fit and the weighted fit of its assigned pair (0 where none).
    fit: Floats
    weighted: Floats
    weighted_coverage: float
    needs_covered: int
    states_served: int
    gaps: int
    overloaded_programmes: int
    seconds: float

    def figures(self) -> dict[str, float | int]:
        return {
            "weighted_coverage": round(self.weighted_coverage, 4),
            "needs_covered": self.needs_covered,
            "states_served": self.states_served,
            "gaps": self.gaps,
            "overloaded_programmes": self.overloaded_programmes,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class _Problem:
    """The prepared problem: usable candidates with integer gains, capacities (-1 = unlimited), states."""

    needs: int
    need: Ints
    programme: Ints
    gain: Ints
    fit: Floats
    weighted: Floats
    capacity: Ints
    state: Ints
    states: int


def _prepare(
    needs: Sequence[Need], capacities: Sequence[int | None], candidates: Candidates, urgency: Urgency
) -> _Problem:
    n, p = len(needs), len(capacities)
    if not (len(candidates.need) == len(candidates.programme) == len(candidates.fit)):
        raise MatcherError("candidate arrays differ in length", record="candidates", field="fit")
    if len(candidates.need) and (
        candidates.need.min() < 0
        or candidates.need.max() >= n
        or candidates.programme.min() < 0
        or candidates.programme.max() >= p
    ):
        raise MatcherError(
            "a candidate names an unknown need or programme", record="candidates", field="need"
        )
    capacity = np.array([-1 if c is None else c for c in capacities], dtype=np.int64)
    if (capacity < -1).any():
        raise MatcherError("capacities must be 0 or more", record="capacities", field="capacity")
    weighted = candidates.fit * urgency.weights(needs)[candidates.need] if n else np.empty(0)
    gain = np.rint(weighted * SCALE).astype(np.int64)
    # A pair worth nothing, or whose programme has no seat left, can never be in a plan.
    keep = (gain > 0) & (capacity[candidates.programme] != 0)
    # One candidate per (need, programme): the best, in case the caller repeated a pair.
    order = np.lexsort((-gain, candidates.programme, candidates.need))
    order = order[keep[order]]
    pair = candidates.need[order] * max(p, 1) + candidates.programme[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    order = order[first]
    _, state = np.unique(np.array([x.state for x in needs], dtype=object), return_inverse=True)
    return _Problem(
        needs=n,
        need=candidates.need[order],
        programme=candidates.programme[order],
        gain=gain[order],
        fit=candidates.fit[order],
        weighted=weighted[order],
        capacity=capacity,
        state=state.astype(np.int64).reshape(-1),
        states=int(state.max()) + 1 if n else 0,
    )


def _allocation(method: str, problem: _Problem, chosen: npt.NDArray[np.bool_], started: float) -> Allocation:
    assigned = np.full(problem.needs, -1, dtype=np.int64)
    assigned[problem.need[chosen]] = problem.programme[chosen]
    fit, weighted = np.zeros(problem.needs), np.zeros(problem.needs)
    fit[problem.need[chosen]] = problem.fit[chosen]
    weighted[problem.need[chosen]] = problem.weighted[chosen]
    load = np.bincount(problem.programme[chosen], minlength=len(problem.capacity))
    overloaded = int(np.sum((problem.capacity >= 0) & (load > problem.capacity)))
    covered = assigned >= 0
    return Allocation(
        method=method,
        assigned=assigned,
        fit=fit,
        weighted=weighted,
        weighted_coverage=float(problem.weighted[chosen].sum()),
        needs_covered=int(covered.sum()),
        states_served=len(np.unique(problem.state[covered])),
        gaps=int(problem.needs - covered.sum()),
        overloaded_programmes=overloaded,
        seconds=time.perf_counter() - started,
    )


def greedy(
    needs: Sequence[Need],
    capacities: Sequence[int | None],
    candidates: Candidates,
    urgency: Urgency | None = None,
) -> Allocation:
    """The baseline: best weighted fit first, each need once, while the programme has a seat left."""
    started = time.perf_counter()
    problem = _prepare(needs, capacities, candidates, urgency or Urgency())
    left = problem.capacity.copy()
    taken = np.zeros(problem.needs, dtype=bool)
    chosen = np.zeros(len(problem.gain), dtype=bool)
    order = np.lexsort((problem.programme, problem.need, -problem.gain))
    for e, i, j in zip(
        order.tolist(), problem.need[order].tolist(), problem.programme[order].tolist(), strict=True
    ):
        if not taken[i] and left[j] != 0:
            taken[i] = chosen[e] = True
            left[j] -= 1
    return _allocation("greedy", problem, chosen, started)


def plan(
    needs: Sequence[Need],
    capacities: Sequence[int | None],
    candidates: Candidates,
    fairness: Fairness | None = None,
    urgency: Urgency | None = None,
    solver: Literal["highs", "networkx"] = "highs",
) -> Allocation:
    """The optimal plan under `fairness` (module docstring), solved exactly as a min-cost flow."""
    started = time.perf_counter()
    fairness = fairness or Fairness()
    problem = _prepare(needs, capacities, candidates, urgency or Urgency())
    if not len(problem.gain):
        return _allocation("plan", problem, np.zeros(0, dtype=bool), started)
    arcs = _state_arcs(problem, fairness)
    solve = _solve_networkx if solver == "networkx" else _solve_highs
    chosen = solve(problem, arcs)
    return _allocation("plan", problem, chosen, started)


@dataclass(frozen=True)
class _StateArcs:
    """The arcs from each state's node to the sink: (state, capacity, cost), first arcs first."""

    state: Ints
    capacity: Ints
    cost: Ints


def _state_arcs(problem: _Problem, fairness: Fairness) -> _StateArcs:
    """A state's first unit earns `bonus` (states first); its k-th (k ≥ 2) costs (k − 1) × step."""
    per_state = np.bincount(problem.state[np.unique(problem.need)], minlength=problem.states)
    step = int(round(fairness.step * SCALE))
    # Larger than any total the rest of the plan could gain or any penalty it could save.
    best = np.zeros(problem.needs, dtype=np.int64)
    np.maximum.at(best, problem.need, problem.gain)
    penalties = int(step * np.sum(per_state * (per_state - 1) // 2))
    bonus = int(best.sum()) + penalties + 1 if fairness.states_first else 0
    served = np.nonzero(per_state)[0]
    states, capacity, cost = [served], [np.ones(len(served), np.int64)], [np.full(len(served), -bonus)]
    more = served[per_state[served] > 1]
    if step == 0:
        states.append(more)
        capacity.append(per_state[more] - 1)
        cost.append(np.zeros(len(more), np.int64))
    else:
        counts = per_state[more] - 1
        states.append(np.repeat(more, counts))
        capacity.append(np.ones(int(counts.sum()), np.int64))
        # Within each state, the k-th extra arc costs k × step (k = 1, 2, …).
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        cost.append((np.arange(int(counts.sum())) - starts + 1) * step)
    return _StateArcs(
        np.concatenate(states).astype(np.int64),
        np.concatenate(capacity).astype(np.int64),
        np.concatenate(cost).astype(np.int64),
    )


def _solve_highs(problem: _Problem, arcs: _StateArcs) -> npt.NDArray[np.bool_]:
    """The flow as an LP (x: pair arcs, then state → sink arcs), solved by HiGHS's simplex.

    Rows: each need takes at most one unit; each limited programme at most its capacity; each state node
    conserves flow (its pairs' flow = its sink arcs' flow). A network matrix, so the vertex is integral.
    """
    from scipy.optimize import linprog  # the solver loads only when a plan is made

    e, a = len(problem.gain), len(arcs.cost)
    pairs = np.arange(e)
    need_rows = sp.csr_matrix((np.ones(e), (problem.need, pairs)), shape=(problem.needs, e + a))
    limited = np.nonzero(problem.capacity >= 0)[0]
    row_of = np.full(len(problem.capacity), -1, dtype=np.int64)
    row_of[limited] = np.arange(len(limited))
    in_limited = row_of[problem.programme] >= 0
    programme_rows = sp.csr_matrix(
        (np.ones(int(in_limited.sum())), (row_of[problem.programme[in_limited]], pairs[in_limited])),
        shape=(len(limited), e + a),
    )
    state_rows = sp.csr_matrix(
        (
            np.concatenate([np.ones(e), -np.ones(a)]),
            (np.concatenate([problem.state[problem.need], arcs.state]), np.arange(e + a)),
        ),
        shape=(problem.states, e + a),
    )
    result = linprog(
        c=np.concatenate([-problem.gain, arcs.cost]).astype(np.float64),
        A_ub=sp.vstack([need_rows, programme_rows]).tocsc(),
        b_ub=np.concatenate([np.ones(problem.needs), problem.capacity[limited]]).astype(np.float64),
        A_eq=state_rows.tocsc(),
        b_eq=np.zeros(problem.states),
        bounds=np.column_stack([np.zeros(e + a), np.concatenate([np.ones(e), arcs.capacity])]),
        method="highs-ds",
    )
    if result.status != 0:
        raise MatcherError(f"the plan could not be solved: {result.message}", record="plan", field="solver")
    flow = np.asarray(result.x[:e])
    if not np.allclose(flow, np.rint(flow), atol=1e-6):  # a network LP's vertex is integral
        raise MatcherError("the solver returned a fractional plan", record="plan", field="solver")
    chosen: npt.NDArray[np.bool_] = np.rint(flow).astype(bool)
    return chosen


def flow_network(problem: _Problem, arcs: _StateArcs) -> object:
    """The min-cost flow as a networkx graph (source 's', sink 't'), for `network_simplex`."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node("s", demand=-problem.needs)
    graph.add_node("t", demand=problem.needs)
    graph.add_edge("s", "t", capacity=problem.needs, weight=0)  # needs left uncovered
    for j, c in enumerate(problem.capacity.tolist()):
        graph.add_edge("s", ("p", j), capacity=problem.needs if c < 0 else c, weight=0)
    for e, (i, j, g) in enumerate(
        zip(problem.need.tolist(), problem.programme.tolist(), problem.gain.tolist(), strict=True)
    ):
        # One node per pair keeps the arcs of a DiGraph distinct and lets the flow name the pair.
        graph.add_edge(("p", j), ("e", e), capacity=1, weight=-g)
        graph.add_edge(("e", e), ("n", i), capacity=1, weight=0)
    for i, s in enumerate(problem.state.tolist()):
        graph.add_edge(("n", i), ("state", s), capacity=1, weight=0)
    for k, (s, c, w) in enumerate(
        zip(arcs.state.tolist(), arcs.capacity.tolist(), arcs.cost.tolist(), strict=True)
    ):
        graph.add_edge(("state", s), ("arc", k), capacity=c, weight=w)
        graph.add_edge(("arc", k), "t", capacity=c, weight=0)
    return graph


def _solve_networkx(problem: _Problem, arcs: _StateArcs) -> npt.NDArray[np.bool_]:
    import networkx as nx

    _, flow = nx.network_simplex(flow_network(problem, arcs))
    return np.array([flow[("e", e)][("n", int(i))] > 0 for e, i in enumerate(problem.need)], dtype=bool)
