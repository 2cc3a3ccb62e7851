"""The learned re-weighting: it reads the decisions, is deterministic, and refuses one-sided data."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.learn import FEATURES, choose, fit, pair_features
from matcher.scoring import Weights


def _decisions(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    # Reviewers accept on concepts alone here, whatever the areas say: the model must find that out.
    rng = np.random.default_rng(seed)
    features = rng.random((200, len(FEATURES)))
    accepted = features[:, FEATURES.index("concepts")] > 0.5
    return features, accepted


def test_learns_which_component_the_decisions_follow() -> None:
    features, accepted = _decisions()
    model = fit(features, accepted)
    coefficients = model.coefficients
    assert max(coefficients, key=lambda name: abs(coefficients[name])) == "concepts"
    assert model.decisions == 200
    ranked = np.argsort(-model.score(features))
    assert accepted[ranked[:50]].mean() > 0.9


def test_fitting_is_deterministic() -> None:
    features, accepted = _decisions()
    assert fit(features, accepted) == fit(features, accepted)


def test_one_sided_decisions_are_refused() -> None:
    features, accepted = _decisions()
    with pytest.raises(ValueError, match="both accepted and rejected"):
        fit(features, np.ones(len(accepted), dtype=bool))


def test_pair_features_add_the_hand_score_and_the_gap_to_the_best_eligible() -> None:
    names = ("area", "concepts", "lexical", "modality", "mention", "network", "language")
    components = {name: np.array([[1.0, 0.5, 0.9]]) for name in names}
    eligible = np.array([[True, True, False]])
    features = pair_features(components, Weights().as_dict(), eligible)
    assert features.shape == (1, 3, len(FEATURES))
    assert features[0, :, FEATURES.index("hand score")] == pytest.approx([1.0, 0.5, 0.9])
    # The ineligible pair does not set the best: gaps are measured from 1.0.
    assert features[0, :, FEATURES.index("below best")] == pytest.approx([0.0, 0.5, 0.1])


def test_choice_needs_enough_decisions() -> None:
    features, accepted = _decisions()
    choice = choose(features[:50], accepted[:50], list(range(50)))
    assert not choice.use and "at least" in choice.reason and choice.weights is None


def test_choice_keeps_the_model_only_when_it_beats_the_hand_weights_on_later_decisions() -> None:
    features, accepted = _decisions()
    times = list(range(len(accepted)))
    # The hand score here is noise, and reviewers follow concepts: the model wins on the later quarter.
    won = choose(features, accepted, times, minimum=100)
    assert won.use and won.weights is not None and won.learned_auc > won.hand_auc  # type: ignore[operator]
    # Now the hand score is exactly what reviewers follow: nothing to gain, the hand weights stay.
    features[:, FEATURES.index("hand score")] = features[:, FEATURES.index("concepts")]
    kept = choose(features, accepted, times, minimum=100)
    assert not kept.use and kept.weights is None and "no better" in kept.reason
