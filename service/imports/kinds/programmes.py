"""Importing providers' programmes: one row per offer, identified by its Reference. The provider and the
scope are written in words ("members of: AU, IGAD") and resolved to ids."""

from __future__ import annotations

import re
from typing import Any

from service import models as m
from service.clock import stamp
from service.imports.cells import CellError, day, identifier, integer, items, plain_text, title_text
from service.imports.columns import Column, Row
from service.imports.engine import ByReference, Context, Planned
from service.imports.names import language, languages
from service.parties.logic import ensure_provider
from service.programmes.logic import snapshot

SCOPE_WORDS = {
    "global": "global", "worldwide": "global", "all": "global", "all states": "global",
    "members of": "members_of", "members": "members_of", "members_of": "members_of",
    "states": "states", "countries": "states", "state": "states",
    "regions": "regions", "region": "regions",
}  # fmt: skip


class ProgrammeKind(ByReference):
    model = m.Programme
    name = "programmes"
    entity = "programme"
    columns = (
        Column("ref", "Reference", "Your stable reference for this programme; importing the same reference "
               "again updates it", "UNODC-TPB-01", required=True,
               aliases=("ref", "programme reference", "iati-identifier")),
        Column("provider", "Provider", "Who offers it: an organization's acronym or name, or a donor state",
               "UNODC", required=True, aliases=("organization", "donor", "reporting-org")),
        Column("title", "Title", "The offer in one line (3 to 300 characters)",
               "Legislative drafting assistance on terrorist financing", required=True),
        Column("description", "Description", "What the programme delivers, to whom and how",
               "Advice on drafting laws criminalising the financing of terrorism."),
        Column("language", "Language", "Language of the text (en, fr, es, ru, ar, zh)", "en"),
        Column("languages", "Languages", "Languages it can be delivered in, separated by commas", "en, fr"),
        Column("areas", "Areas", "Area ids separated by commas; blank lets the tagger suggest them",
               "financing, legislation", aliases=("area", "sector")),
        Column("modality", "Modality", "How it is delivered: training, workshop, advisory, mentoring, "
               "equipment, assessment, or your own word", "training"),
        Column("scope", "Scope", "Who may receive it: global; members of: AU, IGAD; states: Kenya, Uganda; "
               "regions: Eastern Africa (blank: global)", "members of: AU",
               aliases=("eligibility", "recipient-country / recipient-region")),
        Column("capacity_per_quarter", "Capacity per quarter", "How many requests it can take up each "
               "quarter (blank: not stated)", "10", aliases=("capacity",)),
        Column("active_from", "Active from", "First day it runs, YYYY-MM-DD", "2003-04-01",
               aliases=("activity-date start",)),
        Column("active_to", "Active to", "Last day it runs, YYYY-MM-DD", "2004-06-30",
               aliases=("activity-date end",)),
    )  # fmt: skip

    def parse(self, ctx: Context, row: Row) -> dict[str, Any]:
        scope = row.get("scope", lambda t: _scope(ctx, t))
        found: dict[str, Any] = {
            "ref": row.need("ref", lambda t: identifier(t, max_length=40)),
            "provider_id": row.need("provider", ctx.names.party),
            "title": row.get("title", title_text),
            "description": row.get("description", lambda t: plain_text(t, max_length=20_000)),
            "language": row.get("language", language),
            "languages": row.get("languages", languages),
            "areas": row.get("areas", lambda t: tuple(ctx.names.area_ids(t))),
            "modality": row.get("modality", lambda t: _modality(ctx, t)),
            "scope_kind": scope[0] if scope else None,
            "scope_values": scope[1] if scope else None,
            "capacity_per_quarter": row.get("capacity_per_quarter", lambda t: integer(t, minimum=0)),
            "active_from": row.get("active_from", day),
            "active_to": row.get("active_to", day),
        }
        if found["active_from"] and found["active_to"] and found["active_to"] < found["active_from"]:
            row.fail("active_to", "is before Active from")
        return {k: v for k, v in found.items() if v is not None}

    def current(self, obj: Any, name: str) -> Any:
        if name == "areas":
            return tuple(obj.areas)
        if name == "scope_values":  # a set: rows give it sorted, so stored order alone is no change
            return sorted(obj.scope_values)
        return getattr(obj, name)

    def complete(self, ctx: Context, plan: Planned) -> None:
        fields = plan.fields
        if "title" not in fields:
            if plan.row.blank("title"):
                plan.row.fail("title", "is required for a new programme")
            return
        fields.setdefault("description", "")
        fields.setdefault("language", "en")
        fields.setdefault("languages", [fields["language"]])
        fields.setdefault("scope_kind", "global")
        fields.setdefault("scope_values", [])
        if "areas" not in fields:
            guesses = ctx.catalogue.tag(f"{fields['title']}\n{fields['description']}", fields["language"])
            fields["areas"] = tuple(sorted(g.area for g in guesses[:3]))
            if not guesses:
                plan.row.fail("areas", "is blank and the tagger recognised no area in the text; name them")
            else:
                plan.notes.append(f"areas suggested by the tagger, check them: {', '.join(fields['areas'])}")

    def check(self, ctx: Context, plan: Planned) -> None:
        if "provider_id" in plan.changes:
            before, _ = plan.changes.pop("provider_id")
            plan.row.fail("provider", f"this reference is {before}'s programme; it cannot move to another "
                          "provider")  # fmt: skip

    def build(self, ctx: Context, plan: Planned) -> Any:
        fields = dict(plan.fields)
        areas = fields.pop("areas")
        fields["provider_id"] = ensure_provider(ctx.session, fields["provider_id"]).id
        programme = m.Programme(**fields)
        programme.area_links = [m.ProgrammeArea(area_id=a) for a in areas]
        return programme

    def assign(self, ctx: Context, obj: Any, name: str, value: Any) -> None:
        if name == "areas":
            obj.area_links = [m.ProgrammeArea(area_id=a) for a in value]
            obj.updated_at = stamp(ctx.session)  # dirties the row: an areas-only change bumps the version too
        else:
            setattr(obj, name, value)

    def snapshot(self, obj: Any) -> dict[str, Any]:
        return snapshot(obj)


def _modality(ctx: Context, text: str) -> str:
    for modality in ctx.catalogue.modalities.values():
        if text.casefold() in (modality.id, modality.title.casefold()):
            return modality.id
    word = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    if not re.fullmatch(r"\w{2,40}", word):
        raise CellError(f"{text!r} is not a modality: one or a few words, such as training or workshop")
    return word


def _scope(ctx: Context, text: str) -> tuple[str, list[str]]:
    head, _, tail = text.partition(":")
    kind = SCOPE_WORDS.get(re.sub(r"\s+", " ", head.strip().casefold()))
    if kind is None:
        raise CellError(f"{text!r}: write global, or members of / states / regions followed by ':' and names")
    names = items(tail)
    if kind == "global":
        if names:
            raise CellError("a global scope lists no names")
        return kind, []
    if not names:
        raise CellError(f"{head.strip()}: name at least one after the ':'")
    if kind == "members_of":
        found = [ctx.names.party(n) for n in names]
        states = [f for f in found if ctx.names.is_state(f)]
        if states:
            raise CellError(f"{states[0]} is a state; 'members of' needs organizations")
        return kind, sorted(set(found))
    if kind == "states":
        return kind, sorted({ctx.names.state(n) for n in names})
    return kind, sorted({ctx.names.region(n) for n in names})
