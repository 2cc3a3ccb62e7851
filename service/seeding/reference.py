"""Loads the reference data (areas, states, organizations, memberships, providers) and, with --demo,
the demo data set. Idempotent: rows are upserted by their natural keys, so a second run changes nothing.
One transaction: a malformed file or an unknown code stops the load with the file, row and reason."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.core import catalogue as core_catalogue
from service.errors import DataFileError
from service.vocab import OrganizationKind, values


@dataclass
class SeedReport:
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, inserted: int, updated: int) -> None:
        self.inserted[table] = self.inserted.get(table, 0) + inserted
        self.updated[table] = self.updated.get(table, 0) + updated

    @property
    def changed(self) -> bool:
        return any(self.inserted.values()) or any(self.updated.values())


def _read_json(path: Path) -> list[dict[str, Any]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(path.name, None, "file not found") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(path.name, None, f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise DataFileError(path.name, None, "expected a JSON list of objects")
    return rows


def _date(value: Any, file: str, row: int, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataFileError(file, row, f"{name}: {value!r} is not a YYYY-MM-DD date") from exc


def _instant(value: Any, file: str, row: int, name: str) -> datetime | None:
    day = _date(value, file, row, name)
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC) if day else None


def _upsert(
    session: Session, model: type[m.Base], key: Sequence[str], rows: Iterable[dict[str, Any]]
) -> tuple[int, int]:
    """Insert rows whose key is new, update rows whose values changed; return (inserted, updated)."""
    existing = {tuple(getattr(obj, k) for k in key): obj for obj in session.scalars(select(model))}
    inserted = updated = 0
    for row in rows:
        obj = existing.get(tuple(row[k] for k in key))
        if obj is None:
            session.add(model(**row))
            inserted += 1
            continue
        changes = {k: v for k, v in row.items() if getattr(obj, k) != v}
        if changes:
            for k, v in changes.items():
                setattr(obj, k, v)
            updated += 1
    session.flush()
    return inserted, updated


def _sync_links(
    session: Session, model: type[m.Base], owner: str, other: str, wanted: set[tuple[Any, Any]]
) -> tuple[int, int]:
    """Make a two-column link table equal to `wanted` (reference memberships are replaced, not merged)."""
    have = {(getattr(r, owner), getattr(r, other)) for r in session.scalars(select(model))}
    for pair in sorted(wanted - have):
        session.add(model(**{owner: pair[0], other: pair[1]}))
    stale = have - wanted
    for obj in session.scalars(select(model)):
        if (getattr(obj, owner), getattr(obj, other)) in stale:
            session.delete(obj)
    session.flush()
    return len(wanted - have), len(stale)


def load_reference(session: Session, data_dir: Path) -> SeedReport:
    report = SeedReport()
    catalogue = core_catalogue()
    report.count(
        "areas",
        *_upsert(
            session,
            m.Area,
            ["id"],
            (
                {"id": a.id, "title": a.title["en"], "paragraphs": ", ".join(a.paragraphs)}
                for a in catalogue.areas.values()
            ),
        ),
    )
    states_file = data_dir / "reference" / "states.csv"
    with open(states_file, encoding="utf-8", newline="") as fh:
        state_rows = []
        for i, rec in enumerate(csv.DictReader(fh), start=2):
            if len(rec.get("iso3") or "") != 3:
                raise DataFileError(states_file.name, i, f"iso3: {rec.get('iso3')!r} is not a 3-letter code")
            state_rows.append(
                {
                    "iso3": rec["iso3"],
                    "iso2": rec["iso2"],
                    "m49": rec["m49"],
                    "name": rec["name"],
                    "official_name": rec["official_name"],
                    "un_member": rec["un_member"] == "1",
                    "un_admission_year": int(rec["un_admission_year"]) if rec["un_admission_year"] else None,
                    "region": rec["region"],
                    "subregion": rec["subregion"],
                    "intermediate_region": rec["intermediate_region"],
                }
            )
    report.count("states", *_upsert(session, m.State, ["iso3"], state_rows))
    known_states = {r["iso3"] for r in state_rows}

    org_file = "organizations.json"
    orgs = _read_json(data_dir / "reference" / org_file)
    org_ids = {o.get("id") for o in orgs}
    org_rows, state_links, org_links = [], set(), set()
    kinds = values(OrganizationKind)
    for i, org in enumerate(orgs, start=1):
        for needed in ("id", "name", "kind"):
            if not org.get(needed):
                raise DataFileError(org_file, i, f"{needed} is missing")
        if org["kind"] not in kinds:
            raise DataFileError(org_file, i, f"kind: {org['kind']!r} is not one of {', '.join(kinds)}")
        if org.get("parent") and org["parent"] not in org_ids:
            raise DataFileError(org_file, i, f"parent: unknown organization {org['parent']!r}")
        for iso3 in org.get("members", []):
            if iso3 not in known_states:
                raise DataFileError(org_file, i, f"members: unknown state {iso3!r} in {org['id']}")
            state_links.add((org["id"], iso3))
        for member in org.get("member_organizations", []):
            if member not in org_ids:
                raise DataFileError(org_file, i, f"member_organizations: unknown organization {member!r}")
            org_links.add((org["id"], member))
        org_rows.append(
            {
                "id": org["id"],
                "name": org["name"],
                "kind": org["kind"],
                "acronym": org.get("acronym") or org["id"],
                "aliases": list(org.get("aliases", [])),
                "parent_id": org.get("parent"),
                "members_as_of": _date(org.get("members_as_of"), org_file, i, "members_as_of"),
                "source": org.get("source", ""),
            }
        )
    # Parents first, so the self-referencing foreign key holds on every insert.
    org_rows.sort(key=lambda r: (r["parent_id"] is not None, r["id"]))
    report.count("organizations", *_upsert(session, m.Organization, ["id"], org_rows))
    report.count(
        "state_memberships",
        *_sync_links(session, m.StateMembership, "organization_id", "state_iso3", state_links),
    )
    report.count(
        "organization_memberships",
        *_sync_links(session, m.OrganizationMembership, "organization_id", "member_id", org_links),
    )
    provider_rows = [
        {
            "id": o["id"],
            "kind": "organization",
            "name": o["name"],
            "organization_id": o["id"],
            "state_iso3": None,
        }
        for o in org_rows
    ]
    report.count("providers", *_upsert(session, m.Provider, ["id"], provider_rows))
    return report
