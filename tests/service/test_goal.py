"""Issue 5: the goal's figures on constructed months (share met, time to match, ageing, gaps, reports),
the goal report's charts and page, and bad months."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from service.errors import InvalidInput
from service.goal.logic import figures
from service.goal.report import write
from tests.service.conftest import auth, make_user
from tests.service.test_editions_helpers import TODAY, constructed, june_2003  # noqa: F401

pytestmark = pytest.mark.usefixtures("june_2003")


def _reports(session: Session) -> None:
    for state, round_, due, received, review in (
        ("KEN", 1, date(2002, 1, 1), date(2001, 12, 20), "reviewed"),
        ("PAK", 1, date(2002, 1, 1), date(2002, 3, 1), "under_review"),
        ("NGA", 1, date(2002, 1, 1), None, "pending"),
        ("NGA", 2, date(2003, 9, 1), None, "pending"),
    ):
        session.add(
            m.Report(state_iso3=state, round=round_, due=due, received=received, review_status=review)
        )
    session.flush()


def test_goal_figures_at_the_end_of_may(session: Session) -> None:
    constructed(session)
    _reports(session)
    goal = figures(session, "2003-05", on=TODAY)
    assert goal.as_of == "2003-05-31"
    # Reasonable by then: r1, r2, r3, r4; met: r4.
    assert (goal.reasonable, goal.met, goal.share_met, goal.met_in_month) == (4, 1, 0.25, 1)
    assert goal.by_status == {"matched": 1, "met": 1, "open": 2, "submitted": 1, "withdrawn": 1}
    assert goal.median_days_to_match == {"month": 37.0, "to_date": 23.0}
    assert goal.median_days_to_delivery == {"month": None, "to_date": 19.0}
    assert goal.ageing == {"0–30 days": 1, "31–90 days": 3, "91–180 days": 0, "over 180 days": 0}
    assert (goal.gaps, goal.gaps_by_area, goal.gaps_by_region) == (1, {"cbrn": 1}, {"Asia": 1})
    assert goal.gaps_by_area_and_region == {"cbrn": {"Asia": 1}}
    assert goal.reports["by_round"] == {
        "1": {"received on time": 1, "received late": 1, "missing": 1},
        "2": {"not yet due": 1},
    }
    assert (goal.reports["reviewed"], goal.reports["target"]) == (1, 300)
    assert [(p.month, p.reasonable, p.share_met) for p in goal.series] == [
        ("2003-03", 0, None),
        ("2003-04", 3, 0.0),
        ("2003-05", 4, 0.25),
    ]


def test_goal_for_the_current_month_is_as_things_stand(session: Session) -> None:
    constructed(session)
    goal = figures(session, on=TODAY)
    assert goal.month == "2003-06" and goal.as_of == "2003-06-15"
    assert goal.reasonable == 5 and goal.by_status["open"] == 3  # r6 came in June


def test_goal_report_writes_a_page_and_charts(session: Session, tmp_path: Path) -> None:
    constructed(session)
    _reports(session)
    written = write(figures(session, "2003-05", on=TODAY), tmp_path)
    page, *pngs = written
    assert page.name == "goal-report-2003-05.html" and len(pngs) == 5
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2000 for p in pngs)
    html = page.read_text()
    assert html.count('src="data:image/png;base64,') == 5 and "25%" in html and "of 4 reasonable" in html


def test_goal_api(client: TestClient, session: Session) -> None:
    constructed(session)
    team = auth(make_user(session, role="ta"))
    body = client.get("/api/goal", headers=team, params={"month": "2003-05"}).json()
    assert body["share_met"] == 0.25 and body["series"][-1]["month"] == "2003-05"
    report = client.get("/api/goal/report", headers=team, params={"month": "2003-05"})
    assert report.status_code == 200 and report.text.count("data:image/png") == 5
    for month, words in (("2003-13", "must look like"), ("2003-08", "in the future")):
        response = client.get("/api/goal", headers=team, params={"month": month})
        assert response.status_code == 422 and words in response.json()["detail"]


def test_goal_without_requests(session: Session) -> None:
    with pytest.raises(InvalidInput, match="no requests"):
        figures(session, "2003-05", on=TODAY)
