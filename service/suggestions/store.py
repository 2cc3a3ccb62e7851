"""Storing the top k for some requests, and the incremental path built on it. Idempotent: decisions
survive (their scores are updated), a suggestion that no longer qualifies is retired rather than deleted,
and a retired one that qualifies again comes back. The full refresh and the incremental path go through
`store_suggestions`, so they store the same rows (tests/service/test_incremental_matching.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from service import models as m
from service.core import FittedMatcher, fitted_matcher, suggest, suggestion_rule, to_core_requests
from service.settings import Settings
from service.vocab import SEEKING_REQUEST_STATUSES

# Statuses the machine may rewrite; every other status is a person's decision.
MACHINE_STATUSES = ("suggested", "retired")


@dataclass
class Tally:
    """What one store did to the match rows."""

    new: int = 0
    updated: int = 0
    retired: int = 0
    restored: int = 0
    gap_ids: set[int] = field(default_factory=set)  # seeking requests with nothing kept


def store_suggestions(
    session: Session,
    fitted: FittedMatcher,
    requests: Sequence[m.Request],
    under_review: Iterable[m.Match],
    *,
    settings: Settings,
) -> Tally:
    """Score `requests` (seeking ones) and store each one's kept top k. `under_review` is every match row
    this store may touch — all rows of these requests, and any others to re-score: a suggestion among them
    that is not wanted any more is retired; a decision gets a fresh score while its programme is active."""
    tally = Tally()
    # What is stored is exactly what the core's suggestion rule keeps (content evidence; at most k each).
    rule = suggestion_rule(settings.suggestions_per_request)
    top = suggest(fitted, to_core_requests(requests), rule) if requests else {}
    existing = {(x.request_id, x.programme_id): x for x in under_review}
    wanted: set[tuple[int, int]] = set()
    for request in requests:
        suggestions = top.get(str(request.id), [])
        if not suggestions:
            tally.gap_ids.add(request.id)
        for rank, suggestion in enumerate(suggestions, start=1):
            key = (request.id, int(suggestion.programme_id))
            wanted.add(key)
            score = round(float(suggestion.score), 6)
            match = existing.get(key)
            if match is None:
                session.add(
                    m.Match(
                        request_id=key[0],
                        programme_id=key[1],
                        score=score,
                        rank=rank,
                        explanation=suggestion.explanation,
                        status="suggested",
                    )
                )
                tally.new += 1
                continue
            if match.status == "retired":
                match.status = "suggested"
                tally.restored += 1
            if match.rank != rank or abs(match.score - suggestion.score) > 1e-6:
                match.score, match.rank, match.explanation = score, rank, suggestion.explanation
                tally.updated += 1

    # Decided matches outside the top k still get a fresh score and explanation.
    # (Only where the programme is still active: an expired programme keeps the score it had.)
    decided = [
        x
        for key, x in existing.items()
        if key not in wanted and x.status not in MACHINE_STATUSES and str(x.programme_id) in fitted.index
    ]
    rescored = (
        fitted.score_pairs(
            to_core_requests(x.request for x in decided), [str(x.programme_id) for x in decided]
        )
        if decided
        else []
    )
    for match, fresh in zip(decided, rescored, strict=True):
        if fresh is not None and abs(match.score - fresh.score) > 1e-6:
            match.score, match.explanation = round(float(fresh.score), 6), fresh.explanation
            tally.updated += 1
        if match.rank is not None:
            match.rank = None
    for key, match in existing.items():
        if key not in wanted and match.status == "suggested":
            match.status, match.rank = "retired", None
            tally.retired += 1
        elif key not in wanted and match.rank is not None:
            match.rank = None
    session.flush()
    return tally


def rescore_requests(
    session: Session, requests: Sequence[m.Request], *, settings: Settings, on: date
) -> Tally:
    """Re-score these requests at once against the active programmes (a request that opened, or an open one
    whose text, areas or state changed) with the kept matcher; one that no longer seeks loses its
    suggestions."""
    if not requests:
        return Tally()
    session.flush()
    fitted, _ = fitted_matcher(session, on)
    ids = [r.id for r in requests]
    matches = session.scalars(select(m.Match).where(m.Match.request_id.in_(ids)))
    seeking = [r for r in requests if r.status in SEEKING_REQUEST_STATUSES]
    return store_suggestions(session, fitted, seeking, list(matches), settings=settings)


def rescore_for_programme(session: Session, programme_id: int, *, settings: Settings, on: date) -> Tally:
    """After a programme is added, edited, retired or re-scoped: re-score the open requests whose top k it
    may enter (ranked without explanations over all of them, vectorised) or leave (those it is stored on),
    and refresh the decisions made on it."""
    session.flush()
    fitted, _ = fitted_matcher(session, on)
    seeking = list(
        session.scalars(
            select(m.Request).where(m.Request.status.in_(SEEKING_REQUEST_STATUSES)).order_by(m.Request.id)
        )
    )
    touched: set[int] = set(
        session.scalars(select(m.Match.request_id).where(m.Match.programme_id == programme_id))
    )
    column = fitted.index.get(str(programme_id))
    if column is not None and seeking:
        # The rule keeps from each request's `depth` best programmes by total score: those are the requests
        # whose kept suggestions this programme may enter.
        depth = suggestion_rule(settings.suggestions_per_request).depth
        ranking = fitted.rank(to_core_requests(seeking), k=depth)
        rows = np.nonzero((ranking.columns == column).any(axis=1))[0]
        touched |= {int(ranking.row_ids[i]) for i in rows.tolist()}
    requests = [r for r in seeking if r.id in touched]
    matches = session.scalars(
        select(m.Match).where(
            or_(m.Match.request_id.in_([r.id for r in requests]), m.Match.programme_id == programme_id)
        )
    )
    return store_suggestions(session, fitted, requests, list(matches), settings=settings)


def rescore_state(session: Session, state: str, *, settings: Settings, on: date) -> Tally:
    """After a delivery to `state`: its provider now 'helped it before', which weighs in the graph for every
    request of the state, so they are re-scored (those still seeking, and the decisions on the others)."""
    session.flush()
    with_matches = select(m.Match.request_id).distinct()
    requests = session.scalars(
        select(m.Request)
        .where(
            m.Request.state_iso3 == state,
            m.Request.status.in_(SEEKING_REQUEST_STATUSES) | m.Request.id.in_(with_matches),
        )
        .order_by(m.Request.id)
    )
    return rescore_requests(session, list(requests), settings=settings, on=on)


def retire_suggestions(session: Session, request: m.Request) -> None:
    """A request that stops seeking keeps its decisions but no suggestion and no rank (as a refresh would)."""
    for match in session.scalars(select(m.Match).where(m.Match.request_id == request.id)):
        if match.status == "suggested":
            match.status = "retired"
        match.rank = None
    session.flush()
