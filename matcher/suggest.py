"""The suggestion rule: which ranked programmes are worth a reviewer's time, which requests are gaps, and
why a gap's closest programmes fall short. Used alike by the service's refresh and by `evaluate`.

A pair is kept on its *content* evidence — shared areas, glossary concepts, words — never on network or
language fit, which every eligible programme of a region earns and which only order among programmes
that fit. Kept pairs stay in the scorer's order (total score, so network and language still break ties
among fitting programmes). An open request with nothing kept is a gap: "no provider yet".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matcher.errors import MatcherError
from matcher.model import Request, Suggestion
from matcher.scoring import FittedMatcher, Weights

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SuggestionRule:
    """When a scored pair becomes a stored suggestion.

    content   = area_share × area + (1 − area_share) × text, each in [0, 1], where text mixes the
                concepts and lexical components in the scorer's own proportions (0.25 : 0.15 by default).
    A pair is kept when content ≥ `floor` (an absolute amount of shared substance) and content ≥
    `relative` × the best content among the request's candidates (nothing far behind the best), at most
    `k` per request, best score first. Candidates are the request's `depth` best eligible programmes by
    total score. Area counts for less than text (`area_share` 0.3 against the scorer's 0.35 / 0.8): a
    shared area says a programme is in the right field, the texts say whether it meets this need.

    Naming the provider (`mention`) does not count: requests name INTERPOL or the FATF in passing, and on
    the dev set most pairs whose only extra evidence was a mention were judged irrelevant.
    """

    k: int = 5
    floor: float = 0.40
    relative: float = 0.5
    area_share: float = 0.3
    depth: int = 20

    def __post_init__(self) -> None:
        checks = {
            "k": self.k >= 1,
            "depth": self.depth >= self.k,
            "floor": 0.0 <= self.floor <= 1.0,
            "relative": 0.0 <= self.relative <= 1.0,
            "area_share": 0.0 <= self.area_share <= 1.0,
        }
        for name, ok in checks.items():
            if not ok:
                raise MatcherError(f"invalid suggestion rule: {name}", record="rule", field=name)


def content(
    components: Mapping[str, Array | float], rule: SuggestionRule, weights: Weights | None = None
) -> Array:
    """The content evidence of pairs from their components (arrays of the same shape, or floats)."""
    w = weights or Weights()
    text_total = w.concepts + w.lexical
    mix = w.concepts / text_total if text_total > 0 else 0.5
    area = np.asarray(components.get("area", 0.0), dtype=np.float64)
    text = mix * np.asarray(components.get("concepts", 0.0), dtype=np.float64) + (1 - mix) * np.asarray(
        components.get("lexical", 0.0), dtype=np.float64
    )
    result: Array = rule.area_share * area + (1 - rule.area_share) * text
    return result


def keep(
    candidates: Mapping[str, Sequence[Suggestion]],
    rule: SuggestionRule | None = None,
    weights: Weights | None = None,
) -> dict[str, list[Suggestion]]:
    """The suggestions the rule keeps, per request (every request of `candidates`; [] is a gap).

    `candidates[request]` is that request's eligible programmes best first, as `top_programmes` gives
    them; the relative cut compares against the best content among them. Vectorised over all pairs.
    """
    rule = rule or SuggestionRule()
    ids = list(candidates)
    flat = [s for rid in ids for s in candidates[rid]]
    counts = np.array([len(candidates[rid]) for rid in ids], dtype=np.int64)
    if not flat:
        return {rid: [] for rid in ids}
    names = ("area", "concepts", "lexical")
    columns = {n: np.array([s.components.get(n, 0.0) for s in flat], dtype=np.float64) for n in names}
    evidence = content(columns, rule, weights)
    group = np.repeat(np.arange(len(ids)), counts)
    best = np.zeros(len(ids))
    np.maximum.at(best, group, evidence)
    # Rounding of the stored components must not flip a pair exactly at the relative cut.
    passed = (evidence >= rule.floor) & (evidence >= rule.relative * best[group] - 1e-9)
    # Within each request, keep the first k that pass (candidates are already best first).
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    taken = np.cumsum(passed) - np.concatenate([[0], np.cumsum(passed)])[starts][group]
    kept = passed & (taken <= rule.k)
    result: dict[str, list[Suggestion]] = {rid: [] for rid in ids}
    for i in np.flatnonzero(kept).tolist():
        result[ids[group[i]]].append(flat[i])
    return result


def suggest(
    fitted: FittedMatcher, requests: Sequence[Request], rule: SuggestionRule | None = None
) -> dict[str, list[Suggestion]]:
    """Score the requests, then keep what the rule keeps: the one path of the service and of `evaluate`."""
    rule = rule or SuggestionRule()
    candidates = fitted.top_programmes(requests, k=rule.depth)
    return keep(candidates, rule, fitted.matcher.weights)


@dataclass(frozen=True)
class Shortfall:
    """One of a request's closest programmes and why the rule does not suggest it."""

    programme_id: str
    eligible: bool
    content: float
    components: dict[str, float]
    reason: str


def closest(
    fitted: FittedMatcher,
    requests: Sequence[Request],
    n: int = 3,
    rule: SuggestionRule | None = None,
) -> dict[str, list[Shortfall]]:
    """For each request (meant for gaps: a few requests), the `n` programmes with the most content
    evidence, eligible or not, with their components and a one-line reason each falls short.

    Ordered by content, then by programme id. A programme the rule would keep says so ("kept").
    """
    rule = rule or SuggestionRule()
    found: dict[str, list[Shortfall]] = {}
    ids, dots, eligible = fitted.content_components(requests)
    evidence = content(dots, rule, fitted.matcher.weights)
    programme_ids = np.array(list(fitted.index))
    for row, rid in enumerate(ids):
        ok = eligible[row]
        best = float(evidence[row][ok].max()) if ok.any() else 0.0
        order = np.lexsort((programme_ids, -evidence[row]))[:n]
        found[rid] = [
            Shortfall(
                programme_id=str(programme_ids[j]),
                eligible=bool(ok[j]),
                content=round(float(evidence[row, j]), 6),
                components={name: round(float(values[row, j]), 6) for name, values in dots.items()},
                reason=_reason(
                    {name: float(values[row, j]) for name, values in dots.items()},
                    float(evidence[row, j]),
                    bool(ok[j]),
                    best,
                    rule,
                ),
            )
            for j in order.tolist()
        ]
    return found


def _reason(
    components: Mapping[str, float], evidence: float, eligible: bool, best: float, rule: SuggestionRule
) -> str:
    """One line a reviewer reads: why this programme is not suggested for the request."""
    area, concepts, lexical = (components.get(n, 0.0) for n in ("area", "concepts", "lexical"))
    if area <= 0 and concepts <= 0 and lexical <= 0:
        what = "no shared area or words: only network and language fit"
    elif area <= 0 and concepts <= 0:
        what = "no shared area; shares words only"
    elif area <= 0:
        what = "no shared area; shares some terms"
    elif evidence < rule.floor:
        what = "area fits but the texts have little in common"
    elif evidence < rule.relative * best:
        what = "fits, but far behind the request's best programme"
    else:
        what = "fits"
    if not eligible:
        lead = "fits, but" if what == "fits" else f"{what};"
        return f"{lead} out of scope: the programme does not serve this state"
    return what if what != "fits" else "kept"
