"""`matchmaker edition …` and `matchmaker goal …`: build, compare, export, verify and circulate the monthly
Assistance Matrix, and report on the goal. Registered by service/cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.cli.common import clean_errors, console, err, scope, settings, today

edition_app = typer.Typer(help="Monthly editions of the Assistance Matrix (never published on the web).")
goal_app = typer.Typer(help="The goal: every reasonable request met.")

MonthArg = Annotated[str, typer.Argument(help="the month, as 2003-05")]
RevisionOpt = Annotated[int | None, typer.Option(help="a given revision (default: the latest)")]


def bar() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@edition_app.command("build")
@clean_errors
def build(
    month: MonthArg,
    reason: Annotated[
        str | None, typer.Option(help="why a circulated month is corrected (makes a new revision)")
    ] = None,
) -> None:
    """Freeze MONTH's matrix. A circulated month is refused unless --reason makes a correction."""
    from service.editions import store

    steps = ["requests", "matches", "programmes", "reference"]
    with bar() as progress, scope() as session:
        task = progress.add_task("building", total=len(steps))
        edition = store.build(
            session,
            month,
            actor=None,
            on=today(),
            reason=reason,
            step=lambda label: progress.update(task, completed=steps.index(label), description=label),
        )
        console.print(
            f"built {store.label(edition)}: {edition.requests} requests, {edition.gaps} without any "
            f"programme (gaps); checksum {edition.checksum}"
        )


@edition_app.command("list")
@clean_errors
def listing() -> None:
    """Every edition, newest first, with how many parties received it."""
    from service.editions import store

    table = Table("month", "revision", "built", "by", "requests", "gaps", "circulated to", "reason")
    with scope() as session:
        for edition, parties in store.listing(session):
            table.add_row(
                edition.month,
                str(edition.revision),
                f"{edition.built_at:%Y-%m-%d %H:%M}",
                edition.built_by,
                str(edition.requests),
                str(edition.gaps),
                f"{parties} parties" if parties else "not yet",
                edition.reason or "",
            )
    console.print(table)


@edition_app.command("verify")
@clean_errors
def verify(
    month: Annotated[str | None, typer.Argument(help="the month (default: every edition)")] = None,
) -> None:
    """Recompute each edition's checksum; exit 1 when any differs from the one sealed at build time."""
    from service.editions import store

    with scope() as session:
        verdicts = store.verify(session, month)
    for v in verdicts:
        mark = "[green]ok[/green]" if v.ok else "[red]CHANGED[/red]"
        console.print(f"{v.month} revision {v.revision}: {mark} {v.stored}", highlight=False)
    bad = [v for v in verdicts if not v.ok]
    for v in bad:
        err.print(f"[red]error:[/red] {v.problem}", highlight=False)
    if bad:
        raise typer.Exit(1)


@edition_app.command("diff")
@clean_errors
def diff(
    month: MonthArg,
    against: Annotated[
        str | None, typer.Option(help="compare with this month (default: the one before)")
    ] = None,
) -> None:
    """What changed since the previous edition: new, met, withdrawn, closed, re-prioritised, accepted…"""
    from service.editions import store
    from service.editions.compare import changes
    from service.editions.diff import KINDS

    with scope() as session:
        sealed = store.get(session, month)
        delta = changes(session, sealed, against)
    if delta is None:
        console.print(f"{sealed.label} is the first edition: nothing to compare it with")
        return
    origin = delta["from"]
    console.print(f"{sealed.label} against {origin['month']} revision {origin['revision']}")
    counts = Table("change", "count")
    for kind, count in delta["counts"].items():
        counts.add_row(KINDS[kind], str(count))
    console.print(counts)
    detail = Table("change", "ref", "title", "state", "programme", "before", "after")
    for ch in delta["changes"]:
        detail.add_row(
            KINDS[ch["kind"]],
            ch["ref"],
            ch["title"],
            ch["state"] or "",
            ch["programme_ref"] or "",
            str(ch["before"] if ch["before"] is not None else ""),
            str(ch["after"] if ch["after"] is not None else ""),
        )
    console.print(detail)


@edition_app.command("export")
@clean_errors
def export(
    month: MonthArg,
    out: Annotated[Path, typer.Option(help="a file, or a folder to write the file into")],
    format: Annotated[str, typer.Option("--format", "-f", help="xlsx, csv, json or html")] = "xlsx",
    revision: RevisionOpt = None,
) -> None:
    """Write MONTH's edition as XLSX, CSV, JSON or a printable HTML page."""
    from service.editions import store
    from service.editions.compare import changes
    from service.editions.exports import FORMATS, render
    from service.errors import InvalidInput

    if format not in FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}, not {format!r}", field="format")
    with bar() as progress, scope() as session:
        task = progress.add_task("verifying", total=2)
        sealed = store.get(session, month, revision)
        progress.update(task, completed=1, description=f"writing {format}")
        result = render(sealed, changes(session, sealed), format)
        progress.update(task, completed=2)
    path = out / result.filename if out.is_dir() else out
    path.write_bytes(result.data)
    console.print(f"wrote {sealed.label} to {path} ({len(result.data):,} bytes)")


