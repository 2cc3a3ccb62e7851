"""Resolves free-text organization and state names (codes, aliases, near spellings) to their ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from matcher.errors import AmbiguousName, UnknownName
from matcher.glossary import Concept, Glossary
from matcher.model import Organization, State
from matcher.text import Token, normalise

# WRatio score (0–100) a close spelling needs; lower lets "Interpool" through but also "Europe" → "EU".
THRESHOLD = 88.0
# Two ids scoring within this many points of each other are too close to choose between.
MARGIN = 2.0
# Shorter texts are codes: they must match exactly, a fuzzy "UA" would match anything.
MIN_FUZZY_LENGTH = 4

# Acronyms this short count in running text only when written in capitals ("OAS", not "oas").
SHORT_ACRONYM = 5

_SEPARATORS = re.compile(r"[^\w]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", normalise(text)).strip()


class NameResolver:
    """Index of every organization's id, name and aliases and every state's code and name."""

    def __init__(
        self, organizations: Iterable[Organization], states: Mapping[str, State], threshold: float = THRESHOLD
    ) -> None:
        self.threshold = threshold
        self._ids: dict[str, set[str]] = {}
        for org in organizations:
            for name in (org.id, org.name, *org.aliases):
                self._add(name, org.id)
        for state in states.values():
            for name in (state.iso3, state.name):
                self._add(name, state.iso3)
        # Codes take part only by exact match: fuzzily, "ita" sits inside "britain" and "oas" inside
        # "ivory coast", and a partial match of a three-letter code would name the wrong party.
        self._fuzzy_keys = sorted(k for k in self._ids if len(k) >= MIN_FUZZY_LENGTH)

    def _add(self, name: str, target: str) -> None:
        key = _key(name)
        if key:
            self._ids.setdefault(key, set()).add(target)

    def candidates(self, text: str, limit: int = 5) -> list[tuple[str, float]]:
        """Best ids for `text` with their scores (0–100), best first, one entry per id."""
        key = _key(text)
        if not key:
            return []
        if key in self._ids:
            return [(target, 100.0) for target in sorted(self._ids[key])]
        if len(key) < MIN_FUZZY_LENGTH:
            return []
        best: dict[str, float] = {}
        for choice, score, _ in process.extract(key, self._fuzzy_keys, scorer=fuzz.WRatio, limit=limit * 4):
            for target in self._ids[choice]:
                best[target] = max(best.get(target, 0.0), float(score))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def resolve(self, text: str) -> str:
        """The one id `text` names; UnknownName if none is close enough, AmbiguousName if several are."""
        found = [(target, score) for target, score in self.candidates(text) if score >= self.threshold]
        if not found:
            raise UnknownName(f"no organization or state called {text!r}", record=text, field="name")
        top = found[0][1]
        tied = [target for target, score in found if top - score <= MARGIN]
        if len(tied) > 1:
            raise AmbiguousName(f"{text!r} could name several", tied, record=text)
        return found[0][0]


class NameFinder:
    """Finds the organizations a free text names, by id, name or alias ("as INTERPOL recommends")."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self._glossary = Glossary(
            Concept(org.id, (), {"names": (org.id, org.name, *org.aliases)}) for org in organizations
        )

    def find(self, text: str, tokens: list[Token] | None = None) -> dict[str, int]:
        """How often each organization is named in `text`."""
        found: dict[str, int] = {}
        for hit in self._glossary.find(text, tokens):
            if len(hit.surface) <= SHORT_ACRONYM and not hit.surface.isupper() and hit.surface.isascii():
                continue
            found[hit.concept] = found.get(hit.concept, 0) + 1
        return found
