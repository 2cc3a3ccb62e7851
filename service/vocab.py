"""The closed vocabularies of the service (DESIGN.md §2): statuses, roles, kinds. One list each, used by
the ORM's check constraints, the pydantic schemas and the pages alike."""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal["A", "B", "C"]
# A reader sees the circulated editions only, until its account expires (source ¶28: access on application).
Role = Literal["ta", "provider", "state", "reader"]
OrganizationKind = Literal["international", "regional", "subregional", "specialised_agency", "donor_agency"]
ScopeKind = Literal["global", "members_of", "states", "regions"]
ProviderKind = Literal["state", "organization"]
RequestStatus = Literal[
    "submitted",
    "open",
    "matched",
    "in_delivery",
    "met",
    "withdrawn",
    "closed_unmet",
    "not_reasonable",
    "duplicate",
]
TriageOutcome = Literal["reasonable", "not_reasonable", "duplicate"]
# The match lifecycle: suggested (by the system) → accepted or rejected (by the team) → offered or
# declined (by the provider; an offer may also come unsolicited, on a suggestion) → consented or
# refused_by_state (by the state whose request it is) → delivering → delivered. `retired`: the matcher no
# longer suggests it.
MatchStatus = Literal[
    "suggested",
    "accepted",
    "rejected",
    "retired",
    "offered",
    "declined",
    "consented",
    "refused_by_state",
    "delivering",
    "delivered",
]
DeliveryOutcome = Literal["complete", "partial", "not_delivered"]
ReviewStatus = Literal["pending", "under_review", "reviewed"]
DirectoryKind = Literal["programme", "model_law", "best_practice", "standard", "regional_action_plan"]
AccessStatus = Literal["pending", "approved", "refused"]
# Who receives an edition: a state, or an international, regional or subregional organization.
RecipientKind = Literal["state", "organization"]
# What became of one recipient's copy: sent through SMTP, written to the outbox folder, or failed.
DeliveryStatus = Literal["sent", "outbox", "failed"]
# A background job: waiting in the queue, being worked on, finished with a result, or failed with an error.
JobState = Literal["queued", "running", "done", "failed"]

# A request keeps a priority rank while the state still waits on it.
ACTIVE_REQUEST_STATUSES: tuple[str, ...] = ("submitted", "open", "matched", "in_delivery")
# Reasonable requests still seeking (or being served by) a provider: what matching scores and the goal counts.
SEEKING_REQUEST_STATUSES: tuple[str, ...] = ("open", "matched", "in_delivery")
# Before a provider is involved the state may still edit its request and the team may triage it (again).
EDITABLE_REQUEST_STATUSES: tuple[str, ...] = ("submitted", "open")
CLOSED_REQUEST_STATUSES: tuple[str, ...] = ("met", "withdrawn", "closed_unmet", "not_reasonable", "duplicate")

# The request date column each status transition stamps.
TRANSITION_STAMP: dict[str, str] = {
    "open": "triaged_at",
    "not_reasonable": "triaged_at",
    "duplicate": "triaged_at",
    "matched": "matched_at",
    "in_delivery": "delivery_started_at",
    "met": "met_at",
    "withdrawn": "closed_at",
    "closed_unmet": "closed_at",
}
# Matches the provider offered and the state consented to: only these make a request "matched" (its status,
# the goal's figures, the editions), so nothing counts as help before the state has said yes.
COMMITTED_MATCH_STATUSES: tuple[str, ...] = ("consented", "delivering", "delivered")
# Matches a provider has put its name to: its offer awaits the state's consent, or has it.
OFFERED_MATCH_STATUSES: tuple[str, ...] = ("offered", *COMMITTED_MATCH_STATUSES)
# Matches that still stand for a request: neither retired by the matcher nor refused by anyone.
LIVE_MATCH_STATUSES: tuple[str, ...] = ("suggested", "accepted", *OFFERED_MATCH_STATUSES)
# How far along the lifecycle a live match is, furthest first: a request's line in an edition is led by
# its furthest match (delivered or agreed, then an offer, then the team's recommendation, then a mere
# suggestion), never by a higher-scoring suggestion.
LIFECYCLE_ORDER: tuple[str, ...] = (
    "delivered", "delivering", "consented", "offered", "accepted", "suggested"
)
# Matches a state sees on its own request: offers (once the team has reviewed them) and what came of them;
# never a suggestion, nor the team's or the providers' refusals.
STATE_MATCH_STATUSES: tuple[str, ...] = ("offered", "refused_by_state", *COMMITTED_MATCH_STATUSES)
# Jobs still to finish: their key is held, so the same work is not queued twice.
UNFINISHED_JOB_STATES: tuple[str, ...] = ("queued", "running")

LABELS: dict[str, str] = {
    "submitted": "Submitted, awaiting triage",
    "open": "Open (reasonable, awaiting a provider)",
    "matched": "Matched with a provider",
    "in_delivery": "Assistance being delivered",
    "met": "Met",
    "withdrawn": "Withdrawn by the state",
    "closed_unmet": "Closed, unmet",
    "not_reasonable": "Not considered reasonable",
    "duplicate": "Duplicate of another request",
    "suggested": "Suggested",
    "accepted": "Accepted by the team",
    "rejected": "Rejected by the team",
    "retired": "No longer qualifies",
    "offered": "Offered by the provider, awaiting the state's consent",
    "declined": "Declined by the provider",
    "consented": "Agreed by the state",
    "refused_by_state": "Declined by the state",
    "delivering": "Delivering",
    "delivered": "Delivered",
    "organization": "Organization",
    "sent": "Sent by e-mail",
    "outbox": "In the outbox",
    "failed": "Failed",
}

# What each line of an edition is (the matrix, the packages, the e-mails), in the words its readers use:
# keyed by the match status of the line's leading programme, and NO_PROVIDER for a reasonable request no
# programme serves yet. A new match status (the state's consent) is one more line here.
NO_PROVIDER = "none"
LINE_STATUS: dict[str, str] = {
    "suggested": "Suggested by the system",
    "accepted": "Recommended by the team",
    "offered": "Offered by the provider",
    "consented": "Agreed by the state",
    "delivering": "Being delivered",
    "delivered": "Delivered",
    NO_PROVIDER: "No provider yet — further means needed",
}
# The matcher's score as readers outside the team see it: a rounded band, never the number. The lower
# bounds were read off the demo's accepted and rejected suggestions (accepted ones mostly above 0.45).
FIT_BANDS: tuple[tuple[float, str], ...] = ((0.45, "strong"), (0.25, "good"), (0.0, "partial"))


def fit_band(score: float) -> str:
    return next(band for floor, band in FIT_BANDS if score >= floor)


def values(literal: object) -> tuple[str, ...]:
    return tuple(get_args(literal))


def check_in(column: str, literal: object) -> str:
    """SQL for a CHECK constraint that keeps a column inside a vocabulary."""
    quoted = ", ".join(f"'{v}'" for v in values(literal))
    return f"{column} IN ({quoted})"


# Short names of the areas for tables, chips and charts; the full title (from the taxonomy) is the
# chip's tooltip.
AREA_SHORT = {
    "legislation": "Legislative drafting",
    "financing": "Counter-financing",
    "customs": "Customs",
    "immigration": "Immigration and borders",
    "extradition": "Extradition and MLA",
    "law-enforcement": "Law enforcement",
    "arms": "Arms trafficking",
    "aviation": "Aviation security",
    "maritime": "Maritime security",
    "cbrn": "CBRN materials",
    "other": "Other",
}
