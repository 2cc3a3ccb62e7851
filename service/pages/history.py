"""A request's history (its events) told in words for the timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.requests.schemas import HistoryItem
from service.vocab import LABELS


def _get(values: Mapping[str, Any] | None, key: str) -> Any:
    return (values or {}).get(key)


def describe(item: HistoryItem) -> str:
    """One line: what happened, e.g. "Status: Submitted, awaiting triage → Open" or "Priority 3 → 1"."""
    before, after = item.before, item.after
    if item.action == "request.created":
        return "Filed"
    if item.action == "request.status":
        old, new = _get(before, "status"), _get(after, "status")
        if old and new:
            return f"Status: {LABELS.get(old, old)} → {LABELS.get(new, new)}"
        return f"Status: {LABELS.get(new, new)}"
    if item.action == "request.priority":
        return f"Priority {_get(before, 'priority') or '—'} → {_get(after, 'priority') or '—'}"
    if item.action == "request.updated":
        changed = sorted(k for k in (after or {}) if _get(before, k) != _get(after, k))
        return "Edited: " + ", ".join(changed) if changed else "Edited"
    return item.action.split(".", 1)[-1].replace("_", " ").capitalize()
