"""The allocation plan: small cases whose optimum is known, the fairness rule, and the two exact solvers agreeing."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.allocation import Candidates, Fairness, Need, greedy, plan
from matcher.errors import MatcherError
from matcher.model import Suggestion
from matcher.scoring import Ranking


def _pairs(*triples: tuple[int, int, float]) -> Candidates:
    need, programme, fit = zip(*triples, strict=True)
    return Candidates(np.array(need), np.array(programme), np.array(fit, dtype=np.float64))


def test_greedy_starves_a_state_the_plan_serves_both() -> None:
    # X's need fits P0 best but P1 almost as well; Y's need fits only P0. Greedy gives P0 to X.
    needs = [Need("x1", "XXX", "A", 1), Need("y1", "YYY", "A", 1)]
    candidates = _pairs((0, 0, 0.9), (0, 1, 0.85), (1, 0, 0.8))
    base = greedy(needs, [1, 1], candidates)
    best = plan(needs, [1, 1], candidates)
    assert base.assigned.tolist() == [0, -1]
    assert (base.states_served, base.gaps, base.weighted_coverage) == (1, 1, pytest.approx(0.9))
    assert best.assigned.tolist() == [1, 0]
    assert (best.states_served, best.gaps, best.weighted_coverage) == (2, 0, pytest.approx(1.65))
    assert base.overloaded_programmes == best.overloaded_programmes == 0


def test_states_first_gives_the_seat_to_the_state_with_nothing() -> None:
    # One programme, two seats: X's two needs fit better than Y's one.
    needs = [Need("x1", "XXX", "A", 1), Need("x2", "XXX", "A", 1), Need("y1", "YYY", "A", 1)]
    candidates = _pairs((0, 0, 0.9), (1, 0, 0.8), (2, 0, 0.5))
    fair = plan(needs, [2], candidates)
    assert fair.assigned.tolist() == [0, -1, 0]
    assert fair.states_served == 2
    unfair = plan(needs, [2], candidates, Fairness(states_first=False))
    assert unfair.assigned.tolist() == [0, 0, -1]
    assert unfair.weighted_coverage == pytest.approx(1.7)
    assert greedy(needs, [2], candidates).assigned.tolist() == [0, 0, -1]


def test_stage_a_first_and_the_committee_priority() -> None:
    needs = [Need("a", "XXX", "A", 1), Need("c", "XXX", "C", 1)]
    candidates = _pairs((0, 0, 0.6), (1, 0, 0.8))
    # 0.6 × 1.0 (stage A) beats 0.8 × 0.5 (stage C).
    assert plan(needs, [1], candidates).assigned.tolist() == [0, -1]
    flagged = [needs[0], Need("c", "XXX", "C", 1, committee=True)]
    # The Committee's priority (× 1.5) lifts the stage C need: 0.85 × 0.5 × 1.5 = 0.6375 > 0.6.
    candidates = _pairs((0, 0, 0.6), (1, 0, 0.85))
    assert plan(flagged, [1], candidates).assigned.tolist() == [-1, 0]


def test_a_state_s_own_ranking_orders_its_needs() -> None:
    needs = [Need("first", "XXX", "B", 1), Need("fifth", "XXX", "B", 5)]
    candidates = _pairs((0, 0, 0.7), (1, 0, 0.75))
    assert plan(needs, [1], candidates).assigned.tolist() == [0, -1]


def test_the_step_spreads_a_state_s_needs() -> None:
    needs = [Need("x1", "XXX", "A", 1), Need("x2", "XXX", "A", 1)]
    candidates = _pairs((0, 0, 0.9), (1, 0, 0.8))
    assert plan(needs, [None], candidates).needs_covered == 2
    # The second need costs 1.0 in weighted fit and gains only 0.8: it is better left for another round.
    assert plan(needs, [None], candidates, Fairness(step=1.0)).assigned.tolist() == [0, -1]
    with pytest.raises(MatcherError, match="step"):
        Fairness(step=-1)


def test_full_and_unlimited_programmes() -> None:
    needs = [Need(f"r{i}", f"S{i % 3}", "ABC"[i % 3], 1 + i % 4) for i in range(6)]
    candidates = _pairs(*[(i, 0, 0.9) for i in range(6)], *[(i, 1, 0.3) for i in range(6)])
    for method in (greedy, plan):
        full = method(needs, [0, 2], candidates)
        assert (full.assigned == 0).sum() == 0
        assert full.needs_covered == 2 and full.overloaded_programmes == 0
        open_ended = method(needs, [None, 0], candidates)
        assert open_ended.needs_covered == 6 and open_ended.gaps == 0


def test_a_need_without_candidates_is_a_gap_and_no_pairs_is_an_empty_plan() -> None:
    needs = [Need("x", "XXX", "A"), Need("y", "YYY", "B")]
    result = plan(needs, [1], _pairs((0, 0, 0.5)))
    assert result.assigned.tolist() == [0, -1] and result.gaps == 1
    empty = plan(needs, [1], Candidates(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)))
    assert (empty.needs_covered, empty.gaps, empty.weighted_coverage) == (0, 2, 0.0)


@pytest.mark.parametrize("seed", range(12))
def test_highs_and_network_simplex_reach_the_same_optimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(5, 30)), int(rng.integers(2, 8))
    needs = [
        Need(f"r{i}", f"S{rng.integers(0, 5)}", "ABC"[rng.integers(0, 3)], int(rng.integers(1, 6)))
        for i in range(n)
    ]
    capacities: list[int | None] = [None if rng.random() < 0.2 else int(rng.integers(0, 4)) for _ in range(p)]
    mask = rng.random((n, p)) < 0.4
    need, programme = np.nonzero(mask)
    candidates = Candidates(need, programme, rng.random(len(need)))
    fairness = Fairness(states_first=bool(seed % 2), step=0.2 * (seed % 3))
    highs = plan(needs, capacities, candidates, fairness)
    simplex = plan(needs, capacities, candidates, fairness, solver="networkx")
    assert highs.states_served == simplex.states_served
    assert highs.weighted_coverage == pytest.approx(simplex.weighted_coverage, abs=1e-3)
    for result in (highs, simplex, greedy(needs, capacities, candidates)):
        assert result.overloaded_programmes == 0
        chosen = result.assigned >= 0
        assert mask[np.nonzero(chosen)[0], result.assigned[chosen]].all()


def test_candidates_from_a_ranking_and_from_suggestions() -> None:
    needs = [Need("r1", "XXX", "A"), Need("r2", "YYY", "A")]
    ranking = Ranking(
        ("r1", "r2", "r9"),
        ("p1", "p2"),
        np.array([[1, 0], [0, -1], [0, 1]]),
        np.array([[0.9, 0.4], [0.7, -np.inf], [0.5, 0.5]], dtype=np.float32),
    )
    found = Candidates.from_ranking(ranking, needs, ["p1", "p2"])
    assert list(zip(found.need.tolist(), found.programme.tolist(), strict=True)) == [(0, 1), (0, 0), (1, 0)]
    assert found.fit == pytest.approx([0.9, 0.4, 0.7])
    by_request = {"r1": [Suggestion("r1", "p2", 0.9)], "r2": [Suggestion("r2", "p1", 0.7)]}
    same = Candidates.from_suggestions(by_request, needs, ["p1", "p2"])
    assert sorted(zip(same.need.tolist(), same.programme.tolist(), strict=True)) == [(0, 1), (1, 0)]


def test_bad_input_names_the_field() -> None:
    with pytest.raises(MatcherError, match="stage"):
        plan([Need("x", "XXX", "D")], [1], _pairs((0, 0, 0.5)))
    with pytest.raises(MatcherError, match="unknown need or programme"):
        plan([Need("x", "XXX", "A")], [1], _pairs((0, 3, 0.5)))
    with pytest.raises(MatcherError, match="capacities"):
        greedy([Need("x", "XXX", "A")], [-2], _pairs((0, 0, 0.5)))
