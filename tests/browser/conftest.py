"""Browser test fixtures: the app served by uvicorn on a free 127.0.0.1 port over a temporary SQLite
database (real migrations, reference data, a small multilingual data set), and Debian's chromium driven
by Playwright. Without /usr/bin/chromium the tests are skipped, unless MATCHMAKER_TEST_REQUIRE_BROWSER=1
(CI), which makes that a failure."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service.settings import Settings
from tests.conftest import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE = os.environ.get("MATCHMAKER_TEST_REQUIRE_BROWSER") == "1"
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


MISSING = (
    f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser tests"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the browser tests, saying why, when chromium is absent (CI sets REQUIRE: they fail instead)."""
    if CHROMIUM.exists() or REQUIRE:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=MISSING))


@dataclass(frozen=True)
class Live:
    """The served app: its address and the accounts of the data set (password: PASSWORD)."""

    url: str
    team: str
    state: str
    provider: str
    reader: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    import uvicorn

    from service.app import create_app
    from service.db import session_scope
    from service.migrate import upgrade
    from service.seeding.reference import load_reference
    from tests.browser.data import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'pages.db'}"
    upgrade(url)
    with session_scope(url) as session:
        load_reference(session, REPO_ROOT / "data")
        accounts = seed(session)
    app = create_app(
        Settings(
            database_url=url,
            secret_key="browser-test-secret-of-thirty-two-bytes",
            environment="test",
            jobs_eager=True,  # the refresh button's job runs in its request: no worker to start
        )
    )
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", **accounts)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"MATCHMAKER_TEST_REQUIRE_BROWSER=1 but {MISSING}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any, live: Live) -> Iterator[Any]:
    """Open a fresh browser context (its own cookies) at a viewport: new_page(viewport=DESKTOP)."""
    contexts = []

    def open_page(viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(viewport=viewport, base_url=live.url, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Any, username: str) -> None:
    from tests.service.conftest import PASSWORD

    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def shoot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as a test artefact (artifacts/screenshots/NAME.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
