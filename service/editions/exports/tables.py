"""An edition as tables (by state, by area, gaps, changes, summary) that every export format writes: each
coded value beside its name, statuses and stages spelled out, so no reader needs a legend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.editions.diff import KINDS
from service.vocab import LABELS, LINE_STATUS, NO_PROVIDER, SEEKING_REQUEST_STATUSES, fit_band

PRIORITY = "State's priority (1 = most urgent)"
LINE = "What this line is"
# The matrix names the best programmes of each request; the need lists carry them all.
TOP_PROGRAMMES = 5
OUTCOMES = {"reasonable": "Reasonable", "not_reasonable": "Not reasonable", "duplicate": "Duplicate"}


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


class Lookup:
    """Names for the codes an edition's content refers to."""

    def __init__(self, content: dict[str, Any]) -> None:
        self.content = content
        self.states: dict[str, dict[str, str]] = content["states"]
        self.areas: dict[str, str] = content["areas"]
        self.stages: dict[str, str] = content["stages"]
        self.providers: dict[str, dict[str, str]] = content["providers"]
        self.programmes: dict[int, dict[str, Any]] = {p["id"]: p for p in content["programmes"]}

    def state(self, code: str | None) -> str:
        return self.states.get(code or "", {}).get("name", code or "")

    def region(self, code: str) -> str:
        return self.states.get(code, {}).get("region", "")

    def area_titles(self, ids: list[str]) -> str:
        return "; ".join(self.areas.get(a, a) for a in ids)

    def provider(self, provider_id: str | None) -> str:
        return self.providers.get(provider_id or "", {}).get("name", provider_id or "")

    def programme_line(self, match: dict[str, Any]) -> str:
        """One programme of a line in words: what it is, whose, how well it fits, and how far it got."""
        programme = self.programmes[match["programme"]]
        return (
            f"{programme['ref']} {programme['title']} — {self.provider(programme['provider'])} "
            f"({programme['provider']}), {fit_band(match['score'])} fit, {LINE_STATUS[match['status']]}"
        )

    def order(self, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The matrix's order: by state name, then the state's priority (unranked last)."""
        return sorted(
            requests,
            key=lambda r: (self.state(r["state"]), r["priority"] is None, r["priority"] or 0, r["ref"] or ""),
        )


def line_status(r: dict[str, Any]) -> str:
    """What a line of the matrix is, in words: how far its leading programme got while the request seeks
    help, "no provider yet" for a reasonable request none serves; a closed or untriaged request's status."""
    if r["status"] in SEEKING_REQUEST_STATUSES:
        if r["matches"]:
            return LINE_STATUS[r["matches"][0]["status"]]
        if r["gap"]:
            return LINE_STATUS[NO_PROVIDER]
    return LABELS[r["status"]]


def day(iso: str | None) -> date | None:
    return date.fromisoformat(iso[:10]) if iso else None


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


REQUEST_COLUMNS = [
    "State code", "State", "Region", PRIORITY, "Request ref", "Request", "Area ids", "Areas",
    "Stage", "Stage meaning", "Status code", "Status", LINE, "Triage outcome", "Submitted", "Days open",
    "Further means needed", "Programme ref", "Programme", "Provider id", "Provider", "Score", "Fit",
    "Match status", "Why this programme", "Other programmes",
]  # fmt: skip


def request_row(look: Lookup, r: dict[str, Any]) -> list[Any]:
    best = r["matches"][0] if r["matches"] else None
    programme = look.programmes[best["programme"]] if best else None
    return [
        r["state"], look.state(r["state"]), look.region(r["state"]), r["priority"], r["ref"], r["title"],
        ", ".join(r["areas"]), look.area_titles(r["areas"]), r["stage"], look.stages.get(r["stage"], ""),
        r["status"], LABELS[r["status"]], line_status(r),
        OUTCOMES.get(r["triage_outcome"] or "", "Not yet triaged"),
        day(r["submitted_at"]), r["days_open"], yes_no(r["gap"]),
        programme["ref"] if programme else None, programme["title"] if programme else None,
        programme["provider"] if programme else None,
        look.provider(programme["provider"]) if programme else None,
        best["score"] if best else None, fit_band(best["score"]) if best else None,
        LINE_STATUS[best["status"]] if best else None,
        best["summary"] if best else None,
        "\n".join(look.programme_line(x) for x in r["matches"][1:TOP_PROGRAMMES]) or None,
    ]  # fmt: skip


def by_state(look: Lookup) -> Table:
    rows = [request_row(look, r) for r in look.order(look.content["requests"])]
    return Table("By state", REQUEST_COLUMNS, rows)


def by_area(look: Lookup) -> Table:
    columns = ["Area id", "Area", *REQUEST_COLUMNS[:6], *REQUEST_COLUMNS[8:]]
    rows = []
    for r in look.order(look.content["requests"]):
        full = request_row(look, r)
        for area in r["areas"] or ["other"]:
            rows.append([area, look.areas.get(area, area), *full[:6], *full[8:]])
    rows.sort(key=lambda row: (row[0], row[3], row[5] is None, row[5] or 0, row[6]))
    return Table("By area", columns, rows)


def gaps(look: Lookup) -> Table:
    columns = [
        "Area ids", "Areas", "State code", "State", "Region", PRIORITY, "Request ref", "Request",
        "Stage", "Stage meaning", "Submitted", "Days open",
    ]  # fmt: skip
    rows = [
        [
            ", ".join(r["areas"]),
            look.area_titles(r["areas"]),
            r["state"],
            look.state(r["state"]),
            look.region(r["state"]),
            r["priority"],
            r["ref"],
            r["title"],
            r["stage"],
            look.stages.get(r["stage"], ""),
            day(r["submitted_at"]),
            r["days_open"],
        ]  # fmt: skip
        for r in look.order(look.content["requests"])
        if r["gap"]
    ]
    return Table("Gaps", columns, rows)


def changes(look: Lookup, delta: dict[str, Any] | None) -> Table:
    columns = [
        "Change code", "Change", "Ref", "Request or programme", "State code", "State", "Programme ref",
        "Provider id", "Provider", "Before", "After",
    ]  # fmt: skip
    rows = []
    for ch in delta["changes"] if delta else []:
        provider = ch["provider"]
        rows.append(
            [
                ch["kind"],
                KINDS[ch["kind"]],
                ch["ref"],
                ch["title"],
                ch["state"],
                look.state(ch["state"]),
                ch["programme_ref"],
                provider,
                look.provider(provider) if provider else None,
                ch["before"],
                ch["after"],
            ]  # fmt: skip
        )
    return Table("Changes since last month", columns, rows)


def summary(look: Lookup, checksum: str, delta: dict[str, Any] | None) -> Table:
    c, s = look.content, look.content["summary"]
    against = delta["from"] if delta else None
    compared = f"{against['month']} revision {against['revision']}" if against else "no earlier edition"
    rows: list[list[Any]] = [
        ["Month", c["month"]],
        ["Revision", c["revision"]],
        ["Reason for this revision", c.get("reason") or ""],
        ["As of", c["as_of"]],
        ["Checksum (SHA-256 of the JSON export)", checksum],
        ["Compared with", compared],
        ["Requests in this edition", s["requests"]],
        ["States", s["states"]],
        ["Further means needed (gaps)", s["gaps"]],
        ["Submitted this month", s["submitted_in_month"]],
        ["Met this month", s["met_in_month"]],
        ["Active programmes", s["active_programmes"]],
    ]
    rows += [[f"Requests: {LABELS[k]}", v] for k, v in s["by_status"].items()]
    if delta:
        rows += [[f"Change: {KINDS[k]}", v] for k, v in delta["counts"].items()]
    return Table("Summary", ["Item", "Value"], rows)


def all_tables(content: dict[str, Any], checksum: str, delta: dict[str, Any] | None) -> list[Table]:
    look = Lookup(content)
    return [by_state(look), by_area(look), gaps(look), changes(look, delta), summary(look, checksum, delta)]
