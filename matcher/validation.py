"""Checks that records only name areas, states and organizations the core knows, before any scoring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from matcher.catalogue import Catalogue
from matcher.errors import (
    DuplicateId,
    EmptyText,
    MatcherError,
    UnknownArea,
    UnknownOrganization,
    UnknownState,
)
from matcher.graph import OrgGraph
from matcher.model import Programme, Request


def programme_problems(programme: Programme, catalogue: Catalogue, graph: OrgGraph) -> Iterator[MatcherError]:
    """Every problem with one programme, each naming the programme id and the field."""
    record = programme.id
    if not (programme.title.strip() or programme.description.strip()):
        yield EmptyText("no title or description text", record=record, field="description")
    if not graph.is_provider(programme.provider):
        yield UnknownOrganization(f"unknown provider {programme.provider!r}", record=record, field="provider")
    yield from _area_problems(programme.areas, record, catalogue)
    scope = programme.scope
    for value in scope.values:
        if scope.kind == "members_of" and value not in graph.organizations:
            yield UnknownOrganization(
                f"scope names unknown organization {value!r}", record=record, field="scope"
            )
        elif scope.kind == "states" and value not in graph.states:
            yield UnknownState(f"scope names unknown state {value!r}", record=record, field="scope")
        elif scope.kind == "regions" and value.casefold() not in graph.region_names:
            yield MatcherError(f"scope names unknown M49 region {value!r}", record=record, field="scope")


def request_problems(request: Request, catalogue: Catalogue, graph: OrgGraph) -> Iterator[MatcherError]:
    """Every problem with one request, each naming the request id and the field."""
    if not (request.title.strip() or request.description.strip()):
        yield EmptyText("no title or description text", record=request.id, field="description")
    if request.state not in graph.states:
        yield UnknownState(f"unknown state {request.state!r}", record=request.id, field="state")
    yield from _area_problems(request.areas, request.id, catalogue)


def duplicate_problems(ids: Iterable[str], kind: str) -> Iterator[MatcherError]:
    seen: set[str] = set()
    for record in ids:
        if record in seen:
            yield DuplicateId(f"{kind} id used twice", record=record, field="id")
        seen.add(record)


def raise_first(problems: Iterable[MatcherError]) -> None:
    """Raise the first problem, if any: the scorer refuses bad input rather than guessing."""
    for problem in problems:
        raise problem


def _area_problems(areas: Iterable[str], record: str, catalogue: Catalogue) -> Iterator[MatcherError]:
    for area in areas:
        if area not in catalogue.areas:
            yield UnknownArea(f"unknown area {area!r}", record=record, field="areas")