@edition_app.command("packages")
@clean_errors
def packages(
    month: MonthArg,
    out: Annotated[Path, typer.Option(help="the folder to write the full matrix and packages/ into")],
    party: Annotated[str | None, typer.Option(help="only this party: a state code or a provider id")] = None,
) -> None:
    """Write the full matrix, each provider's need list and each state's status sheet, to look at before
    circulating: nothing is sent or logged (`edition circulate` sends)."""
    from service.editions import store
    from service.editions.compare import changes
    from service.editions.exports import render
    from service.editions.packages import plan, workbooks
    from service.errors import NotFound

    with scope() as session:
        sealed = store.get(session, month)
        plans = [p for p in plan(sealed) if party is None or p.party == party]
        if party is not None and not plans:
            raise NotFound(f"unknown party {party!r}, or no package for it in {sealed.label}", field="party")
        matrix = render(sealed, changes(session, sealed), "xlsx")
        (out / "packages").mkdir(parents=True, exist_ok=True)
        (out / matrix.filename).write_bytes(matrix.data)
        for item, data in workbooks(plans):
            (out / "packages" / item.filename).write_bytes(data)
    console.print(f"{sealed.label}: the full matrix and {len(plans)} packages in {out}")


@edition_app.command("circulate")
@clean_errors
def circulate(
    month: MonthArg,
    party: Annotated[
        list[str] | None, typer.Option(help="only this state or organization (repeatable)")
    ] = None,
    resend_reason: Annotated[
        str | None, typer.Option(help="why parties that already received this revision get it again")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="do not ask for confirmation")] = False,
) -> None:
    """Send MONTH's latest revision to every state and organization with a published point of contact
    (the full matrix and its own part), after showing the list; each party receives a revision once."""
    from service.editions import logic, schemas
    from service.editions.circulate import preview

    conf = settings()
    with scope() as session:
        found = preview(session, month)
        chosen = [r for r in found.recipients if not party or r.party in party]
        listing = Table("party", "name", "addresses", "gets", "already received")
        for r in chosen:
            when = f"{r.received_at:%Y-%m-%d %H:%M}" if r.received_at else ""
            listing.add_row(r.party, r.name, ", ".join(r.addresses), "; ".join(r.gets()), when)
        console.print(listing)
        new = [r for r in chosen if r.received_at is None or resend_reason]
        console.print(
            f"{found.edition}: {len(new)} to send, {len(chosen) - len(new)} already received it, "
            f"{len(found.without_contacts)} states and organizations without a published contact"
        )
        if not new and not party:
            console.print("nothing to send; give --resend-reason to send it again")
            return
        if not yes and not typer.confirm(f"Circulate {found.edition} to {len(new)} recipients?"):
            raise typer.Exit(1)
        body = schemas.CirculateIn(confirm=True, resend_reason=resend_reason, parties=party or None)
        with bar() as progress:
            task = progress.add_task("circulating", total=None)
            report = logic.circulate_edition(
                session,
                month,
                body,
                settings=conf,
                actor=None,
                progress=lambda label, done, total: progress.update(
                    task, completed=done, total=total, description=label
                ),
            )
    counts = {s: report.count(s) for s in ("sent", "outbox", "failed", "skipped")}
    console.print(
        f"{report.edition}: {counts['sent']} sent, {counts['outbox']} in the outbox "
        f"({logic.outbox_folder(conf, month)}), {counts['failed']} failed, {counts['skipped']} already had it"
    )
    for name, problem in report.failed.items():
        err.print(f"[red]not sent[/red] to {name}: {problem}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


@goal_app.command("report")
@clean_errors
def goal_report(
    month: MonthArg,
    out: Annotated[Path, typer.Option(help="the folder to write the HTML page and the PNG charts into")],
) -> None:
    """The goal report of MONTH: share of reasonable requests met, time to match, ageing, gaps, reports."""
    from service.goal.logic import figures
    from service.goal.report import write

    with bar() as progress, scope() as session:
        task = progress.add_task("figures", total=2)
        goal = figures(session, month, on=today())
        progress.update(task, completed=1, description="charts")
        written = write(goal, out)
        progress.update(task, completed=2)
    share = f"{100 * goal.share_met:.0f}%" if goal.share_met is not None else "no"
    console.print(
        f"{goal.month}: {share} of {goal.reasonable} reasonable requests met, {goal.met_in_month} in the "
        f"month, {goal.gaps} gaps; wrote {written[0]} and {len(written) - 1} charts"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(edition_app, name="edition", no_args_is_help=True)
    app.add_typer(goal_app, name="goal", no_args_is_help=True)
