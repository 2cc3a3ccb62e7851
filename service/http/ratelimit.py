"""Rate limits kept in the database, so every worker process sees the same counts: a sliding window of
counted events per key (a failed sign-in per username and per client, an access application per client),
the client's address (the socket peer, or X-Forwarded-For only from a configured proxy), and Retry-After."""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from service import models as m
from service.errors import TooManyRequests
from service.models.base import utcnow
from service.settings import Settings

# Counted events older than this are deleted: longer than any window below.
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    key: str
    count: int
    window: timedelta


def check(session: Session, limits: list[Limit], message: str, *, now: datetime | None = None) -> None:
    """TooManyRequests (with the seconds until a slot frees) when any of the limits is reached."""
    now = now or utcnow()
    for limit in limits:
        counted, oldest = session.execute(
            select(func.count(), func.min(m.RateEvent.at)).where(
                m.RateEvent.key == limit.key, m.RateEvent.at > now - limit.window
            )
        ).one()
        if counted >= limit.count:
            free_at = (oldest or now) + limit.window
            raise TooManyRequests(message, retry_after=max(1, math.ceil((free_at - now).total_seconds())))


def count(session: Session, limits: list[Limit], *, now: datetime | None = None) -> None:
    """Count one event under each limit's key, and forget events past every window."""
    now = now or utcnow()
    session.add_all(m.RateEvent(key=limit.key, at=now) for limit in limits)
    session.execute(delete(m.RateEvent).where(m.RateEvent.at < now - KEEP))
    session.flush()


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request: Request, settings: Settings) -> str:
    """Who is asking: the socket peer, unless the peer is a trusted proxy (MATCHMAKER_TRUSTED_PROXIES),
    then the nearest address in X-Forwarded-For that is not a trusted proxy. With no trusted proxies (the
    default) the header is ignored, so a client cannot choose its own address."""
    peer = request.client.host if request.client else "unknown"
    networks = settings.trusted_proxy_networks

    def trusted(value: str) -> bool:
        address = _address(value)
        return address is not None and any(address in net for net in networks)

    if not networks or not trusted(peer):
        return peer
    hops = [hop.strip() for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    for hop in reversed(hops):
        if not trusted(hop):
            return hop if _address(hop) is not None else peer
    return peer


def login_limits(settings: Settings, client: str, username: str) -> list[Limit]:
    minute = timedelta(minutes=1)
    return [
        Limit(f"login-user:{username.strip().lower()[:150]}", settings.login_attempts_per_minute, minute),
        Limit(f"login-client:{client}", settings.login_attempts_per_client_per_minute, minute),
    ]


def application_limits(settings: Settings, client: str) -> list[Limit]:
    return [Limit(f"apply-client:{client}", settings.access_applications_per_hour, timedelta(hours=1))]
