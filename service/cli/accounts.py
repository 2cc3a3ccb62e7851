"""Commands for the users of the three audiences."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.common import clean_errors, console, scope

users_app = typer.Typer(help="Users of the three audiences.", no_args_is_help=True)


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
    from service.accounts.logic import create_user

    with scope() as session:
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


@users_app.command("reactivate")
@clean_errors
def users_reactivate(username: str) -> None:
    """Let a deactivated user sign in again (tokens and sessions from before stay dead)."""
    from service.accounts.logic import reactivate
    from service.accounts.queries import user_named

    with scope() as session:
        user = reactivate(session, None, user_named(session, username))
        console.print(f"user {user.username} is active")


@users_app.command("set-password")
@clean_errors
def users_set_password(
    username: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Set a user's password (asked twice, never echoed); the user is signed out everywhere."""
    from service.accounts.logic import set_password
    from service.accounts.queries import user_named

    with scope() as session:
        user = set_password(session, None, user_named(session, username), password)
        console.print(f"password of {user.username} set; their sessions and tokens are revoked")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
