"""The explanation a reviewer reads for one suggestion: areas, matched terms, graph path, eligibility."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matcher.features import Profile
from matcher.graph import OrgGraph
from matcher.model import Programme, Request

# Enough matched terms to see why two texts fit, few enough to read at a glance.
MAX_TERMS = 6


@dataclass(frozen=True)
class PairEvidence:
    """Everything known about one scored pair, gathered by the scorer for the explanation."""

    request: Request
    programme: Programme
    request_profile: Profile
    programme_profile: Profile
    components: Mapping[str, float]
    lexical_index: Mapping[str, int]
    lexical_idf: npt.NDArray[np.float64]
    concept_idf: Mapping[str, float]


def explain(
    evidence: PairEvidence, weights: Mapping[str, float], score: float, graph: OrgGraph
) -> dict[str, Any]:
    """JSON-serialisable explanation of one suggestion (see docs/matching.md for the keys)."""
    request, programme = evidence.request, evidence.programme
    rp, pp = evidence.request_profile, evidence.programme_profile
    shared_areas = sorted(set(rp.areas) & set(pp.areas))
    terms = _matched_terms(evidence)
    affinity, path = graph.affinity(programme.provider, request.state)
    contributions = {name: weights[name] * value for name, value in evidence.components.items()}
    total = sum(contributions.values())
    shares = {name: round(c / total, 4) if total > 0 else 0.0 for name, c in contributions.items()}
    eligibility = _eligibility(programme, request.state, graph)
    summary = _summary(programme, score, shared_areas, terms, path, shares)
    return {
        "shared_areas": shared_areas,
        "request_areas": {a: round(w, 4) for a, w in sorted(rp.areas.items())},
        "areas_inferred": rp.inferred,
        "matched_terms": terms,
        "graph_path": path,
        "affinity": round(affinity, 4),
        "eligibility": eligibility,
        "shares": shares,
        "summary": summary,
    }


def _matched_terms(evidence: PairEvidence) -> list[dict[str, str]]:
    rp, pp = evidence.request_profile, evidence.programme_profile
    first_r = _first_surfaces(rp)
    first_p = _first_surfaces(pp)
    shared_concepts = sorted(
        set(first_r) & set(first_p), key=lambda c: (-evidence.concept_idf.get(c, 0.0), c)
    )
    terms = [
        {"concept": c, "request_term": first_r[c], "programme_term": first_p[c]} for c in shared_concepts
    ]
    covered = {t["request_term"].casefold() for t in terms}
    index, idf = evidence.lexical_index, evidence.lexical_idf
    shared_stems = sorted(
        (s for s in set(rp.surfaces) & set(pp.surfaces) if s in index),
        key=lambda s: (-idf[index[s]], s),
    )
    for stem in shared_stems:
        if len(terms) >= MAX_TERMS:
            break
        if not any(stem in c for c in covered):
            terms.append(
                {"concept": "", "request_term": rp.surfaces[stem], "programme_term": pp.surfaces[stem]}
            )
    return terms[:MAX_TERMS]


def _first_surfaces(profile: Profile) -> dict[str, str]:
    found: dict[str, str] = {}
    for hit in profile.hits:
        found.setdefault(hit.concept, hit.surface)
    return found


def _eligibility(programme: Programme, state: str, graph: OrgGraph) -> str:
    scope = programme.scope
    name = graph.states[state].name
    if scope.kind == "global":
        return f"The programme is open to every state; {name} ({state}) may receive it."
    if scope.kind == "states":
        return f"{name} ({state}) is one of the states the programme names as eligible."
    if scope.kind == "regions":
        regions = [
            r for r in graph.states[state].regions if r.casefold() in {v.casefold() for v in scope.values}
        ]
        return f"{name} ({state}) is in {', '.join(regions)}, a region the programme covers."
    orgs = [o for o in scope.values if state in graph.members(o)]
    direct = [o for o in orgs if state in graph.organizations[o].members]
    how = "a member" if direct else "a member (through a member organization)"
    return f"{name} ({state}) is {how} of {', '.join(orgs)}, whose members the programme serves."


def _summary(
    programme: Programme,
    score: float,
    shared_areas: list[str],
    terms: list[dict[str, str]],
    path: list[str],
    shares: Mapping[str, float],
) -> str:
    # Titles, not ids: the summary is read by people, and stored ids mean nothing to them.
    parts = [f"{programme.title} ({programme.provider}): {score:.2f}"]
    if shared_areas:
        parts.append("areas " + ", ".join(shared_areas))
    if terms:
        parts.append(
            "terms "
            + "; ".join(
                t["request_term"]
                if t["request_term"] == t["programme_term"]
                else f"{t['request_term']} ~ {t['programme_term']}"
                for t in terms[:3]
            )
        )
    if len(path) > 1:
        parts.append("via " + " → ".join(path))
    top = max(shares, key=lambda k: shares[k]) if shares else ""
    if top:
        parts.append(f"mostly {top} ({shares[top]:.0%})")
    return " — ".join(parts)
