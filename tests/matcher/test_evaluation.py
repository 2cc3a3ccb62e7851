"""Ranking measures on known answers, and the issue's targets on the shared dev set."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from matcher import Catalogue, State
from matcher.lab.evaluation import evaluate, load_dataset
from matcher.lab.metrics import ndcg_at, recall_at, reciprocal_rank
from service.cli.matching import register

from .conftest import DEV_SET, STATES_CSV

QRELS = {"P1": 3, "P2": 1, "P3": 2}


def test_measures_on_known_answers() -> None:
    assert ndcg_at(["P1", "P3", "P2"], QRELS) == pytest.approx(1.0)
    ideal = 7 + 3 / 1.584962500721156 + 1 / 2.0
    assert ndcg_at(["P9", "P1"], QRELS) == pytest.approx((7 / 1.584962500721156) / ideal)
    assert ndcg_at(["P1"], {}) == 0.0
    assert reciprocal_rank(["P2", "P9", "P3"], QRELS) == pytest.approx(1 / 3)
    assert recall_at(["P3", "P2"], QRELS) == pytest.approx(0.5)
    assert recall_at(["P3"], {"P2": 1}) is None


@pytest.fixture(scope="module")
def dev_report(catalogue: Catalogue, states: dict[str, State]) -> dict:  # type: ignore[type-arg]
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} is absent")
    return evaluate(load_dataset(DEV_SET, states, catalogue), catalogue, states)


def test_dev_set_targets(dev_report: dict) -> None:  # type: ignore[type-arg]
    scorer = dev_report["scorer"]["ndcg@5"]
    best_baseline = max(b["ndcg@5"] for b in dev_report["baselines"].values())
    slices = dev_report["slices"]
    assert scorer >= 0.85
    assert scorer >= 1.35 * best_baseline
    assert dev_report["eligibility_violations"] == 0
    assert slices["non_english"]["ndcg@5"] >= 0.9 * slices["english"]["ndcg@5"]
    assert slices["untagged"]["ndcg@5"] >= 0.9 * slices["tagged"]["ndcg@5"]
    # Issue 14: the rule stores useful suggestions and recognises most gaps (dev: 0.81 / 0.94, 1.0 / 0.71).
    assert dev_report["suggestions"]["precision"] >= 0.78 and dev_report["suggestions"]["recall"] >= 0.92
    assert dev_report["gaps"]["precision"] >= 0.8 and dev_report["gaps"]["recall"] >= 0.7


def test_report_shape(dev_report: dict) -> None:  # type: ignore[type-arg]
    assert set(dev_report) == {
        "scorer",
        "baselines",
        "slices",
        "eligibility_violations",
        "suggestions",
        "gaps",
    }
    assert set(dev_report["suggestions"]) == {"stored", "precision", "recall"}
    assert set(dev_report["gaps"]) == {"true", "flagged", "precision", "recall", "f1"}
    assert set(dev_report["baselines"]) == {"bm25", "tfidf"}
    assert set(dev_report["slices"]) == {"english", "non_english", "tagged", "untagged"}
    for figures in [dev_report["scorer"], *dev_report["baselines"].values(), *dev_report["slices"].values()]:
        assert {"ndcg@5", "mrr", "recall@5"} <= set(figures)


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """matchmaker (test stand-in)."""

    return app


def test_cli_evaluate_json_and_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} is absent")
    runner = CliRunner()
    result = runner.invoke(_app(), ["evaluate", str(DEV_SET), "--json", "--states", str(STATES_CSV)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"scorer", "baselines", "slices", "eligibility_violations", "suggestions", "gaps"}
    assert report["suggestions"]["stored"] > 0 and 0 <= report["gaps"]["f1"] <= 1
    table = runner.invoke(_app(), ["evaluate", str(DEV_SET), "--states", str(STATES_CSV)])
    assert "stored suggestions" in table.output and "gaps:" in table.output
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "organizations": [],
                "programmes": [],
                "requests": [{"id": "R1", "state": "ZZZ", "language": "en", "title": "t", "areas": ["nope"]}],
            }
        )
    )
    result = runner.invoke(_app(), ["evaluate", str(bad)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 2 and all("R1" in line for line in lines)


def test_suggestion_and_gap_figures_on_known_answers() -> None:
    from matcher import Suggestion
    from matcher.lab.evaluation import gap_figures, suggestion_figures

    kept = {
        "R1": [Suggestion("R1", "P1", 0.9), Suggestion("R1", "P2", 0.5)],
        "R2": [],
        "R3": [],
    }
    qrels = {"R1": {"P1": 3, "P3": 2}, "R3": {"P4": 2}}
    assert suggestion_figures(kept, qrels) == {
        "stored": 2,
        "precision": 0.5,
        "recall": pytest.approx(1 / 3, abs=1e-4),
    }
    # R2 is the one true gap; R2 and R3 are flagged.
    assert gap_figures(kept, qrels) == {
        "true": 1,
        "flagged": 2,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
    }


def test_cli_evaluate_learned_is_cross_validated_and_deterministic() -> None:
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} is absent")
    runner = CliRunner()
    args = ["evaluate", str(DEV_SET), "--json", "--learned", "--states", str(STATES_CSV)]
    first, second = (json.loads(runner.invoke(_app(), args).output) for _ in range(2))
    assert first["learned"] == second["learned"]
    assert set(first["learned"]) == {"ndcg@5", "mrr", "recall@5"}
    # The goal: the learned ranker is never below the hand weights (dev: 0.930 against 0.928).
    assert first["learned"]["ndcg@5"] >= first["scorer"]["ndcg@5"] - 0.005
    table = runner.invoke(_app(), [*args[:2], "--learned", "--states", str(STATES_CSV)])
    assert "learned weights" in table.output
