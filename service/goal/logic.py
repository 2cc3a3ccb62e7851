"""The goal of source paragraph 24, "every reasonable request met", in figures for a month: share met,
time to match and to delivery, ageing of open requests, gaps by area and region, and the states'
paragraph-6 reporting. One computation feeds the JSON API and the goal report."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.editions.asof import LIVE, match_status_at, request_status_at, utc
from service.editions.months import Month, cutoff, months_between, parse_month
from service.errors import InvalidInput
from service.vocab import ACTIVE_REQUEST_STATUSES, SEEKING_REQUEST_STATUSES

AGE_BANDS = (("0–30 days", 30), ("31–90 days", 90), ("91–180 days", 180), ("over 180 days", None))
# The team's review targets in the source (paragraph 9): reports reviewed by these dates. They are global,
# for the reports of all the member states (191 in 2003); a record holding fewer states is compared with
# the target scaled to its share of them, and the page says both.
REVIEW_TARGETS = {date(2003, 4, 30): 260, date(2003, 5, 31): 300, date(2003, 6, 30): 350}
MEMBER_STATES = 191


@dataclass
class MonthPoint:
    month: str
    reasonable: int
    met: int
    share_met: float | None
    met_in_month: int
    median_days_to_match: float | None
    median_days_to_delivery: float | None


@dataclass
class Goal:
    month: str
    as_of: str
    requests: int
    by_status: dict[str, int]
    reasonable: int
    met: int
    share_met: float | None
    met_in_month: int
    median_days_to_match: dict[str, float | None]
    median_days_to_delivery: dict[str, float | None]
    ageing: dict[str, int]
    gaps: int
    gaps_by_area: dict[str, int]
    gaps_by_region: dict[str, int]
    gaps_by_area_and_region: dict[str, dict[str, int]]
    reports: dict[str, Any]
    series: list[MonthPoint] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _days(start: datetime | None, end: datetime | None) -> float | None:
    return (end - start).total_seconds() / 86400 if start and end else None


def _median(values: list[float]) -> float | None:
    return round(median(values), 1) if values else None


class _Requests:
    """Every request's dates, loaded once, for as-of questions."""

    def __init__(self, session: Session) -> None:
        r = m.Request
        columns = (r.id, r.state_iso3, r.status, r.triage_outcome, r.submitted_at, r.triaged_at, r.matched_at)
        rows = session.execute(select(*columns, r.delivery_started_at, r.met_at, r.closed_at)).mappings()
        self.rows: list[dict[str, Any]] = [
            {k: utc(v) if isinstance(v, datetime) else v for k, v in row.items()} for row in rows
        ]
        self.reasonable_at = sorted(
            x["triaged_at"] for x in self.rows if x["triage_outcome"] == "reasonable" and x["triaged_at"]
        )
        self.met_at = sorted(x["met_at"] for x in self.rows if x["met_at"])

    def share(self, before: datetime) -> tuple[int, int]:
        """(reasonable, met) among requests triaged before the instant."""
        return bisect_left(self.reasonable_at, before), bisect_left(self.met_at, before)

    def durations(self, start: datetime, end: datetime, column: str) -> list[float]:
        """Days from submission to `column` for requests that reached it within [start, end)."""
        out = []
        for x in self.rows:
            reached = x[column]
            if reached is not None and start <= reached < end:
                days = _days(x["submitted_at"], reached)
                if days is not None:
                    out.append(days)
        return out


def _point(requests: _Requests, month: Month, end: datetime) -> MonthPoint:
    reasonable, met = requests.share(end)
    return MonthPoint(
        month=str(month),
        reasonable=reasonable,
        met=met,
        share_met=round(met / reasonable, 4) if reasonable else None,
        met_in_month=met - requests.share(month.start)[1],
        median_days_to_match=_median(requests.durations(month.start, end, "matched_at")),
        median_days_to_delivery=_median(requests.durations(month.start, end, "delivery_started_at")),
    )


