"""API fixtures: a TestClient whose requests share the test's rolled-back session (each request in a
savepoint of its own, rolled back when the request fails), typed factories, and users of each role with
their bearer headers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import count
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service import models as m
from service.accounts.logic import create_user
from service.accounts.passwords import hash_password
from service.clock import with_clock
from service.http.deps import ClockDep
from service.http.tokens import issue_token
from service.parties.logic import ensure_provider
from service.settings import Settings

PASSWORD = "correct-horse-battery"
TEST_SECRET = "test-secret-at-least-32-bytes-long-for-hs256"
_seq = count(1)


@pytest.fixture
def settings(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The app's settings; a test pins its day by setting `today` on them (see june_2003). Its outbox is
    a fresh folder, never the checkout. Jobs run at once in the request's transaction, so the suite needs
    no worker (one test starts one)."""
    outbox = tmp_path_factory.mktemp("outbox")
    return Settings(
        database_url=db_url, secret_key=TEST_SECRET, environment="test", outbox_dir=outbox, jobs_eager=True
    )


@pytest.fixture
def app(session: Session, settings: Settings):  # type: ignore[no-untyped-def]
    from service.app import create_app
    from service.http.deps import get_session

    application = create_app(settings)

    def _session(clock: ClockDep) -> Iterator[Session]:
        # As production's get_session commits or rolls back, each request gets a savepoint that is
        # released when it succeeds and rolled back when it fails, so a failed request leaves nothing.
        # And as it does, the session carries the clock of the app's settings (a pinned day included).
        with_clock(session, clock)
        savepoint = session.begin_nested()
        try:
            yield session
            session.flush()
        except BaseException:
            if savepoint.is_active:
                savepoint.rollback()
            raise
        if savepoint.is_active:
            savepoint.commit()

    application.dependency_overrides[get_session] = _session
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@cache
def _password_hash() -> str:
    # argon2 is slow on purpose; hashing once keeps hundreds of test users cheap.
    return hash_password(PASSWORD)


def make_user(
    session: Session,
    *,
    role: str = "ta",
    party: str | None = None,
    username: str | None = None,
    expires_at: datetime | None = None,
) -> m.User:
    """A user of the role; a reader's access ends a year after the real today unless `expires_at` says."""
    if role == "reader" and expires_at is None:
        expires_at = datetime.now(UTC) + timedelta(days=365)
    with patch("service.accounts.logic.hash_password", lambda _: _password_hash()):
        return create_user(
            session,
            username=username or f"{role}-{next(_seq)}",
            password=PASSWORD,
            role=role,
            party=party,
            expires_at=expires_at,
            actor=None,
        )


def auth(user: m.User) -> dict[str, str]:
    """A bearer header for the user, issued as sign-in would (sign-in itself is tested on its own)."""
    token, _ = issue_token(user.id, TEST_SECRET, 60)
    return {"Authorization": f"Bearer {token}"}


def make_programme(
    session: Session,
    *,
    provider: str = "UNODC",
    title: str = "Legislative drafting assistance on terrorist financing",
    description: str = "Advice on drafting laws criminalising the financing of terrorism and freezing assets.",
    areas: tuple[str, ...] = ("financing", "legislation"),
    scope_kind: str = "global",
    scope_values: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("en", "fr"),
    modality: str | None = "legislative_advice",
    capacity: int | None = 10,
) -> m.Programme:
    programme = m.Programme(
        ref=f"T-P{next(_seq)}",
        provider_id=ensure_provider(session, provider).id,
        title=title,
        description=description,
        language="en",
        scope_kind=scope_kind,
        scope_values=list(scope_values),
        modality=modality,
        languages=list(languages),
        capacity_per_quarter=capacity,
    )
    programme.area_links = [m.ProgrammeArea(area_id=a) for a in areas]
    session.add(programme)
    session.flush()
    return programme


def make_request(
    session: Session,
    *,
    state: str = "KEN",
    title: str = "Drafting a law against the financing of terrorism",
    description: str = "We need help drafting legislation to criminalise terrorist financing and freeze assets.",
    language: str = "en",
    areas: tuple[str, ...] = ("financing",),
    stage: str = "A",
    priority: int | None = None,
    status: str = "open",
) -> m.Request:
    from sqlalchemy import func, select

    if priority is None and status in ("submitted", "open", "matched", "in_delivery"):
        highest = session.scalar(select(func.max(m.Request.priority)).where(m.Request.state_iso3 == state))
        priority = (highest or 0) + 1
    request = m.Request(
        ref=f"T-R{next(_seq)}",
        state_iso3=state,
        title=title,
        description=description,
        language=language,
        stage=stage,
        priority=priority,
        status=status,
        triage_outcome="reasonable" if status not in ("submitted",) else None,
    )
    request.area_links = [m.RequestArea(area_id=a) for a in areas]
    session.add(request)
    session.flush()
    return request
