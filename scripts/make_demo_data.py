"""Generate the synthetic demo data set in data/demo/*.json (deterministic: seeded RNG).

Everything written here is DEMO data: invented requests, programmes, contacts and users, dated in 2003
(the period of the source document S/2003/387). Only the reference data it builds on (states,
organizations and their members) is real. Nothing is copied from the evaluation sets.

The words (request and programme texts, place names, providers and their programmes, names, reasons,
directory entries) are in scripts/demo_tables/*.json, each file saying what it holds under "about";
this script draws from them and walks each request through its life.

    pip install -e '.[refdata]' && python scripts/make_demo_data.py

Needs pycountry (state names in the six UN languages); the output is byte-identical on every run.
"""

from __future__ import annotations

# ruff: noqa: E501
import csv
import gettext
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry

SEED = 1373
END = date(2003, 6, 30)  # the last day of the source's work programme (1 April - 30 June 2003)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "demo"
TABLES = Path(__file__).resolve().parent / "demo_tables"
ACTIVE = ("submitted", "open", "matched", "in_delivery")


def table(name: str) -> dict[str, Any]:
    """One file of scripts/demo_tables/."""
    data: dict[str, Any] = json.loads((TABLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


# Demo states -> {languages (weights), capital, airport, port, phone}; alt_places[state][language].
_states = table("states")
STATES: dict[str, dict[str, Any]] = _states["states"]
ALT_PLACES: dict[str, dict[str, dict[str, str]]] = _states["alt_places"]
# Request texts: texts[area][language] -> [{title, description}], with the words that vary them.
_requests = table("request_texts")
REQUESTS: dict[str, dict[str, list[dict[str, str]]]] = _requests["texts"]
AGENCY: dict[str, dict[str, str]] = _requests["agencies"]
OPENERS: dict[str, list[str]] = _requests["openers"]
CLOSERS: dict[str, list[str]] = _requests["closers"]
MONTHS: dict[str, list[str]] = _requests["months"]
DUPLICATE_PREFIX: dict[str, list[str]] = _requests["duplicate_prefix"]
LOWER_AFTER_COMMA: set[str] = set(_requests["lower_after_comma"])
# Programme texts, providers and their programmes.
PROGRAMMES: dict[str, dict[str, list[dict[str, str]]]] = table("programme_texts")["texts"]
_providers = table("providers")
PARTNER_GROUPS: dict[str, list[str]] = _providers["partner_groups"]
PROVIDERS: list[dict[str, Any]] = _providers["providers"]
VENUES: dict[str, str] = _providers["venues"]
PROVIDER_LOCAL: dict[str, dict[str, str]] = _providers["local_names"]
MODALITY_PHRASE: dict[str, str] = _providers["modality_phrases"]
# Reasons and notes of triage, matching and delivery.
_lifecycle = table("lifecycle")
NOT_REASONABLE: list[str] = _lifecycle["not_reasonable"]
REJECT_REASONS: list[str] = _lifecycle["reject_reasons"]
DECLINE_REASONS: list[str] = _lifecycle["decline_reasons"]
REFUSAL_REASONS: list[str] = _lifecycle["refusal_reasons"]
CONSENT_NOTES: list[str] = _lifecycle["consent_notes"]
DELIVERING_NOTES: list[str] = _lifecycle["delivering_notes"]
DELIVERY_NOTES: list[str] = _lifecycle["delivery_notes"]
PARTIAL_NOTES: list[str] = _lifecycle["partial_notes"]
# People: contacts' names and roles, telephone codes, demo logins.
PEOPLE = table("people")
DIRECTORY: list[dict[str, Any]] = table("directory_entries")["entries"]
TRANSLIT = str.maketrans({"é": "e", "è": "e", "ï": "i", "í": "i", "á": "a", "ó": "o", "ú": "u", "ñ": "n", "ç": "c",
                          "ô": "o", "ë": "e", "-": ""})


def landlocked() -> set[str]:
    """The landlocked states (data/reference/landlocked.csv, sources in data/README.md): no maritime needs."""
    with open(ROOT / "data" / "reference" / "landlocked.csv", encoding="utf-8") as fh:
        return {r["iso3"] for r in csv.DictReader(fh)}


LANDLOCKED = landlocked()


def load_reference() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, Any]]]:
    with open(ROOT / "data" / "reference" / "states.csv", encoding="utf-8") as fh:
        states = {r["iso3"]: r for r in csv.DictReader(fh)}
    orgs = {o["id"]: o for o in json.loads((ROOT / "data" / "reference" / "organizations.json").read_text("utf-8"))}
    return states, orgs


