"""Months of editions (`YYYY-MM`): parsing, bounds, and the cut-off instant an edition is frozen at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from service.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the month (exclusive bound)."""
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def is_current(self, on: date) -> bool:
        return self.first_day <= on <= self.last_day


def parse_month(text: str, *, field: str = "month", not_after: date | None = None) -> Month:
    """A `YYYY-MM` string as a Month, refusing malformed months (and months after `not_after`, when given:
    today, for what is built or reported)."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise InvalidInput(f"month must look like 2003-05, not {text!r}", field=field)
    month = Month(int(found.group(1)), int(found.group(2)))
    if not_after is not None and month.first_day > not_after:
        raise InvalidInput(f"month {month} is in the future (today is {not_after.isoformat()})", field=field)
    return month


def cutoff(month: Month, *, on: date) -> datetime | None:
    """The instant a past month is reconstructed at (its end); None for the current month, whose edition
    is the database as it stands."""
    return None if month.is_current(on) else month.end


def months_between(first: Month, last: Month) -> list[Month]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = month.next()
    return out
