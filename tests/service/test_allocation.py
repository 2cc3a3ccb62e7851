"""Issue 17: the month's allocation plan from the database — open reasonable requests only, seats left in
the quarter, the greedy baseline beside it — through logic, the team API (others refused) and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from service import models as m
from service.allocation.logic import plan_month
from service.allocation.queries import quarter
from service.cli.main import app
from service.db import engine_for, session_scope
from service.editions.months import Month
from service.errors import InvalidInput
from service.seeding.reference import load_reference
from service.settings import Settings
from tests.conftest import DATA_DIR, fresh_database_url
from tests.service.conftest import auth, make_programme, make_request, make_user
from tests.service.test_editions_helpers import TODAY, june_2003  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")
FIGURES = {"weighted_coverage", "needs_covered", "states_served", "gaps", "overloaded_programmes", "seconds"}


def _world(session: Session) -> tuple[m.Programme, list[m.Request]]:
    """One financing programme with two seats a quarter; three financing needs from two states."""
    programme = make_programme(session, capacity=2)
    requests = [
        make_request(session, state="KEN", stage="A"),
        make_request(session, state="KEN", stage="B"),
        make_request(session, state="PAK", stage="A"),
    ]
    # Not planned: a submitted request and one the team found unreasonable.
    make_request(session, state="NGA", status="submitted")
    make_request(session, state="NGA", status="not_reasonable")
    return programme, requests


def test_the_plan_serves_both_states_within_the_seats(session: Session, settings: Settings) -> None:
    programme, requests = _world(session)
    plan = plan_month(session, "2003-06", settings=settings, on=TODAY)
    assert (plan.requests, plan.programmes, plan.quarter) == (3, 1, "2003-Q2")
    assert plan.plan.needs_covered == 2 and plan.plan.gaps == 1
    # States first: PAK's only need is covered before KEN's second.
    assert {r.request for r in plan.plan.rows} == {requests[0].ref, requests[2].ref}
    assert {r.programme for r in plan.plan.rows} == {programme.ref}
    assert plan.plan.states_served == 2 and plan.plan.overloaded_programmes == 0
    assert plan.greedy.overloaded_programmes == 0 and plan.greedy.needs_covered == 2
    assert plan.gain.needs_covered == 0 and plan.gain.states_served >= 0


def test_the_fairness_rule_is_a_setting(session: Session, settings: Settings) -> None:
    _, requests = _world(session)
    settings.allocation_states_first = False
    settings.allocation_step = 5.0  # every second need of a state costs more than any fit gains
    plan = plan_month(session, "2003-06", settings=settings, on=TODAY)
    assert plan.fairness.step == 5.0 and not plan.fairness.states_first
    assert sorted(r.state for r in plan.plan.rows) == ["KEN", "PAK"]


def test_a_pair_the_suggestion_rule_would_not_keep_is_never_planned(session: Session, settings: Settings) -> None:
    """A programme with seats to spare but nothing in common with a need (only network and language fit)
    is no candidate: that need is a gap in the plan as in the review queue."""
    _world(session)
    make_programme(
        session,
        provider="IMO",
        title="Port facility security assessments",
        description="Ship and port facility security plans under the ISPS Code.",
        areas=("maritime",),
        capacity=None,
    )
    lone = make_request(
        session,
        state="IND",
        title="Aviation security screening equipment",
        description="Screening machines and training for airport security staff.",
        areas=("aviation",),
    )
    plan = plan_month(session, "2003-06", settings=settings, on=TODAY)
    assert lone.ref not in {r.request for r in plan.plan.rows} and plan.plan.gaps == 2


def test_seats_taken_in_the_quarter_are_not_offered_again(session: Session, settings: Settings) -> None:
    programme, requests = _world(session)
    other = make_request(session, state="IND", status="matched")
    session.add(
        m.Match(
            request_id=other.id,
            programme_id=programme.id,
            score=0.8,
            status="offered",
            offered_at=datetime(2003, 4, 2, tzinfo=UTC),
        )
    )
    session.flush()
    assert plan_month(session, "2003-06", settings=settings, on=TODAY).plan.needs_covered == 1
    # The same commitment fell in the first quarter: July (Q3) has both seats again.
    assert plan_month(session, "2003-07", settings=settings, on=TODAY).plan.needs_covered == 2


def test_quarters() -> None:
    assert quarter(Month(2003, 6)) == (Month(2003, 4), Month(2003, 7))
    assert quarter(Month(2003, 12)) == (Month(2003, 10), Month(2004, 1))


def test_a_malformed_month_is_refused(session: Session, settings: Settings) -> None:
    with pytest.raises(InvalidInput, match="must look like"):
        plan_month(session, "2003-13", settings=settings, on=TODAY)


def test_allocation_api_is_for_the_team_only(client: TestClient, session: Session) -> None:
    _world(session)
    body = client.get("/api/allocation/2003-06", headers=auth(make_user(session, role="ta"))).json()
    assert FIGURES <= set(body["plan"]) and FIGURES <= set(body["greedy"])
    assert body["plan"]["needs_covered"] == 2 and len(body["plan"]["rows"]) == 2
    team = auth(make_user(session, role="ta"))
    bad = client.get("/api/allocation/2003-13", headers=team)
    assert bad.status_code == 422 and "month" in bad.json()["detail"]
    for user in (
        make_user(session, role="provider", party="UNODC"),
        make_user(session, role="state", party="KEN"),
    ):
        refusals = [
            client.get(f"/api/allocation/{month}", headers=auth(user)) for month in ("2003-06", "1999-01")
        ]
        assert {r.status_code for r in refusals} == {403}
        assert refusals[0].json() == refusals[1].json()
    assert client.get("/api/allocation/2003-06").status_code == 401


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = fresh_database_url("sqlite", tmp_path)
    with session_scope(url) as session:
        load_reference(session, DATA_DIR)
        _world(session)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", url)
    monkeypatch.setenv("MATCHMAKER_TODAY", TODAY.isoformat())
    yield url
    engine_for(url).dispose()


def test_allocate_on_the_command_line(scratch: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["allocate", "2003-06", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert FIGURES <= set(body["plan"]) and FIGURES <= set(body["greedy"])
    assert body["plan"]["overloaded_programmes"] == body["greedy"]["overloaded_programmes"] == 0
    table = runner.invoke(app, ["allocate", "2003-06"])
    assert table.exit_code == 0 and "weighted coverage" in table.output and "greedy" in table.output
    refused = runner.invoke(app, ["allocate", "June"])
    assert refused.exit_code == 2 and "month must look like" in refused.output