def eligible(scope: dict[str, Any], iso3: str, states: dict[str, dict[str, str]], orgs: dict[str, Any]) -> bool:
    """Whether a programme's scope covers a state (direct memberships only, the strictest reading)."""
    if scope.get("global"):
        return True
    if "members_of" in scope:
        return any(iso3 in orgs[o]["members"] for o in scope["members_of"])
    if "states" in scope:
        return iso3 in scope["states"]
    row = states[iso3]
    return bool({row["region"], row["subregion"], row["intermediate_region"]} & set(scope["regions"]))


def state_name(iso3: str, lang: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    name = getattr(country, "common_name", None) or country.name
    if lang == "en":
        return name
    locale = {"zh": "zh_CN"}.get(lang, lang)
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale]).gettext(country.name)


def day(d: date) -> str:
    return d.isoformat()


def scope_phrase(scope: dict[str, Any]) -> str:
    if scope.get("global"):
        return "(worldwide)"
    if "members_of" in scope:
        return f"for {'/'.join(scope['members_of'])} members".replace("COMMONWEALTH", "Commonwealth")
    if "regions" in scope:
        return f"in {', '.join(scope['regions'])}"
    return "(bilateral)"


def make_programmes(rng: random.Random) -> list[dict[str, Any]]:
    programmes = []
    used: dict[tuple[str, str], int] = {}
    for entry in PROVIDERS:
        provider, provider_text = entry["id"], entry["name"]
        for spec in entry["programmes"]:
            areas, modality, scope, languages = spec["areas"], spec["modality"], spec["scope"], spec["languages"]
            lang, capacity = spec["text_language"], spec["capacity_per_quarter"]
            if isinstance(scope.get("states"), str):  # a named list of partner_groups
                scope = {"states": PARTNER_GROUPS[scope["states"]]}
            variants = PROGRAMMES[areas[0]][lang]
            k = used.get((areas[0], lang), 0)
            used[(areas[0], lang)] = k + 1
            title, desc = variants[k % len(variants)]["title"], variants[k % len(variants)]["description"]
            name = provider_text if lang == "en" else PROVIDER_LOCAL[provider][lang]
            slots = {"provider": name, "venue": VENUES[provider], "weeks": rng.choice([1, 2, 3]),
                     "participants": rng.choice([15, 20, 24, 25, 30])}
            desc = desc.format(**slots)
            desc = desc[0].upper() + desc[1:]
            if lang == "en":
                desc += f" {MODALITY_PHRASE[modality]}; offered in {', '.join(languages)}."
            if k >= len(variants):  # same wording used again: say whom this one is for
                title = f"{title} {scope_phrase(scope)}"
            start = rng.choice([date(2002, 1, 1), date(2002, 7, 1), date(2002, 10, 1), date(2003, 1, 1)])
            end = rng.choice([date(2003, 12, 31), date(2004, 6, 30), date(2004, 12, 31), None])
            programmes.append({
                "ref": "", "provider": provider, "title": title.format(**slots), "description": desc,
                "language": lang, "areas": areas, "scope": scope, "modality": modality, "languages": languages,
                "capacity_per_quarter": capacity, "active_from": day(start), "active_to": day(end) if end else None,
                "_kinds": spec.get("kinds"),
            })
    for i, p in enumerate(programmes, start=1):
        p["ref"] = f"DEMO-P{i:03d}"
    return programmes


