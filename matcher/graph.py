"""The organizations graph: membership, M49 regions and past deliveries; eligibility and affinity."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import numpy.typing as npt

from matcher.errors import UnknownOrganization, UnknownState
from matcher.model import Organization, Programme, Scope, State

# How much each kind of tie says about a provider's closeness to a requesting state, walking
# from the state towards the provider; a path's affinity is the product along it.
MEMBER_OF = 1.0  # the state belongs to the providing organization
ORG_IN_ORG = 0.8  # an organization the state belongs to is itself a member (or a body) of the provider
MEMBER_STATE = 0.4  # from an organization down to another member state: a shared membership
IN_SUBREGION = 0.6  # the state and a donor state share an M49 sub-region or intermediate region
IN_REGION = 0.3  # ... or only a broad M49 region
DELIVERED = 0.7  # the provider has delivered assistance to the state before
# Paths longer than this say nothing a reviewer would accept as closeness.
MAX_HOPS = 3


def state_node(iso3: str) -> str:
    return f"state:{iso3}"


def org_node(org_id: str) -> str:
    return f"org:{org_id}"


def region_node(name: str) -> str:
    return f"region:{name.casefold()}"


class OrgGraph:
    """States, organizations and M49 regions in one networkx graph.

    Edges point from a member to what it belongs to (state → organization, organization →
    organization, state → region) and from a state to providers that have helped it, each
    carrying the `strength` of the tie for affinity.
    """

    def __init__(
        self,
        states: Mapping[str, State],
        organizations: Iterable[Organization],
        deliveries: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.states = dict(states)
        self.organizations = {o.id: o for o in organizations}
        self.territories: set[str] = set()
        self.region_names = frozenset(r.casefold() for s in self.states.values() for r in s.regions)
        graph = nx.DiGraph()
        for state in self.states.values():
            graph.add_node(state_node(state.iso3), kind="state", name=state.iso3)
            for level, region in enumerate(state.regions):
                graph.add_node(region_node(region), kind="region", name=region)
                up = IN_REGION if level == 0 else IN_SUBREGION
                graph.add_edge(state_node(state.iso3), region_node(region), strength=up, tie="in region")
                graph.add_edge(region_node(region), state_node(state.iso3), strength=1.0, tie="includes")
        for org in self.organizations.values():
            graph.add_node(org_node(org.id), kind="organization", name=org.id)
        for org in self.organizations.values():
            for member in org.members:
                if member not in self.states:
                    # Territories (e.g. Montserrat in CARICOM) are members but not reporting states:
                    # no request can come from them, so they only need remembering.
                    self.territories.add(member)
                    continue
                self._tie(graph, state_node(member), org_node(org.id), MEMBER_OF, "member of")
                self._tie(graph, org_node(org.id), state_node(member), MEMBER_STATE, "has member")
            for member_org in org.member_organizations:
                self._require_org(member_org, org.id, "member_organizations")
                self._tie(graph, org_node(member_org), org_node(org.id), ORG_IN_ORG, "member of")
            if org.parent is not None:
                self._require_org(org.parent, org.id, "parent")
                self._tie(graph, org_node(org.id), org_node(org.parent), ORG_IN_ORG, "body of")
                self._tie(graph, org_node(org.parent), org_node(org.id), ORG_IN_ORG, "has body")
        for provider, receiver in deliveries:
            self._tie(
                graph,
                state_node(self._require_state(receiver)),
                self.provider_node(provider),
                DELIVERED,
                "helped by",
            )
        for _, _, data in graph.edges(data=True):
            data["cost"] = -math.log(data["strength"])
        self.graph = graph
        self._members_cache: dict[str, frozenset[str]] = {}
        self._scope_cache: dict[Scope, frozenset[str]] = {}
        self._affinity_cache: dict[str, tuple[dict[str, float], dict[str, list[str]]]] = {}

    @staticmethod
    def _tie(graph: nx.DiGraph, a: str, b: str, strength: float, tie: str) -> None:
        if not graph.has_edge(a, b) or graph.edges[a, b]["strength"] < strength:
            graph.add_edge(a, b, strength=strength, tie=tie)

    def _require_org(self, org_id: str, record: str, field: str) -> None:
        if org_id not in self.organizations:
            raise UnknownOrganization(f"unknown organization {org_id!r}", record=record, field=field)

    def _require_state(self, iso3: str, record: str | None = None, field: str = "state") -> str:
        if iso3 not in self.states:
            raise UnknownState(f"unknown state {iso3!r}", record=record or iso3, field=field)
        return iso3

    def is_provider(self, provider: str) -> bool:
        return provider in self.organizations or provider in self.states

    def provider_node(self, provider: str) -> str:
        """Graph node of a provider: an organization id or a donor state's ISO3 code."""
        if provider in self.organizations:
            return org_node(provider)
        if provider in self.states:
            return state_node(provider)
        raise UnknownOrganization(f"unknown provider {provider!r}", record=provider, field="provider")

    def members(self, org_id: str) -> frozenset[str]:
        """States that are members of `org_id`, directly or through member organizations.

        A body with no member list of its own (a secretariat, a committee) serves its parent's members.
        """
        if org_id not in self._members_cache:
            self._require_org(org_id, org_id, "members_of")
            sources = {org_node(org_id)}
            org = self.organizations[org_id]
            if not org.members and not org.member_organizations and org.parent is not None:
                sources.add(org_node(org.parent))
            found: set[str] = set()
            for source in sources:
                for node in nx.ancestors(self._membership_view(), source):
                    if node.startswith("state:"):
                        found.add(node[6:])
            self._members_cache[org_id] = frozenset(found)
        return self._members_cache[org_id]

    def _membership_view(self) -> nx.DiGraph:
        return nx.subgraph_view(
            self.graph, filter_edge=lambda a, b: self.graph.edges[a, b]["tie"] == "member of"
        )

    def scope_states(self, programme: Programme) -> frozenset[str] | None:
        """States a programme's scope covers; None means every state (global scope)."""
        scope = programme.scope
        if scope.kind == "global":
            return None
        if scope not in self._scope_cache:
            # Thousands of programmes share a few hundred scopes: resolve each scope once.
            if scope.kind == "states":
                covered = frozenset(scope.values)
            elif scope.kind == "regions":
                wanted = {v.casefold() for v in scope.values}
                covered = frozenset(
                    s.iso3 for s in self.states.values() if wanted & {r.casefold() for r in s.regions}
                )
            else:
                covered = frozenset().union(*(self.members(org_id) for org_id in scope.values))
            self._scope_cache[scope] = covered
        return self._scope_cache[scope]

    def eligible(self, programme: Programme, state_iso3: str) -> bool:
        """Hard rule: the programme is active and its scope covers the state."""
        if not programme.active or state_iso3 not in self.states:
            return False
        covered = self.scope_states(programme)
        return covered is None or state_iso3 in covered

    def eligibility_matrix(
        self, programmes: Sequence[Programme], request_states: Sequence[str]
    ) -> npt.NDArray[np.bool_]:
        """Boolean matrix, one row per requesting state and one column per programme: eligible or not.

        Built once per distinct state (there are fewer than 200), then gathered per request.
        """
        distinct = sorted(set(request_states))
        index = {iso3: i for i, iso3 in enumerate(distinct)}
        table = np.zeros((len(distinct), len(programmes)), dtype=bool)
        known = [index[s] for s in distinct if s in self.states]
        for j, programme in enumerate(programmes):
            if not programme.active:
                continue
            covered = self.scope_states(programme)
            if covered is None:
                table[known, j] = True
            else:
                rows = [index[s] for s in covered if s in index]
                table[rows, j] = True
        return table[[index[s] for s in request_states]] if request_states else table[:0]

    def affinity(self, provider: str, state: str) -> tuple[float, list[str]]:
        """How close `provider` is to `state`, in [0, 1], and the path that shows it.

        The best product of tie strengths along a path of at most MAX_HOPS ties from the state
        to the provider: 1.0 for a member of the providing organization, 0.8 through a member
        organization, 0.7 for a past delivery, 0.6 for a donor state in the same sub-region,
        0.4 for a donor state sharing an organization; 0 when nothing connects them.
        """
        self._require_state(state)
        target = self.provider_node(provider)
        if target == state_node(state):
            return 1.0, [state]
        scores, paths = self._from_state(state)
        if target not in scores:
            return 0.0, []
        return scores[target], [self.graph.nodes[n]["name"] for n in paths[target]]

    def affinities(self, state: str) -> dict[str, float]:
        """Affinity of every reachable provider node to `state` (organization and state nodes)."""
        scores, _ = self._from_state(state)
        return {node: s for node, s in scores.items() if not node.startswith("region:")}

    def _from_state(self, state: str) -> tuple[dict[str, float], dict[str, list[str]]]:
        if state not in self._affinity_cache:
            source = state_node(state)
            costs, paths = _bounded_shortest_paths(self.graph, source, MAX_HOPS)
            scores = {node: round(math.exp(-cost), 9) for node, cost in costs.items() if node != source}
            self._affinity_cache[state] = (scores, paths)
        return self._affinity_cache[state]


def _bounded_shortest_paths(
    graph: nx.DiGraph, source: str, max_hops: int
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Cheapest path (sum of `cost`) from `source` to every node using at most `max_hops` edges.

    Bellman-Ford by rounds, since Dijkstra cannot bound the number of edges; ties keep the
    path found first in sorted neighbour order, so results are deterministic.
    """
    best: dict[str, float] = {source: 0.0}
    paths: dict[str, list[str]] = {source: [source]}
    frontier = {source}
    for _ in range(max_hops):
        updates: dict[str, tuple[float, list[str]]] = {}
        for node in sorted(frontier):
            for neighbour in sorted(graph.successors(node)):
                cost = best[node] + graph.edges[node, neighbour]["cost"]
                current = updates.get(neighbour, (best.get(neighbour, math.inf), []))[0]
                if cost < current - 1e-12:
                    updates[neighbour] = (cost, [*paths[node], neighbour])
        frontier = set(updates)
        for node, (cost, path) in updates.items():
            best[node], paths[node] = cost, path
        if not frontier:
            break
    return best, paths
