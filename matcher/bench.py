"""Benchmark: full top-k scoring of a synthetic corpus beside a naive all-pairs baseline, same process."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from matcher.catalogue import Catalogue, load_catalogue
from matcher.graph import OrgGraph
from matcher.model import State, load_states
from matcher.scoring import Matcher
from matcher.synthetic import corpus

DEFAULT_STATES = Path(__file__).resolve().parents[1] / "data" / "reference" / "states.csv"
# The naive baseline materialises every pair; past this many requests it runs on a sample and is
# extrapolated linearly (its cost is linear in the number of requests for a fixed programme set).
BASELINE_SAMPLE = 2_000


@contextmanager
def _peak_mb(result: dict[str, float]) -> Iterator[None]:
    """Peak resident memory (MB) of the process while the block runs (Linux: VmHWM, reset first)."""
    reset = _reset_peak()
    yield
    result["peak_mb"] = round(
        _read_peak() if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _read_peak() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(
    n_requests: int,
    n_programmes: int,
    k: int = 10,
    seed: int = 0,
    states: Mapping[str, State] | None = None,
    catalogue: Catalogue | None = None,
    baseline_sample: int = BASELINE_SAMPLE,
) -> dict[str, Any]:
    """Fit and score a seeded synthetic corpus; time and memory for the scorer and the naive baseline."""
    states = states if states is not None else load_states(DEFAULT_STATES)
    catalogue = catalogue or load_catalogue()
    started = time.perf_counter()
    data = corpus(catalogue, states, n_requests, n_programmes, seed)
    corpus_seconds = time.perf_counter() - started

    scorer: dict[str, float] = {}
    with _peak_mb(scorer):
        started = time.perf_counter()
        fitted = Matcher(catalogue, OrgGraph(states, data.organizations)).fit(data.programmes)
        scorer["fit_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        ranking = fitted.rank(data.requests, k)
        scorer["score_seconds"] = time.perf_counter() - started
    scorer["total_seconds"] = scorer["fit_seconds"] + scorer["score_seconds"]
    filled = float(np.mean(ranking.columns >= 0)) if ranking.columns.size else 0.0
    del fitted, ranking

    sample = data.requests[: min(baseline_sample, n_requests)]
    baseline: dict[str, Any] = {
        "method": "TF-IDF (scikit-learn) cosine over all pairs as a dense matrix, full argsort per request",
        "sampled_requests": len(sample),
        "extrapolated": len(sample) < n_requests,
    }
    with _peak_mb(baseline):
        started = time.perf_counter()
        vectoriser = TfidfVectorizer().fit([p.text for p in data.programmes])
        programme_matrix = vectoriser.transform([p.text for p in data.programmes])
        baseline["fit_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        similarities = cosine_similarity(vectoriser.transform([r.text for r in sample]), programme_matrix)
        np.argsort(-similarities, axis=1, kind="stable")[:, :k]
        measured = time.perf_counter() - started
    baseline["score_seconds"] = measured * (n_requests / max(1, len(sample)))
    baseline["total_seconds"] = baseline["fit_seconds"] + baseline["score_seconds"]
    return {
        "requests": n_requests,
        "programmes": n_programmes,
        "k": k,
        "seed": seed,
        "corpus_seconds": round(corpus_seconds, 3),
        "scorer": {name: round(value, 3) for name, value in scorer.items()},
        "filled_share": round(filled, 4),
        "baseline": {name: round(v, 3) if isinstance(v, float) else v for name, v in baseline.items()},
        "ratio": round(baseline["total_seconds"] / max(scorer["total_seconds"], 1e-9), 2),
    }
