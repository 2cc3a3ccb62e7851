"""Benchmark: full top-k scoring of a synthetic corpus beside a naive all-pairs baseline, same process."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from matcher.catalogue import Catalogue, load_catalogue
from matcher.graph import OrgGraph
from matcher.lab.synthetic import corpus
from matcher.model import REFERENCE_STATES, State, load_states
from matcher.scoring import Matcher

# The all-pairs baselines run on as many requests as make this many pairs, then are extrapolated.
BASELINE_PAIRS = 4_000_000


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
    pairs_sampled: int = BASELINE_PAIRS,
) -> dict[str, Any]:
    """Fit and score a seeded synthetic corpus; time and memory for the scorer and two all-pairs baselines."""
    states = states if states is not None else load_states(REFERENCE_STATES)
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

    texts = [p.text for p in data.programmes]
    queries = [r.text for r in data.requests]
    baselines = {
        "rapidfuzz": _baseline(
            "rapidfuzz process.cdist (fuzz.ratio, all cores) over every pair, top-k by argpartition",
            _fuzzy_all_pairs,
            texts,
            queries,
            k,
            pairs_sampled,
        ),
        "tfidf": _baseline(
            "scikit-learn TF-IDF cosine over every pair (sparse product, dense result), top-k by argsort",
            _tfidf_all_pairs,
            texts,
            queries,
            k,
            pairs_sampled,
        ),
    }
    return {
        "requests": n_requests,
        "programmes": n_programmes,
        "k": k,
        "seed": seed,
        "corpus_seconds": round(corpus_seconds, 3),
        "scorer": {name: round(value, 3) for name, value in scorer.items()},
        "filled_share": round(filled, 4),
        "baselines": baselines,
        # The naive baseline of the issue: how many times longer all-pairs fuzzy matching takes.
        "ratio": round(baselines["rapidfuzz"]["total_seconds"] / max(scorer["total_seconds"], 1e-9), 2),
        "ratio_tfidf": round(baselines["tfidf"]["total_seconds"] / max(scorer["total_seconds"], 1e-9), 2),
    }


def _fuzzy_all_pairs(programmes: list[str], requests: list[str], k: int) -> Callable[[], None]:
    def run() -> None:
        similarity = process.cdist(requests, programmes, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)
        np.argpartition(-similarity.astype(np.int16), min(k, len(programmes)) - 1, axis=1)

    return run


def _tfidf_all_pairs(programmes: list[str], requests: list[str], k: int) -> Callable[[], None]:
    vectoriser = TfidfVectorizer().fit(programmes)
    matrix = vectoriser.transform(programmes)

    def run() -> None:
        similarity = cosine_similarity(vectoriser.transform(requests), matrix)
        np.argsort(-similarity, axis=1, kind="stable")[:, :k]

    return run


def _baseline(
    method: str,
    prepare: Callable[[list[str], list[str], int], Callable[[], None]],
    programmes: list[str],
    requests: list[str],
    k: int,
    pairs_sampled: int,
) -> dict[str, Any]:
    """Time and peak memory of one all-pairs baseline on a sample of requests, extrapolated linearly
    (all-pairs cost grows with the number of requests for a fixed programme set)."""
    sample = requests[: max(1, min(len(requests), pairs_sampled // max(1, len(programmes))))]
    figures: dict[str, Any] = {"method": method, "sampled_requests": len(sample)}
    with _peak_mb(figures):
        started = time.perf_counter()
        run = prepare(programmes, sample, k)
        figures["fit_seconds"] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        run()
        measured = time.perf_counter() - started
    figures["score_seconds"] = round(measured * len(requests) / len(sample), 3)
    figures["total_seconds"] = round(figures["fit_seconds"] + figures["score_seconds"], 3)
    figures["extrapolated"] = len(sample) < len(requests)
    return figures
