"""The ORM: every table of the service, importable from one place (Alembic reads Base.metadata here)."""

from service.models.accounts import AccessRequest, PageSession, RateEvent, SignInLink, User
from service.models.assistance import Event, Match, Programme, ProgrammeArea, Request, RequestArea
from service.models.base import Base
from service.models.editions import Circulation, Edition
from service.models.jobs import Job
from service.models.matching import MatchingState
from service.models.reference import (
    Area,
    Contact,
    DirectoryEntry,
    Organization,
    OrganizationMembership,
    Provider,
    Report,
    State,
    StateMembership,
)

__all__ = [
    "AccessRequest",
    "Area",
    "Base",
    "Circulation",
    "Contact",
    "DirectoryEntry",
    "Edition",
    "Event",
    "Job",
    "Match",
    "MatchingState",
    "Organization",
    "OrganizationMembership",
    "PageSession",
    "Programme",
    "ProgrammeArea",
    "Provider",
    "RateEvent",
    "Report",
    "Request",
    "RequestArea",
    "SignInLink",
    "State",
    "StateMembership",
    "User",
]
