"""Fuzzy resolution of organization and state names."""

from __future__ import annotations

import pytest

from matcher import AmbiguousName, Organization, State, UnknownName
from matcher.names import NameResolver

from .conftest import ORGANIZATIONS

EU = Organization("EU", "European Union", "regional", ("Union européenne",), ("FRA", "DEU"))
COE = Organization("COE", "Council of Europe", "regional", ("Conseil de l'Europe",), ("FRA", "DEU"))


@pytest.fixture(scope="module")
def resolver(states: dict[str, State]) -> NameResolver:
    return NameResolver([*ORGANIZATIONS, EU, COE], states)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ICPO-INTERPOL", "INTERPOL"),
        ("Interpol", "INTERPOL"),
        ("International Criminal Police Organization", "INTERPOL"),
        ("international criminal police organisation", "INTERPOL"),
        ("INTERPOOL", "INTERPOL"),
        ("ОБСЕ", "OSCE"),
        ("CEDEAO", "ECOWAS"),
        ("KEN", "KEN"),
        ("Kenya", "KEN"),
        ("Union europeenne", "EU"),
    ],
)
def test_resolves_codes_aliases_and_near_spellings(resolver: NameResolver, text: str, expected: str) -> None:
    assert resolver.resolve(text) == expected


def test_unknown_and_ambiguous_names(resolver: NameResolver) -> None:
    with pytest.raises(UnknownName) as unknown:
        resolver.resolve("Galactic Federation")
    assert unknown.value.field == "name"
    with pytest.raises(UnknownName):
        resolver.resolve("XY")
    # A code hidden inside a longer name is no match: "ita" in "Britain", "oas" in "Ivory Coast".
    for text in ("Britain", "Ivory Coast"):
        with pytest.raises(UnknownName):
            resolver.resolve(text)
    with pytest.raises(AmbiguousName) as ambiguous:
        resolver.resolve("Europe")
    assert set(ambiguous.value.candidates) == {"EU", "COE"}
