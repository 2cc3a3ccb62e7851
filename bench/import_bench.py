"""Bulk-import benchmark: N synthetic multilingual request rows (state names as people write them, half of
them without areas so the tagger runs) imported from CSV or XLSX into a fresh database: dry run, real run,
the same file again (which must change nothing), then a second batch of N new rows into the now populated
database (each compared with the stored requests of its state for near-duplicates), then the providers'
programmes. Prints the figures; asserts nothing about time.

    .venv/bin/python -m bench.import_bench [--rows 20000] [--programmes 4000] [--format xlsx] [--url URL]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.api_bench import _reset  # the API benchmark's helper: drops a PostgreSQL schema
from matcher.catalogue import load_catalogue
from matcher.lab.synthetic import corpus
from service.core import load_states
from service.db import session_scope
from service.imports import ImportReport, kind_named, run_import
from service.imports.report import OUTCOMES
from service.migrate import upgrade
from service.seeding.reference import load_reference
from service.settings import Settings

HEADER = [
    "Reference", "State", "Title", "Description", "Language", "Areas", "Stage", "Priority", "Source report"
]  # fmt: skip
PROGRAMME_HEADER = [
    "Reference",
    "Provider",
    "Title",
    "Description",
    "Languages",
    "Areas",
    "Modality",
    "Scope",
]
console = Console()


def request_rows(url: str, rows: int, seed: int, prefix: str = "BENCH") -> list[list[object]]:
    """The request rows a team would receive: names not codes, some areas left to the tagger."""
    rng = random.Random(seed)
    with session_scope(url) as session:
        states = load_states(session)
    return [
        [
            f"{prefix}-{r.id}",
            states[r.state].name if rng.random() < 0.8 else r.state,
            r.title[:300],
            r.description,
            r.language,
            ", ".join(r.areas) if rng.random() < 0.5 else "",
            r.stage,
            "",
            f"S/2003/{rng.randint(100, 999)}",
        ]
        for r in corpus(load_catalogue(), states, rows, 1, seed).requests
    ]


def programme_rows(url: str, programmes: int, seed: int) -> list[list[object]]:
    """Providers' programmes with their scopes written in words, as a provider would fill them in."""
    with session_scope(url) as session:
        states = load_states(session)
    words = {"members_of": "members of", "states": "states", "regions": "regions"}
    return [
        [
            f"PRG-{p.id}",
            p.provider,
            p.title[:300],
            p.description,
            ", ".join(p.languages),
            ", ".join(p.areas),
            p.modality or "",
            "global" if p.scope.kind == "global" else f"{words[p.scope.kind]}: {', '.join(p.scope.values)}",
        ]
        for p in corpus(load_catalogue(), states, 1, programmes, seed).programmes
    ]


def write_table(header: list[str], rows: list[list[object]], fmt: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Import")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed_import(
    url: str, data: bytes, name: str, *, dry_run: bool, kind: str = "requests"
) -> tuple[ImportReport, float]:
    started = time.perf_counter()
    with session_scope(url) as session:
        report = run_import(session, kind_named(kind), data, name, dry_run=dry_run)
    return report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--programmes", type=int, default=4_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--url", help="a PostgreSQL database to RESET and use (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        _reset(url)
        upgrade(url)
        with session_scope(url) as session:
            load_reference(session, Settings().data_dir)
        fmt = args.format
        first = write_table(HEADER, request_rows(url, args.rows, args.seed), fmt)
        second = write_table(HEADER, request_rows(url, args.rows, args.seed + 1, prefix="BENCH2"), fmt)
        offers = write_table(PROGRAMME_HEADER, programme_rows(url, args.programmes, args.seed), fmt)
        figures = Table("run", "kind", "rows", *OUTCOMES, "flagged", "seconds", "rows/s",
                        title=f"bulk import ({len(first) / 1e6:.1f} MB of requests as {fmt})")  # fmt: skip
        runs = [("dry run", "requests", first, True), ("import", "requests", first, False),
                ("re-import", "requests", first, False), ("2nd batch", "requests", second, False),
                ("import", "programmes", offers, False)]  # fmt: skip
        for label, kind, data, dry_run in runs:
            report, seconds = timed_import(url, data, f"{kind}.{fmt}", dry_run=dry_run, kind=kind)
            if report.problems:
                console.print(report.problems[:5])
                raise SystemExit(f"{label} {kind}: {len(report.problems)} problems")
            flagged = sum(1 for r in report.rows if r.duplicates)
            counts = [f"{n:,}" for n in report.counts.values()]
            rate = f"{len(report.rows) / seconds:,.0f}"
            figures.add_row(
                label, kind, f"{len(report.rows):,}", *counts, f"{flagged:,}", f"{seconds:.1f}", rate
            )
        console.print(figures)
        console.print(f"database: {url.split('@')[-1]}")


if __name__ == "__main__":
    main()
