"""Issue 14: the suggestion rule keeps pairs on content evidence only, flags gaps, and says why a gap's
closest programmes fall short."""

from __future__ import annotations

import pytest

from matcher import Catalogue, Matcher, OrgGraph, Scope, Suggestion
from matcher.errors import MatcherError
from matcher.suggest import SuggestionRule, closest, content, keep, suggest

from .conftest import programme, request

RULE = SuggestionRule(k=2, floor=0.4, relative=0.5, area_share=0.3)


def pair(pid: str, score: float, **components: float) -> Suggestion:
    base = {"area": 0.0, "concepts": 0.0, "lexical": 0.0, "modality": 0.0, "mention": 0.0}
    base.update({"network": 1.0, "language": 1.0})
    return Suggestion("R1", pid, score, base | components)


# (candidates best first, ids kept): content = 0.3 area + 0.7 (0.625 concepts + 0.375 lexical)
CASES = [
    pytest.param([pair("P1", 0.2)], [], id="network-and-language-only-never-kept"),
    pytest.param([pair("P1", 0.3, mention=1.0, modality=1.0)], [], id="mention-and-modality-are-not-content"),
    pytest.param([pair("P1", 0.5, area=1.0)], [], id="area-alone-is-below-the-floor"),
    pytest.param([pair("P1", 0.5, lexical=0.9)], [], id="shared-words-alone-are-below-the-floor"),
    pytest.param([pair("P1", 0.6, area=1.0, concepts=0.4)], ["P1"], id="area-and-some-concepts-are-kept"),
    pytest.param(
        [pair("P1", 0.9, area=1.0, concepts=1.0, lexical=1.0), pair("P2", 0.6, area=1.0, concepts=0.25)],
        ["P1"],
        id="relative-cut-drops-far-behind-best",
    ),
    pytest.param(
        [pair("P1", 0.9, area=1.0, concepts=1.0, lexical=1.0), pair("P2", 0.7, area=1.0, concepts=0.5)],
        ["P1", "P2"],
        id="within-the-relative-cut-both-kept",
    ),
    pytest.param(
        [
            pair("P1", 0.9, area=1.0, concepts=0.8),
            pair("P2", 0.8, network=1.0),
            pair("P3", 0.7, area=1.0, concepts=0.7),
            pair("P4", 0.6, area=1.0, concepts=0.7),
        ],
        ["P1", "P3"],
        id="at-most-k-in-score-order-skipping-what-fails",
    ),
]


@pytest.mark.parametrize(("candidates", "expected"), CASES)
def test_rule_table(candidates: list[Suggestion], expected: list[str]) -> None:
    kept = keep({"R1": candidates, "R2": []}, RULE)
    assert [s.programme_id for s in kept["R1"]] == expected
    assert kept["R2"] == []


def test_content_formula() -> None:
    value = content({"area": 1.0, "concepts": 0.4, "lexical": 0.8}, RULE)
    assert float(value) == pytest.approx(0.3 + 0.7 * (0.625 * 0.4 + 0.375 * 0.8))


def test_rule_validates() -> None:
    with pytest.raises(MatcherError):
        SuggestionRule(k=5, depth=3)
    with pytest.raises(MatcherError):
        SuggestionRule(floor=1.5)


def test_gap_when_best_has_no_content_evidence(catalogue: Catalogue, graph: OrgGraph) -> None:
    """A request whose best candidate only shares the network (same organization, same language) is a
    gap; the closest programmes then say why each falls short, including one out of scope."""
    ps = [
        programme("P1", provider="ECOWAS", scope=Scope("members_of", ("ECOWAS",)), languages=("fr",)),
        programme(
            "P2",
            provider="INTERPOL",
            title="Aviation security screening",
            description="Screening equipment and training for airport security staff.",
            areas=("aviation",),
            scope=Scope("states", ("KEN",)),
        ),
    ]
    lonely = request(
        "R1",
        state="SEN",
        title="Sécurité de l'aviation civile",
        description="Équipements de contrôle pour le personnel de sûreté des aéroports.",
        areas=("aviation",),
    )
    fitted = Matcher(catalogue, graph).fit(ps)
    candidates = fitted.top_programmes([lonely], k=5)["R1"]
    assert [s.programme_id for s in candidates] == ["P1"]  # eligible, ranked, by network and language
    assert suggest(fitted, [lonely]) == {"R1": []}
    shortfalls = {s.programme_id: s for s in closest(fitted, [lonely])["R1"]}
    assert shortfalls["P1"].eligible and shortfalls["P1"].reason.startswith("no shared area")
    assert not shortfalls["P2"].eligible and "out of scope" in shortfalls["P2"].reason
    assert shortfalls["P2"].content > shortfalls["P1"].content
    assert set(shortfalls["P2"].components) >= {"area", "concepts", "lexical", "network", "language"}


def test_suggest_keeps_a_real_fit(catalogue: Catalogue, graph: OrgGraph) -> None:
    fitted = Matcher(catalogue, graph).fit(
        [programme("P1"), programme("P2", areas=("aviation",), title="x", description="Airport screening.")]
    )
    kept = suggest(fitted, [request("R1")])
    assert [s.programme_id for s in kept["R1"]] == ["P1"]
    assert closest(fitted, [request("R1")], n=1)["R1"][0].reason == "kept"
