"""The import itself, for every kind of row: read, validate every row, compare with what is stored, then
either report (dry run, or any row rejected: nothing is written) or write all of it and record events."""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.audit.logic import record
from service.core import Catalogue
from service.core import catalogue as shared_catalogue
from service.imports.columns import Column, Row, read_rows
from service.imports.names import Names
from service.imports.report import Duplicate, ImportReport, Outcome, RowResult
from service.imports.sheets import Limits, Sheet, read_sheet

Key = tuple[Hashable, ...]


@dataclass
class Context:
    """What one import shares across its rows."""

    session: Session
    actor: m.User | None
    file: str

    @cached_property
    def names(self) -> Names:
        return Names(self.session)

    @cached_property
    def catalogue(self) -> Catalogue:
        return shared_catalogue()


@dataclass
class Planned:
    """One row compared with what is stored: `fields` are the values it sets, `changes` what differs
    from the stored object (empty for an unchanged row)."""

    row: Row
    key: Key | None
    reference: str
    fields: dict[str, Any]
    existing: Any = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    obj: Any | None = None
    before: dict[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return not self.row.problems

    @property
    def outcome(self) -> Outcome:
        if self.row.problems:
            return "rejected"
        return "new" if self.existing is None else ("updated" if self.changes else "unchanged")


class Kind:
    """One importable kind of row. Subclasses name the columns and say how to parse a row, find the
    stored object and build a new one; the engine does the rest the same way for every kind."""

    name: ClassVar[str]
    entity: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]

    def parse(self, ctx: Context, row: Row) -> dict[str, Any]:
        """The values of the row's filled-in cells (a blank cell on a stored item keeps what is stored)."""
        raise NotImplementedError

    def key(self, fields: dict[str, Any]) -> Key | None:
        """The row's identity (its stable reference), or None when the cells naming it are missing."""
        raise NotImplementedError

    def reference(self, fields: dict[str, Any]) -> str:
        return " ".join(str(part) for part in self.key(fields) or ())

    def existing(self, ctx: Context, keys: Sequence[Key]) -> dict[Key, Any]:
        raise NotImplementedError

    def complete(self, ctx: Context, plan: Planned) -> None:
        """Fill what a new row left blank (defaults, tags); record problems on plan.row."""

    def current(self, obj: Any, name: str) -> Any:
        return getattr(obj, name)

    def check(self, ctx: Context, plan: Planned) -> None:
        """Rules that need the stored object (e.g. a request cannot move to another state)."""

    def finish(self, ctx: Context, plans: list[Planned]) -> None:
        """Work across rows once each is planned (priorities, duplicate flags)."""

    def before_write(self, ctx: Context, plans: list[Planned]) -> None:
        """Writes that must happen before the rows' own (e.g. moving ranks out of the way)."""

    def build(self, ctx: Context, plan: Planned) -> Any:
        raise NotImplementedError

    def assign(self, ctx: Context, obj: Any, name: str, value: Any) -> None:
        setattr(obj, name, value)

    def after_write(self, ctx: Context, plans: list[Planned]) -> None:
        """Writes that need the new rows' ids (e.g. final priority ranks)."""

    def snapshot(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError


class ByReference(Kind):
    """A kind whose rows are identified by the stable external reference column `ref` of `model`."""

    model: ClassVar[Any]
    # Stored objects are looked up this many references per query (database parameter limits).
    chunk: ClassVar[int] = 500

    def key(self, fields: dict[str, Any]) -> Key | None:
        return (fields["ref"],) if "ref" in fields else None

    def reference(self, fields: dict[str, Any]) -> str:
        return str(fields["ref"])

    def existing(self, ctx: Context, keys: Sequence[Key]) -> dict[Key, Any]:
        refs = [k[0] for k in keys]
        found: dict[Key, Any] = {}
        for start in range(0, len(refs), self.chunk):
            query = select(self.model).where(self.model.ref.in_(refs[start : start + self.chunk]))
            found.update({(obj.ref,): obj for obj in ctx.session.scalars(query)})
        return found


def run_import(
    session: Session,
    kind: Kind,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    actor: m.User | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import one file. Nothing is flushed unless every row is valid and this is not a dry run; the
    caller's unit of work commits, so a crash part-way leaves the database as it was. A file past one of
    the `limits` (settings MATCHMAKER_IMPORT_MAX_*; their defaults when None) is refused unread."""
    started = time.perf_counter()
    return import_sheet(
        session, kind, read_sheet(data, filename, limits), dry_run=dry_run, actor=actor, started=started
    )


def import_sheet(
    session: Session,
    kind: Kind,
    sheet: Sheet,
    *,
    dry_run: bool = False,
    actor: m.User | None = None,
    started: float | None = None,
) -> ImportReport:
    """Import rows already read (from a spreadsheet, or another reader such as IATI XML's): all or none."""
    started = time.perf_counter() if started is None else started
    ctx = Context(session, actor, sheet.file)
    rows, file_problems, ignored = read_rows(sheet, kind.columns)
    report = ImportReport(kind.name, sheet.file, dry_run, problems=file_problems, ignored_columns=ignored)
    if not file_problems:
        plans = _plan(ctx, kind, rows)
        report.rows = [
            RowResult(p.row.number, p.reference, p.outcome, _changes(kind, p), p.notes, p.duplicates)
            for p in plans
        ]
        report.problems = [problem for row in rows for problem in row.problems]
        if not report.problems and not dry_run:
            _write(ctx, kind, plans)
            report.applied = True
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _plan(ctx: Context, kind: Kind, rows: list[Row]) -> list[Planned]:
    plans: list[Planned] = []
    first_seen: dict[Key, int] = {}
    for row in rows:
        fields = kind.parse(ctx, row)
        key = kind.key(fields)
        if key is not None and key in first_seen:
            row.fail(None, f"repeats {kind.reference(fields)!r} already on row {first_seen[key]}")
        elif key is not None:
            first_seen[key] = row.number
        reference = kind.reference(fields) if key is not None else next(iter(row.cells.values()), "")
        plans.append(Planned(row, key, reference, fields))
    stored = kind.existing(ctx, list(first_seen))
    for plan in plans:
        plan.existing = stored.get(plan.key) if plan.key is not None else None
        if plan.existing is None:
            kind.complete(ctx, plan)
            continue
        for name, value in plan.fields.items():
            before = kind.current(plan.existing, name)
            if before != value:
                plan.changes[name] = (before, value)
        kind.check(ctx, plan)
    kind.finish(ctx, [p for p in plans if p.valid])
    return plans


def _changes(kind: Kind, plan: Planned) -> list[str]:
    headers = {c.key: c.header for c in kind.columns}

    def show(value: Any) -> str:
        text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        return text if len(text) <= 40 else text[:39] + "…"

    return [
        f"{headers.get(name, name)}: {show(old)} → {show(new)}" for name, (old, new) in plan.changes.items()
    ]


def _write(ctx: Context, kind: Kind, plans: list[Planned]) -> None:
    note = f"imported from {ctx.file}"
    kind.before_write(ctx, plans)
    for plan in plans:
        if plan.existing is None:
            plan.obj = kind.build(ctx, plan)
            ctx.session.add(plan.obj)
        elif plan.changes:
            plan.obj = plan.existing
            plan.before = kind.snapshot(plan.obj)
            for name, (_, value) in plan.changes.items():
                kind.assign(ctx, plan.obj, name, value)
    ctx.session.flush()
    kind.after_write(ctx, plans)
    for plan in plans:
        if plan.obj is None:
            continue
        created = plan.existing is None
        record(
            ctx.session,
            ctx.actor,
            f"{kind.entity}.{'created' if created else 'updated'}",
            kind.entity,
            plan.obj.id,
            before=plan.before,
            after=kind.snapshot(plan.obj),
            note=f"{note}, row {plan.row.number}",
        )
    ctx.session.flush()
