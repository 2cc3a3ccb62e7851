"""Issue 13, pages a team can live in all day: the edition diff filtered by change type and paged, with
state names and Circulate at the top (#10); the goal dashboard's charts stating their basis (#11); the
directory's type filter, programme detail page, full descriptions and acronym search (#13); a request's
history naming every edited field (#14); add-user errors beside their fields (#17)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from matplotlib.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.editions import store
from service.goal import report
from service.goal.logic import figures
from service.pages import team_editions
from tests.service.conftest import make_programme, make_request, make_user
from tests.service.test_editions_helpers import TODAY, constructed, june_2003  # noqa: F401
from tests.service.test_pages import csrf_of, sign_in
from tests.service.test_pages_forms import _field_error


def _may_edition(session: Session) -> None:
    constructed(session)
    store.build(session, "2003-04", actor=None, on=TODAY)
    store.build(session, "2003-05", actor=None, on=TODAY)


def _rows(html: str) -> list[str]:
    body = html.split('<h2 id="diff-title">', 1)[1].split('<h2 id="circ-title">', 1)[0]
    return re.findall(r'<td data-label="Change">([^<]*)</td>', body)


@pytest.mark.usefixtures("june_2003")
def test_the_edition_diff_filters_by_change_type_and_names_states(
    client: TestClient, session: Session
) -> None:
    _may_edition(session)
    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/editions/2003-05")
    assert page.status_code == 200
    assert sorted(set(_rows(page.text))) == sorted(
        {
            "New request",
            "Request met",
            "Status changed",
            "Priority changed",
            "Match newly accepted",
            "New programme",
            "Programme retired",
        }  # fmt: skip
    )
    # Each chip is a link that filters; the chosen one is marked.
    assert 'href="?kind=priority_changed#diff-title"' in page.text
    only = client.get("/team/editions/2003-05", params={"kind": "priority_changed"})
    assert _rows(only.text) == ["Priority changed", "Priority changed"]
    assert 'aria-current="true">Priority changed: 2' in only.text
    # States by name beside the code; Circulate reachable before the changes.
    assert 'Kenya <span class="sub">KEN</span>' in only.text
    assert only.text.index("/team/editions/2003-05/circulation") < only.text.index('id="diff-title"')
    programmes = client.get("/team/editions/2003-05", params={"kind": "new_programme"})
    unodc = session.get(m.Provider, "UNODC")
    assert unodc is not None and f'{unodc.name} <span class="sub">UNODC</span>' in programmes.text


@pytest.mark.usefixtures("june_2003")
def test_the_edition_diff_is_paged_and_refuses_an_unknown_kind(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _may_edition(session)
    sign_in(client, make_user(session, role="ta"))
    monkeypatch.setattr(team_editions, "CHANGES_PER_PAGE", 3)
    first = client.get("/team/editions/2003-05")
    assert len(_rows(first.text)) == 3 and "1–3 of 8" in first.text and 'href="?offset=3"' in first.text
    last = client.get("/team/editions/2003-05", params={"offset": 6})
    assert len(_rows(last.text)) == 2 and "7–8 of 8" in last.text
    filtered = client.get("/team/editions/2003-05", params={"kind": "priority_changed", "offset": 0})
    assert len(_rows(filtered.text)) == 2 and "of 8" not in filtered.text
    bad = client.get("/team/editions/2003-05", params={"kind": "everything"})
    assert bad.status_code == 422 and "kind" in bad.text


def _reports(session: Session, states: int) -> None:
    codes = [s for s in session.scalars(select(m.State.iso3).order_by(m.State.iso3).limit(states))]
    for code in codes:
        session.add(m.Report(state_iso3=code, round=1, due=TODAY.replace(month=1), received=TODAY.replace(month=2),
                             review_status="reviewed"))  # fmt: skip
    session.flush()


@pytest.mark.usefixtures("june_2003")
def test_goal_charts_state_their_basis(session: Session) -> None:
    constructed(session)
    _reports(session, 10)
    goal = figures(session, "2003-05", on=TODAY)
    drawn = {c.name: c for c in report.charts(goal)}
    # Gaps: the cells (area by region), with the area named in words.
    (gaps,) = drawn["gaps"].tables
    assert gaps.columns == ("Area", "Asia") and gaps.rows == [("CBRN materials", 1)]
    # Met share: each month's cells, not only totals.
    (share,) = drawn["met-share"].tables
    assert share.rows[-1] == ("2003-05", 4, 1, "25%", 1)
    # Ageing says what it counts.
    assert "active requests (submitted, open, matched, in delivery)" in drawn["ageing"].title.lower()
    # Reviews: the global target scaled to the 10 states in the data, and both said.
    reports = goal.reports
    assert (reports["target"], reports["states"], reports["scaled_target"]) == (
        300,
        10,
        round(300 * 10 / 191),
    )
    assert drawn["report-reviews"].tables[1].rows == [(10, 16, 300)]


@pytest.mark.usefixtures("june_2003")
def test_goal_chart_text_is_readable_and_the_goal_line_clear(session: Session) -> None:
    constructed(session)
    goal = figures(session, "2003-05", on=TODAY)
    for draw in (report.met_share, report.time_to_match, report.ageing, report.gaps_heat_map,
                 report.report_reviews):  # fmt: skip
        captured: list[float] = []
        original = report._png

        def spy(figure, captured=captured, original=original):  # type: ignore[no-untyped-def]
            captured.extend(
                t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()
            )
            return original(figure)

        report._png = spy  # type: ignore[assignment]
        try:
            draw(goal)
        finally:
            report._png = original  # type: ignore[assignment]
        assert captured and min(captured) >= 10, (draw.__name__, min(captured))


@pytest.mark.usefixtures("june_2003")
def test_the_goal_line_stands_apart_from_the_monthly_counts(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    constructed(session)
    drawn: list[Any] = []
    monkeypatch.setattr(report, "_png", lambda figure: drawn.append(figure) or b"")
    report.met_share(figures(session, "2003-05", on=TODAY))
    share_axes, count_axes = drawn[0].axes
    # The counts have their own panel, so no bar reaches the 100 % line; the line is labelled above it.
    assert share_axes.get_ylim()[1] > 100 and not share_axes.patches and count_axes.patches
    assert any("goal" in t.get_text() and t.get_position()[1] > 100 for t in share_axes.texts)
    heat: list[Any] = []
    monkeypatch.setattr(report, "_png", lambda figure: heat.append(figure) or b"")
    report.gaps_heat_map(figures(session, "2003-05", on=TODAY))
    axes, legend = heat[0].axes  # the heat map and its colour bar
    assert [t.get_text() for t in axes.get_yticklabels()] == ["CBRN materials"]
    assert "no programme covers" in legend.get_ylabel()


@pytest.mark.usefixtures("june_2003")
def test_goal_dashboard_shows_the_cells_and_a_legend(client: TestClient, session: Session) -> None:
    constructed(session)
    _reports(session, 10)
    sign_in(client, make_user(session, role="ta"))
    page = client.get("/team/goal", params={"month": "2003-05"})
    assert page.status_code == 200
    assert '<th scope="row">CBRN materials</th><td class="num">1</td>' in page.text
    assert ">cbrn<" not in page.text
    assert "scaled to the 10 states here" in page.text and "all 191 member states" in page.text
    assert page.text.count("<caption>") >= 6


def test_directory_type_filter_has_no_empty_duplicate(client: TestClient, session: Session) -> None:
    make_programme(session, title="Border control training")
    page = client.get("/directory")
    assert page.text.count(">Assistance programmes</option>") == 1
    assert ">Assistance programme</option>" not in page.text
    old = client.get("/directory", params={"type": "programme"})  # an address saved before
    assert "Border control training" in old.text


def test_programme_detail_page_with_full_text_and_contact(client: TestClient, session: Session) -> None:
    text = "Advice on drafting laws. " * 30
    programme = make_programme(session, provider="UNODC", description=text)
    session.add(
        m.Contact(organization_id="UNODC", name="Ana Ruiz", email="ana@unodc.example", published=True)
    )
    session.add(
        m.Contact(organization_id="UNODC", name="Hidden Person", email="h@unodc.example", published=False)
    )
    session.flush()
    listed = client.get("/directory")
    assert f'href="/directory/programmes/{programme.id}"' in listed.text
    assert text.strip() in listed.text and "clamp" not in listed.text  # the whole description
    page = client.get(f"/directory/programmes/{programme.id}")
    assert page.status_code == 200 and text.strip() in page.text
    assert 'href="mailto:ana@unodc.example"' in page.text and "Hidden Person" not in page.text
    assert client.get("/directory/programmes/999999").status_code == 404


def test_contacts_search_matches_an_organization_acronym(client: TestClient, session: Session) -> None:
    org = session.get(m.Organization, "UNODC")
    assert org is not None and org.acronym == "UNODC" and "UNODC" not in org.name
    session.add(
        m.Contact(organization_id="UNODC", name="Ana Ruiz", email="ana@unodc.example", published=True)
    )
    session.flush()
    for q in ("UNODC", "unodc"):
        assert "Ana Ruiz" in client.get("/directory/contacts", params={"q": q}).text


def test_history_names_every_edited_field(client: TestClient, session: Session) -> None:
    state = make_user(session, role="state", party="KEN")
    request = make_request(session, state="KEN", status="submitted", language="en", stage="A")
    sign_in(client, state)
    token = csrf_of(client, f"/state/requests/{request.id}/edit")
    saved = client.post(
        f"/state/requests/{request.id}/edit",
        data={
            "csrf_token": token,
            "version": request.version,
            "title": request.title,
            "description": request.description,
            "language": "fr",
            "stage": "B",
            "areas": list(request.areas),
        },
    )
    assert saved.status_code == 200 and "Changes saved." in saved.text
    assert "Edited: language, stage" in saved.text


def test_add_user_errors_are_beside_their_fields(client: TestClient, session: Session) -> None:
    sign_in(client, make_user(session, role="ta"))
    token = csrf_of(client, "/team/users")
    short = client.post(
        "/team/users",
        data={"csrf_token": token, "username": "peru", "password": "short", "role": "state", "party": "PER"},
    )
    assert short.status_code == 422 and "8 characters" in _field_error(short.text, "password")
    assert 'role="alert">Password' not in short.text
    unknown = client.post(
        "/team/users",
        data={
            "csrf_token": token,
            "username": "peru",
            "password": "long-enough-1",
            "role": "state",
            "party": "XXX",
        },
    )
    assert "Unknown state" in _field_error(unknown.text, "party")
    missing = client.post("/team/users", data={"csrf_token": token, "role": "state"})  # fields left out
    assert "required" in _field_error(missing.text, "username")
    assert "required" in _field_error(missing.text, "password")
