"""Scorer invariants (hypothesis) and the contents of explanations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matcher.scoring as scoring
from matcher import Catalogue, Matcher, OrgGraph, Programme, Request, Scope, Weights

from .conftest import programme, request

STATES = ("SEN", "MLI", "GHA", "NGA", "KEN", "EGY", "KAZ", "FRA", "DEU", "BRA")
AREAS = ("financing", "customs", "immigration", "law-enforcement", "legislation")
PHRASES = (
    "financial intelligence unit",
    "cellule de renseignement financier",
    "Обучение пограничников",
    "تدريب ضباط الشرطة",
    "海关风险管理",
    "control de contenedores en el puerto",
    "extradition requests",
    "suspicious transaction reports",
    "passeports falsifiés",
    "anti-terrorism bill drafting",
    "lorem ipsum",
)
SCOPES = st.one_of(
    st.just(Scope("global")),
    st.builds(
        lambda s: Scope("states", tuple(sorted(set(s)))),
        st.lists(st.sampled_from(STATES), min_size=1, max_size=4),
    ),
    st.sampled_from(
        [Scope("regions", ("Western Africa",)), Scope("regions", ("Europe",)), Scope("regions", ("Africa",))]
    ),
    st.sampled_from(
        [
            Scope("members_of", ("ECOWAS",)),
            Scope("members_of", ("AU",)),
            Scope("members_of", ("OSCE", "GIABA")),
        ]
    ),
)
TEXT = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4).map(" ; ".join)


@st.composite
def programmes(draw: st.DrawFn) -> list[Programme]:
    n = draw(st.integers(1, 7))
    return [
        programme(
            f"P{i}",
            provider=draw(st.sampled_from(("INTERPOL", "ECOWAS", "AU", "FRA", "OSCE"))),
            title=draw(TEXT),
            description=draw(TEXT),
            areas=tuple(draw(st.sets(st.sampled_from(AREAS), max_size=2))),
            languages=tuple(draw(st.sets(st.sampled_from(("en", "fr", "ru", "ar", "zh", "es")), max_size=3))),
            modality=draw(st.sampled_from((None, "training", "advisory", "equipment"))),
            scope=draw(SCOPES),
            active=draw(st.booleans()),
        )
        for i in range(n)
    ]


@st.composite
def requests(draw: st.DrawFn) -> list[Request]:
    n = draw(st.integers(1, 8))
    return [
        request(
            f"R{i}",
            state=draw(st.sampled_from(STATES)),
            title=draw(TEXT),
            description=draw(TEXT),
            language=draw(st.sampled_from(("en", "fr", "ru", "ar", "zh", "es", "und", "pt"))),
            areas=tuple(draw(st.sets(st.sampled_from(AREAS), max_size=2))),
        )
        for i in range(n)
    ]


PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(programmes(), requests())
def test_only_eligible_pairs_with_scores_in_unit_range(
    catalogue: Catalogue, graph: OrgGraph, ps: list[Programme], rs: list[Request]
) -> None:
    fitted = Matcher(catalogue, graph).fit(ps)
    by_id = {p.id: p for p in ps}
    top = fitted.top_programmes(rs, k=10)
    assert set(top) == {r.id for r in rs}
    for r in rs:
        for s in top[r.id]:
            assert graph.eligible(by_id[s.programme_id], r.state)
            assert 0.0 <= s.score <= 1.0
            assert all(0.0 <= v <= 1.0 + 1e-6 for v in s.components.values())
        eligible = sum(graph.eligible(p, r.state) for p in ps)
        assert len(top[r.id]) <= eligible
    states = {r.id: r.state for r in rs}
    for by in ("programme", "provider"):
        for suggestions in fitted.top_requests(rs, k=5, by=by).values():  # type: ignore[arg-type]
            for s in suggestions:
                assert graph.eligible(by_id[s.programme_id], states[s.request_id])
                assert 0.0 <= s.score <= 1.0


@PROPERTY
@given(programmes(), requests())
def test_batch_scores_equal_one_pair_at_a_time(
    catalogue: Catalogue, graph: OrgGraph, ps: list[Programme], rs: list[Request]
) -> None:
    fitted = Matcher(catalogue, graph).fit(ps)
    ranking = fitted.rank(rs, k=len(ps))
    for r, columns, scores in zip(rs, ranking.columns, ranking.scores, strict=True):
        batch = {ranking.column_ids[j]: float(s) for j, s in zip(columns, scores, strict=True) if j >= 0}
        for p in ps:
            (single,) = fitted.score_pairs([r], [p.id])
            if single is None:
                assert not graph.eligible(p, r.state) and p.id not in batch
            elif single.score > 0:
                assert round(batch[p.id], 6) == single.score


@PROPERTY
@given(programmes(), requests(), st.randoms(use_true_random=False))
def test_permuting_input_order_never_changes_results(
    catalogue: Catalogue, graph: OrgGraph, ps: list[Programme], rs: list[Request], rnd: object
) -> None:
    first = Matcher(catalogue, graph).fit(ps)
    shuffled_ps, shuffled_rs = list(ps), list(rs)
    rnd.shuffle(shuffled_ps)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_rs)  # type: ignore[attr-defined]
    second = Matcher(catalogue, graph).fit(shuffled_ps)
    assert first.top_programmes(rs) == second.top_programmes(shuffled_rs)
    assert first.top_requests(rs, k=3) == second.top_requests(shuffled_rs, k=3)
    assert first.top_requests(rs, k=3, by="provider") == second.top_requests(shuffled_rs, k=3, by="provider")


def test_chunked_and_parallel_scoring_equal_one_chunk(
    catalogue: Catalogue, graph: OrgGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    ps = [programme(f"P{i}", title=PHRASES[i % len(PHRASES)], scope=Scope("global")) for i in range(9)]
    rs = [
        request(f"R{i:02d}", state=STATES[i % len(STATES)], title=PHRASES[(i * 3) % len(PHRASES)])
        for i in range(40)
    ]
    fitted = Matcher(catalogue, graph, workers=1).fit(ps)
    whole = fitted.rank(rs, k=5)
    monkeypatch.setattr(scoring, "CHUNK_CELLS", 9 * 7)  # chunks of 7 requests
    chunked = fitted.rank(rs, k=5)
    monkeypatch.setattr(scoring, "PARALLEL_FROM", 1)
    fitted.matcher.workers = 2
    parallel = fitted.rank(rs, k=5)
    for other in (chunked, parallel):
        assert np.array_equal(whole.columns, other.columns) and np.array_equal(whole.scores, other.scores)


def test_top_requests_by_programme_and_provider(catalogue: Catalogue, graph: OrgGraph) -> None:
    ps = [
        programme("P1", provider="ECOWAS", scope=Scope("members_of", ("ECOWAS",))),
        programme(
            "P2",
            provider="ECOWAS",
            title="Border control training",
            description="Border guards.",
            areas=("immigration",),
            scope=Scope("global"),
        ),
    ]
    rs = [
        request("R1", state="SEN"),
        request("R2", state="KEN"),
        request("R3", state="MLI", title="Formation des gardes-frontières", areas=("immigration",)),
    ]
    fitted = Matcher(catalogue, graph).fit(ps)
    by_programme = fitted.top_requests(rs, k=2)
    assert [s.request_id for s in by_programme["P1"]] in (["R1", "R3"], ["R3", "R1"])  # KEN is not in ECOWAS
    assert by_programme["P2"][0].request_id == "R3"
    by_provider = fitted.top_requests(rs, k=3, by="provider")
    assert set(by_provider) == {"ECOWAS"}
    picks = {s.request_id: s.programme_id for s in by_provider["ECOWAS"]}
    assert picks["R3"] == "P2" and picks["R1"] == "P1"
    with pytest.raises(ValueError):
        fitted.top_requests(rs, by="state")  # type: ignore[arg-type]


def test_explanation_contents(catalogue: Catalogue, graph: OrgGraph) -> None:
    p = programme("P1", provider="ECOWAS", scope=Scope("members_of", ("AU",)))
    untagged = request("R1", state="SEN", areas=())
    fitted = Matcher(catalogue, graph).fit([p])
    (s,) = fitted.top_programmes([untagged])["R1"]
    e = s.explanation
    assert e["shared_areas"] == ["financing"]
    assert e["areas_inferred"] is True and "financing" in e["request_areas"]
    concepts = {t["concept"]: t for t in e["matched_terms"]}
    assert concepts["financial-intelligence-unit"]["request_term"] == "cellule de renseignement financier"
    assert concepts["financial-intelligence-unit"]["programme_term"].lower() == "financial intelligence unit"
    assert e["graph_path"] == ["SEN", "ECOWAS"]
    assert "member" in e["eligibility"] and "AU" in e["eligibility"] and "SEN" in e["eligibility"]
    assert set(e["shares"]) == {"area", "concepts", "lexical", "modality", "mention", "network", "language"}
    assert math.isclose(sum(e["shares"].values()), 1.0, abs_tol=1e-3)
    assert e["summary"].startswith("Financial intelligence unit mentoring (ECOWAS)") and "\n" not in e["summary"]
    weights = Weights().as_dict()
    assert math.isclose(sum(weights[c] * v for c, v in s.components.items()), s.score, abs_tol=1e-4)
    import json

    json.dumps(s.explanation)


def test_naming_the_provider_counts(catalogue: Catalogue, graph: OrgGraph) -> None:
    ps = [programme("P1", provider="INTERPOL"), programme("P2", provider="ECOWAS")]
    named = request("R1", description="Connexion à la base de données d'INTERPOL et formation des analystes.")
    fitted = Matcher(catalogue, graph).fit(ps)
    components = {s.programme_id: s.components for s in fitted.top_programmes([named])["R1"]}
    assert components["P1"]["mention"] == 1.0 and components["P2"]["mention"] == 0.0


def test_ineligible_pair_scores_none(catalogue: Catalogue, graph: OrgGraph) -> None:
    fitted = Matcher(catalogue, graph).fit([programme("P1", scope=Scope("states", ("MLI",)))])
    assert fitted.score_pairs([request("R1", state="SEN")], ["P1"]) == [None]
    assert fitted.top_programmes([request("R1", state="SEN")]) == {"R1": []}


def test_weights_must_sum_to_one() -> None:
    with pytest.raises(ValueError):
        Weights(area=0.9)


def test_breadth_does_not_dilute_area_fit(catalogue: Catalogue, graph: OrgGraph) -> None:
    """Issue 14: a programme covering three areas, squarely on a law-enforcement need, beats a
    law-enforcement-only programme with generic text (even one the state's own organization runs)."""
    need = request(
        "R1",
        state="KEN",
        language="en",
        areas=("law-enforcement",),
        title="Training investigators of terrorist cases",
        description="Our police need training to investigate terrorist suspects who travel on forged passports.",
    )
    generic = programme(
        "PA",
        provider="AU",
        scope=Scope("members_of", ("AU",)),
        areas=("law-enforcement",),
        title="Basic police training",
        description="A general training course for police officers: patrol, community policing and crime scene basics.",
        modality="training",
    )
    broad = programme(
        "PB",
        areas=("law-enforcement", "immigration", "customs"),
        title="Investigating terrorist travel",
        description="Investigators learn to trace terrorist suspects who cross borders on forged passports.",
        modality="training",
    )
    others = [
        programme("PX", areas=("financing",)),
        programme("PY", areas=("immigration",), title="Border management", description="Border posts."),
        programme("PZ", areas=("customs",), title="Customs risk management", description="Risk profiling."),
    ]
    ranked = Matcher(catalogue, graph).fit([generic, broad, *others]).top_programmes([need], k=2)["R1"]
    assert [s.programme_id for s in ranked] == ["PB", "PA"]
    # Both cover the request's one area in full: breadth neither helps nor hurts.
    assert ranked[0].components["area"] == ranked[1].components["area"] == 1.0


def test_area_fit_is_the_covered_share_of_the_request(catalogue: Catalogue, graph: OrgGraph) -> None:
    two = request("R1", areas=("financing", "customs"))
    ps = [
        programme("P1", areas=("financing",)),
        programme("P2", areas=("financing", "customs", "immigration")),
        programme("P3", areas=("aviation",)),
    ]
    fitted = Matcher(catalogue, graph).fit(ps)
    area = {s.programme_id: s.components["area"] for s in fitted.top_programmes([two], k=3)["R1"]}
    assert area["P2"] == pytest.approx(1.0) and area["P3"] == 0.0
    assert 0.0 < area["P1"] < 1.0
