"""The `matchmaker` command line: this module only assembles the command groups, one module each."""

from __future__ import annotations

import typer

from service.cli import accounts, allocation, data, editions, jobs, matching, system

app = typer.Typer(
    help="Matchmaker: counter-terrorism technical-assistance requests × programmes.", no_args_is_help=True
)

for _group in (system, accounts, matching, allocation, editions, data, jobs):
    _group.register(app)
