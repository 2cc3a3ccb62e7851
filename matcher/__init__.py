"""Matchmaker's scoring core: plain data in, ranked and explained matches out (no database, no HTTP).

The tooling around it (bench, evaluation, synthetic corpus, baselines, metrics) lives in
`matcher.lab`, which imports the core and is never imported by it.
"""

from matcher.catalogue import Area, AreaGuess, Catalogue, Modality, load_catalogue
from matcher.dedupe import (
    DEFAULT_THRESHOLD,
    DuplicatePair,
    compared_text,
    duplicate_candidates,
    near_duplicates,
    similarity,
)
from matcher.errors import (
    AmbiguousName,
    DuplicateId,
    EmptyText,
    InvalidDataset,
    InvalidRecord,
    MatcherError,
    UnknownArea,
    UnknownName,
    UnknownOrganization,
    UnknownState,
)
from matcher.graph import OrgGraph
from matcher.model import Organization, Programme, Request, Scope, State, Suggestion, load_states
from matcher.names import NameFinder, NameResolver
from matcher.scoring import FittedMatcher, Matcher, Ranking, Weights
from matcher.text import detect_language

__all__ = [
    "DEFAULT_THRESHOLD",
    "AmbiguousName",
    "Area",
    "AreaGuess",
    "Catalogue",
    "DuplicateId",
    "DuplicatePair",
    "EmptyText",
    "FittedMatcher",
    "InvalidDataset",
    "InvalidRecord",
    "Matcher",
    "MatcherError",
    "Modality",
    "NameFinder",
    "NameResolver",
    "OrgGraph",
    "Organization",
    "Programme",
    "Ranking",
    "Request",
    "Scope",
    "State",
    "Suggestion",
    "UnknownArea",
    "UnknownName",
    "UnknownOrganization",
    "UnknownState",
    "Weights",
    "compared_text",
    "detect_language",
    "duplicate_candidates",
    "load_catalogue",
    "load_states",
    "near_duplicates",
    "similarity",
]
