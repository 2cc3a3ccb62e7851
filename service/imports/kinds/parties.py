"""Importing what parties keep up to date: points of contact (one per party and e-mail address) and the
states' paragraph-6 reports (one per state and round)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from service import models as m
from service.imports.cells import choice, day, email, integer, plain_text, yes_no
from service.imports.columns import Column, Row
from service.imports.engine import Context, Key, Kind, Planned
from service.imports.names import languages
from service.vocab import ReviewStatus, values


def _require(plan: Planned, wanted: dict[str, str], kind: str) -> None:
    for name, column in wanted.items():
        if name not in plan.fields and plan.row.blank(column):
            plan.row.fail(column, f"is required for a new {kind}")


class ContactKind(Kind):
    name = "contacts"
    entity = "contact"
    columns = (
        Column("party", "Party", "The state or organization the contact speaks for: name, code or acronym",
               "Kenya", required=True, aliases=("state", "organization", "state or organization")),
        Column("email", "Email", "The contact's e-mail address (with the party, it identifies the contact)",
               "ctc.focal.point@example.org", required=True, aliases=("e-mail", "email address")),
        Column("name", "Name", "Full name", "Amina Odhiambo", required=True),
        Column("role", "Role", "Position or function", "Counter-terrorism focal point"),
        Column("phone", "Phone", "Telephone with the country code", "+254 20 123 4567",
               aliases=("telephone",)),
        Column("languages", "Languages", "Languages the contact works in, separated by commas", "en, fr"),
        Column("last_verified", "Last verified", "When the entry was last confirmed, YYYY-MM-DD",
               "2003-04-15"),
        Column("published", "Published", "yes to list the contact in the published directory, no to keep "
               "it internal (blank: yes)", "yes"),
    )  # fmt: skip

    def parse(self, ctx: Context, row: Row) -> dict[str, Any]:
        found: dict[str, Any] = {
            "party": row.need("party", ctx.names.party),
            "email": row.need("email", email),
            "name": row.get("name", lambda t: plain_text(t, min_length=2, max_length=200)),
            "role": row.get("role", lambda t: plain_text(t, max_length=200)),
            "phone": row.get("phone", lambda t: plain_text(t, max_length=60)),
            "languages": row.get("languages", languages),
            "last_verified": row.get("last_verified", day),
            "published": row.get("published", yes_no),
        }
        return {k: v for k, v in found.items() if v is not None}

    def key(self, fields: dict[str, Any]) -> Key | None:
        if "party" not in fields or "email" not in fields:
            return None
        return (fields["party"], fields["email"].casefold())

    def reference(self, fields: dict[str, Any]) -> str:
        return f"{fields['party']} {fields['email']}"

    def existing(self, ctx: Context, keys: Sequence[Key]) -> dict[Key, Any]:
        wanted = set(keys)
        return {
            key: contact
            for contact in ctx.session.scalars(select(m.Contact))
            if (key := (contact.party, contact.email.casefold())) in wanted
        }

    def current(self, obj: Any, name: str) -> Any:
        return obj.party if name == "party" else getattr(obj, name)

    def complete(self, ctx: Context, plan: Planned) -> None:
        _require(plan, {"name": "name"}, "contact")
        plan.fields.setdefault("published", True)

    def check(self, ctx: Context, plan: Planned) -> None:
        # The address identifies the contact; a change of capitals only is not worth an update.
        plan.changes.pop("email", None)

    def build(self, ctx: Context, plan: Planned) -> Any:
        fields = dict(plan.fields)
        party = fields.pop("party")
        is_state = ctx.names.is_state(party)
        return m.Contact(
            **fields, state_iso3=party if is_state else None, organization_id=None if is_state else party
        )

    def snapshot(self, obj: Any) -> dict[str, Any]:
        return {"party": obj.party, "name": obj.name, "email": obj.email, "published": obj.published}


class ReportKind(Kind):
    name = "reports"
    entity = "report"
    columns = (
        Column("state", "State", "The reporting state: its name or ISO code", "Kenya", required=True,
               aliases=("country",)),
        Column("round", "Round", "1 for the first report under paragraph 6, 2 for the second, ...", "1",
               required=True, aliases=("report number", "report round")),
        Column("due", "Due", "When the report is due, YYYY-MM-DD (required for a new report)", "2003-03-31",
               aliases=("due date",)),
        Column("received", "Received", "When the CTC received it, YYYY-MM-DD (blank: not yet)", "2003-04-02"),
        Column("review_status", "Review status", "pending, under review or reviewed (blank: pending)",
               "under review", aliases=("status",)),
        Column("reference", "Document symbol", "The report's UN document symbol", "S/2003/123",
               aliases=("symbol", "document")),
    )  # fmt: skip

    def parse(self, ctx: Context, row: Row) -> dict[str, Any]:
        found: dict[str, Any] = {
            "state_iso3": row.need("state", ctx.names.state),
            "round": row.need("round", lambda t: integer(t, minimum=1)),
            "due": row.get("due", day),
            "received": row.get("received", day),
            "review_status": row.get("review_status", lambda t: choice(t, values(ReviewStatus))),
            "reference": row.get("reference", lambda t: plain_text(t, max_length=60)),
        }
        return {k: v for k, v in found.items() if v is not None}

    def key(self, fields: dict[str, Any]) -> Key | None:
        if "state_iso3" not in fields or "round" not in fields:
            return None
        return (fields["state_iso3"], fields["round"])

    def reference(self, fields: dict[str, Any]) -> str:
        return f"{fields['state_iso3']} report {fields['round']}"

    def existing(self, ctx: Context, keys: Sequence[Key]) -> dict[Key, Any]:
        wanted = set(keys)
        states = sorted({str(k[0]) for k in keys})
        query = select(m.Report).where(m.Report.state_iso3.in_(states))
        return {k: r for r in ctx.session.scalars(query) if (k := (r.state_iso3, r.round)) in wanted}

    def complete(self, ctx: Context, plan: Planned) -> None:
        _require(plan, {"due": "due"}, "report")

    def build(self, ctx: Context, plan: Planned) -> Any:
        return m.Report(**plan.fields)

    def snapshot(self, obj: Any) -> dict[str, Any]:
        return {
            "round": obj.round,
            "received": obj.received.isoformat() if obj.received else None,
            "review_status": obj.review_status,
        }