def _gaps(
    session: Session, seeking: dict[int, dict[str, Any]], at: datetime | None
) -> tuple[Counter[str], Counter[str], dict[str, dict[str, int]]]:
    x = m.Match
    covered = {
        row["request_id"]
        for row in session.execute(
            select(
                x.request_id,
                x.status,
                x.decided_at,
                x.offered_at,
                x.consented_at,
                x.delivery_started,
                x.delivery_completed,
            )
        ).mappings()
        if row["request_id"] in seeking and match_status_at(row, at) in LIVE
    }
    regions = {iso3: region for iso3, region in session.execute(select(m.State.iso3, m.State.region))}
    areas: dict[int, list[str]] = defaultdict(list)
    for request_id, area in session.execute(select(m.RequestArea.request_id, m.RequestArea.area_id)):
        if request_id in seeking:
            areas[request_id].append(area)
    by_area: Counter[str] = Counter()
    by_region: Counter[str] = Counter()
    grid: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for request_id, row in seeking.items():
        if request_id in covered:
            continue
        region = regions.get(row["state_iso3"], "") or "Other"
        by_region[region] += 1
        for area in areas[request_id] or ["other"]:
            by_area[area] += 1
            grid[area][region] += 1
    return by_area, by_region, {a: dict(r) for a, r in sorted(grid.items())}


def _reports(session: Session, as_of: date) -> dict[str, Any]:
    rounds: dict[int, Counter[str]] = defaultdict(Counter)
    review: Counter[str] = Counter()
    states: set[str] = set()
    for report in session.scalars(select(m.Report)):
        states.add(report.state_iso3)
        if report.received is not None and report.received <= as_of:
            rounds[report.round]["received late" if report.received > report.due else "received on time"] += 1
            review[report.review_status] += 1
        elif report.due < as_of:
            rounds[report.round]["missing"] += 1
        else:
            rounds[report.round]["not yet due"] += 1
    passed = [d for d in REVIEW_TARGETS if d <= max(as_of, min(REVIEW_TARGETS))]
    target_day = max(passed) if passed else None
    target = REVIEW_TARGETS[target_day] if target_day else None
    share = min(len(states), MEMBER_STATES) / MEMBER_STATES
    return {
        "by_round": {str(k): dict(v) for k, v in sorted(rounds.items())},
        "review": dict(review),
        "reviewed": review.get("reviewed", 0),
        "target": target,
        "target_date": target_day.isoformat() if target_day else None,
        # The global target is for every member state; `scaled_target` is its share for the states here.
        "target_scope": f"global: the reports of all {MEMBER_STATES} member states",
        "states": len(states),
        "scaled_target": round(target * share) if target is not None else None,
    }


def figures(session: Session, month_text: str | None = None, *, on: date) -> Goal:
    """The goal's figures at the end of the month (default: the month of `on`, as things stand then)."""
    now = on
    month = parse_month(month_text, not_after=on) if month_text else Month(now.year, now.month)
    at = cutoff(month, on=on)
    end = at or month.end
    as_of = month.last_day if at else now
    requests = _Requests(session)
    if not requests.rows:
        raise InvalidInput("there are no requests yet: nothing to report on", field="month")
    first = min(x["submitted_at"] for x in requests.rows)
    if month < Month(first.year, first.month):
        start = Month(first.year, first.month)
        reason = f"no requests before {start}: the record starts in {start}; choose {start} or later"
        raise InvalidInput(reason, field="month")
    statuses = {x["id"]: request_status_at(x, at) for x in requests.rows}
    by_status = Counter(s for s in statuses.values() if s is not None)
    ageing: Counter[str] = Counter()
    for x in requests.rows:
        if statuses[x["id"]] in ACTIVE_REQUEST_STATUSES:
            age = (as_of - x["submitted_at"].date()).days
            ageing[next(name for name, limit in AGE_BANDS if limit is None or age <= limit)] += 1
    seeking = {
        x["id"]: x
        for x in requests.rows
        if statuses[x["id"]] in SEEKING_REQUEST_STATUSES and x["triage_outcome"] == "reasonable"
    }
    by_area, by_region, grid = _gaps(session, seeking, at)
    series = [
        _point(requests, mo, mo.end if mo < month else end)
        for mo in months_between(Month(first.year, first.month), month)
    ]
    this = series[-1]
    return Goal(
        month=str(month),
        as_of=as_of.isoformat(),
        requests=sum(by_status.values()),
        by_status=dict(sorted(by_status.items())),
        reasonable=this.reasonable,
        met=this.met,
        share_met=this.share_met,
        met_in_month=this.met_in_month,
        median_days_to_match={
            "month": this.median_days_to_match,
            "to_date": _median(requests.durations(first, end, "matched_at")),
        },
        median_days_to_delivery={
            "month": this.median_days_to_delivery,
            "to_date": _median(requests.durations(first, end, "delivery_started_at")),
        },
        ageing={name: ageing.get(name, 0) for name, _ in AGE_BANDS},
        gaps=sum(by_region.values()),
        gaps_by_area=dict(by_area.most_common()),
        gaps_by_region=dict(by_region.most_common()),
        gaps_by_area_and_region=grid,
        reports=_reports(session, as_of),
        series=series,
    )
