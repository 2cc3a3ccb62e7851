"""Turning what a person typed into the ids the database uses: state and organization names through the
core's fuzzy resolver, area ids and language names. Each lookup fails with a CellError that says what
would have been accepted."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import models as m
from service.core import (
    AmbiguousName,
    NameResolver,
    Organization,
    State,
    UnknownName,
    load_organizations,
    load_states,
)
from service.imports.cells import CellError, items, refuse_mixed_scripts

LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "inglés": "en", "ingles": "en", "английский": "en",
    "french": "fr", "français": "fr", "francais": "fr", "francés": "fr", "frances": "fr", "французский": "fr",
    "spanish": "es", "espagnol": "es", "español": "es", "espanol": "es", "испанский": "es",
    "russian": "ru", "russe": "ru", "ruso": "ru", "русский": "ru",
    "arabic": "ar", "arabe": "ar", "árabe": "ar", "арабский": "ar", "العربية": "ar",
    "chinese": "zh", "chinois": "zh", "chino": "zh", "китайский": "zh", "中文": "zh",
}  # fmt: skip


class Names:
    """Lookups for one import, built once from the database (the resolver indexes every name)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[str, str], str] = {}

    @cached_property
    def _states(self) -> dict[str, State]:
        return load_states(self._session)

    @cached_property
    def _organizations(self) -> list[Organization]:
        return load_organizations(self._session)

    @cached_property
    def _labels(self) -> dict[str, str]:
        labels = {iso3: s.name for iso3, s in self._states.items()}
        labels.update({o.id: o.name for o in self._organizations})
        return labels

    @cached_property
    def _state_resolver(self) -> NameResolver:
        return NameResolver([], self._states)

    @cached_property
    def _party_resolver(self) -> NameResolver:
        return NameResolver(self._organizations, self._states)

    def is_state(self, code: str) -> bool:
        return code in self._states

    @cached_property
    def areas(self) -> frozenset[str]:
        return frozenset(self._session.scalars(select(m.Area.id)))

    def _resolve(self, resolver: NameResolver, text: str, what: str) -> str:
        key = (what, text)
        if key not in self._cache:
            refuse_mixed_scripts(text)  # before the fuzzy match, which would forgive a look-alike letter
            try:
                self._cache[key] = resolver.resolve(text)
            except AmbiguousName as exc:
                options = "; ".join(f"{c} ({self._labels.get(c, c)})" for c in exc.candidates)
                reason = f"{text!r} could name more than one {what}: {options}; write a code"
                raise CellError(reason) from None
            except UnknownName:
                raise CellError(f"{text!r} is not a known {what}; write its name or code") from None
        return self._cache[key]

    def state(self, text: str) -> str:
        """A state's ISO3 code from its code or (nearly) its name."""
        return self._resolve(self._state_resolver, text, "state")

    def party(self, text: str) -> str:
        """A state's ISO3 code or an organization's id, from a code, an acronym, an alias or a name."""
        return self._resolve(self._party_resolver, text, "state or organization")

    @cached_property
    def _regions(self) -> dict[str, str]:
        return {name.casefold(): name for state in self._states.values() for name in state.regions}

    def region(self, text: str) -> str:
        """A UN M49 region, sub-region or intermediate region, as the states reference spells it."""
        if text.casefold() not in self._regions:
            raise CellError(f"{text!r} is not a UN M49 region or sub-region (such as Eastern Africa)")
        return self._regions[text.casefold()]

    def area_ids(self, text: str) -> list[str]:
        wanted = sorted({a.casefold().replace(" ", "-").replace("_", "-") for a in items(text)})
        unknown = [a for a in wanted if a not in self.areas]
        if unknown:
            raise CellError(f"{unknown[0]!r} is not an area; use the ids {', '.join(sorted(self.areas))}")
        return wanted


def language(text: str) -> str:
    """An ISO 639 code, from the code itself or the language's name in a UN language."""
    folded = text.casefold()
    if folded in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[folded]
    if folded.isascii() and folded.isalpha() and 2 <= len(folded) <= 3:
        return folded
    raise CellError(f"{text!r} is not a language code such as en, fr, es, ru, ar or zh")


def languages(text: str) -> list[str]:
    return sorted({language(part) for part in items(text)})