def make_reports(rng: random.Random, demo_states: list[str]) -> list[dict[str, Any]]:
    reports = []
    numbers = {2001: 1200, 2002: 20, 2003: 10}
    rows = []
    for iso3 in demo_states:
        r1 = date(2001, 12, 27) + timedelta(days=rng.randint(-30, 200))
        rows.append((iso3, 1, date(2001, 12, 27), r1))
        due2 = r1 + timedelta(days=rng.randint(150, 260))
        r2 = due2 + timedelta(days=rng.randint(-20, 150)) if rng.random() < 0.88 else None
        rows.append((iso3, 2, due2, r2 if r2 and r2 <= END else None))
        if r2 and r2 <= date(2003, 2, 15):
            due3 = r2 + timedelta(days=rng.randint(120, 200))
            r3 = due3 + timedelta(days=rng.randint(-15, 60)) if rng.random() < 0.6 else None
            rows.append((iso3, 3, due3, r3 if r3 and r3 <= END else None))
    for iso3, rnd, due, received in sorted(rows, key=lambda r: (r[3] or date.max, r[0], r[1])):
        reference = ""
        if received:
            numbers[received.year] += rng.randint(1, 9)
            reference = f"S/{received.year}/{numbers[received.year]}"
        if received is None:
            status = "pending"
        elif received < date(2003, 3, 1):
            status = "reviewed"
        else:
            status = rng.choice(["under_review", "under_review", "reviewed", "pending"])
        reports.append({"state": iso3, "round": rnd, "due": day(due), "received": day(received) if received else None,
                        "review_status": status, "reference": reference})
    reports.sort(key=lambda r: (r["state"], r["round"]))
    return reports


def fill(template: str, slots: dict[str, Any]) -> str:
    return template.format(**slots)


def request_text(rng: random.Random, iso3: str, lang: str, area: str, report: str, only: int | None = None) -> tuple[str, str, int]:
    places = ALT_PLACES.get(iso3, {}).get(lang) or STATES[iso3]
    capital, airport, place = places["capital"], places["airport"], places["port"]
    options = REQUESTS[area].get(lang) or REQUESTS[area]["en"]
    idx = rng.randrange(len(options)) if only is None else only
    title, desc = options[idx]["title"], options[idx]["description"]
    slots = {"state": state_name(iso3, lang), "capital": capital, "airport": airport, "place": place,
             "agency": AGENCY[area][lang], "n": rng.choice([12, 15, 20, 25, 30, 40, 60, 80]),
             "m": rng.choice([2, 3, 4, 5, 6, 8, 12]), "k": rng.choice([3, 4, 5, 6, 7, 8, 9]),
             "month": rng.choice(MONTHS[lang]), "report": report}
    opener = rng.choice(OPENERS[lang]).format(**slots)
    closer = rng.choice(CLOSERS[lang]).format(**slots)
    body = fill(desc, slots)
    if opener.endswith((", ", "that ")) and body.split(" ", 1)[0] in LOWER_AFTER_COMMA:
        body = body[0].lower() + body[1:]
    elif not opener.endswith((", ", "that ", ": ")):
        body = body[0].upper() + body[1:]
    text = (opener + body + closer).strip()
    return fill(title, slots), text, idx


# The request mix: how often each area comes up, which second area goes with it, the stage it
# usually belongs to, and the states that send more requests than the 2-5 of the others.
AREA_WEIGHTS = {"legislation": 16, "financing": 16, "customs": 8, "immigration": 10, "extradition": 8,
                "law-enforcement": 12, "arms": 6, "aviation": 7, "maritime": 6, "cbrn": 5, "other": 6}
SECOND_AREA = {"legislation": ["financing", "extradition", "cbrn"], "financing": ["legislation", "customs"],
               "customs": ["immigration", "arms"], "immigration": ["law-enforcement", "aviation"],
               "extradition": ["legislation"], "law-enforcement": ["immigration", "arms"], "arms": ["customs"],
               "aviation": ["immigration"], "maritime": ["customs"], "cbrn": ["customs"], "other": ["law-enforcement"]}
