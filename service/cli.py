"""The `matchmaker` command line: database, seeding, serving and users. Other domains add their
commands through register() functions so this file stays an index."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from service.db import check_connection, engine_for, session_scope
from service.errors import AppError
from service.settings import get_settings

app = typer.Typer(
    help="Matchmaker: counter-terrorism technical-assistance requests × programmes.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Users of the three audiences.", no_args_is_help=True)
match_app = typer.Typer(help="Suggested matches.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(match_app, name="match")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(func: F) -> F:
    """Turn domain errors into one line on stderr and a non-zero exit, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AppError as exc:
            err.print(f"[red]error:[/red] {exc.message}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def database_url() -> str:
    url = get_settings().database_url
    check_connection(engine_for(url))
    return url


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


@app.command()
@clean_errors
def seed(demo: Annotated[bool, typer.Option(help="Also load the demo data set.")] = False) -> None:
    """Load the reference data (and the demo data with --demo). Safe to run again: it changes nothing."""
    from service.demo_seed import load_demo
    from service.seed import load_reference

    settings = get_settings()
    with session_scope(database_url()) as session:
        reports = [load_reference(session, settings.data_dir)]
        if demo:
            reports.append(load_demo(session, settings.data_dir))
    table = Table("table", "inserted", "updated", title="seed")
    for report in reports:
        for name in report.inserted:
            table.add_row(name, str(report.inserted[name]), str(report.updated.get(name, 0)))
    console.print(table)
    if not any(r.changed for r in reports):
        console.print("nothing changed: the database already held this data")


@app.command()
@clean_errors
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    reload: bool = False,
    show_demo_logins: Annotated[bool, typer.Option(help="Print the demo users and passwords.")] = False,
) -> None:
    """Serve the web app and API (OpenAPI docs at /docs)."""
    import uvicorn

    database_url()
    if show_demo_logins:
        from service.demo_seed import demo_logins

        table = Table("username", "password", "role", "party", title="demo logins")
        for login in demo_logins(get_settings().data_dir):
            table.add_row(*(str(login[k] or "") for k in ("username", "password", "role", "party")))
        console.print(table)
    console.print(f"serving on http://{host}:{port}  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        log_level=get_settings().log_level.lower(),
    )


@users_app.command("create")
@clean_errors
def users_create(
    username: str,
    role: Annotated[str, typer.Option(help="ta, provider or state")],
    party: Annotated[str | None, typer.Option(help="the state's ISO3 code or the provider's id")] = None,
    display_name: str = "",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Create a user bound to a party (a state for role state, a provider for role provider)."""
    from service.accounts import create_user

    with session_scope(database_url()) as session:
        user = create_user(
            session,
            username=username,
            password=password,
            role=role,
            party=party,
            display_name=display_name,
            actor=None,
        )
        console.print(f"created user {user.username} ({user.role}{', ' + user.party if user.party else ''})")


@match_app.command("refresh")
@clean_errors
def match_refresh() -> None:
    """Score every open request against every active programme and store the top suggestions."""
    from rich.progress import Progress

    from service.matching.refresh import refresh

    with Progress(console=console) as bar, session_scope(database_url()) as session:
        task = bar.add_task("matching", total=3)
        report = refresh(
            session,
            actor=None,
            progress=lambda label, done, total: bar.update(
                task, completed=done, total=total, description=label
            ),
        )
    console.print(
        f"{report.requests} requests × {report.programmes} programmes in {report.seconds} s: "
        f"{report.new} new, {report.updated} updated, {report.retired} retired, {report.restored} restored "
        f"suggestions; {report.gaps} requests with no eligible programme (gaps)"
    )


# The other domains' commands (scoring core, editions and goal, import and backup). Imported last: they
# build on the helpers above (clean_errors, database_url, console).
from service import cli_data, cli_editions, cli_matching  # noqa: E402

for _domain in (cli_matching, cli_editions, cli_data):
    _domain.register(app)
