"""Tailored packages of an edition: for each provider, the open reasonable requests its programmes may
serve (as the matcher stored them), ranked by fit and by the state's priority; for each state, the status
sheet of its own requests. Each is an XLSX workbook; nothing of another party's private fields goes in.

They are written for their readers, not for the team: every line says what it is in words, codes stand
beside names, the matcher's score shows only as a fit band, and neither the matched terms nor the paths
through the reference data behind a suggestion leave the team's views. A state's sheet lists what has been
recommended, offered and delivered for its requests, never the system's unreviewed suggestions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.editions.exports.tables import LINE, OUTCOMES, PRIORITY, Lookup, Table, day, line_status, yes_no
from service.editions.exports.xlsx import workbook_bytes
from service.editions.store import Sealed
from service.vocab import COMMITTED_MATCH_STATUSES, LABELS, LINE_STATUS, SEEKING_REQUEST_STATUSES, fit_band

NEED_COLUMNS = [
    "Rank", "State code", "State", "Region", PRIORITY, "Request ref", "Request", "Description",
    "Area ids", "Areas", "Stage", "Stage meaning", "Submitted", "Days open", "Your programme ref",
    "Your programme", "Fit", LINE,
]  # fmt: skip
STATUS_COLUMNS = [
    PRIORITY, "Request ref", "Request", "Area ids", "Areas", "Stage", "Stage meaning", "Status code",
    "Status", LINE, "Triage outcome", "Team's note", "Submitted", "Days open", "Further means needed",
    "Programmes recommended, offered or delivering",
]  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """One party's package before it is written."""

    party_kind: str  # "provider" or "state"
    party: str
    name: str
    filename: str
    tables: list[Table]
    created: datetime  # the edition's build time: the workbook's own date

    @property
    def rows(self) -> int:
        return len(self.tables[0].rows)

    def workbook(self) -> bytes:
        return workbook_bytes(self.tables, self.created)


def _safe(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", code)


def _about(sealed: Sealed, party: str, name: str, what: str) -> Table:
    c = sealed.content
    return Table(
        "About",
        ["Item", "Value"],
        [
            ["Edition", f"Assistance Matrix {c['month']}, revision {c['revision']}"],
            ["As of", c["as_of"]],
            ["Prepared for", f"{party} — {name}"],
            ["Contents", what],
            ["Edition checksum (SHA-256)", sealed.edition.checksum],
            ["Circulation", "For the addressee only; not for publication (S/2003/387, paragraph 28)."],
        ],
    )


def need_rows(look: Lookup) -> dict[str, list[list[Any]]]:
    """Each provider's rows: open, reasonable requests one of its programmes has a standing match with."""
    found: dict[str, list[tuple[float, int, list[Any]]]] = defaultdict(list)
    for r in look.content["requests"]:
        if r["status"] != "open" or r["triage_outcome"] != "reasonable":
            continue
        for x in r["matches"]:
            programme = look.programmes[x["programme"]]
            row = [
                r["state"], look.state(r["state"]), look.region(r["state"]), r["priority"], r["ref"],
                r["title"], r["description"], ", ".join(r["areas"]), look.area_titles(r["areas"]),
                r["stage"], look.stages.get(r["stage"], ""), day(r["submitted_at"]), r["days_open"],
                programme["ref"], programme["title"], fit_band(x["score"]), LINE_STATUS[x["status"]],
            ]  # fmt: skip
            found[programme["provider"]].append((x["score"], r["priority"] or 10**6, row))
    ranked = {}
    for provider, rows in found.items():
        rows.sort(key=lambda t: (-t[0], t[1], t[2][4]))
        ranked[provider] = [[rank, *row] for rank, (_s, _p, row) in enumerate(rows, start=1)]
    return ranked


def _for_state(r: dict[str, Any]) -> dict[str, Any]:
    """A request as its state may read it: the system's unreviewed suggestions are no news to it, so a
    request with only those still needs a provider."""
    committed = [x for x in r["matches"] if x["status"] in COMMITTED_MATCH_STATUSES]
    seeking = r["status"] in SEEKING_REQUEST_STATUSES and r["triage_outcome"] == "reasonable"
    return {**r, "matches": committed, "gap": seeking and not committed}


def status_rows(look: Lookup) -> dict[str, list[list[Any]]]:
    """Each state's own requests, nothing of anyone else's."""
    out: dict[str, list[list[Any]]] = defaultdict(list)
    for r in map(_for_state, look.order(look.content["requests"])):
        out[r["state"]].append(
            [
                r["priority"],
                r["ref"],
                r["title"],
                ", ".join(r["areas"]),
                look.area_titles(r["areas"]),
                r["stage"],
                look.stages.get(r["stage"], ""),
                r["status"],
                LABELS[r["status"]],
                line_status(r),
                OUTCOMES.get(r["triage_outcome"] or "", "Not yet triaged"),
                r["triage_reason"],
                day(r["submitted_at"]),
                r["days_open"],
                yes_no(r["gap"]),
                "\n".join(look.programme_line(x) for x in r["matches"]) or None,
            ]  # fmt: skip
        )
    return out


def plan(sealed: Sealed) -> list[Plan]:
    """Every provider's need list, then every state's status sheet, ready to be written."""
    look = Lookup(sealed.content)
    suffix = f"{sealed.edition.month}-r{sealed.edition.revision}.xlsx"
    plans = []
    for provider, rows in sorted(need_rows(look).items()):
        name = look.provider(provider)
        sheet = Table("Need list", NEED_COLUMNS, rows)
        about = _about(sealed, provider, name, "requests your programmes may serve, best fit first")
        plans.append(
            Plan(
                "provider",
                provider,
                name,
                f"need-list-{_safe(provider)}-{suffix}",
                [sheet, about],
                sealed.edition.built_at,
            )
        )
    for state, rows in sorted(status_rows(look).items()):
        name = look.state(state)
        sheet = Table("Status sheet", STATUS_COLUMNS, rows)
        about = _about(sealed, state, name, "where each of your requests stands")
        filename = f"status-sheet-{state}-{suffix}"
        plans.append(Plan("state", state, name, filename, [sheet, about], sealed.edition.built_at))
    return plans


def workbooks(plans: list[Plan]) -> Iterator[tuple[Plan, bytes]]:
    """Each plan with its workbook, written one at a time so memory holds one workbook, not all of them.
    (Two processes were tried at world scale: pickling the rows cost more than the second core saved.)"""
    return ((p, p.workbook()) for p in plans)
