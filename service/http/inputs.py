"""One check of every text input before any route sees it: the path, the query string, a form's fields and
a JSON body's strings (keys too) must hold no control character but tab, newline and carriage return and
no lone surrogate. A bad one is refused with 422 naming the field, on the API and on pages alike, signed
in or not. (Single-line fields are stricter still: see Line in schemas.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import Request

from service.errors import InvalidInput
from service.http.schemas import bad_character, refusal


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(field, text) for every string in a decoded JSON value, fields named by their path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            yield name, str(key)
            yield from _strings(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}.{index}" if where else str(index))


def _refuse(pairs: Iterator[tuple[str, str]]) -> None:
    for field, text in pairs:
        char = bad_character(text)
        if char is not None:
            raise InvalidInput(f"{field or 'body'}: {refusal(char)}", field=field or "body")


async def refuse_control_characters(request: Request) -> None:
    """An app-wide dependency (see create_app)."""
    _refuse(iter(request.path_params.items()))
    _refuse((key, text) for key, value in request.query_params.multi_items() for text in (key, value))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()  # parsed once: routes and checked_form get the same form
        _refuse(
            (key, text)
            for key, value in form.multi_items()
            for text in (key, value if isinstance(value, str) else (value.filename or ""))
        )
    elif content_type == "application/json" or content_type.endswith("+json"):
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            return  # the route's own parsing answers for malformed JSON
        _refuse(_strings(body, ""))
