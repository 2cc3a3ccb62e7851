"""Near-duplicate requests within a state."""

from __future__ import annotations

import pytest

from matcher.dedupe import (
    DEFAULT_THRESHOLD,
    DuplicatePair,
    Text,
    compared_text,
    duplicate_candidates,
    near_duplicates,
    similarity,
    text_similarity,
)
from matcher.model import Request

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


# Kenya's FIU request (the demo's), its French re-filing, and the same state's other financing request
# of the same report: the case, and the hardest distinct pair in the demo.
KEN_FIU = request(
    "K1",
    title="Establishment of a Financial Intelligence Unit",
    description="Following the Committee's comments on our report S/2002/363: The Central Bank intends to set up "
    "a Financial Intelligence Unit in Nairobi with a staff of 60. Assistance is requested on its legal basis, "
    "suspicious transaction reporting forms, analysis software and the training of its first analysts.",
    language="en",
    state="KEN",
    areas=("financing",),
)
KEN_FIU_FR = request(
    "K2",
    title="Création d'une cellule de renseignement financier",
    description="Suite aux commentaires du Comité sur notre rapport S/2002/363 : la Banque centrale entend créer à "
    "Nairobi une cellule de renseignement financier de 60 agents. Une assistance est demandée pour son fondement "
    "juridique, les formulaires de déclaration d'opérations suspectes, le logiciel d'analyse et la formation de "
    "ses premiers analystes.",
    language="fr",
    state="KEN",
    areas=("financing",),
)
KEN_SUPERVISORS = request(
    "K3",
    title="Training for bank supervisors and compliance officers on suspicious transactions",
    description="As noted in our report S/2002/363, the Financial Intelligence Unit asks for a training programme "
    "for about 15 bank examiners and compliance officers on customer due diligence, detection of terrorist "
    "financing and the reporting of suspicious transactions.",
    language="en",
    state="KEN",
    areas=("financing",),
)
KEN_SUPERVISORS_FR = request(
    "K4",
    title="Formation des inspecteurs bancaires aux opérations suspectes",
    description="Comme indiqué dans notre rapport S/2002/363, la cellule de renseignement financier sollicite une "
    "formation pour une quinzaine d'inspecteurs bancaires et de responsables de la conformité sur la vigilance à "
    "l'égard de la clientèle et la déclaration des opérations suspectes.",
    language="fr",
    state="KEN",
    areas=("financing",),
)


@pytest.mark.parametrize(
    ("a", "b", "flagged"),
    [
        pytest.param(KEN_FIU, KEN_FIU_FR, True, id="French re-filing of the English FIU request"),
        pytest.param(ORIGINAL, REWORDED, True, id="same-language paraphrase"),
        pytest.param(KEN_FIU, KEN_SUPERVISORS, False, id="same state, same area, same report, other need"),
        pytest.param(KEN_SUPERVISORS_FR, KEN_FIU, False, id="other need across languages"),
        pytest.param(ORIGINAL, OTHER_NEED, False, id="other need, other area"),
    ],
)
def test_flagged_at_the_default_threshold(a: Request, b: Request, flagged: bool) -> None:
    score = similarity([a], [b])[0, 0]
    assert bool(score >= DEFAULT_THRESHOLD) is flagged, score
    assert similarity([b], [a])[0, 0] == pytest.approx(score)


def test_text_alone_misses_the_cross_language_re_filing() -> None:
    # Why the evidence is there: the words of the two filings barely overlap.
    text = text_similarity(
        [compared_text(KEN_FIU.title, KEN_FIU.description)],
        [compared_text(KEN_FIU_FR.title, KEN_FIU_FR.description)],
    )
    assert text[0, 0] < 0.5 <= DEFAULT_THRESHOLD


def test_re_filings_are_found_among_the_states_requests() -> None:
    pairs = near_duplicates([KEN_SUPERVISORS, KEN_FIU_FR, KEN_FIU, KEN_SUPERVISORS_FR])
    assert [(p.a, p.b) for p in pairs] == [("K1", "K2"), ("K3", "K4")]
    assert duplicate_candidates(KEN_FIU, [KEN_SUPERVISORS, KEN_SUPERVISORS_FR, KEN_FIU_FR])[0][0] == "K2"


def test_texts_without_evidence_are_scored_on_their_text() -> None:
    # No glossary concept and no number: nothing language-independent to compare, the text decides.
    a, b = Text("Weather", "Sunny and warm", "en"), Text("Weather", "Sunny and warm", "en")
    assert similarity([a], [b])[0, 0] == pytest.approx(text_similarity(["weather sunny and warm"])[0, 0])
