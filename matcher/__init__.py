"""Matchmaker's scoring core: plain data in, ranked and explained matches out (no database, no HTTP)."""

from matcher.bench import run_bench
from matcher.catalogue import Area, AreaGuess, Catalogue, Modality, load_catalogue
from matcher.dedupe import DuplicatePair, duplicate_candidates, near_duplicates
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
from matcher.evaluation import Dataset, evaluate, load_dataset, report_table
from matcher.graph import OrgGraph
from matcher.model import Organization, Programme, Request, Scope, State, Suggestion, load_states
from matcher.names import NameFinder, NameResolver
from matcher.scoring import FittedMatcher, Matcher, Ranking, Weights

__all__ = [
    "AmbiguousName",
    "Area",
    "AreaGuess",
    "Catalogue",
    "Dataset",
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
    "duplicate_candidates",
    "evaluate",
    "load_catalogue",
    "load_dataset",
    "load_states",
    "near_duplicates",
    "report_table",
    "run_bench",
]
