"""Turns requests and programmes into sparse feature blocks whose dot products are the fit components."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.catalogue import AreaGuess, Catalogue
from matcher.glossary import Hit
from matcher.model import Programme, Request
from matcher.text import han_ngrams, tokenise

# A lexical feature found in more than this share of programmes says little about fit and
# makes the sparse product dense; it is dropped once the corpus is big enough for shares to mean something.
MAX_DF = 0.2
MIN_DF_CAP = 50
DTYPE = np.float32

Matrix: TypeAlias = sp.csr_matrix


@dataclass(frozen=True)
class Profile:
    """What the scorer reads from one record's text: lexical terms, glossary hits, areas, delivery cues."""

    lexical: Mapping[str, int]
    surfaces: Mapping[str, str]
    hits: tuple[Hit, ...]
    areas: Mapping[str, float]
    inferred: bool
    guesses: tuple[AreaGuess, ...]
    modalities: Mapping[str, float]


def profile_text(
    catalogue: Catalogue, title: str, description: str, areas: Sequence[str], modality: str | None = None
) -> Profile:
    """Analyse one record: given `areas` are kept at full weight, otherwise the tagger's guesses are used."""
    text = f"{title}\n{description}"
    tokens = tokenise(text)
    lexical: Counter[str] = Counter()
    surfaces: dict[str, str] = {}
    for token in tokens:
        terms = han_ngrams(token.stem) if token.han else [token.stem]
        lexical.update(terms)
        if not token.han:
            surfaces.setdefault(token.stem, text[token.start : token.end])
    hits = tuple(catalogue.glossary.find(text, tokens))
    guesses = tuple(catalogue.tag_hits(list(hits), len(title) + 1))
    if areas:
        area_weights = {a: 1.0 for a in areas}
    else:
        area_weights = {g.area: g.confidence for g in guesses}
    if modality is not None and modality in catalogue.modalities:
        cues = {modality: 1.0}
    else:
        cues = catalogue.modality_cues(text)
    return Profile(dict(lexical), surfaces, hits, area_weights, not areas, guesses, cues)


def profile_request(catalogue: Catalogue, request: Request) -> Profile:
    return profile_text(catalogue, request.title, request.description, request.areas)


def profile_programme(catalogue: Catalogue, programme: Programme) -> Profile:
    return profile_text(
        catalogue, programme.title, programme.description, programme.areas, programme.modality
    )


class Vectoriser:
    """Feature spaces fitted on the programmes: lexical vocabulary, glossary concepts, areas, modalities.

    Inverse document frequencies come from the programmes only, so a request's vector never
    depends on which other requests are scored with it.
    """

    BLOCKS = ("area", "concepts", "lexical", "modality")

    def __init__(self, catalogue: Catalogue, programmes: Sequence[Profile]) -> None:
        n = len(programmes)
        self.areas = sorted(catalogue.areas)
        self.concepts = sorted(catalogue.glossary.concepts)
        self.modalities = sorted(catalogue.modalities)
        df_lex: Counter[str] = Counter()
        df_concept: Counter[str] = Counter()
        df_area: Counter[str] = Counter()
        for p in programmes:
            df_lex.update(p.lexical.keys())
            df_concept.update({h.concept for h in p.hits})
            df_area.update(p.areas.keys())
        cap = max(MAX_DF * n, MIN_DF_CAP)
        kept = sorted(term for term, df in df_lex.items() if df <= cap)
        self.lexical_index = {term: i for i, term in enumerate(kept)}
        self.lexical_idf = np.array([_idf(n, df_lex[t]) for t in kept], dtype=np.float64)
        self.concept_index = {c: i for i, c in enumerate(self.concepts)}
        self.concept_idf = np.array([_idf(n, df_concept[c]) for c in self.concepts], dtype=np.float64)
        self.area_index = {a: i for i, a in enumerate(self.areas)}
        self.area_idf = np.array([_idf(n, df_area[a]) for a in self.areas], dtype=np.float64)
        self.modality_index = {m: i for i, m in enumerate(self.modalities)}

    def blocks(self, profiles: Sequence[Profile]) -> dict[str, Matrix]:
        """One L2-normalised sparse matrix per block (rows = profiles), ready for dot products."""
        return {
            "area": self._build(profiles, lambda p: p.areas, self.area_index, self.area_idf, sublinear=False),
            "concepts": self._build(
                profiles, lambda p: Counter(h.concept for h in p.hits), self.concept_index, self.concept_idf
            ),
            "lexical": self._build(profiles, lambda p: p.lexical, self.lexical_index, self.lexical_idf),
            "modality": self._build(
                profiles, lambda p: p.modalities, self.modality_index, None, normalise=False
            ),
        }

    @staticmethod
    def _build(
        profiles: Sequence[Profile],
        values: Callable[[Profile], Mapping[str, float]],
        index: Mapping[str, int],
        idf: npt.NDArray[np.float64] | None,
        *,
        sublinear: bool = True,
        normalise: bool = True,
    ) -> Matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for profile in profiles:
            row = {index[t]: float(v) for t, v in values(profile).items() if t in index}
            cols = sorted(row)
            weights = np.array([row[c] for c in cols], dtype=np.float64)
            if sublinear and len(cols):
                weights = 1.0 + np.log(weights)
            if idf is not None and len(cols):
                weights = weights * idf[cols]
            if normalise and len(cols):
                norm = math.sqrt(float(weights @ weights))
                weights = weights / norm if norm > 0 else weights
            indices.extend(cols)
            data.extend(weights.tolist())
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.asarray(data, dtype=DTYPE),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(profiles), len(index)),
        )


def _idf(n: int, df: int) -> float:
    """Smoothed inverse document frequency, as scikit-learn computes it."""
    return math.log((1 + n) / (1 + df)) + 1.0
