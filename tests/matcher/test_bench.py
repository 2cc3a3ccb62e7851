"""The synthetic corpus is reproducible and the bench reports what the issue asks for."""

from __future__ import annotations

from matcher import Catalogue, State
from matcher.lab.bench import run_bench
from matcher.lab.synthetic import corpus


def test_corpus_is_seeded(catalogue: Catalogue, states: dict[str, State]) -> None:
    first, second = corpus(catalogue, states, 50, 20, seed=3), corpus(catalogue, states, 50, 20, seed=3)
    assert first == second
    assert corpus(catalogue, states, 50, 20, seed=4) != first
    assert {r.language for r in first.requests} >= {"en", "fr"}
    assert any(not r.areas for r in first.requests) and all(r.state in states for r in first.requests)


def test_bench_reports_times_memory_and_ratio(catalogue: Catalogue, states: dict[str, State]) -> None:
    result = run_bench(300, 60, k=5, seed=1, states=states, catalogue=catalogue, pairs_sampled=6000)
    for figures in (result["scorer"], *result["baselines"].values()):
        assert {"fit_seconds", "score_seconds", "total_seconds", "peak_mb"} <= set(figures)
        assert figures["peak_mb"] > 0
    assert set(result["baselines"]) == {"rapidfuzz", "tfidf"}
    for baseline in result["baselines"].values():
        assert baseline["extrapolated"] is True and baseline["sampled_requests"] == 100
    assert result["ratio"] > 0 and result["ratio_tfidf"] > 0 and 0 < result["filled_share"] <= 1
