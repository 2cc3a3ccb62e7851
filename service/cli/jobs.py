"""Background jobs from the command line: `matchmaker worker` runs the huey consumer that does them, and
`matchmaker job run|show` submits one and follows it with a Rich progress bar."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from service import models as m
from service.cli.common import clean_errors, console, database_url, err, settings, today
from service.db import session_scope
from service.errors import InvalidInput
from service.vocab import UNFINISHED_JOB_STATES

job_app = typer.Typer(help="Background jobs: submit one and follow it.", no_args_is_help=True)


@clean_errors
def worker(
    threads: Annotated[int, typer.Option(min=1, max=64, help="Jobs this worker runs at once.")] = 1,
) -> None:
    """Run a job worker (huey's consumer) until stopped: it does the queued jobs, and every minute queues
    again those whose worker died. Start as many as the machine can take, on any machine that reaches the
    database and the broker."""
    import service.imports.background  # noqa: F401  (registers the import jobs' work)
    from service.jobs.queue import queue
    from service.jobs.runner import stranded

    current = settings()
    database_url()
    q = queue(current)
    for job_id in stranded(current):  # jobs left by a worker that died while none was running
        q.run_job(job_id)
    broker = current.jobs_broker or f"sqlite file {current.jobs_path}"
    console.print(f"job worker: {threads} thread(s), broker {broker}")
    q.huey.create_consumer(workers=threads, worker_type="thread", periodic=True).run()


def _follow(job_id: int) -> m.Job:
    """Show the job's progress until it ends, reading its row (written by whichever worker has it)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task(f"job {job_id}", total=None)
        while True:
            with session_scope(database_url()) as session:
                job = session.get(m.Job, job_id)
                if job is None:
                    raise InvalidInput(f"no job {job_id}", field="job")
                session.expunge(job)
            bar.update(
                task, completed=job.done, total=job.total or None, description=f"job {job_id}: {job.step}"
            )
            if job.state not in UNFINISHED_JOB_STATES:
                return job
            time.sleep(0.5)


def _report(job: m.Job) -> None:
    if job.state == "failed":
        err.print(f"[red]job {job.id} failed:[/red] {job.error}", highlight=False)
        raise typer.Exit(1)
    console.print(f"job {job.id} done: {job.result}")


@job_app.command("run")
@clean_errors
def job_run(
    kind: Annotated[
        str, typer.Argument(help="matching.refresh, edition.build, edition.export or edition.circulate")
    ],
    month: Annotated[str | None, typer.Option(help="YYYY-MM, for edition work")] = None,
    username: Annotated[str, typer.Option("--as", help="the team member the job runs for")] = "admin",
) -> None:
    """Submit a job to the workers and follow it with a progress bar."""
    from sqlalchemy import select

    from service.jobs.logic import submit
    from service.jobs.schemas import JobIn

    body = JobIn.model_validate({"kind": kind, "month": month})
    with session_scope(database_url()) as session:
        user = session.scalar(select(m.User).where(m.User.username == username, m.User.role == "ta"))
        if user is None:
            raise InvalidInput(f"no team member {username!r}", field="as")
        job_id = submit(session, user, body, settings=settings(), on=today()).id
    _report(_follow(job_id))


@job_app.command("show")
@clean_errors
def job_show(job_id: int) -> None:
    """Follow a job until it ends."""
    _report(_follow(job_id))


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.add_typer(job_app, name="job")
