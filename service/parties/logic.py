"""Providers are derived from parties: every organization is one, and a state becomes one when it
offers a programme."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service import models as m
from service.errors import InvalidInput


def ensure_provider(session: Session, party: str) -> m.Provider:
    """The provider for an organization id or a state's ISO3 code, created for a donor state on first use."""
    provider = session.get(m.Provider, party)
    if provider is not None:
        return provider
    state = session.get(m.State, party)
    if state is None:
        raise InvalidInput(
            f"unknown provider {party!r}: not an organization id or a state code", field="provider"
        )
    provider = m.Provider(id=party, kind="state", name=state.name, state_iso3=party)
    session.add(provider)
    session.flush()
    return provider
