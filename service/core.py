"""The one bridge between the service and the scoring core (`matcher`): database rows become the core's
plain dataclasses here, the catalogue is loaded once per process, and the core's tagging, name resolution,
near-duplicate similarity and fitted matcher are reached through this module only (a test keeps every
other service module off `matcher`; the CLI's `evaluate` and `bench` use the core's lab tooling)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from threading import Lock

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

import matcher.model as core
from matcher.allocation import Allocation, Candidates, Fairness, Need
from matcher.allocation import greedy as greedy_allocation
from matcher.allocation import plan as plan_allocation
from matcher.catalogue import AreaGuess, Catalogue, load_catalogue
from matcher.dedupe import DEFAULT_THRESHOLD, compared_text
from matcher.dedupe import Text as DuplicateText
from matcher.dedupe import duplicate_candidates as _duplicate_candidates
from matcher.dedupe import similarity as _similarity
from matcher.errors import AmbiguousName, InvalidDataset, MatcherError, UnknownName
from matcher.graph import OrgGraph
from matcher.model import REFERENCE_STATES, Organization, State, Suggestion
from matcher.model import load_states as states_from_file
from matcher.names import NameResolver
from matcher.scoring import FittedMatcher, Matcher
from matcher.suggest import Shortfall, SuggestionRule, closest, suggest
from matcher.text import detect_language
from service import models as m

__all__ = [
    "DEFAULT_THRESHOLD",
    "DuplicateText",
    "Allocation",
    "AllocationRun",
    "Fairness",
    "REFERENCE_STATES",
    "AmbiguousName",
    "Catalogue",
    "FittedMatcher",
    "InvalidDataset",
    "MatcherError",
    "NameResolver",
    "Organization",
    "Shortfall",
    "State",
    "Suggestion",
    "SuggestionRule",
    "UnknownName",
    "allocate",
    "catalogue",
    "closest",
    "compared_text",
    "detect_language",
    "duplicate_candidates",
    "fit_matcher",
    "fitted_matcher",
    "similarity",
    "states_from_file",
    "suggest",
    "suggestion_rule",
    "tag",
    "to_core_programme",
    "to_core_request",
    "to_core_requests",
]


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The area taxonomy, stages, modalities and tagger: read once per process (it never changes at run
    time; it ships with the core)."""
    return load_catalogue()


def tag(text: str, language: str | None, k: int = 3) -> list[AreaGuess]:
    """The tagger's `k` best area guesses for a free text."""
    return catalogue().tag(text, language)[:k] if text.strip() else []


def load_states(session: Session) -> dict[str, core.State]:
    return {
        s.iso3: core.State(s.iso3, s.name, s.region, s.subregion, s.intermediate_region)
        for s in session.scalars(select(m.State))
    }


def load_organizations(session: Session) -> list[core.Organization]:
    members: dict[str, list[str]] = defaultdict(list)
    for org_id, iso3 in session.execute(
        select(m.StateMembership.organization_id, m.StateMembership.state_iso3)
    ):
        members[org_id].append(iso3)
    member_orgs: dict[str, list[str]] = defaultdict(list)
    for org_id, member in session.execute(
        select(m.OrganizationMembership.organization_id, m.OrganizationMembership.member_id)
    ):
        member_orgs[org_id].append(member)
    return [
        core.Organization(
            id=o.id,
            name=o.name,
            kind=o.kind,
            aliases=tuple(o.aliases),
            members=tuple(sorted(members[o.id])),
            member_organizations=tuple(sorted(member_orgs[o.id])),
            parent=o.parent_id,
        )
        for o in session.scalars(select(m.Organization).order_by(m.Organization.id))
    ]


def load_deliveries(session: Session) -> list[tuple[str, str]]:
    """(provider, state) pairs of assistance already delivered: the graph's 'helped it before' edges."""
    rows = session.execute(
        select(m.Programme.provider_id, m.Request.state_iso3)
        .join(m.Match, m.Match.programme_id == m.Programme.id)
        .join(m.Request, m.Match.request_id == m.Request.id)
        .where(m.Match.status == "delivered")
        .distinct()
    )
    return [(provider, state) for provider, state in rows]


def is_active(programme: m.Programme, today: date) -> bool:
    return (programme.active_from is None or programme.active_from <= today) and (
        programme.active_to is None or programme.active_to >= today
    )


def to_core_programme(programme: m.Programme, today: date) -> core.Programme:
    return core.Programme(
        id=str(programme.id),
        provider=programme.provider_id,
        title=programme.title,
        description=programme.description,
        areas=tuple(programme.areas),
        languages=tuple(programme.languages),
        modality=programme.modality,
        scope=core.Scope(programme.scope_kind, tuple(programme.scope_values)),  # type: ignore[arg-type]
        language=programme.language,
        capacity=programme.capacity_per_quarter,
        active=is_active(programme, today),
    )


