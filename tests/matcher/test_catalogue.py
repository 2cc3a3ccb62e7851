"""Tagging free text in each of the six UN languages, and the catalogue's contents."""

from __future__ import annotations

import pytest

from matcher import Catalogue, load_catalogue

TAGGING = [
    (
        "en",
        "Establishing a financial intelligence unit to analyse suspicious transaction reports",
        "financing",
    ),
    ("fr", "Formation des douaniers au ciblage des conteneurs et à la gestion des risques", "customs"),
    (
        "es",
        "Capacitación en la detección de pasaportes falsificados en los puestos fronterizos",
        "immigration",
    ),
    ("ru", "Обучение прокуроров по вопросам экстрадиции и взаимной правовой помощи", "extradition"),
    ("ar", "تدريب ضباط أمن المرافق المينائية وفقا للمدونة الدولية لأمن السفن والمرافق المينائية", "maritime"),
    ("zh", "民航安检人员培训与X射线图像判读", "aviation"),
    ("zh", "加强恐怖融资线索的可疑交易分析能力", "financing"),
    ("ar", "مراجعة مشروع قانون مكافحة الإرهاب وتجريم الأفعال الإرهابية", "legislation"),
    ("ru", "Радиационные мониторы для выявления ядерных материалов на границе", "cbrn"),
    ("es", "Marcaje de armas de fuego y registro electrónico de armas", "arms"),
    ("en", "Training police investigators in crime scene management after bombings", "law-enforcement"),
]


@pytest.mark.parametrize(("language", "text", "area"), TAGGING)
def test_tagger_finds_the_area_in_every_language(
    catalogue: Catalogue, language: str, text: str, area: str
) -> None:
    guesses = catalogue.tag(text, language)
    assert guesses, text
    assert guesses[0].area == area
    assert 0 < guesses[0].confidence < 1


def test_guesses_are_sorted_and_language_is_optional(catalogue: Catalogue) -> None:
    text = "Customs officers trained to detect cash couriers and bearer negotiable instruments at borders"
    guesses = catalogue.tag(text)
    assert [g.confidence for g in guesses] == sorted((g.confidence for g in guesses), reverse=True)
    assert {"customs", "financing"} <= {g.area for g in guesses}


def test_nothing_to_tag_gives_no_guess(catalogue: Catalogue) -> None:
    assert catalogue.tag("lorem ipsum dolor sit amet") == []
    assert catalogue.tag("") == []
    assert catalogue.tag("🙂🙂🙂 ๑๒๓ ᚠᚢᚦ") == []


def test_catalogue_holds_the_design_vocabulary(catalogue: Catalogue) -> None:
    assert set(catalogue.areas) == {
        "legislation",
        "financing",
        "customs",
        "immigration",
        "extradition",
        "law-enforcement",
        "arms",
        "aviation",
        "maritime",
        "cbrn",
        "other",
    }
    assert catalogue.areas["financing"].paragraphs == ("1(a)", "1(b)", "1(c)", "1(d)")
    for area in catalogue.areas.values():
        assert {"ar", "zh", "en", "fr", "ru", "es"} <= set(area.title)
        if area.id != "other":
            assert {"ar", "zh", "en", "fr", "ru", "es"} <= set(area.keywords), area.id
    assert set(catalogue.stages) == {"A", "B", "C"}
    assert {"training", "advisory", "equipment"} <= set(catalogue.modalities)
    assert catalogue.entry_kinds == (
        "programme",
        "model_law",
        "best_practice",
        "standard",
        "regional_action_plan",
    )


def test_delivery_cues(catalogue: Catalogue) -> None:
    _, cues = catalogue.read("Nous demandons une formation et des équipements informatiques")
    assert set(cues) == {"training", "equipment"}
    assert abs(sum(cues.values()) - 1.0) < 1e-9


def test_catalogue_loads_from_a_directory(tmp_path, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    for name in ("areas.json", "modalities.json", "glossary.json"):
        (tmp_path / name).write_text(
            (resources.files("matcher") / "resources" / name).read_text("utf-8"), "utf-8"
        )
    assert set(load_catalogue(tmp_path).areas) == set(catalogue.areas)


def test_no_term_names_two_concepts(catalogue: Catalogue) -> None:
    """A spelling shared by two concepts would silently go to one of them, in one language only."""
    from matcher.text import normalise, tokenise

    owners: dict[object, set[str]] = {}
    for concept in catalogue.glossary.concepts.values():
        for terms in concept.terms.values():
            for term in terms:
                tokens = tokenise(term)
                key = normalise(term) if any(t.han for t in tokens) else tuple(t.stem for t in tokens)
                if tokens:
                    owners.setdefault(key, set()).add(concept.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}