STAGE_OF = {"legislation": "A", "financing": "A", "customs": "B", "immigration": "B", "extradition": "B",
            "law-enforcement": "B", "arms": "C", "aviation": "C", "maritime": "C", "cbrn": "C", "other": "C"}
MORE_REQUESTS = {"KEN": 9, "KAZ": 8, "PER": 8, "MAR": 7, "PAK": 7, "SEN": 6, "CHN": 7}


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def submitted_date(rng: random.Random) -> date:
    if rng.random() < 0.1:
        return date(2003, 1, 13) + timedelta(days=rng.randint(0, 45))
    return date(2003, 3, 1) + timedelta(days=rng.randint(0, 118))


def fits(req: dict[str, Any], p: dict[str, Any]) -> bool:
    """Whether a programme can serve a request at all: its main area is the request's (airport screening
    does not build a border-control system), and a CBRN programme is of the request's kind (the
    chemical-weapons body does not secure radioactive sources)."""
    return p["areas"][0] == req["_areas"][0] and (req["_kind"] is None or req["_kind"] in (p["_kinds"] or []))


def candidates(req: dict[str, Any], programmes: list[dict[str, Any]], states: dict[str, Any], orgs: dict[str, Any],
               on: date) -> list[dict[str, Any]]:
    out = []
    for p in programmes:
        active = date.fromisoformat(p["active_from"]) <= on and (p["active_to"] is None or on <= date.fromisoformat(p["active_to"]))
        if (active and fits(req, p) and req["language"] in p["languages"]
                and eligible(p["scope"], req["state"], states, orgs)):
            out.append(p)
    return out


def new_match(programme: dict[str, Any], status: str, **dates: str | None) -> dict[str, Any]:
    """One match record: the team's review (decided_at), the provider's offer (offered_at), the state's
    answer (consented_at, with a note or the reason of a refusal) and the delivery, as service/matching
    records them; a step not taken is null."""
    match: dict[str, Any] = {"programme": programme["ref"], "status": status, "reason": None, "decided_at": None,
                             "offered_at": None, "consented_at": None, "consent_note": None, "delivery": None}
    match.update(dates)
    return match


