"""Data in and out on the command line: `import KIND FILE [--dry-run]`, `import template KIND --out PATH`,
`backup PATH` and `restore PATH`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from service.cli.common import clean_errors, console, database_url, err, scope, settings, today
from service.errors import DataFileError
from service.imports import KINDS, ImportReport, kind_named, run_import
from service.imports.sheets import FileTooLarge, Limits

import_app = typer.Typer(
    help="Import requests, programmes, contacts or reports from CSV or XLSX (all rows or none).",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="a .csv (UTF-8) or .xlsx file, one row per item")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Only report what would change; write nothing.")]
Show = Annotated[int, typer.Option(help="How many rows and problems to list.")]


def _read(path: Path, limits: Limits) -> bytes:
    try:
        if path.stat().st_size > limits.bytes:  # never read a huge file whole only to refuse it
            raise FileTooLarge(
                path.name,
                None,
                f"is {path.stat().st_size:,} bytes; split it into smaller files",
                limit="MATCHMAKER_IMPORT_MAX_BYTES",
                maximum=limits.bytes,
            )
        return path.read_bytes()
    except OSError as exc:
        raise DataFileError(path.name, None, f"cannot be read ({exc.strerror or exc})") from None


def print_report(report: ImportReport, show: int) -> None:
    counts = Table(*report.counts, title=f"import {report.kind}{' (dry run)' if report.dry_run else ''}")
    counts.add_row(*(str(n) for n in report.counts.values()))
    console.print(counts)
    listed = [r for r in report.rows if r.outcome != "unchanged" or r.duplicates]
    problems: dict[int | None, list[str]] = {}
    for problem in report.problems:
        problems.setdefault(problem.row, []).append(f"{problem.column or 'row'}: {problem.reason}")
    shown = listed[:show]
    if shown:
        rows = Table("row", "reference", "outcome", "changes, notes and problems")
        for result in shown:
            notes = result.changes + result.notes + problems.get(result.row, [])
            notes += [f"looks like {d.reference} ({d.similarity:.2f}): {d.title}" for d in result.duplicates]
            rows.add_row(str(result.row), result.reference, result.outcome, "\n".join(notes))
        console.print(rows)
        if len(listed) > show:
            console.print(f"… and {len(listed) - show} more rows (--show to list more)")
    if report.ignored_columns:
        console.print(f"ignored columns: {', '.join(report.ignored_columns)}")
    in_table = {r.row for r in shown}
    for problem in [p for p in report.problems if p.row not in in_table][:show]:
        err.print(f"[red]rejected[/red] {problem}", highlight=False)
    console.print(report.summary(), highlight=False)


def _import_command(kind: str) -> Callable[..., None]:
    def command(file: FileArg, dry_run: DryRun = False, show: Show = 50) -> None:
        limits = Limits.of(settings())
        data = _read(file, limits)
        with scope() as session:
            report = run_import(session, kind_named(kind), data, file.name, dry_run=dry_run, limits=limits)
        print_report(report, show)
        if report.problems:
            raise typer.Exit(1)

    command.__doc__ = (
        f"Import {kind} from FILE: every row is checked first; any rejected row means nothing is written. "
        "Importing the same file again changes nothing."
    )
    return clean_errors(command)


for _kind in KINDS:
    import_app.command(_kind)(_import_command(_kind))


@import_app.command("iati")
@clean_errors
def import_iati_command(
    file: Annotated[Path, typer.Argument(help="an IATI activity file (iati-activities, version 2.0x)")],
    dry_run: DryRun = False,
    show: Show = 50,
) -> None:
    """Import programmes from an IATI activity file, one per iati-activity keyed by its iati-identifier:
    every activity is checked first; any rejected one means nothing is written."""
    from service.imports.iati import import_iati

    limits = Limits.of(settings())
    data = _read(file, limits)
    with scope() as session:
        report = import_iati(session, data, file.name, dry_run=dry_run, limits=limits)
    print_report(report, show)
    if report.problems:
        raise typer.Exit(1)


export_app = typer.Typer(help="Data out in standard formats.", no_args_is_help=True)


@export_app.command("iati")
@clean_errors
def export_iati_command(
    month: Annotated[str, typer.Argument(help="the month, as 2003-05")],
    out: Annotated[Path, typer.Option("--out", help="the XML file to write")],
) -> None:
    """Write the assistance agreed and delivered by the end of MONTH as IATI activities (2.03)."""
    from service.imports.iati_export import export_iati

    with scope() as session:
        data = export_iati(session, month, on=today())
    out.write_bytes(data)
    console.print(f"wrote {data.count(b'<iati-activity ')} activities to {out}")


@import_app.command("template")
@clean_errors
def import_template(
    kind: Annotated[str, typer.Argument(help=f"one of {', '.join(KINDS)}")],
    out: Annotated[Path, typer.Option(help="where to write it; .csv or .xlsx")],
) -> None:
    """Write a blank template for KIND, with the columns in plain words (XLSX adds a how-to sheet)."""
    from service.imports.templates import template

    out.write_bytes(template(kind, out.suffix.lower().lstrip(".")))
    console.print(f"wrote the {kind} template to {out}")


def backup(
    path: Annotated[Path, typer.Argument(help="the archive to write (.jsonl.gz)")],
    force: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Write a consistent dump of every table (safe while the service runs)."""
    from service.backup import write_backup

    if path.exists() and not force:
        raise DataFileError(path.name, None, "already exists; choose another name or pass --force")
    header = write_backup(database_url(), path)
    total = sum(header.counts.values())
    tables = len(header.counts)
    console.print(f"backed up {total} rows of {tables} tables at revision {header.revision} to {path}")


def restore(path: Annotated[Path, typer.Argument(help="an archive written by `matchmaker backup`")]) -> None:
    """Load a backup into an empty, migrated database (refuses one that holds data)."""
    from service.backup import read_backup_into

    header = read_backup_into(database_url(), path)
    total = sum(header.counts.values())
    tables = len(header.counts)
    console.print(f"restored {total} rows of {tables} tables from {path} (made {header.created_at})")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
    app.command("backup")(clean_errors(backup))
    app.command("restore")(clean_errors(restore))
