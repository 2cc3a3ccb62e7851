"""Bad input raises MatcherError naming record and field; odd texts neither crash nor dominate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matcher import (
    Catalogue,
    EmptyText,
    InvalidDataset,
    InvalidRecord,
    Matcher,
    MatcherError,
    OrgGraph,
    Programme,
    Request,
    Scope,
    State,
    UnknownArea,
    UnknownOrganization,
    UnknownState,
)
from matcher.lab.evaluation import load_dataset

from .conftest import programme, request

BAD_PROGRAMMES = [
    (programme("PX", areas=("finance",)), UnknownArea, "areas"),
    (programme("PX", provider="NOBODY"), UnknownOrganization, "provider"),
    (programme("PX", scope=Scope("members_of", ("NOBODY",))), UnknownOrganization, "scope"),
    (programme("PX", scope=Scope("states", ("XXX",))), UnknownState, "scope"),
    (programme("PX", scope=Scope("regions", ("Atlantis",))), MatcherError, "scope"),
    (programme("PX", title=" ", description=""), EmptyText, "description"),
]


@pytest.mark.parametrize(("bad", "error", "field"), BAD_PROGRAMMES)
def test_bad_programmes_are_refused(
    catalogue: Catalogue, graph: OrgGraph, bad: Programme, error: type[MatcherError], field: str
) -> None:
    with pytest.raises(error) as info:
        Matcher(catalogue, graph).fit([bad])
    assert info.value.record == "PX" and info.value.field == field
    assert "PX" in str(info.value) and field in str(info.value)
    assert isinstance(info.value, ValueError)


BAD_REQUESTS = [
    (request("RX", state="XXX"), UnknownState, "state"),
    (request("RX", areas=("everything",)), UnknownArea, "areas"),
    (request("RX", title="", description="   "), EmptyText, "description"),
]


@pytest.mark.parametrize(("bad", "error", "field"), BAD_REQUESTS)
def test_bad_requests_are_refused(
    catalogue: Catalogue, graph: OrgGraph, bad: Request, error: type[MatcherError], field: str
) -> None:
    fitted = Matcher(catalogue, graph).fit([programme()])
    for call in (
        lambda: fitted.top_programmes([bad]),
        lambda: fitted.rank([bad]),
        lambda: fitted.top_requests([bad]),
    ):
        with pytest.raises(error) as info:
            call()
        assert info.value.record == "RX" and info.value.field == field


def test_json_records_are_checked() -> None:
    with pytest.raises(InvalidRecord) as info:
        Scope.from_json({"global": True, "states": ["SEN"]}, record="P9")
    assert info.value.record == "P9" and info.value.field == "scope"
    with pytest.raises(EmptyText):
        Request.from_json({"id": "R9", "state": "SEN", "language": "en", "title": "", "description": ""})
    with pytest.raises(InvalidRecord) as info:
        Request.from_json({"id": "R9", "state": "SEN", "title": "x", "stage": "Z"})
    assert info.value.field == "stage"
    assert Scope.from_json({"members_of": ["AU"]}) == Scope("members_of", ("AU",))


def test_load_dataset_names_every_problem(tmp_path: Path, states: dict[str, State]) -> None:
    data = {
        "name": "bad",
        "organizations": [{"id": "AU", "name": "African Union", "kind": "regional", "members": ["KEN"]}],
        "programmes": [
            {
                "id": "P1",
                "provider": "AU",
                "title": "t",
                "description": "d",
                "areas": ["nope"],
                "languages": ["en"],
                "scope": {"members_of": ["GHOST"]},
            },
        ],
        "requests": [
            {"id": "R1", "state": "ZZZ", "language": "en", "title": "t", "description": "d", "areas": []},
            {"id": "R2", "state": "KEN", "language": "en", "title": "", "description": ""},
        ],
        "qrels": {"R1": {"P404": 3}},
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InvalidDataset) as info:
        load_dataset(path, states)
    found = {(p.record, p.field, type(p)) for p in info.value.problems}
    assert ("P1", "areas", UnknownArea) in found
    assert ("P1", "scope", UnknownOrganization) in found
    assert ("R1", "state", UnknownState) in found
    assert ("R2", "description", EmptyText) in found
    assert ("R1", "qrels", InvalidRecord) in found


def test_very_long_and_unexpected_texts(catalogue: Catalogue, graph: OrgGraph) -> None:
    fair = programme("P1")
    flooded = programme(
        "P2", title="Financial intelligence unit", description="financial intelligence unit " * 20_000
    )
    odd = request(
        "R1", title="🙂" * 5000 + " ᚠᚢᚦ ๑๒๓ ", description="ꦲꦏ꧀ꦱꦫ " * 3000 + "\u0000\u200b", areas=()
    )
    fitted = Matcher(catalogue, graph).fit([fair, flooded])
    top = fitted.top_programmes([request("R2"), odd])
    scores = {s.programme_id: s.score for s in top["R2"]}
    assert scores["P1"] >= scores["P2"] - 0.05  # repetition cannot buy a higher score
    assert all(0 <= s.score <= 1 for s in top["R1"])
