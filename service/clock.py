"""The service's notion of today: the real date, or the settings' `today` when a deployment (or a test)
pins it. Read at the edges (a request, a command) and passed to logic as an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.settings import Settings


def today(settings: Settings) -> date:
    return settings.today or datetime.now(UTC).date()
