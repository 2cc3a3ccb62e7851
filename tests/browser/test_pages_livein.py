"""Issue 13 in chromium: the edition diff's change-type chips filter (and Circulate is at the top), the
goal dashboard's charts shown at a size where their text stays readable with their cells under
"Figures", and axe (no serious or critical violation) on each page changed: the edition, the goal
dashboard, the directory with its programme page, the contacts search and the users form with errors."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Live, shoot, sign_in
from tests.browser.test_pages_look import _severe_violations

pytestmark = pytest.mark.browser

# The charts are drawn with 11-pt text; shown at this share of their size or more it stays >= 10 pt.
READABLE_SCALE = 10 / 11


def _build(page: Any, month: str) -> None:
    page.goto("/team/editions")
    page.get_by_label("Month").fill(month)
    page.get_by_role("button", name="Build edition").click()
    page.wait_for_selector(f"text=Edition {month} revision")


def test_the_edition_diff_chips_filter_and_circulate_is_at_the_top(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.team)
    today = date.today()
    earlier = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1).strftime("%Y-%m")
    month = today.strftime("%Y-%m")
    _build(page, earlier)
    _build(page, month)
    page.goto(f"/team/editions/{month}")
    circulate = page.get_by_role("link", name="Circulate…").first
    assert circulate.bounding_box()["y"] < page.locator("#diff-title").bounding_box()["y"]
    kinds = page.locator('nav[aria-label="Show one kind of change"] a.chip')
    assert kinds.count() >= 3  # "All" and at least two kinds of change
    every = len(page.locator('td[data-label="Change"]').all_inner_texts())
    chip = kinds.nth(1)
    name = chip.inner_text().split(":")[0]
    chip.click()
    page.wait_for_url(re.compile(r"kind="))
    shown = page.locator('td[data-label="Change"]').all_inner_texts()
    assert shown and set(shown) == {name} and len(shown) < every
    assert page.locator('a.chip[aria-current="true"]').inner_text().startswith(name)
    assert re.search(r"Kenya\s*KEN", page.locator('td[data-label="State or provider"]').first.inner_text())
    shoot(page, "team-edition-diff-filtered")
    assert not _severe_violations(page)
    kinds.first.click()  # "All" clears the filter
    page.wait_for_url(re.compile(rf"/team/editions/{month}(\?|#|$)"))
    assert len(page.locator('td[data-label="Change"]').all_inner_texts()) == every


def test_the_goal_dashboard_is_readable_and_gives_its_cells(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.team)
    page.goto("/team/goal")
    charts = page.locator("img[data-chart]")
    assert charts.count() == 5
    for i in range(charts.count()):
        natural, shown = charts.nth(i).evaluate("img => [img.naturalWidth, img.clientWidth]")
        assert shown / natural >= READABLE_SCALE, (charts.nth(i).get_attribute("data-chart"), shown, natural)
    page.locator("details summary", has_text="Figures").first.click()
    first = page.locator("figure.chart").first.locator("table")
    assert first.locator("caption").inner_text().startswith("Share met to date")
    assert first.locator("tbody tr").count() >= 1
    ageing = page.locator("figure.chart", has=page.locator('img[data-chart="ageing"]'))
    assert "active requests (submitted, open, matched, in delivery)" in ageing.inner_text().lower()
    assert "scaled to the" in page.locator(".kpis").inner_text()
    shoot(page, "team-goal-dashboard")
    assert not _severe_violations(page)


def test_the_directory_pages_pass_axe(new_page: Any, live: Live) -> None:
    page = new_page()
    page.goto("/directory")
    assert page.locator("#q-type option", has_text="Assistance programme").count() == 1
    page.get_by_role("link", name="Legislative assistance against the financing of terrorism").click()
    page.wait_for_url(re.compile(r"/directory/programmes/\d+"))
    assert page.get_by_role("link", name="tpb@example.org").count() == 1
    shoot(page, "public-programme")
    problems = {"programme": _severe_violations(page)}
    page.goto("/directory")
    problems["directory"] = _severe_violations(page)
    page.goto("/directory/contacts?q=UNODC")
    assert page.get_by_text("Terrorism Prevention Branch").count() == 1
    problems["contacts"] = _severe_violations(page)
    assert not any(problems.values()), problems


def test_add_user_errors_sit_beside_their_fields(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.team)
    page.goto("/team/users")
    page.get_by_label("Username").fill("peru")
    page.get_by_label("Party").fill("XXX")
    page.get_by_label("Initial password").fill("long-enough-1")
    page.get_by_role("button", name="Add user").click()
    assert "Unknown state" in page.locator("#e-party").inner_text()
    assert page.get_by_label("Party").get_attribute("aria-invalid") == "true"
    assert not _severe_violations(page)


def test_the_changed_pages_do_not_scroll_sideways_at_390px(new_page: Any, live: Live) -> None:
    page = new_page(PHONE)
    sign_in(page, live.team)
    month = date.today().strftime("%Y-%m")
    _build(page, month)
    wide = {}
    for path in ["/team/goal", f"/team/editions/{month}", "/team/users", "/directory", "/directory/contacts"]:
        page.goto(path)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")  # the Figures tables too
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            wide[path] = overflow
    assert not wide, f"scrolls sideways at 390px: {wide}"
