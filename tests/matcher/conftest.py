"""Shared fixtures for the scoring core: the real catalogue and states, and small hand-made worlds."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import (
    Catalogue,
    Organization,
    OrgGraph,
    Programme,
    Request,
    Scope,
    State,
    load_catalogue,
    load_states,
)

REPO = Path(__file__).resolve().parents[2]
STATES_CSV = REPO / "data" / "reference" / "states.csv"
DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.json"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def states() -> dict[str, State]:
    return load_states(STATES_CSV)


ORGANIZATIONS = (
    Organization(
        "ECOWAS",
        "Economic Community of West African States",
        "subregional",
        ("CEDEAO",),
        ("SEN", "MLI", "GHA", "NGA"),
    ),
    Organization(
        "AU", "African Union", "regional", ("UA",), ("KEN", "EGY"), member_organizations=("ECOWAS",)
    ),
    Organization(
        "GIABA", "Inter-Governmental Action Group against Money Laundering", "subregional", parent="ECOWAS"
    ),
    Organization(
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        "regional",
        ("ОБСЕ",),
        ("KAZ", "FRA", "DEU"),
    ),
    Organization("INTERPOL", "International Criminal Police Organization", "global", ("ICPO-INTERPOL",)),
)


@pytest.fixture(scope="session")
def graph(states: dict[str, State]) -> OrgGraph:
    return OrgGraph(states, ORGANIZATIONS, deliveries=[("FRA", "SEN")])


def programme(
    pid: str = "P1",
    *,
    provider: str = "INTERPOL",
    title: str = "Financial intelligence unit mentoring",
    description: str = "Mentors train analysts of financial intelligence units on suspicious transaction reports.",
    areas: tuple[str, ...] = ("financing",),
    languages: tuple[str, ...] = ("en", "fr"),
    modality: str | None = "mentoring",
    scope: Scope = Scope("global"),
    active: bool = True,
) -> Programme:
    return Programme(pid, provider, title, description, areas, languages, modality, scope, "en", None, active)


def request(
    rid: str = "R1",
    *,
    state: str = "SEN",
    title: str = "Renforcement de la cellule de renseignement financier",
    description: str = "Le Sénégal sollicite la formation des analystes aux déclarations de soupçon.",
    language: str = "fr",
    areas: tuple[str, ...] = ("financing",),
    stage: str = "A",
    priority: int | None = 1,
) -> Request:
    return Request(rid, state, title, description, language, areas, stage, priority)