def lifecycle(rng: random.Random, req: dict[str, Any], programmes: list[dict[str, Any]], states: dict[str, Any],
              orgs: dict[str, Any]) -> None:
    """Walks one request through triage, matching, the state's consent and delivery until END; records
    history and matches. As in the service (service/matching/logic.py), a match goes suggested → accepted
    by the team → offered by the provider → consented by the state → delivering → delivered, and the
    request counts as matched only from the state's consent: until then it stays open."""
    base = STATES[req["state"]]
    history = [{"status": "submitted", "at": req["submitted_at"]}]
    matches: list[dict[str, Any]] = []
    req.update(triage=None, history=history, matches=matches, status="submitted")
    t = date.fromisoformat(req["submitted_at"]) + timedelta(days=rng.randint(3, 21))
    if t > END:
        return
    if rng.random() < 0.05:
        req["status"] = "not_reasonable"
        req["triage"] = {"outcome": "not_reasonable", "reason": rng.choice(NOT_REASONABLE), "duplicate_of": None, "at": day(t)}
        history.append({"status": "not_reasonable", "at": day(t)})
        return
    req["triage"] = {"outcome": "reasonable", "reason": None, "duplicate_of": None, "at": day(t)}
    triaged = t
    req["status"] = "open"
    history.append({"status": "open", "at": day(t)})
    if rng.random() < 0.05:
        t2 = t + timedelta(days=rng.randint(5, 40))
        if t2 <= END:
            req["status"] = "withdrawn"
            history.append({"status": "withdrawn", "at": day(t2)})
        return
    declined = refused = 0
    while True:
        t = t + timedelta(days=rng.randint(4, 30))
        taken = {m["programme"] for m in matches}
        pool = [p for p in candidates(req, programmes, states, orgs, min(t, END)) if p["ref"] not in taken]
        if t > END:
            # The last refresh's suggestions the team has not reviewed yet (a few), and now and then one an
            # earlier refresh made that no longer ranks among the best (retired).
            if pool and not any(m["status"] in ("accepted", "offered") for m in matches) and rng.random() < 0.15:
                rng.shuffle(pool)
                matches.append(new_match(pool[0], "suggested"))
                if len(pool) > 1 and rng.random() < 0.3:
                    matches.append(new_match(pool[1], "retired"))
            return
        if not pool or rng.random() < 0.2:  # nothing eligible yet, or not yet reviewed by the team
            if pool or (t - triaged).days < 50 or rng.random() < 0.6:
                continue
            req["status"] = "closed_unmet"
            history.append({"status": "closed_unmet", "at": day(t)})
            return
        rng.shuffle(pool)
        if len(pool) > 1 and rng.random() < 0.3:
            matches.append(new_match(pool.pop(), "rejected", reason=rng.choice(REJECT_REASONS), decided_at=day(t)))
        chosen = pool[0]
        if rng.random() < 0.07:
            # Unsolicited: the provider offers on a suggestion the team has not reviewed; the team
            # acknowledges the offer before the state is asked (or has not yet).
            match = new_match(chosen, "offered", offered_at=day(t))
            matches.append(match)
            seen = t + timedelta(days=rng.randint(2, 20))
            if seen > END:
                return
            match["decided_at"] = day(seen)
            t = seen
        else:
            match = new_match(chosen, "accepted", decided_at=day(t))
            matches.append(match)
            t = t + timedelta(days=rng.randint(5, 20))
            if t > END:
                return
            if declined == 0 and rng.random() < 0.1:
                declined += 1
                match.update(status="declined", reason=rng.choice(DECLINE_REASONS), offered_at=day(t))
                continue
            match.update(status="offered", offered_at=day(t))
        t = t + timedelta(days=rng.randint(3, 25))
        if t > END:  # the offer awaits the state's answer
            return
        if refused == 0 and rng.random() < 0.08:
            refused += 1
            match.update(status="refused_by_state", consented_at=day(t), consent_note=rng.choice(REFUSAL_REASONS))
            continue
        # Some states answer by letter, which the team records for them with a note.
        note = rng.choice(CONSENT_NOTES).format(date=day(t)) if rng.random() < 0.3 else None
        match.update(status="consented", consented_at=day(t), consent_note=note)
        req["status"] = "matched"
        history.append({"status": "matched", "at": day(t)})
        start = t + timedelta(days=rng.randint(7, 35))
        if start > END or rng.random() < 0.25:
            return
        slots = {"capital": base["capital"], "n": rng.choice([12, 18, 20, 25, 30]), "m": rng.choice([3, 5, 6, 10])}
        match.update(status="delivering",
                     delivery={"started": day(start), "completed": None, "outcome": None,
                               "note": rng.choice(DELIVERING_NOTES).format(**slots)})
        req["status"] = "in_delivery"
        history.append({"status": "in_delivery", "at": day(start)})
        done = start + timedelta(days=rng.randint(5, 45))
        if done > END:
            return
        partial = rng.random() < 0.12
        match.update(status="delivered")
        match["delivery"].update(completed=day(done), outcome="partial" if partial else "complete",
                                 note=(rng.choice(PARTIAL_NOTES) if partial else rng.choice(DELIVERY_NOTES)).format(**slots))
        req["status"] = "closed_unmet" if partial else "met"
        history.append({"status": req["status"], "at": day(done)})
        return


