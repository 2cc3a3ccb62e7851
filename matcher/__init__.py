"""Matchmaker's scoring core: plain data in, ranked and explained matches out (no database, no HTTP)."""

from matcher.catalogue import Area, AreaGuess, Catalogue, Modality, load_catalogue
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
from matcher.scoring import FittedMatcher, Matcher, Ranking, Weights

__all__ = [
    "AmbiguousName",
    "Area",
    "AreaGuess",
    "Catalogue",
    "Dataset",
    "DuplicateId",
    "EmptyText",
    "FittedMatcher",
    "InvalidDataset",
    "InvalidRecord",
    "Matcher",
    "MatcherError",
    "Modality",
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
    "evaluate",
    "load_catalogue",
    "load_dataset",
    "load_states",
    "report_table",
]
