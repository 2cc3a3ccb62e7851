"""Learning from the team's decisions: a small logistic model that re-weights the score components.

Pure: it takes the components of judged (request, programme) pairs and whether each was accepted, and
returns weights a person can read (one coefficient per feature). The features are the fit components
the hand weights combine, the hand-weighted score itself, and one pair feature: how far the pair falls
below its request's best hand score (reviewers judge a programme against the request's alternatives).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

COMPONENTS = ("area", "concepts", "lexical", "modality", "mention", "network", "language")
FEATURES = (*COMPONENTS, "hand score", "below best")
# Strong regularisation: decisions are few and correlated (one request's pairs), and a model that
# leans on the hand score unless the data say otherwise never falls far below it.
C = 0.5
SEED = 0


@dataclass(frozen=True)
class LearnedWeights:
    """A fitted logistic model: `coefficients` by feature name, and how many decisions it learned from."""

    coefficients: Mapping[str, float]
    intercept: float
    decisions: int

    def score(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The log-odds of acceptance, rows = pairs, columns in FEATURES order (monotone in the probability,
        so it ranks exactly as the probability would)."""
        coef = np.array([self.coefficients[name] for name in FEATURES], dtype=np.float64)
        return np.asarray(features @ coef + self.intercept, dtype=np.float64)


def pair_features(
    components: Mapping[str, npt.NDArray[np.float64]],
    hand: Mapping[str, float],
    eligible: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    """Features of every (request, programme) pair, shape (requests, programmes, len(FEATURES)).

    `components` are (requests × programmes) arrays; `hand` the hand weights; ineligible pairs do not
    count towards a request's best score."""
    stacked = np.stack([components[name] for name in COMPONENTS], axis=-1)
    weights = np.array([hand[name] for name in COMPONENTS], dtype=np.float64)
    score = stacked @ weights
    best = np.where(eligible, score, -np.inf).max(axis=1, initial=-np.inf, keepdims=True)
    below = np.where(np.isfinite(best), best - score, 0.0)
    return np.concatenate([stacked, score[..., None], below[..., None]], axis=-1)


def fit(
    features: npt.NDArray[np.float64], accepted: Sequence[bool] | npt.NDArray[np.bool_]
) -> LearnedWeights:
    """Fit on decisions (rows of `features`, accepted or rejected); deterministic (fixed seed, lbfgs).

    Raises ValueError when the decisions are all of one kind: nothing to learn from."""
    labels = np.asarray(accepted, dtype=bool)
    if labels.all() or not labels.any():
        raise ValueError("decisions must include both accepted and rejected pairs")
    # Imported here: scikit-learn costs about a second and only learning needs it.
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", random_state=SEED, max_iter=1000)
    model.fit(features, labels)
    return LearnedWeights(
        coefficients={name: round(float(c), 6) for name, c in zip(FEATURES, model.coef_[0], strict=True)},
        intercept=round(float(model.intercept_[0]), 6),
        decisions=len(labels),
    )


# Fewer decisions than this and the learned weights are not used: a few dozen say more about the
# requests they were made on than about the team's judgement.
MIN_DECISIONS = 200
# The latest share of decisions, by time, on which the learned weights must beat the hand weights.
HELD_OUT = 0.25


@dataclass(frozen=True)
class Choice:
    """Whether to use learned weights, why, and the held-out figures the choice rests on (ROC AUC of the
    accept/reject decisions: how often an accepted pair outscores a rejected one)."""

    use: bool
    reason: str
    weights: LearnedWeights | None = None
    hand_auc: float | None = None
    learned_auc: float | None = None


def choose(
    features: npt.NDArray[np.float64],
    accepted: Sequence[bool] | npt.NDArray[np.bool_],
    decided_at: Sequence[object],
    *,
    minimum: int = MIN_DECISIONS,
) -> Choice:
    """Fit on the earlier decisions and keep the model only if it orders the latest HELD_OUT share
    (by `decided_at`, any sortable values) better than the hand score does; refit on all if so."""
    labels = np.asarray(accepted, dtype=bool)
    if len(labels) < minimum:
        return Choice(False, f"{len(labels)} decisions; at least {minimum} are needed")
    order = sorted(range(len(labels)), key=lambda i: (decided_at[i], i))
    cut = len(order) - max(1, round(HELD_OUT * len(order)))
    early, late = np.array(order[:cut]), np.array(order[cut:])
    if len(set(labels[early])) < 2 or len(set(labels[late])) < 2:
        return Choice(False, "the earlier or the later decisions are all of one kind")
    from sklearn.metrics import roc_auc_score

    model = fit(features[early], labels[early])
    hand = float(roc_auc_score(labels[late], features[late, FEATURES.index("hand score")]))
    learned = float(roc_auc_score(labels[late], model.score(features[late])))
    if learned <= hand:
        return Choice(False, "no better than the hand weights on the latest decisions", None, hand, learned)
    return Choice(
        True, "better than the hand weights on the latest decisions", fit(features, labels), hand, learned
    )
