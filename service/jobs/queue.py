"""The task queue: huey, with its SQLite storage by default (no extra service) or Redis. It carries only
a job's id; the jobs table is the record. One huey instance per broker per process, with two tasks: run a
job, and (every minute, in the worker) queue again the jobs whose worker died or whose message was lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from threading import Lock
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab

from service.settings import Settings


@dataclass(frozen=True)
class Queue:
    huey: Huey
    run_job: Any  # huey's task: calling it queues the job's id


_queues: dict[tuple[str, str, str, str], Queue] = {}
_lock = Lock()


def queue(settings: Settings) -> Queue:
    """The huey of these settings (built once per process), its tasks bound to these settings."""
    key = (settings.jobs_broker, str(settings.jobs_path), settings.jobs_queue, settings.database_url)
    with _lock:
        if key not in _queues:
            _queues[key] = _build(settings)
        return _queues[key]


def _build(settings: Settings) -> Queue:
    from service.jobs import runner  # the runner imports the work of every kind; only a worker needs it

    broker = settings.jobs_broker
    huey: Huey
    if broker.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(settings.jobs_queue, url=broker, results=False)
    elif not broker:
        settings.jobs_path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(settings.jobs_queue, filename=str(settings.jobs_path), results=False)
    else:
        raise ValueError(f"MATCHMAKER_JOBS_BROKER must be empty (SQLite) or a redis:// URL, not {broker!r}")

    # huey retries a task that raised (the database was down): the fenced claim makes a retry of a job
    # that is already done or being done a no-op.
    @huey.task(retries=3, retry_delay=10, name="run_job")  # type: ignore[untyped-decorator]
    def run_job(job_id: int) -> None:
        runner.run(settings, job_id)

    @huey.periodic_task(crontab(minute="*"), name="recover_jobs")  # type: ignore[untyped-decorator]
    def recover_jobs() -> None:
        for job_id in runner.stranded(settings):
            run_job(job_id)

    del recover_jobs  # registered with huey's scheduler by the decorator
    return Queue(huey, run_job)


def enqueue(settings: Settings, job_id: int) -> None:
    """Queue a recorded job (after its row is committed, so the worker finds it)."""
    queue(settings).run_job(job_id)


def stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.jobs_stale_seconds)
