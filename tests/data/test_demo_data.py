"""Demo data invariants: pure file checks on data/demo (no database)."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from service.vocab import COMMITTED_MATCH_STATUSES, LIVE_MATCH_STATUSES, MatchStatus, values

DATA = Path(__file__).resolve().parents[2] / "data"
AREAS = {"legislation", "financing", "customs", "immigration", "extradition", "law-enforcement", "arms",
         "aviation", "maritime", "cbrn", "other"}
STATUSES = {"submitted", "open", "matched", "in_delivery", "met", "withdrawn", "closed_unmet", "not_reasonable",
            "duplicate"}
ACTIVE = {"submitted", "open", "matched", "in_delivery"}
MATCH_STATUSES = set(values(MatchStatus))
END = "2003-06-30"
MODALITIES = {"training", "legislative_advice", "equipment", "mentoring", "workshop", "expert_visit", "study_visit",
              "online_course"}
# Statuses each status may follow in a request's history.
NEXT = {
    "submitted": {"open", "not_reasonable", "duplicate", "withdrawn"},
    "open": {"matched", "withdrawn", "closed_unmet"},
    # Nothing takes back a state's consent: a matched request goes on to delivery (or is closed).
    "matched": {"in_delivery", "withdrawn", "closed_unmet"},
    "in_delivery": {"met", "closed_unmet"},
}


def load(name: str) -> list[dict]:
    return json.loads((DATA / "demo" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def states() -> dict[str, dict[str, str]]:
    with open(DATA / "reference" / "states.csv", encoding="utf-8") as fh:
        return {r["iso3"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def orgs() -> dict[str, dict]:
    return {o["id"]: o for o in json.loads((DATA / "reference" / "organizations.json").read_text("utf-8"))}


@pytest.fixture(scope="module")
def programmes() -> dict[str, dict]:
    return {p["ref"]: p for p in load("programmes.json")}


@pytest.fixture(scope="module")
def requests() -> list[dict]:
    return load("requests.json")


def covers(scope: dict, iso3: str, states: dict, orgs: dict) -> bool:
    if scope.get("global"):
        return True
    if "members_of" in scope:
        return any(iso3 in orgs[o]["members"] for o in scope["members_of"])
    if "states" in scope:
        return iso3 in scope["states"]
    row = states[iso3]
    return bool({row["region"], row["subregion"], row["intermediate_region"]} & set(scope["regions"]))


def test_programmes(programmes, states, orgs):
    assert len(programmes) >= 80
    assert len({p["provider"] for p in programmes.values()}) >= 30
    regions = {v for s in states.values() for v in (s["region"], s["subregion"], s["intermediate_region"]) if v}
    for p in programmes.values():
        assert p["provider"] in orgs or p["provider"] in states, p["ref"]
        assert p["areas"] and set(p["areas"]) <= AREAS, p["ref"]
        assert p["modality"] in MODALITIES
        assert p["language"] in p["languages"] or p["language"] in {"en", "fr", "es", "ru", "ar", "zh"}
        assert p["capacity_per_quarter"] > 0
        assert p["active_to"] is None or p["active_from"] < p["active_to"]
        (kind, value), = p["scope"].items()
        if kind == "global":
            assert value is True
        elif kind == "members_of":
            assert set(value) <= set(orgs), p["ref"]
        elif kind == "states":
            assert set(value) <= set(states), p["ref"]
        else:
            assert kind == "regions" and set(value) <= regions, p["ref"]


def test_request_counts_and_spread(requests, states):
    assert len(requests) >= 300
    assert len({r["state"] for r in requests}) >= 60
    assert {r["state"] for r in requests} <= set(states)
    assert {a for r in requests for a in r["areas"]} == AREAS
    assert {r["stage"] for r in requests} == {"A", "B", "C"}
    languages = Counter(r["language"] for r in requests)
    assert {"en", "fr", "es", "ru", "ar", "zh"} <= set(languages)
    assert sum(n for lang, n in languages.items() if lang != "en") >= 0.4 * len(requests)
    assert any(not r["areas"] for r in requests)
    months = {r["submitted_at"][:7] for r in requests}
    assert {"2003-03", "2003-04", "2003-05", "2003-06"} <= months
    assert set(Counter(r["status"] for r in requests)) == STATUSES


def test_refs_unique():
    for name in ("programmes.json", "requests.json", "directory.json"):
        refs = [r["ref"] for r in load(name)]
        assert len(refs) == len(set(refs)), name
    assert len({u["username"] for u in load("users.json")}) == len(load("users.json"))


def test_history_consistent_with_status(requests):
    for r in requests:
        history = r["history"]
        assert history[0] == {"status": "submitted", "at": r["submitted_at"]}, r["ref"]
        assert history[-1]["status"] == r["status"], r["ref"]
        dates = [h["at"] for h in history]
        assert dates == sorted(dates), r["ref"]
        for before, after in zip(history, history[1:], strict=False):
            assert after["status"] in NEXT.get(before["status"], set()), (r["ref"], before, after)
        if r["status"] == "submitted":
            assert r["triage"] is None
        else:
            assert r["triage"] is not None, r["ref"]


def test_triage(requests):
    by_ref = {r["ref"]: r for r in requests}
    for r in requests:
        t = r["triage"]
        if t is None:
            continue
        assert t["outcome"] in {"reasonable", "not_reasonable", "duplicate"}
        if r["status"] == "not_reasonable":
            assert t["outcome"] == "not_reasonable" and t["reason"]
        if r["status"] == "duplicate":
            assert t["outcome"] == "duplicate"
            orig = by_ref[t["duplicate_of"]]
            assert orig["state"] == r["state"]
            assert orig["ref"] < r["ref"] and orig["submitted_at"] < r["submitted_at"]
            assert orig["description"] != r["description"]
        else:
            assert t["duplicate_of"] is None


def test_matches_consistent_with_status(requests):
    """Issue 12: a request is matched only once the state has consented to an offer, so every matched,
    in_delivery or met request has a consented (then delivering, delivered) match, and no other has one
    unless its delivery ended partial."""
    for r in requests:
        statuses = [m["status"] for m in r["matches"]]
        assert set(statuses) <= MATCH_STATUSES, r["ref"]
        committed = [s for s in statuses if s in COMMITTED_MATCH_STATUSES]
        if r["status"] in {"matched", "in_delivery", "met"}:
            assert committed, r["ref"]
        elif r["status"] == "closed_unmet":
            assert all(m["delivery"]["outcome"] == "partial" for m in r["matches"] if m["status"] == "delivered")
        else:
            assert not committed, r["ref"]
        assert len(committed) <= 1, r["ref"]  # the state agrees to one provider per request
        if r["status"] == "matched":
            assert "consented" in statuses, r["ref"]
        if r["status"] == "in_delivery":
            assert "delivering" in statuses, r["ref"]
        if r["status"] == "met":
            assert any(m["status"] == "delivered" and m["delivery"]["outcome"] == "complete" for m in r["matches"])
        if r["status"] in {"submitted", "not_reasonable", "duplicate"}:
            assert not r["matches"], r["ref"]
        for m in r["matches"]:
            if m["status"] in {"rejected", "declined"}:
                assert m["reason"], r["ref"]
            if m["status"] == "refused_by_state":
                assert m["consent_note"], r["ref"]  # the state's reason
            if m["status"] in {"delivering", "delivered"}:
                assert m["delivery"]["started"], r["ref"]
            else:
                assert m["delivery"] is None, r["ref"]
            if m["status"] == "delivered":
                assert m["delivery"]["completed"] and m["delivery"]["outcome"]


def _steps(m: dict) -> dict[str, str | None]:
    delivery = m["delivery"] or {}
    return {"decided": m["decided_at"], "offered": m["offered_at"], "consented": m["consented_at"],
            "started": delivery.get("started"), "completed": delivery.get("completed")}


def test_match_dates_follow_the_lifecycle(requests):
    """Each step a match has taken is dated, each step not taken is not, and the dates come in the order of
    service/matching/logic.py: the team's review, the provider's offer, the state's answer, the delivery
    (an unsolicited offer comes before the team's review, which still comes before the state's answer)."""
    taken = {
        "suggested": set(), "retired": set(), "accepted": {"decided"}, "rejected": {"decided"},
        "declined": {"decided", "offered"}, "offered": {"offered"},
        "consented": {"decided", "offered", "consented"},
        "refused_by_state": {"decided", "offered", "consented"},
        "delivering": {"decided", "offered", "consented", "started"},
        "delivered": {"decided", "offered", "consented", "started", "completed"},
    }
    for r in requests:
        for m in r["matches"]:
            steps = _steps(m)
            dated = {k for k, v in steps.items() if v}
            assert taken[m["status"]] <= dated, (r["ref"], m)
            assert dated <= taken[m["status"]] | {"decided"}, (r["ref"], m)
            order = ["offered", "decided"] if m["offered_at"] and m["decided_at"] and m["offered_at"] < m["decided_at"] else ["decided", "offered"]
            dates = [steps[k] for k in [*order, "consented", "started", "completed"] if steps[k]]
            assert dates == sorted(dates), (r["ref"], m)
            assert all(r["triage"]["at"] <= d <= END for d in dates), (r["ref"], m)
        history = {h["status"]: h["at"] for h in r["history"]}
        for m in r["matches"]:  # the request is matched on the day the state consents, in delivery when it starts
            if m["status"] in COMMITTED_MATCH_STATUSES:
                assert history["matched"] == m["consented_at"], r["ref"]
            if m["status"] in {"delivering", "delivered"}:
                assert history["in_delivery"] == m["delivery"]["started"], r["ref"]


def test_the_demo_shows_every_step_of_the_lifecycle(requests):
    """Every match status appears, and the cases a team member should be able to find in the demo: offers
    awaiting the state's answer on open requests, refusals by the state, unsolicited offers (one still
    awaiting the team), consents the team recorded by letter, confidential requests."""
    matches = [(r, m) for r in requests for m in r["matches"]]
    assert {m["status"] for _, m in matches} == MATCH_STATUSES
    waiting = [r for r, m in matches if m["status"] == "offered" and m["decided_at"]]
    assert len(waiting) >= 3 and {r["status"] for r in waiting} == {"open"}
    assert sum(m["status"] == "refused_by_state" for _, m in matches) >= 3
    unsolicited = [m for _, m in matches if m["offered_at"] and (not m["decided_at"] or m["offered_at"] < m["decided_at"])]
    assert len(unsolicited) >= 3 and any(m["decided_at"] is None for m in unsolicited)
    assert any(m["consent_note"] for _, m in matches if m["status"] in COMMITTED_MATCH_STATUSES)
    confidential = [r for r in requests if r["confidential"]]
    assert 3 <= len(confidential) <= 0.1 * len(requests)


def test_matched_programmes_are_eligible_and_share_an_area(requests, programmes, states, orgs):
    for r in requests:
        for m in r["matches"]:
            p = programmes[m["programme"]]
            assert covers(p["scope"], r["state"], states, orgs), (r["ref"], p["ref"])
            assert set(p["areas"]) & set(r["areas"] or AREAS), (r["ref"], p["ref"])
            assert r["language"] in p["languages"], (r["ref"], p["ref"])
            first = min(d for d in (m["decided_at"], m["offered_at"], END) if d)
            assert p["active_from"] <= first, (r["ref"], p["ref"])


# Issue 12: what a recipient would laugh at. Words that give a request's or a programme's subject away in
# the demo's six languages (its titles; the areas of 8% of requests are left empty on purpose).
COAST = ("coast", "isps", "port facility", "côt", "coster", "побереж", "ساحل", "海岸")
NUCLEAR = ("radioa", "radiation", "nuclear", "radiact", "nucleares", "радиа", "ядерн", "المشع", "放射", "辐射")
CHEMICAL = ("chemical", "chimique", "químic", "химическ", "الكيميائية", "化学")


def _about(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text.lower() for w in words)


@pytest.fixture(scope="module")
def landlocked() -> set[str]:
    with open(DATA / "reference" / "landlocked.csv", encoding="utf-8") as fh:
        return {r["iso3"] for r in csv.DictReader(fh)}


def test_maritime_needs_come_only_from_coastal_states(requests, landlocked):
    assert {"MNG", "NPL", "BOL", "MLI", "AUT", "CHE"} <= landlocked and not {"KEN", "PER", "FJI"} & landlocked
    for r in requests:
        if r["state"] in landlocked:
            assert "maritime" not in r["areas"], (r["ref"], r["state"], r["title"])
            assert not _about(r["title"], COAST), (r["ref"], r["state"], r["title"])


def test_deliveries_only_by_a_programme_whose_areas_fit(requests, programmes):
    for r in requests:
        for m in r["matches"]:
            if m["status"] not in LIVE_MATCH_STATUSES:
                continue
            p = programmes[m["programme"]]
            if r["areas"]:  # the programme's main area is the request's: no border system by airport screening
                assert p["areas"][0] == r["areas"][0], (r["ref"], r["title"], p["ref"], p["title"])
            said = f"{p['title']} {p['description']}"
            if _about(r["title"], NUCLEAR):  # no radioactive sources secured by the chemical-weapons body
                assert _about(said, NUCLEAR) and p["provider"] != "OPCW", (r["ref"], p["ref"])
            if _about(r["title"], CHEMICAL):
                assert _about(said, CHEMICAL) and p["provider"] != "IAEA", (r["ref"], p["ref"])


def test_no_state_has_two_identical_active_requests(requests):
    active = Counter((r["state"], r["title"]) for r in requests if r["status"] in ACTIVE)
    assert [key for key, n in active.items() if n > 1] == []


def test_priorities_gap_free_per_state_over_active_requests(requests):
    ranks = defaultdict(list)
    for r in requests:
        if r["status"] in ACTIVE:
            assert isinstance(r["priority"], int), r["ref"]
            ranks[r["state"]].append(r["priority"])
        else:
            assert r["priority"] is None, r["ref"]
    for state, ranked in ranks.items():
        assert sorted(ranked) == list(range(1, len(ranked) + 1)), state


def test_reports(requests):
    reports = load("reports.json")
    demo_states = {r["state"] for r in requests}
    assert {r["state"] for r in reports} == demo_states
    assert len({(r["state"], r["round"]) for r in reports}) == len(reports)
    assert any(r["received"] is None for r in reports)
    assert any(r["received"] and r["received"] > r["due"] for r in reports)
    for r in reports:
        assert 1 <= r["round"] <= 3 and r["review_status"] in {"pending", "under_review", "reviewed"}
        assert bool(r["received"]) == r["reference"].startswith("S/")


def test_contacts_users_directory(states, orgs, programmes):
    for c in load("contacts.json"):
        assert c["party"] in states or c["party"] in orgs
        assert c["email"].endswith("@example.org")
    users = load("users.json")
    roles = Counter(u["role"] for u in users)
    assert roles["ta"] >= 1 and roles["provider"] >= 3 and roles["state"] >= 3
    providers = {p["provider"] for p in programmes.values()}
    for u in users:
        assert u["password"].startswith("demo-")
        if u["role"] == "provider":
            assert u["party"] in providers
        elif u["role"] == "state":
            assert u["party"] in states
        else:
            assert u["party"] is None
    directory = load("directory.json")
    assert len(directory) >= 20
    for d in directory:
        assert d["kind"] in {"model_law", "best_practice", "standard", "regional_action_plan"}
        assert d["source"] in orgs and set(d["areas"]) <= AREAS


def test_readme_counts_are_the_files(requests):
    """data/demo/README.md says how many rows each file has and how many requests and matches stand in each
    status: the figures are the files' (regenerating must update them)."""
    import re

    readme = (DATA / "demo" / "README.md").read_text(encoding="utf-8")
    for name, n in re.findall(r"^\| `(\w+\.json)` \| (\d+) \|", readme, re.M):
        assert len(load(name)) == int(n), name
    said = {status: int(n) for status, n in re.findall(r"\| (\w+) \| (\d+) \|", readme)}
    counted = Counter(r["status"] for r in requests) + Counter(m["status"] for r in requests for m in r["matches"])
    assert said == dict(counted)


def test_generator_reproduces_the_committed_files(tmp_path, monkeypatch):
    """scripts/make_demo_data.py and its tables in scripts/demo_tables/ give exactly the files in data/demo
    (pycountry comes with the test extra)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_demo_data", DATA.parent / "scripts" / "make_demo_data.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    monkeypatch.setattr(generator, "OUT", tmp_path)
    generator.main()
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert written == sorted(p.name for p in (DATA / "demo").glob("*.json"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (DATA / "demo" / name).read_bytes(), name
