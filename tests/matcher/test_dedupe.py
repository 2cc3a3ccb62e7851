"""Near-duplicate requests within a state."""

from __future__ import annotations

from matcher.dedupe import DuplicatePair, duplicate_candidates, near_duplicates

from .conftest import request

ORIGINAL = request(
    "R1",
    title="Establishing a financial intelligence unit",
    description="Trinidad and Tobago has no financial intelligence unit and requests advice on its model and staffing.",
    language="en",
    state="TTO",
)
REWORDED = request(
    "R7",
    title="Establishment of a financial intelligence unit",
    description="Trinidad and Tobago still has no FIU and asks for advice on the model, staffing and budget of a unit.",
    language="en",
    state="TTO",
)
OTHER_NEED = request(
    "R8",
    title="Port facility security officers",
    description="Training of PFSOs in Kingston.",
    language="en",
    state="TTO",
)
OTHER_STATE = request(
    "R9", title=ORIGINAL.title, description=ORIGINAL.description, language="en", state="JAM"
)


def test_reworded_resubmission_is_found_within_its_state() -> None:
    pairs = near_duplicates([OTHER_STATE, REWORDED, OTHER_NEED, ORIGINAL], threshold=0.6)
    assert [(p.a, p.b) for p in pairs] == [("R1", "R7")]
    assert isinstance(pairs[0], DuplicatePair) and 0.6 <= pairs[0].score <= 1.0


def test_candidates_rank_the_same_need_first() -> None:
    found = duplicate_candidates(ORIGINAL, [OTHER_NEED, REWORDED, OTHER_STATE, ORIGINAL], k=5)
    assert [rid for rid, _ in found] == ["R7", "R8"]
    assert found[0][1] > found[1][1]
    assert duplicate_candidates(ORIGINAL, []) == []