def to_core_request(request: m.Request) -> core.Request:
    # Only confirmed areas: an unconfirmed suggestion is the core's own tagger's guess, which the core
    # re-derives with its confidences from the glossary hits it reads anyway for the concepts (passing the
    # guesses as given areas would weigh them as certain and change the ranking).
    areas = tuple(sorted(link.area_id for link in request.area_links if not link.suggested))
    return core.Request(
        id=str(request.id),
        state=request.state_iso3,
        title=request.title,
        description=request.description,
        language=request.language,
        areas=areas,
        stage=request.stage,
        priority=request.priority,
    )


def to_core_requests(requests: Iterable[m.Request]) -> list[core.Request]:
    return [to_core_request(r) for r in requests]


def similarity(filings: Sequence[DuplicateText], others: Sequence[DuplicateText]) -> npt.NDArray[np.float64]:
    """The core's near-duplicate scores (text and language-independent evidence), filings by others."""
    return _similarity(filings, others, catalogue())


def duplicate_candidates(request: m.Request, others: Sequence[m.Request], k: int) -> list[tuple[int, float]]:
    """The `k` requests among `others` most like `request`, with their similarity (ids as stored)."""
    found = _duplicate_candidates(to_core_request(request), to_core_requests(others), k, catalogue())
    return [(int(i), s) for i, s in found]


def fit_matcher(session: Session, on: date) -> tuple[FittedMatcher, int]:
    """The core fitted on the programmes active on that day, and how many there are."""
    graph = OrgGraph(load_states(session), load_organizations(session), load_deliveries(session))
    programmes = [
        to_core_programme(p, on) for p in session.scalars(select(m.Programme).order_by(m.Programme.id))
    ]
    active = [p for p in programmes if p.active]
    return Matcher(catalogue(), graph).fit(active), len(active)


def suggestion_rule(per_request: int) -> SuggestionRule:
    """The core's suggestion rule, keeping at most `per_request` suggestions per request (the setting
    MATCHMAKER_SUGGESTIONS_PER_REQUEST); its thresholds are the core's, calibrated on labelled data."""
    return SuggestionRule(k=per_request, depth=max(SuggestionRule.depth, per_request))


@dataclass(frozen=True)
class AllocationRun:
    """The optimal plan and the greedy baseline over the same needs (in order) and programmes."""

    request_ids: list[int]
    programme_ids: list[int]
    plan: Allocation
    greedy: Allocation


def allocate(
    fitted: FittedMatcher,
    requests: Sequence[m.Request],
    capacities: dict[int, int | None],
    *,
    fairness: Fairness,
    rule: SuggestionRule,
) -> AllocationRun:
    """Choose the plan and the greedy baseline under the remaining `capacities` among the suggestions the
    rule keeps for each request: the plan picks from what the team would review, so a pair the rule finds
    no content evidence for is never planned, and a request with none is a gap here as in the queue. No
    Committee priorities are stored yet, so no need carries the flag."""
    needs = [Need(str(r.id), r.state_iso3, r.stage, r.priority) for r in requests]
    programme_ids = sorted(capacities)
    keys = [str(p) for p in programme_ids]
    seats = [capacities[p] for p in programme_ids]
    kept = suggest(fitted, to_core_requests(requests), rule) if requests else {}
    candidates = Candidates.from_suggestions(kept, needs, keys)
    return AllocationRun(
        [r.id for r in requests],
        programme_ids,
        plan_allocation(needs, seats, candidates, fairness),
        greedy_allocation(needs, seats, candidates),
    )


# The fitted matchers this process holds, by (database, catalogue stamp, day): building one at world scale
# takes seconds, scoring one request against it milliseconds. A few are kept so a day's turn or a
# colleague's edit does not thrash.
_FITTED: dict[tuple[str, str, date], tuple[FittedMatcher, int]] = {}
_FITTED_KEPT = 4
_fitting = Lock()


def _catalogue_key(session: Session, on: date) -> tuple[str, str, date]:
    # Read before the rows the matcher is fitted on: a change committed in between is then at worst
    # fitted under the older stamp, which the next reader (seeing the newer stamp) replaces.
    stamp = session.scalar(select(m.MatchingState.stamp).where(m.MatchingState.id == 1)) or ""
    bind = session.get_bind()
    return (str(bind.engine.url), stamp, on)


def fitted_matcher(session: Session, on: date, *, fresh: bool = False) -> tuple[FittedMatcher, int]:
    """The matcher fitted on the catalogue as this session sees it, built once per catalogue version (every
    change to programmes, organizations, memberships or deliveries bumps it in the database) and kept.
    `fresh` refits whatever is kept (the full refresh, the repair tool, trusts no cache) and keeps that."""
    key = _catalogue_key(session, on)
    with _fitting:
        if not fresh and key in _FITTED:
            return _FITTED[key]
    fitted = fit_matcher(session, on)
    with _fitting:
        _FITTED[key] = fitted
        while len(_FITTED) > _FITTED_KEPT:
            del _FITTED[next(iter(_FITTED))]
    return fitted
