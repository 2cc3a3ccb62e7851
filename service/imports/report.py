"""What an import did or would do: each row's outcome (new, updated, unchanged, rejected), what changed,
notes for the reviewer (suggested areas, near-duplicates) and every problem by row, column and reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Outcome = Literal["new", "updated", "unchanged", "rejected"]
OUTCOMES: tuple[Outcome, ...] = ("new", "updated", "unchanged", "rejected")


@dataclass(frozen=True)
class Problem:
    """Why a row (or the whole file, when row is None) cannot be imported."""

    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        return f"{where}" + (f", {self.column}" if self.column else "") + f": {self.reason}"


@dataclass(frozen=True)
class Duplicate:
    """An existing request that looks like the imported row: flagged for triage, never merged."""

    reference: str
    title: str
    similarity: float


@dataclass
class RowResult:
    row: int
    reference: str
    outcome: Outcome
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass
class ImportReport:
    kind: str
    file: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False
    seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.outcome for r in self.rows)
        return {outcome: found.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> bool:
        counts = self.counts
        return bool(counts["new"] or counts["updated"])

    def summary(self) -> str:
        counts = self.counts
        verb = "would be" if self.dry_run or not self.applied else "were"
        text = ", ".join(f"{counts[o]} {o}" for o in OUTCOMES)
        flagged = sum(1 for r in self.rows if r.duplicates)
        dupes = f"; {flagged} flagged as possible duplicates" if flagged else ""
        if self.problems:
            return f"{self.file}: {text}{dupes}. Nothing was written: fix the rejected rows and import again."
        if not self.changed:
            return f"{self.file}: {text}; nothing to change{dupes}."
        return f"{self.file}: {text} ({verb} written){dupes}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "counts": self.counts,
            "summary": self.summary(),
            "rows": [asdict(r) for r in self.rows],
            "problems": [asdict(p) for p in self.problems],
            "ignored_columns": self.ignored_columns,
        }
