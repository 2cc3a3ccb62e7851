"""The one rule for reaching a party's records: the team reaches all (unknown ids are 404); anyone else
reaches only their own, and is refused alike (403) whether the record is someone else's or does not
exist, so a refusal never hints at what exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from service import models as m
from service.errors import Forbidden, NotFound

T = TypeVar("T")


def guard(user: m.User, obj: T | None, owns: Callable[[T], bool], name: str) -> T:
    if user.role == "ta":
        if obj is None:
            raise NotFound(f"no such {name}")
        return obj
    if obj is None or not owns(obj):
        raise Forbidden(f"this {name} is not yours")
    return obj
