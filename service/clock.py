"""The service's one clock: today and now, the real ones or, when a deployment (or a test) pins `today`
in the settings, that day combined with the real time of day in UTC, so every stamp falls on the pinned
day and instants taken one after another still keep their order.

How it reaches the code that stamps: it is made from the settings at the edge (`http.deps.ClockDep`, the
CLI's `common.scope()`) and travels on the database session, `session.info["clock"]`, set where the
session is opened (`get_session`, `db.session_scope`). Stamps are written by the unit of work, so the
session is the one thing every writer already holds: `stamp(session)` replaces the real clock at each call
site without threading a parameter through every logic function, and the columns the service stamps
(`models.base.stamped`) have no real-clock default any more; a before-flush hook fills any left empty
from the session's clock, and a session that carries none fails loudly instead of stamping 2026.

Security instants stay on the real clock on purpose: token issue times, token revocation
(`tokens_valid_after`), page-session expiry and login throttling are compared with real elapsed time
(a JWT's `iat`, a cookie's age), and pinning them would let a revoked token live on or lock users out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from service.settings import Settings


@dataclass(frozen=True)
class Clock:
    """`pinned`: the day every "today" and every stamp falls on; None for the real calendar."""

    pinned: date | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Clock:
        return cls(settings.today)

    def today(self) -> date:
        return self.pinned or datetime.now(UTC).date()

    def now(self) -> datetime:
        real = datetime.now(UTC)
        if self.pinned is None:
            return real
        return datetime.combine(self.pinned, real.time(), tzinfo=UTC)


class NoClock(RuntimeError):
    """A session that was opened without a clock tried to stamp something."""


def today(settings: Settings) -> date:
    return Clock.from_settings(settings).today()


def with_clock(session: Session, clock: Clock) -> Session:
    session.info["clock"] = clock
    return session


def clock_of(session: Session) -> Clock:
    clock = session.info.get("clock")
    if not isinstance(clock, Clock):
        raise NoClock("this session carries no clock: open it with session_scope or use with_clock()")
    return clock


def stamp(session: Session) -> datetime:
    """Now, by the clock the session carries: what every service-set instant is."""
    return clock_of(session).now()
