"""Commands that run the service itself: the database schema, seeding and serving."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated

import typer
from rich.table import Table

from service.cli.common import clean_errors, console, database_url, scope, settings
from service.errors import ConfigurationError

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
@clean_errors
def db_upgrade(revision: str = "head") -> None:
    """Create or migrate the database schema (Alembic)."""
    from service.migrate import upgrade

    upgrade(database_url(), revision)
    console.print(f"database at revision {revision}")


@db_app.command("downgrade")
@clean_errors
def db_downgrade(revision: str) -> None:
    """Migrate the schema down to REVISION ('base' drops everything)."""
    from service.migrate import downgrade

    downgrade(database_url(), revision)
    console.print(f"database at revision {revision}")


def refuse_demo_in_production(what: str) -> None:
    """The demo accounts' passwords are published: never in production."""
    if settings().environment == "production":
        raise ConfigurationError(f"{what} is refused in production: the demo accounts' passwords are public")


@clean_errors
def seed(demo: Annotated[bool, typer.Option(help="Also load the demo data set.")] = False) -> None:
    """Load the reference data (and the demo data with --demo). Safe to run again: it changes nothing."""
    from service.seeding.demo import load_demo
    from service.seeding.reference import load_reference

    if demo:
        refuse_demo_in_production("seed --demo")
    data_dir = settings().data_dir
    with scope() as session:
        reports = [load_reference(session, data_dir)]
        if demo:
            reports.append(load_demo(session, data_dir))
    table = Table("table", "inserted", "updated", title="seed")
    for report in reports:
        for name in report.inserted:
            table.add_row(name, str(report.inserted[name]), str(report.updated.get(name, 0)))
    console.print(table)
    if not any(r.changed for r in reports):
        console.print("nothing changed: the database already held this data")


@clean_errors
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    reload: bool = False,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="App processes (each stateless: state lives in the database).")
    ] = 1,
    show_demo_logins: Annotated[bool, typer.Option(help="Print the demo users and passwords.")] = False,
    worker: Annotated[
        bool,
        typer.Option(help="Also run one job worker beside the app (off when workers run on their own)."),
    ] = True,
) -> None:
    """Serve the web app and API (OpenAPI docs at /docs). Proxy headers (X-Forwarded-For/-Proto) are
    believed only from MATCHMAKER_TRUSTED_PROXIES."""
    if show_demo_logins:
        refuse_demo_in_production("serve --show-demo-logins")
    database_url()
    trusted = settings().trusted_proxies
    if show_demo_logins:
        from service.seeding.demo import demo_logins

        table = Table("username", "password", "role", "party", title="demo logins")
        for login in demo_logins(settings().data_dir):
            table.add_row(*(str(login[k] or "") for k in ("username", "password", "role", "party")))
        console.print(table)
    if workers > 1 and reload:
        raise ConfigurationError("--reload runs one process: drop --workers or --reload")
    console.print(
        f"serving on http://{host}:{port} with {workers} process(es)  (API docs: http://{host}:{port}/docs)"
    )
    # The single-machine install needs nothing else running: one job worker is started beside the app.
    companion = (
        subprocess.Popen([sys.executable, "-c", "from service.cli.main import app; app()", "worker"])
        if worker
        else None
    )
    try:
        _run_app(host, port, reload, workers, trusted)
    finally:
        if companion is not None:
            companion.terminate()
            companion.wait(timeout=30)


def _run_app(host: str, port: int, reload: bool, workers: int, trusted: str) -> None:
    import uvicorn

    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=None if reload else workers,
        log_level=settings().log_level.lower(),
        # uvicorn believes forwarded headers from loopback unless told otherwise: only the operator's proxies.
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or "",
    )


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command()(seed)
    app.command()(serve)
