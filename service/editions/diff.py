"""What changed between two editions: new requests, requests met / withdrawn / closed, priority and status
changes, new and retired programmes, newly accepted matches. Pure: two contents in, a list of changes out."""

from __future__ import annotations

from collections import Counter
from typing import Any

from service.editions.asof import COMMITTED
from service.vocab import ACTIVE_REQUEST_STATUSES, LABELS

# Kinds in reading order; closed requests are named by the status they reached.
KINDS: dict[str, str] = {
    "new_request": "New request",
    "met": "Request met",
    "withdrawn": "Request withdrawn",
    "closed_unmet": "Request closed, unmet",
    "not_reasonable": "Request found not reasonable",
    "duplicate": "Request found a duplicate",
    "status_changed": "Status changed",
    "priority_changed": "Priority changed",
    "newly_accepted": "Match newly accepted",
    "new_programme": "New programme",
    "retired_programme": "Programme retired",
}


def _request_change(
    kind: str, request: dict[str, Any], before: Any = None, after: Any = None
) -> dict[str, Any]:
    return {
        "kind": kind,
        "request": request["id"],
        "ref": request["ref"],
        "state": request["state"],
        "title": request["title"],
        "programme": None,
        "programme_ref": None,
        "provider": None,
        "before": before,
        "after": after,
    }


def _programme_change(kind: str, programme: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": kind,
        "request": None,
        "ref": programme["ref"],
        "state": None,
        "title": programme["title"],
        "programme": programme["id"],
        "programme_ref": programme["ref"],
        "provider": programme["provider"],
        "before": None,
        "after": None,
    }


def _request_changes(
    old: dict[int, dict[str, Any]], new: dict[int, dict[str, Any]], programmes: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for request_id, request in new.items():
        was = old.get(request_id)
        status = request["status"]
        if was is None and status in ACTIVE_REQUEST_STATUSES:
            out.append(_request_change("new_request", request, after=LABELS[status]))
            continue
        was_active = was is None or was["status"] in ACTIVE_REQUEST_STATUSES
        if status not in ACTIVE_REQUEST_STATUSES:
            if was_active:
                before = LABELS[was["status"]] if was else None
                out.append(_request_change(status, request, before, LABELS[status]))
            continue
        assert was is not None
        if was["status"] != status:
            out.append(_request_change("status_changed", request, LABELS[was["status"]], LABELS[status]))
        if was["status"] in ACTIVE_REQUEST_STATUSES and was["priority"] != request["priority"]:
            out.append(_request_change("priority_changed", request, was["priority"], request["priority"]))
        committed_before = {x["programme"] for x in was["matches"] if x["status"] in COMMITTED}
        for match in request["matches"]:
            if match["status"] in COMMITTED and match["programme"] not in committed_before:
                change = _request_change("newly_accepted", request, after=LABELS[match["status"]])
                programme = programmes[match["programme"]]
                change.update(
                    programme=programme["id"], programme_ref=programme["ref"], provider=programme["provider"]
                )
                out.append(change)
    return out


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Changes from `old` (None: the first edition, where everything is new) to `new`."""
    old_requests = {r["id"]: r for r in old["requests"]} if old else {}
    new_requests = {r["id"]: r for r in new["requests"]}
    by_id = {p["id"]: p for p in (old["programmes"] if old else [])} | {p["id"]: p for p in new["programmes"]}
    changes = _request_changes(old_requests, new_requests, by_id)
    was_active = {p["id"] for p in old["programmes"] if p["active"]} if old else set()
    now_active = {p["id"] for p in new["programmes"] if p["active"]}
    changes += [_programme_change("new_programme", by_id[i]) for i in sorted(now_active - was_active)]
    changes += [_programme_change("retired_programme", by_id[i]) for i in sorted(was_active - now_active)]
    order = list(KINDS)
    changes.sort(key=lambda c: (order.index(c["kind"]), c["state"] or "", c["ref"]))
    counts = Counter(c["kind"] for c in changes)
    return {
        "from": {"month": old["month"], "revision": old["revision"]} if old else None,
        "to": {"month": new["month"], "revision": new["revision"]},
        "counts": {kind: counts.get(kind, 0) for kind in KINDS},
        "changes": changes,
    }
