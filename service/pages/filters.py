"""Reading a filter bar's query string: an empty field means "any" (the blank option of a select), and a
value that cannot be read is refused with a 422 that names the field, never a bare validation error."""

from __future__ import annotations

from service.errors import InvalidInput


def number(value: str | None, field: str, *, low: float = 0.0, high: float = 1.0) -> float | None:
    """A number between `low` and `high`, or None for an empty field."""
    if value is None or not value.strip():
        return None
    try:
        found = float(value)
    except ValueError:
        raise InvalidInput(f"{field}: enter a number between {low:g} and {high:g}", field=field) from None
    if not low <= found <= high:
        raise InvalidInput(f"{field}: enter a number between {low:g} and {high:g}", field=field)
    return found


def whole(value: str | None, field: str) -> int | None:
    """A positive whole number (an id), or None for an empty field."""
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise InvalidInput(f"{field}: choose one of the options", field=field)
    return int(value)
