"""Issue 4: refreshing suggestions is idempotent — decisions survive, a suggestion that no longer
qualifies is retired (not deleted) and comes back when it qualifies again; gaps are counted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.matching.refresh import refresh
from service.settings import Settings
from tests.service.conftest import make_programme, make_request


def _statuses(session: Session, request: m.Request) -> dict[int, str]:
    rows = session.execute(
        select(m.Match.programme_id, m.Match.status).where(m.Match.request_id == request.id)
    )
    return dict(rows.tuples().all())


def test_refresh_is_idempotent_and_keeps_decisions(session: Session) -> None:
    request = make_request(session, state="KEN")
    first = make_programme(session, provider="UNODC")
    second = make_programme(
        session,
        provider="COMMONWEALTH",
        scope_kind="members_of",
        scope_values=("COMMONWEALTH",),
        title="Model legislation on terrorist financing for Commonwealth states",
    )
    lonely = make_request(
        session,
        state="PER",
        title="Aviation security equipment for airports",
        description="Screening equipment and training for airport security staff.",
        areas=("aviation",),
    )
    report = refresh(session, settings=Settings(), on=date(2003, 6, 30), actor=None)
    assert report.new == 2 and report.gaps == 1  # Peru's aviation need: nobody fits it
    assert _statuses(session, request) == {first.id: "suggested", second.id: "suggested"}
    assert _statuses(session, lonely) == {}

    decided = session.scalar(select(m.Match).where(m.Match.programme_id == first.id))
    assert decided is not None
    decided.status, decided.reason = "rejected", "already funded elsewhere"
    session.flush()
    again = refresh(session, settings=Settings(), on=date(2003, 6, 30), actor=None)
    assert (again.new, again.updated, again.retired, again.restored) == (0, 0, 0, 0)
    assert _statuses(session, request)[first.id] == "rejected"

    # The Commonwealth programme stops covering Kenya: its suggestion is retired, not deleted ...
    second.scope_kind, second.scope_values = "states", ["GHA"]
    session.flush()
    retired = refresh(session, settings=Settings(), on=date(2003, 6, 30), actor=None)
    assert retired.retired == 1 and _statuses(session, request)[second.id] == "retired"
    # ... and comes back when it covers Kenya again.
    second.scope_kind, second.scope_values = "global", []
    session.flush()
    restored = refresh(session, settings=Settings(), on=date(2003, 6, 30), actor=None)
    assert restored.restored == 1 and _statuses(session, request)[second.id] == "suggested"
    events = session.scalars(select(m.Event.action).where(m.Event.entity == "matching")).all()
    assert events.count("matching.refreshed") == 4


def test_refresh_stores_exactly_what_the_rule_keeps(session: Session) -> None:
    """Issue 14: a programme that only shares the network and a language with a request is not
    stored; the request is a gap, and the report names its closest programmes and why they fall short."""
    from service.core import fit_matcher, suggest, suggestion_rule, to_core_requests

    fits = make_request(session, state="KEN")
    lonely = make_request(
        session,
        state="KEN",
        title="Rehabilitation of former fighters",
        description="Programmes to reintegrate defectors into their communities.",
        areas=("other",),
    )
    drafting = make_programme(session, provider="UNODC")
    near = make_programme(
        session,
        provider="AU",
        scope_kind="members_of",
        scope_values=("AU",),
        title="Aviation security screener training",
        description="Screening equipment and training for airport security staff.",
        areas=("aviation",),
        languages=("en",),
    )
    settings = Settings(suggestions_per_request=3)
    report = refresh(session, settings=settings, on=date(2003, 6, 30), actor=None)

    fitted, _ = fit_matcher(session, date(2003, 6, 30))
    rule = suggestion_rule(3)
    kept = suggest(fitted, to_core_requests([fits, lonely]), rule)
    stored = {
        (r, p): rank
        for r, p, rank in session.execute(
            select(m.Match.request_id, m.Match.programme_id, m.Match.rank).where(
                m.Match.status == "suggested"
            )
        ).tuples()
    }
    expected = {
        (int(rid), int(s.programme_id)): rank
        for rid, found in kept.items()
        for rank, s in enumerate(found, start=1)
    }
    assert stored == expected
    assert (fits.id, drafting.id) in stored and not any(p == near.id for _, p in stored)
    assert report.gaps == 1 and set(report.closest) == {lonely.id}
    reasons = {c.programme_id: c for c in report.closest[lonely.id]}
    assert reasons[near.id].eligible and reasons[near.id].reason.startswith("no shared area")
    assert "closest" in report.model_dump()
