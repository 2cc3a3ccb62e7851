"""HTML forms over the service's schemas and logic: read the posted fields, validate them with the same
pydantic models the API uses, run the same logic inside a savepoint, and turn every refusal into messages
next to the fields (the user's input kept) or a conflict that shows the current values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from service.errors import AppError, Conflict, Forbidden, NotFound, Unauthorized

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

MESSAGES = {
    "missing": "This is required.",
    "string_too_short": "Enter at least {min_length} characters.",
    "string_too_long": "Use at most {max_length} characters.",
    "string_pattern_mismatch": "This is not in the expected form.",
    "too_short": "Choose at least {min_length}.",
    "too_long": "Choose at most {max_length}.",
    "int_parsing": "Enter a whole number.",
    "int_type": "Enter a whole number.",
    "float_parsing": "Enter a number.",
    "date_from_datetime_parsing": "Enter a date as YYYY-MM-DD.",
    "date_parsing": "Enter a date as YYYY-MM-DD.",
    "literal_error": "Choose one of the options.",
    "greater_than_equal": "Enter {ge} or more.",
    "less_than_equal": "Enter {le} or less.",
}


@dataclass
class FormView:
    """What a form template needs: the values to show, messages by field, a message for the whole form,
    and — after a conflict — the current stored values that differ from the user's."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    message: str | None = None
    current: dict[str, Any] = field(default_factory=dict)
    prefix: str = ""  # keeps element ids unique when a page holds two forms with the same fields


class FormProblem(Exception):
    def __init__(
        self, errors: dict[str, str], message: str | None, status: int, *, conflict: bool = False
    ) -> None:
        super().__init__(message or "; ".join(errors.values()))
        self.errors, self.message, self.status, self.conflict = errors, message, status, conflict

    def view(
        self, values: dict[str, Any], current: Mapping[str, Any] | None = None, *, prefix: str = ""
    ) -> FormView:
        differing = {}
        if self.conflict and current is not None:
            differing = {k: v for k, v in current.items() if _same(v) != _same(values.get(k))}
        # A refusal about something the form has no field for (a request's status, say) is said on top.
        beside = {k: v for k, v in self.errors.items() if k in values}
        elsewhere = [v for k, v in self.errors.items() if k not in values]
        message = " ".join(elsewhere) if elsewhere else self.message
        return FormView(values, beside, message, differing, prefix)


def _same(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return sorted(str(v) for v in value if v not in (None, ""))
    return "" if value is None else str(value).strip()


def values(form: FormData, lists: Iterable[str] = ()) -> dict[str, Any]:
    """The posted fields as the user typed them (repeated fields as lists), without the CSRF token."""
    wanted = set(lists)
    out: dict[str, Any] = {}
    for key in form:
        if key == "csrf_token":
            continue
        if key in wanted:
            out[key] = [str(v) for v in form.getlist(key) if str(v).strip()]
        else:
            out[key] = str(form.get(key) or "")
    for key in wanted:
        out.setdefault(key, [])
    return out


def _where(loc: tuple[Any, ...], aliases: Mapping[str, str]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    while parts:
        name = ".".join(parts)
        if name in aliases:
            return aliases[name]
        if len(parts) == 1:
            return name
        parts.pop()
    return ""


def _message(error: Mapping[str, Any]) -> str:
    template = MESSAGES.get(str(error["type"]))
    if template:
        try:
            return template.format(**error.get("ctx", {}))
        except (KeyError, IndexError):
            pass
    text = str(error["msg"])
    text = text.removeprefix("Value error, ")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def parse(schema: type[M], data: Mapping[str, Any], aliases: Mapping[str, str] | None = None) -> M:
    """`data` validated by the API's own schema; FormProblem (422) with a message per field otherwise.
    `aliases` maps schema locations to form fields ("__root__": where whole-model errors go)."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        general = None
        for error in exc.errors():
            where = _where(tuple(error["loc"]), aliases or {}) or (aliases or {}).get("__root__", "")
            if where:
                errors.setdefault(where, _message(error))
            else:
                general = general or _message(error)
        raise FormProblem(errors, general or "Please correct the marked fields.", 422) from exc


def run(session: Session, action: Callable[[], T], aliases: Mapping[str, str] | None = None) -> T:
    """Run the service logic in a savepoint: on a refusal nothing it did is kept, and the refusal becomes
    a FormProblem (a stale version becomes a conflict, 409)."""
    try:
        with session.begin_nested():
            return action()
    except (Forbidden, NotFound, Unauthorized):
        raise  # not a form problem: the error page says so
    except Conflict as exc:
        if exc.field == "version":
            message = (
                "Someone else changed this since you opened it. Their current values are shown under "
                "your changes; review them and save again to keep yours."
            )
            raise FormProblem({}, message, 409, conflict=True) from exc
        raise _problem(exc, aliases) from exc
    except AppError as exc:
        raise _problem(exc, aliases) from exc


def _problem(exc: AppError, aliases: Mapping[str, str] | None) -> FormProblem:
    message = exc.message[:1].upper() + exc.message[1:]
    if exc.field:
        where = _where(tuple(exc.field.split(".")), aliases or {})
        return FormProblem({where: message}, "Please correct the marked fields.", exc.status_code)
    return FormProblem({}, message, exc.status_code)
