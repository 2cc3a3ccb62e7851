"""Errors raised by the matching core: every one names the record and the field at fault."""

from __future__ import annotations

from collections.abc import Sequence


class MatcherError(ValueError):
    """A record the core cannot use; `record` is its id and `field` the offending field."""

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None) -> None:
        self.record = record
        self.field = field
        where = ", ".join(
            part for part in (record and f"record {record}", field and f"field {field}") if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class UnknownArea(MatcherError):
    """An area id that is not in the taxonomy."""


class UnknownState(MatcherError):
    """A state code that is not in the states reference."""


class UnknownOrganization(MatcherError):
    """An organization (or provider) id that no organization or state carries."""


class EmptyText(MatcherError):
    """A request or programme without any title or description text."""


class InvalidRecord(MatcherError):
    """A record whose shape is wrong (missing key, wrong type, bad scope, bad value)."""


class DuplicateId(MatcherError):
    """Two records of the same kind share one id."""


class UnknownName(MatcherError):
    """A free-text name that resolves to no organization or state."""


class AmbiguousName(MatcherError):
    """A free-text name that resolves equally well to several ids."""

    def __init__(self, message: str, candidates: Sequence[str], *, record: str | None = None) -> None:
        self.candidates = tuple(candidates)
        super().__init__(f"{message} (candidates: {', '.join(self.candidates)})", record=record, field="name")


class InvalidDataset(MatcherError):
    """Several problems found at once; `problems` holds each one."""

    def __init__(self, problems: Sequence[MatcherError]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(
            f"{len(self.problems)} problems; first: {first}", record=first.record, field=first.field
        )
