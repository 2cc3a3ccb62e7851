"""Canonical JSON and its SHA-256: the same content always serialises to the same bytes."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def dumps(content: Any) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
