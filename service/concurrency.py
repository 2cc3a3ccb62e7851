"""Optimistic concurrency: an edit names the version it read; a stale one is refused, never applied."""

from __future__ import annotations

from typing import Protocol

from service.errors import Conflict


class HasVersion(Protocol):
    version: int


def check_version(obj: HasVersion, version: int) -> None:
    if obj.version != version:
        raise Conflict(
            "it changed since you read it; reload and try again",
            field="version",
            details={"current_version": obj.version},
        )
