"""Reference data sanity: pure file checks on data/reference (no database)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
KINDS = {"international", "regional", "subregional", "specialised_agency", "donor_agency"}


@pytest.fixture(scope="module")
def states() -> list[dict[str, str]]:
    with open(DATA / "reference" / "states.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def orgs() -> dict[str, dict]:
    rows = json.loads((DATA / "reference" / "organizations.json").read_text(encoding="utf-8"))
    return {o["id"]: o for o in rows}


def test_193_un_members_and_two_observers(states):
    assert sum(s["un_member"] == "1" for s in states) == 193
    assert {s["iso3"] for s in states if s["un_member"] == "0"} == {"VAT", "PSE"}


def test_no_duplicate_iso_codes(states):
    for key in ("iso3", "iso2", "m49"):
        values = [s[key] for s in states]
        assert len(values) == len(set(values)), key
    assert all(len(s["iso3"]) == 3 and s["iso3"].isupper() for s in states)
    assert "NA" in {s["iso2"] for s in states}  # Namibia, not read as missing


def test_organization_ids_unique_and_enough():
    rows = json.loads((DATA / "reference" / "organizations.json").read_text(encoding="utf-8"))
    ids = [o["id"] for o in rows]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40


def test_organization_records_complete(orgs):
    for org in orgs.values():
        assert org["kind"] in KINDS, org["id"]
        assert org["name"] and org["acronym"] and org["source"], org["id"]
        assert isinstance(org["aliases"], list)
        assert len(org["members_as_of"]) == 10 and org["members_as_of"][4] == "-"
        assert org["members"] == sorted(set(org["members"])), org["id"]


def test_every_membership_points_at_a_real_state(states, orgs):
    codes = {s["iso3"] for s in states}
    for org in orgs.values():
        assert set(org["members"]) <= codes, (org["id"], set(org["members"]) - codes)


def test_parents_and_member_organizations_exist(orgs):
    for org in orgs.values():
        assert org["parent"] is None or org["parent"] in orgs, org["id"]
        assert org["parent"] != org["id"]
        for member in org["member_organizations"]:
            assert member in orgs and member != org["id"], org["id"]


@pytest.mark.parametrize(
    ("state", "org"),
    [
        ("KEN", "COMMONWEALTH"), ("KEN", "AU"), ("KEN", "IGAD"), ("KEN", "EAC"), ("KEN", "ESAAMLG"),
        ("GMB", "COMMONWEALTH"), ("MDV", "COMMONWEALTH"), ("LCA", "COMMONWEALTH"), ("GAB", "COMMONWEALTH"),
        ("TGO", "COMMONWEALTH"), ("USA", "OAS"), ("USA", "FATF"), ("USA", "OSCE"), ("USA", "CICTE"),
        ("COD", "AU"), ("COD", "SADC"), ("VAT", "OSCE"), ("KGZ", "CIS"), ("TLS", "ASEAN"), ("FIN", "NATO"),
        ("SWE", "NATO"), ("SAU", "GCC"), ("SAU", "LAS"), ("SAU", "FATF"), ("IND", "FATF"), ("IDN", "FATF"),
        ("KAZ", "EAG"), ("KAZ", "OSCE"), ("KAZ", "SCO"), ("PER", "GAFILAT"), ("PER", "OAS"), ("JAM", "CFATF"),
        ("JAM", "CARICOM"), ("FJI", "PIF"), ("FJI", "APG"), ("MAR", "MENAFATF"), ("MAR", "OIC"),
        ("SEN", "GIABA"), ("SEN", "ECOWAS"), ("CMR", "GABAC"), ("ALB", "MONEYVAL"), ("DEU", "EU"),
        ("UKR", "COE"), ("CHN", "APEC"), ("CHN", "CTC"), ("AGO", "CTC"), ("SYR", "OIC"),
    ],
)
def test_known_memberships(orgs, state, org):
    assert state in orgs[org]["members"]


@pytest.mark.parametrize(
    ("state", "org"),
    [
        ("GIN", "COMMONWEALTH"), ("NER", "COMMONWEALTH"), ("ZWE", "COMMONWEALTH"), ("BFA", "ECOWAS"),
        ("MLI", "ECOWAS"), ("NER", "ECOWAS"), ("RUS", "COE"), ("GBR", "EU"), ("NIC", "OAS"), ("RWA", "ECCAS"),
        ("PRK", "IMF"), ("PRK", "INTERPOL"), ("CUB", "WB"), ("LIE", "ICAO"), ("ISR", "OPCW"), ("EGY", "OPCW"),
        ("ESH", "AU"),
    ],
)
def test_known_non_memberships(orgs, state, org):
    assert state not in orgs[org]["members"]


def test_fatf_has_eu_and_gcc_as_member_organizations(orgs):
    assert {"EU", "GCC"} <= set(orgs["FATF"]["member_organizations"])


def test_parents(orgs):
    assert orgs["CICTE"]["parent"] == "OAS"
    assert orgs["UNODC"]["parent"] == "UN"
    assert orgs["MONEYVAL"]["parent"] == "COE"
    assert orgs["CICTE"]["members"] == orgs["OAS"]["members"]


def test_member_counts(orgs):
    expected = {"UN": 193, "EU": 27, "COE": 46, "OSCE": 57, "COMMONWEALTH": 56, "AU": 54, "ECOWAS": 12, "OIC": 57,
                "LAS": 22, "SADC": 16, "IGAD": 8, "GCC": 6, "OECD": 38, "NATO": 32, "ASEAN": 11}
    assert {k: len(orgs[k]["members"]) for k in expected} == expected


def test_corrections_file_is_cited():
    corrections = json.loads((DATA / "reference" / "membership_corrections.json").read_text(encoding="utf-8"))
    for fix in corrections["corrections"]:
        assert fix["reason"] and fix["source"], fix
        assert fix.get("add") or fix.get("remove"), fix
