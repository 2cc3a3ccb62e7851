"""The printable page of an edition: the same tables, trimmed to the columns a printed page can hold."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from service.editions.exports.tables import LINE, PRIORITY, Table

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The print view keeps the names (a reader of paper has no filter to need the codes for).
# It goes to states and organizations as well as the team, so every line says what it is (a programme
# beside an open request may be only the system's suggestion) and the score shows as a fit band, without
# the matched terms behind it.
PRINT_COLUMNS = {
    "By state": [
        "State", PRIORITY, "Request ref", "Request", "Areas", "Stage", "Status", LINE, "Triage outcome",
        "Days open", "Further means needed", "Programme ref", "Programme", "Provider", "Fit",
    ],
    "By area": [
        "Area", "State", PRIORITY, "Request ref", "Request", "Stage", "Status", LINE, "Provider", "Fit",
    ],
}  # fmt: skip


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True
    )


def _trim(table: Table) -> Table:
    keep = PRINT_COLUMNS.get(table.name)
    if keep is None:
        return table
    index = [table.columns.index(title) for title in keep]
    return Table(table.name, keep, [[row[i] for i in index] for row in table.rows])


def html_bytes(content: dict[str, Any], checksum: str, tables: list[Table]) -> bytes:
    page = environment().get_template("editions/edition.html")
    return page.render(content=content, checksum=checksum, tables=[_trim(t) for t in tables]).encode("utf-8")
