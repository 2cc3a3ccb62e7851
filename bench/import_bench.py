"""Bulk-import benchmark: N synthetic multilingual request rows (state names as people write them, half of
them without areas so the tagger runs) imported from CSV or XLSX into a fresh database: dry run, real run,
the same file again (which must change nothing), then a second batch of N new rows into the now populated
database (each compared with the stored requests of its state for near-duplicates). Prints the figures;
asserts nothing about time.

    .venv/bin/python -m bench.import_bench --rows 20000 [--format xlsx] [--url postgresql+psycopg://...]
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

from matcher.catalogue import load_catalogue
from matcher.synthetic import corpus
from service.db import session_scope
from service.imports import ImportReport, kind_named, run_import
from service.imports.report import OUTCOMES
from service.matching.load import load_states
from service.migrate import upgrade
from service.seed import load_reference
from service.settings import REPO_ROOT

HEADER = [
    "Reference", "State", "Title", "Description", "Language", "Areas", "Stage", "Priority", "Source report"
]  # fmt: skip
console = Console()


def build_file(url: str, rows: int, fmt: str, seed: int, prefix: str = "BENCH") -> bytes:
    """The request rows a team would receive: names not codes, some areas left to the tagger."""
    rng = random.Random(seed)
    with session_scope(url) as session:
        states = load_states(session)
    data = corpus(load_catalogue(), states, rows, 10, seed)
    table = [
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
        for r in data.requests
    ]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(table)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Requests")
    sheet.append(HEADER)
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed_import(url: str, data: bytes, name: str, *, dry_run: bool) -> tuple[ImportReport, float]:
    started = time.perf_counter()
    with session_scope(url) as session:
        report = run_import(session, kind_named("requests"), data, name, dry_run=dry_run)
    return report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--url", help="an EMPTY database to use (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        with session_scope(url) as session:
            load_reference(session, REPO_ROOT / "data")
        first = build_file(url, args.rows, args.format, args.seed)
        second = build_file(url, args.rows, args.format, args.seed + 1, prefix="BENCH2")
        size = f"{len(first) / 1e6:.1f} MB {args.format}"
        figures = Table("run", "rows", *OUTCOMES, "flagged", "seconds", "rows/s",
                        title=f"import of {args.rows:,} request rows ({size})")  # fmt: skip
        runs = [("dry run", first, True), ("import", first, False), ("re-import", first, False),
                ("2nd batch", second, False)]  # fmt: skip
        for label, data, dry_run in runs:
            report, seconds = timed_import(url, data, f"requests.{args.format}", dry_run=dry_run)
            if report.problems:
                console.print(report.problems[:5])
                raise SystemExit(f"{label}: {len(report.problems)} problems")
            flagged = sum(1 for r in report.rows if r.duplicates)
            counts = [f"{n:,}" for n in report.counts.values()]
            rate = f"{len(report.rows) / seconds:,.0f}"
            figures.add_row(label, f"{len(report.rows):,}", *counts, f"{flagged:,}", f"{seconds:.1f}", rate)
        console.print(figures)
        console.print(f"database: {url.split('@')[-1]}")


if __name__ == "__main__":
    main()
