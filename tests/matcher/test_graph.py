"""Eligibility per scope kind, affinity, and the graph code against plain networkx on random graphs."""

from __future__ import annotations

import logging
import math
import random

import networkx as nx
import numpy as np
import pytest

from matcher import Organization, OrgGraph, Scope, State
from matcher.errors import UnknownOrganization, UnknownState
from matcher.graph import MAX_HOPS, org_node, state_node

from .conftest import programme

log = logging.getLogger(__name__)

ELIGIBILITY = [
    (Scope("global"), "BRA", True),
    (Scope("states", ("SEN", "MLI")), "MLI", True),
    (Scope("states", ("SEN", "MLI")), "GHA", False),
    (Scope("regions", ("Western Africa",)), "GHA", True),
    (Scope("regions", ("western africa",)), "GHA", True),
    (Scope("regions", ("Africa",)), "KEN", True),
    (Scope("regions", ("Sub-Saharan Africa",)), "EGY", False),
    (Scope("regions", ("South America",)), "KEN", False),
    (Scope("members_of", ("ECOWAS",)), "NGA", True),
    (Scope("members_of", ("ECOWAS",)), "KEN", False),
    # ECOWAS is itself a member of AU: its member states count as AU members.
    (Scope("members_of", ("AU",)), "SEN", True),
    (Scope("members_of", ("AU",)), "KEN", True),
    (Scope("members_of", ("AU",)), "FRA", False),
    # GIABA has no member list of its own: it serves its parent's (ECOWAS) members.
    (Scope("members_of", ("GIABA",)), "MLI", True),
    (Scope("members_of", ("OSCE", "ECOWAS")), "KAZ", True),
]


@pytest.mark.parametrize(("scope", "state", "expected"), ELIGIBILITY)
def test_eligibility_per_scope_kind(graph: OrgGraph, scope: Scope, state: str, expected: bool) -> None:
    p = programme(scope=scope)
    assert graph.eligible(p, state) is expected
    matrix = graph.eligibility_matrix([p], [state, state])
    assert matrix.shape == (2, 1) and bool(matrix[0, 0]) is expected


def test_inactive_programme_is_never_eligible(graph: OrgGraph) -> None:
    assert not graph.eligible(programme(active=False), "SEN")
    assert not graph.eligibility_matrix([programme(active=False)], ["SEN"]).any()


def test_affinity_paths(graph: OrgGraph) -> None:
    assert graph.affinity("ECOWAS", "SEN") == (1.0, ["SEN", "ECOWAS"])
    score, path = graph.affinity("AU", "SEN")
    assert score == pytest.approx(0.8) and path == ["SEN", "ECOWAS", "AU"]
    assert graph.affinity("FRA", "SEN")[0] == pytest.approx(0.7)  # past delivery
    assert graph.affinity("SEN", "SEN") == (1.0, ["SEN"])
    assert graph.affinity("INTERPOL", "SEN") == (0.0, [])
    score, path = graph.affinity("GHA", "SEN")  # a donor state in the same sub-region
    assert 0 < score < 1 and path[0] == "SEN" and path[-1] == "GHA"


def test_unknown_names_raise(graph: OrgGraph, states: dict[str, State]) -> None:
    with pytest.raises(UnknownOrganization):
        graph.affinity("NOPE", "SEN")
    with pytest.raises(UnknownState):
        graph.affinity("AU", "XXX")
    with pytest.raises(UnknownOrganization) as info:
        OrgGraph(states, [Organization("A", "A", "regional", member_organizations=("B",))])
    assert info.value.record == "A" and info.value.field == "member_organizations"


def _random_world(seed: int, states: dict[str, State]) -> tuple[list[str], list[Organization]]:
    rng = random.Random(seed)
    chosen = sorted(rng.sample(sorted(states), 25))
    orgs = []
    for i in range(8):
        members = tuple(sorted(rng.sample(chosen, rng.randint(0, 6))))
        below = [f"O{j}" for j in range(i) if rng.random() < 0.25]
        orgs.append(Organization(f"O{i}", f"Org {i}", "regional", (), members, tuple(below)))
    return chosen, orgs


@pytest.mark.parametrize("seed", [7, 1373, 2003])
def test_members_match_networkx_reachability(seed: int, states: dict[str, State]) -> None:
    log.info("random organization graph, seed %d", seed)
    chosen, orgs = _random_world(seed, states)
    graph = OrgGraph({s: states[s] for s in chosen}, orgs)
    reference = nx.DiGraph()
    for org in orgs:
        reference.add_node(org.id)
        reference.add_edges_from((m, org.id) for m in org.members)
        reference.add_edges_from((o, org.id) for o in org.member_organizations)
    for org in orgs:
        expected = {n for n in nx.ancestors(reference, org.id) if n in chosen}
        assert graph.members(org.id) == expected, f"seed {seed}, {org.id}"


@pytest.mark.parametrize("seed", [7, 1373, 2003])
def test_affinity_matches_brute_force_over_simple_paths(seed: int, states: dict[str, State]) -> None:
    log.info("random organization graph, seed %d", seed)
    chosen, orgs = _random_world(seed, states)
    rng = random.Random(seed)
    deliveries = [(rng.choice(orgs).id, rng.choice(chosen)) for _ in range(5)]
    graph = OrgGraph({s: states[s] for s in chosen}, orgs, deliveries)
    g = graph.graph
    for state in chosen[:6]:
        for provider in [o.id for o in orgs] + chosen[:5]:
            target = graph.provider_node(provider)
            if target == state_node(state):
                continue
            best = 0.0
            for path in nx.all_simple_paths(g, state_node(state), target, cutoff=MAX_HOPS):
                best = max(
                    best, math.prod(g.edges[a, b]["strength"] for a, b in zip(path, path[1:], strict=False))
                )
            score, found = graph.affinity(provider, state)
            assert score == pytest.approx(best, abs=1e-6), f"seed {seed}: {provider} → {state}"
            if best > 0:
                assert found[0] == state and len(found) <= MAX_HOPS + 1


def test_eligibility_matrix_matches_single_checks(graph: OrgGraph) -> None:
    scopes = [s for s, _, _ in ELIGIBILITY]
    programmes = [programme(f"P{i}", scope=s) for i, s in enumerate(scopes)]
    wanted = ["SEN", "KEN", "FRA", "KAZ", "BRA", "SEN"]
    matrix = graph.eligibility_matrix(programmes, wanted)
    expected = np.array([[graph.eligible(p, s) for p in programmes] for s in wanted])
    assert (matrix == expected).all()
    assert org_node("AU") in graph.graph