def make_requests(rng: random.Random, programmes: list[dict[str, Any]], reports: list[dict[str, Any]],
                  states: dict[str, Any], orgs: dict[str, Any]) -> list[dict[str, Any]]:
    received = {}
    for r in reports:
        if r["received"]:
            received.setdefault(r["state"], []).append((r["received"], r["reference"]))
    requests: list[dict[str, Any]] = []
    for iso3 in sorted(STATES):
        langs = STATES[iso3]["languages"]
        titles: set[str] = set()  # a state does not send the same request twice (duplicates come below)
        for _ in range(MORE_REQUESTS.get(iso3, rng.randint(2, 5))):
            area = weighted(rng, AREA_WEIGHTS)
            lang = weighted(rng, langs)
            if lang not in REQUESTS[area] or (area == "maritime" and iso3 in LANDLOCKED):
                area = rng.choice(["legislation", "financing", "law-enforcement", "immigration"])
            areas = [area]
            if rng.random() < 0.25:
                areas.append(rng.choice(SECOND_AREA[area]))
            submitted = submitted_date(rng)
            before = [ref for at, ref in sorted(received.get(iso3, [])) if at <= day(submitted)]
            report = before[-1] if before else ""
            title, description, idx = request_text(rng, iso3, lang, area, report or "S/2002/—")
            for _retry in range(5):
                if title not in titles:
                    break
                title, description, idx = request_text(rng, iso3, lang, area, report or "S/2002/—")
            if title in titles:
                continue
            titles.add(title)
            kind = (REQUESTS[area].get(lang) or REQUESTS[area]["en"])[idx].get("kind")
            stage = STAGE_OF[area] if rng.random() < 0.85 else rng.choice("ABC")
            req = {"ref": "", "state": iso3, "title": title, "description": description, "language": lang,
                   "areas": [] if rng.random() < 0.08 else areas, "_areas": areas, "_idx": idx, "_kind": kind, "stage": stage,
                   "priority": None, "source_report": report, "submitted_at": day(submitted),
                   # A few states keep their name and text from providers until they consent to an offer.
                   "confidential": rng.random() < 0.05}
            lifecycle(rng, req, programmes, states, orgs)
            requests.append(req)
    # Duplicates: the same need sent again in other words, triaged as a duplicate of the earlier one.
    originals = [r for r in requests if date.fromisoformat(r["submitted_at"]) < END - timedelta(days=30)]
    for orig in rng.sample(originals, 16):
        submitted = date.fromisoformat(orig["submitted_at"]) + timedelta(days=rng.randint(10, 28))
        triaged = submitted + timedelta(days=rng.randint(2, 8))
        if triaged > END:
            continue
        area = orig["_areas"][0]
        _, description, idx = request_text(rng, orig["state"], orig["language"], area, orig["source_report"] or "S/2002/—",
                                           only=orig["_idx"])
        prefix = rng.choice(DUPLICATE_PREFIX[orig["language"]])
        dup = {"ref": "", "state": orig["state"], "title": prefix + orig["title"], "description": description,
               "language": orig["language"], "areas": list(orig["areas"]), "_areas": orig["_areas"], "_idx": idx,
               "_kind": orig["_kind"],
               "stage": orig["stage"], "priority": None, "source_report": orig["source_report"],
               "confidential": orig["confidential"],
               "submitted_at": day(submitted), "status": "duplicate", "_dup_of": orig,
               "triage": {"outcome": "duplicate", "reason": "Same need as an earlier request of the state.",
                          "duplicate_of": None, "at": day(triaged)},
               "history": [{"status": "submitted", "at": day(submitted)}, {"status": "duplicate", "at": day(triaged)}],
               "matches": []}
        requests.append(dup)
    requests.sort(key=lambda r: (r["submitted_at"], r["state"], r["title"]))
    for i, r in enumerate(requests, start=1):
        r["ref"] = f"DEMO-R{i:04d}"
    for r in requests:
        if "_dup_of" in r:
            r["triage"]["duplicate_of"] = r["_dup_of"]["ref"]
            r["triage"]["reason"] = f"Same need as {r['_dup_of']['ref']} ({r['_dup_of']['title'][:60]})."
    # Priorities: a gap-free 1..n rank per state over its active requests (stage A first, then oldest),
    # with one pair swapped now and then where the state re-prioritised.
    by_state: dict[str, list[dict[str, Any]]] = {}
    for r in requests:
        if r["status"] in ACTIVE:
            by_state.setdefault(r["state"], []).append(r)
    for iso3 in sorted(by_state):
        rows = sorted(by_state[iso3], key=lambda r: (r["stage"], r["submitted_at"], r["ref"]))
        if len(rows) > 2 and rng.random() < 0.3:
            i = rng.randrange(len(rows) - 1)
            rows[i], rows[i + 1] = rows[i + 1], rows[i]
        for rank, r in enumerate(rows, start=1):
            r["priority"] = rank
    keys = ["ref", "state", "title", "description", "language", "areas", "stage", "priority", "source_report",
            "confidential", "submitted_at", "status", "triage", "history", "matches"]
    return [{k: r[k] for k in keys} for r in requests]


