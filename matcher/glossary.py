"""The multilingual glossary: finds the field's terms in any UN language and maps them to concept ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from matcher.text import Token, normalise, tokenise


@dataclass(frozen=True)
class Concept:
    """One idea of the field (e.g. a financial intelligence unit) with its terms per language.

    `areas` are the taxonomy areas the concept points to and `weight` how strongly it does
    (generic words such as "law" weigh less than "financial intelligence unit").
    """

    id: str
    areas: tuple[str, ...]
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    weight: float = 1.0


@dataclass(frozen=True)
class Hit:
    """One occurrence of a concept's term in a text: the concept and the words as written there."""

    concept: str
    surface: str
    start: int
    end: int


class Glossary:
    """Index of every concept's terms; `find` returns the concepts a text mentions, longest term first."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: dict[str, Concept] = {}
        # Stem sequence → concept; when two concepts share a spelling the first given keeps it.
        self._terms: dict[tuple[str, ...], str] = {}
        self._longest: dict[str, int] = {}
        han_terms: dict[str, str] = {}
        for concept in concepts:
            if concept.id in self.concepts:
                raise ValueError(f"glossary concept {concept.id!r} defined twice")
            self.concepts[concept.id] = concept
            for terms in concept.terms.values():
                for term in terms:
                    tokens = tokenise(term)
                    if any(t.han for t in tokens):
                        han_terms.setdefault(normalise(term), concept.id)
                    elif tokens:
                        stems = tuple(t.stem for t in tokens)
                        self._terms.setdefault(stems, concept.id)
                        self._longest[stems[0]] = max(self._longest.get(stems[0], 0), len(stems))
        self._han_concept = han_terms
        ordered = sorted(han_terms, key=lambda t: (-len(t), t))
        self._han = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Hit]:
        """Every glossary term in `text` (pass `tokens` if tokenised already), in order, non-overlapping.

        At each word the longest term starting there wins ("financial intelligence unit" over
        "financial"), and matching resumes after it.
        """
        tokens = tokenise(text) if tokens is None else tokens
        stems = [t.stem for t in tokens]
        longest = self._longest
        # Only words that can start a term (or Han runs) need a closer look.
        starts = [i for i, t in enumerate(tokens) if t.han or t.stem in longest]
        hits: list[Hit] = []
        free, n = 0, len(tokens)
        for i in starts:
            if i < free:
                continue
            token = tokens[i]
            if token.han:
                hits.extend(self._find_han(text, token))
                free = i + 1
                continue
            for length in range(min(longest[token.stem], n - i), 0, -1):
                concept = self._terms.get(tuple(stems[i : i + length]))
                if concept is not None:
                    end = tokens[i + length - 1].end
                    hits.append(Hit(concept, text[token.start : end], token.start, end))
                    free = i + length
                    break
        return hits

    def _find_han(self, text: str, token: Token) -> list[Hit]:
        if self._han is None:
            return []
        run = normalise(text[token.start : token.end])
        if len(run) != token.end - token.start:
            # Normalisation changed the length (rare compatibility characters): report the whole run.
            return [
                Hit(self._han_concept[m.group()], text[token.start : token.end], token.start, token.end)
                for m in self._han.finditer(run)
            ]
        return [
            Hit(
                self._han_concept[m.group()],
                text[token.start + m.start() : token.start + m.end()],
                token.start + m.start(),
                token.start + m.end(),
            )
            for m in self._han.finditer(run)
        ]
