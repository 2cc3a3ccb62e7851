"""Issue 13 in chromium: the review queue filtered by one field, decided with the keyboard only, and
undone from the message; the place kept after each decision; the docs without a CDN; the narrow tab strip
with its scroll hint; and axe on the pages added for the issue."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Live, shoot, sign_in
from tests.browser.test_pages_look import _severe_violations

pytestmark = pytest.mark.browser


def _queue(page: Any, live: Live) -> None:
    sign_in(page, live.team)
    page.goto("/team/queue")
    # The refresh runs as a job: its page shows the result, then back to the queue.
    page.get_by_role("button", name="Refresh matching").click()
    page.wait_for_selector("text=Matching refreshed")
    page.goto("/team/queue")


def test_filtering_the_queue_by_stage_alone_works_and_stays(new_page: Any, live: Live) -> None:
    page = new_page()
    _queue(page, live)
    page.get_by_label("Stage").select_option("A")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"stage=A"))
    assert page.get_by_role("heading", name="Review queue").is_visible()
    assert "Please check what you entered" not in page.content()
    page.get_by_role("link", name="Clear").click()
    page.wait_for_url(re.compile(r"/team/queue$"))


def test_keyboard_only_review_with_undo(new_page: Any, live: Live) -> None:
    page = new_page()
    _queue(page, live)
    page.goto("/team/queue?stage=A")
    cards = page.locator("article.suggestion")
    if cards.count() < 1:
        pytest.skip("no suggestion in the browser data set")
    first = cards.first.get_attribute("id")
    page.keyboard.press("j")  # the first j selects the first card, it does not skip it
    assert page.evaluate("document.activeElement.id") == first
    page.keyboard.press("r")
    page.keyboard.type("Provider has no capacity")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Rejected:")
    assert "stage=A" in page.url  # the filters survive the decision
    page.get_by_role("button", name="Undo").click()
    page.wait_for_selector("text=Returned to the queue")
    assert page.url.endswith(f"#{first}") and "stage=A" in page.url
    assert page.evaluate("document.activeElement.id") == first
    shoot(page, "team-queue-after-undo", full_page=False)


def test_the_docs_load_without_internet(new_page: Any, live: Live) -> None:
    page = new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live.url) else None)
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert not outside, outside


@pytest.mark.parametrize("who", ["team", "provider", "state"])
def test_the_tab_strip_at_390px_says_it_scrolls_and_shows_the_user(
    new_page: Any, live: Live, who: str
) -> None:
    page = new_page(PHONE)
    sign_in(page, getattr(live, who))
    assert page.locator(".session-who").is_visible()
    hidden_tabs = page.evaluate(
        "(() => { const u = document.querySelector('.main-nav ul'); return u.scrollWidth > u.clientWidth; })()"
    )
    has_hint = page.evaluate("document.querySelector('.main-nav').classList.contains('has-more')")
    assert has_hint == hidden_tabs
    for path in {
        "team": ["/team/queue", "/team/requests"],
        "provider": ["/provider/deliveries"],
        "state": ["/state/requests/new"],
    }[who]:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, path


def test_new_pages_pass_axe(new_page: Any, live: Live) -> None:
    page = new_page()
    sign_in(page, live.provider)
    page.goto("/provider/deliveries")
    shoot(page, "provider-deliveries")
    assert not _severe_violations(page)
    public = new_page()
    public.goto("/access")
    assert not _severe_violations(public)
