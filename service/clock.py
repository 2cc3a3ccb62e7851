"""The service's notion of today: the real date, or MATCHMAKER_TODAY when a deployment (or a test) pins it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.settings import get_settings


def today() -> date:
    return get_settings().today or datetime.now(UTC).date()