def make_contacts(rng: random.Random, demo_states: list[str], providers: list[str], states: dict[str, Any]) -> list[dict[str, Any]]:
    contacts = []
    roles_state: list[str] = PEOPLE["state_roles"]
    roles_org: list[str] = PEOPLE["provider_roles"]
    seen: set[str] = set()

    def person(lang: str, party: str) -> tuple[str, str]:
        first, last = rng.choice(PEOPLE["first_names"][lang]), rng.choice(PEOPLE["last_names"][lang])
        latin = PEOPLE["ru_latin"]
        local = f"{latin.get(first, first)}.{latin.get(last, last)}".lower().translate(TRANSLIT).replace("'", "")
        email = f"{local}.{party.lower()}@example.org"
        while email in seen:
            email = email.replace("@", "1@")
        seen.add(email)
        return f"{first} {last}", email

    for iso3 in demo_states:
        weights = STATES[iso3]["languages"]
        langs = sorted(weights, key=lambda k: -weights[k])
        for j in range(1 if rng.random() < 0.6 else 2):
            name, email = person(langs[0], iso3)
            contacts.append({"party": iso3, "name": name, "role": roles_state[j if j else rng.randrange(len(roles_state))],
                             "email": email, "phone": f"+{STATES[iso3]['phone']} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                             "languages": sorted(set(langs) | ({"en"} if rng.random() < 0.5 else set())),
                             "last_verified": day(date(2002, 9, 1) + timedelta(days=rng.randint(0, 300))),
                             "published": rng.random() < 0.85})
    for party in providers:
        lang = "en"
        name, email = person(lang, party)
        cc = (PEOPLE["org_phone"].get(party) or (STATES[party]["phone"] if party in STATES else None)
              or PEOPLE["donor_phone"].get(party, "1"))
        contacts.append({"party": party, "name": name, "role": rng.choice(roles_org), "email": email,
                         "phone": f"+{cc} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                         "languages": ["en"] + (["fr"] if rng.random() < 0.4 else []),
                         "last_verified": day(date(2002, 11, 1) + timedelta(days=rng.randint(0, 230))),
                         "published": True})
    return contacts


def write(name: str, rows: list[dict[str, Any]]) -> None:
    with open(OUT / name, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    rng = random.Random(SEED)
    states, orgs = load_reference()
    OUT.mkdir(parents=True, exist_ok=True)
    programmes = make_programmes(rng)
    demo_states = sorted(STATES)
    reports = make_reports(rng, demo_states)
    requests = make_requests(rng, programmes, reports, states, orgs)
    providers = sorted({p["provider"] for p in programmes})
    contacts = make_contacts(rng, demo_states, providers, states)
    directory = [
        {"ref": f"DEMO-D{i:03d}", **{k: d[k] for k in ("kind", "title", "summary", "source", "areas", "url", "year")}}
        for i, d in enumerate(DIRECTORY, start=1)
    ]
    users = [{"username": u["username"], "password": f"demo-{u['username']}", "role": u["role"], "party": u["party"],
              "display_name": u["display_name"]} for u in PEOPLE["users"]]
    write("programmes.json", [{k: v for k, v in p.items() if not k.startswith("_")} for p in programmes])
    write("requests.json", requests)
    write("reports.json", reports)
    write("contacts.json", contacts)
    write("directory.json", directory)
    write("users.json", users)


if __name__ == "__main__":
    main()