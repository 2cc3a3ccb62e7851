"""The importable kinds of rows, by the name the CLI and the API use."""

from __future__ import annotations

from service.imports.engine import Kind
from service.imports.kinds.parties import ContactKind, ReportKind
from service.imports.kinds.programmes import ProgrammeKind
from service.imports.kinds.requests import RequestKind

KINDS: dict[str, type[Kind]] = {
    kind.name: kind for kind in (RequestKind, ProgrammeKind, ContactKind, ReportKind)
}


def kind_named(name: str) -> Kind:
    """A fresh instance for one import (kinds keep per-import state such as the file's priorities)."""
    from service.errors import InvalidInput

    if name not in KINDS:
        raise InvalidInput(f"cannot import {name!r}: choose one of {', '.join(KINDS)}", field="kind")
    return KINDS[name]()
