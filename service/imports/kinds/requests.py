"""Importing states' requests: one row per need, identified by its Reference. New rows without areas get
the tagger's (marked suggested); the file's priorities become the state's ranks; rows that read like a
request already on file are flagged for triage, never merged."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from sqlalchemy import select

from service import models as m
from service.audit.logic import record
from service.clock import stamp
from service.core import DEFAULT_THRESHOLD, DuplicateText, detect_language
from service.imports.cells import choice, identifier, integer, plain_text, title_text
from service.imports.columns import Column, Row
from service.imports.engine import ByReference, Context, Planned
from service.imports.lookalikes import block_scores
from service.imports.names import language
from service.imports.report import Duplicate
from service.requests.lifecycle import snapshot
from service.requests.priorities import Ranked, plan_ranks
from service.vocab import ACTIVE_REQUEST_STATUSES, EDITABLE_REQUEST_STATUSES, Stage, values

# How many areas the tagger may propose for one request, and how many look-alikes a row lists.
SUGGESTED_AREAS = 3
DUPLICATES_SHOWN = 3


class RequestKind(ByReference):
    model = m.Request
    name = "requests"
    entity = "request"
    columns = (
        Column("ref", "Reference", "Your stable reference for this request; importing a row with the same "
               "reference again updates that request", "KEN-2003-014", required=True,
               aliases=("ref", "request reference", "external reference")),
        Column("state", "State", "The state asking for assistance: its name or ISO code", "Kenya",
               required=True, aliases=("country", "state code", "requesting state")),
        Column("title", "Title", "The need in one line (3 to 300 characters)",
               "Drafting a law against the financing of terrorism", required=True),
        Column("description", "Description", "The need in full, in the state's words",
               "Help to draft legislation that criminalises terrorist financing and freezes assets."),
        Column("language", "Language", "Language of the text: en, fr, es, ru, ar, zh; blank: detected",
               "en"),
        Column("areas", "Areas", "Area ids separated by commas; blank lets the tagger suggest them",
               "financing, legislation", aliases=("area", "area ids")),
        Column("stage", "Stage", "A (legislation and financing first), B or C; blank means A", "A"),
        Column("priority", "Priority", "The state's rank for this request, 1 = most important; blank "
               "keeps it after the ranked ones", "1", aliases=("rank", "priority rank")),
        Column("source_report", "Source report", "The state's report the need comes from", "S/2002/1234",
               aliases=("report",)),
    )  # fmt: skip

    def __init__(self) -> None:
        self.pins: dict[int, int] = {}
        self.shifted: list[tuple[m.Request, int | None, int]] = []

    def parse(self, ctx: Context, row: Row) -> dict[str, Any]:
        found: dict[str, Any] = {
            "ref": row.need("ref", lambda t: identifier(t, max_length=40)),
            "state_iso3": row.need("state", ctx.names.state),
            "title": row.get("title", title_text),
            "description": row.get("description", lambda t: plain_text(t, max_length=20_000)),
            "language": row.get("language", language),
            "area_links": row.get("areas", lambda t: tuple((a, False) for a in ctx.names.area_ids(t))),
            "stage": row.get("stage", _stage),
            "source_report": row.get("source_report", lambda t: plain_text(t, max_length=60)),
        }
        priority = row.get("priority", lambda t: integer(t, minimum=1))
        if priority is not None:
            self.pins[row.number] = priority
        return {k: v for k, v in found.items() if v is not None}

    def current(self, obj: Any, name: str) -> Any:
        if name == "area_links":
            return tuple(sorted((link.area_id, link.suggested) for link in obj.area_links))
        return getattr(obj, name)

    def complete(self, ctx: Context, plan: Planned) -> None:
        fields, row = plan.fields, plan.row
        if "title" not in fields:
            if row.blank("title"):
                row.fail("title", "is required for a new request")
            return
        text = f"{fields['title']}\n{fields.get('description', '')}"
        fields.setdefault("description", "")
        fields.setdefault("stage", "A")
        if "language" not in fields:
            guess = detect_language(text)
            if guess == "und":
                row.fail("language", "is blank and the text's language cannot be told; write a code (en)")
            fields["language"] = guess
        if "area_links" not in fields:
            guesses = ctx.catalogue.tag(text, fields["language"])[:SUGGESTED_AREAS]
            fields["area_links"] = tuple(sorted((g.area, True) for g in guesses))
            found = ", ".join(g.area for g in guesses)
            plan.notes.append(f"areas suggested by the tagger: {found}" if found else "no area recognised")

    def check(self, ctx: Context, plan: Planned) -> None:
        request: m.Request = plan.existing  # check() is only called for stored rows
        if "state_iso3" in plan.changes:
            plan.changes.pop("state_iso3")
            plan.row.fail("state", f"this reference is {request.state_iso3}'s request; it cannot move to "
                          "another state")  # fmt: skip
        if plan.changes and request.status not in EDITABLE_REQUEST_STATUSES:
            plan.row.fail(None, f"the request is {request.status} and can no longer be edited "
                          f"(changed: {', '.join(plan.changes)})")  # fmt: skip

    def finish(self, ctx: Context, plans: list[Planned]) -> None:
        self._rank(ctx, plans)
        self._flag_duplicates(ctx, [p for p in plans if p.existing is None])

    def _rank(self, ctx: Context, plans: list[Planned]) -> None:
        by_state: dict[str, list[Planned]] = defaultdict(list)
        for plan in plans:
            by_state[plan.fields["state_iso3"]].append(plan)
        stored = ctx.session.scalars(
            select(m.Request).where(
                m.Request.state_iso3.in_(list(by_state)), m.Request.status.in_(ACTIVE_REQUEST_STATUSES)
            )
        )
        active: dict[str, list[m.Request]] = defaultdict(list)
        for request in stored:
            active[request.state_iso3].append(request)
        for state, state_plans in by_state.items():
            self._rank_state(state, state_plans, active[state])

    def _rank_state(self, state: str, plans: list[Planned], stored: list[m.Request]) -> None:
        def ident(plan: Planned) -> tuple[str, int]:
            return ("stored", plan.existing.id) if plan.existing is not None else ("new", plan.row.number)

        pinned: dict[tuple[str, int], int] = {}
        pinned_by: dict[int, int] = {}
        for plan in plans:
            pin = self.pins.get(plan.row.number)
            if pin is None:
                continue
            if plan.existing is not None and plan.existing.status not in ACTIVE_REQUEST_STATUSES:
                plan.notes.append(f"priority ignored: the request is {plan.existing.status}")
            elif pin in pinned_by:
                plan.row.fail("priority", f"{state} already gives priority {pin} to row {pinned_by[pin]}")
            else:
                pinned_by[pin] = plan.row.number
                pinned[ident(plan)] = pin
        new = [p for p in plans if p.existing is None]
        items = [
            Ranked(("stored", r.id), r.priority, pinned.get(("stored", r.id)), (0, r.id)) for r in stored
        ]
        items += [Ranked(ident(p), None, pinned.get(ident(p)), (1, p.row.number)) for p in new]
        ranks = plan_ranks(items)
        for plan in new:
            plan.fields["priority"] = ranks[ident(plan)]
        in_file = {p.existing.id: p for p in plans if p.existing is not None}
        for request in stored:
            rank = ranks[("stored", request.id)]
            if rank == request.priority:
                continue
            if request.id in in_file:
                in_file[request.id].changes["priority"] = (request.priority, rank)
            else:
                self.shifted.append((request, request.priority, rank))

    def _flag_duplicates(self, ctx: Context, new: list[Planned]) -> None:
        """Compare each new row with the requests already stored for its state. (Rows of the same file are
        not compared with each other: once stored, triage's duplicate check sees them; and comparing
        20,000 rows among themselves would cost more than the rest of the import.)"""
        by_state: dict[str, list[Planned]] = defaultdict(list)
        for plan in new:
            if "title" in plan.fields:
                by_state[plan.fields["state_iso3"]].append(plan)
        stored: dict[str, list[tuple[str, str, DuplicateText]]] = defaultdict(list)
        query = select(
            m.Request.state_iso3, m.Request.ref, m.Request.title, m.Request.description, m.Request.language
        )
        for state, ref, title, description, lang in ctx.session.execute(
            query.where(m.Request.state_iso3.in_(list(by_state)))
        ):
            stored[state].append((ref, title, DuplicateText(title, description, lang)))
        states = [state for state in by_state if stored[state]]
        blocks = [
            (
                [
                    DuplicateText(p.fields["title"], p.fields.get("description", ""), p.fields["language"])
                    for p in by_state[state]
                ],
                [text for _, _, text in stored[state]],
            )
            for state in states
        ]
        for state, scores in zip(states, block_scores(blocks), strict=True):
            others = stored[state]
            for plan, row in zip(by_state[state], scores, strict=True):
                close = [
                    Duplicate(others[j][0], others[j][1], round(float(row[j]), 3))
                    for j in np.flatnonzero(row >= DEFAULT_THRESHOLD)
                ]
                close.sort(key=lambda d: (-d.similarity, d.reference))
                plan.duplicates = close[:DUPLICATES_SHOWN]

    def before_write(self, ctx: Context, plans: list[Planned]) -> None:
        # The (state, priority) key is unique and checked row by row: park every moving rank first.
        moving = [p.existing for p in plans if "priority" in p.changes and p.existing is not None]
        moving += [r for r, _, _ in self.shifted]
        for request in moving:
            request.priority = None
        ctx.session.flush()
        for request, _, rank in self.shifted:
            request.priority = rank

    def build(self, ctx: Context, plan: Planned) -> Any:
        fields = dict(plan.fields)
        links = fields.pop("area_links")
        request = m.Request(**fields, status="submitted")
        request.area_links = [m.RequestArea(area_id=a, suggested=s) for a, s in links]
        return request

    def assign(self, ctx: Context, obj: Any, name: str, value: Any) -> None:
        if name == "area_links":
            obj.area_links = [m.RequestArea(area_id=a, suggested=s) for a, s in value]
            obj.updated_at = stamp(ctx.session)  # dirties the row: an areas-only change bumps the version too
        else:
            setattr(obj, name, value)

    def after_write(self, ctx: Context, plans: list[Planned]) -> None:
        for request, before, after in self.shifted:
            record(ctx.session, ctx.actor, "request.priority", "request", request.id,
                   before={"priority": before}, after={"priority": after},
                   note=f"rank moved by the priorities in {ctx.file}")  # fmt: skip

    def snapshot(self, obj: Any) -> dict[str, Any]:
        return snapshot(obj)


def _stage(text: str) -> str:
    return choice(text.upper(), values(Stage))
