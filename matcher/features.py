"""Turns requests and programmes into sparse feature blocks whose dot products are the fit components."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.catalogue import Catalogue
from matcher.glossary import Hit
from matcher.model import Programme, Request
from matcher.names import NameFinder
from matcher.text import han_ngrams, tokenise

# A lexical feature found in more than this share of programmes says little about fit and
# makes the sparse product dense; it is dropped once the corpus is big enough for shares to mean something.
MAX_DF = 0.2
MIN_DF_CAP = 50
# A word in the title counts as this many in the description: titles state the need itself.
TITLE_COUNT = 2.0
DTYPE = np.float32

Matrix: TypeAlias = sp.csr_matrix
Side: TypeAlias = Literal["request", "programme"]


@dataclass(frozen=True)
class Profile:
    """What the scorer reads from one record's text: lexical terms, glossary hits, areas, delivery cues."""

    lexical: Mapping[str, float]
    surfaces: Mapping[str, str]
    hits: tuple[Hit, ...]
    areas: Mapping[str, float]
    inferred: bool
    modalities: Mapping[str, float]
    concepts: Mapping[str, float]
    names: Mapping[str, int]


def profile_text(
    catalogue: Catalogue,
    title: str,
    description: str,
    areas: Sequence[str],
    *,
    modality: str | None = None,
    finder: NameFinder | None = None,
    provider: str | None = None,
) -> Profile:
    """Analyse one record: given `areas` are kept at full weight, otherwise the tagger's guesses are used.

    A request's `names` are the organizations its text names (with `finder`); a programme's, its provider.
    """
    text = f"{title}\n{description}"
    tokens = tokenise(text)
    # Plain dicts rather than Counters: this runs once per text, hundreds of thousands of times.
    lexical: dict[str, float] = {}
    surfaces: dict[str, str] = {}
    title_end = len(title)
    for token in tokens:
        count = TITLE_COUNT if token.end <= title_end else 1.0
        if token.han:
            for term in han_ngrams(token.stem):
                lexical[term] = lexical.get(term, 0) + count
        else:
            lexical[token.stem] = lexical.get(token.stem, 0) + count
            if token.stem not in surfaces:
                surfaces[token.stem] = text[token.start : token.end]
    found, cues = catalogue.read(text, tokens)
    concepts: dict[str, float] = {}
    for hit in found:
        concepts[hit.concept] = concepts.get(hit.concept, 0) + (TITLE_COUNT if hit.end <= title_end else 1.0)
    hits = tuple(found)
    if areas:
        area_weights = {a: 1.0 for a in areas}
    else:
        area_weights = {g.area: g.confidence for g in catalogue.tag_hits(found, len(title) + 1)}
    if modality is not None and modality in catalogue.modalities:
        cues = {modality: 1.0}
    if provider is not None:
        names = {provider: 1}
    else:
        names = finder.find(text, tokens) if finder is not None else {}
    return Profile(lexical, surfaces, hits, area_weights, not areas, cues, concepts, names)


def profile_request(catalogue: Catalogue, request: Request, finder: NameFinder | None = None) -> Profile:
    return profile_text(catalogue, request.title, request.description, request.areas, finder=finder)


def profile_programme(catalogue: Catalogue, programme: Programme) -> Profile:
    return profile_text(
        catalogue,
        programme.title,
        programme.description,
        programme.areas,
        modality=programme.modality,
        provider=programme.provider,
    )


class Vectoriser:
    """Feature spaces fitted on the programmes: lexical vocabulary, glossary concepts, areas, modalities.

    Inverse document frequencies come from the programmes only, so a request's vector never
    depends on which other requests are scored with it.
    """

    BLOCKS = ("area", "concepts", "lexical", "modality", "mention")

    def __init__(self, catalogue: Catalogue, programmes: Sequence[Profile]) -> None:
        n = len(programmes)
        self.areas = sorted(catalogue.areas)
        self.concepts = list(catalogue.concept_ids)
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
        self.provider_index = {
            name: i for i, name in enumerate(sorted({n for p in programmes for n in p.names}))
        }

    def blocks(self, profiles: Sequence[Profile], side: Side = "request") -> dict[str, Matrix]:
        """One sparse matrix per block (rows = profiles), ready for dot products with the other side's.

        Text blocks are L2-normalised on both sides (cosines). The area block is not symmetric: a
        request's areas are weighted by specificity and sum to 1, a programme's are indicators (its
        tagger confidence when inferred), so the dot product is the share of the request's areas the
        programme covers, and a programme that also covers other areas is not diluted by them.
        """
        if side == "programme":
            area = self._build(
                profiles,
                lambda p: {a: min(1.0, w) for a, w in p.areas.items()},
                self.area_index,
                None,
                sublinear=False,
                normalise=False,
            )
        else:
            area = self._build(
                profiles, lambda p: p.areas, self.area_index, self.area_idf, sublinear=False, norm=1
            )
        return {
            "area": area,
            "concepts": self._build(profiles, lambda p: p.concepts, self.concept_index, self.concept_idf),
            "lexical": self._build(profiles, lambda p: p.lexical, self.lexical_index, self.lexical_idf),
            "modality": self._build(
                profiles, lambda p: p.modalities, self.modality_index, None, sublinear=False, normalise=False
            ),
            "mention": self._build(
                profiles,
                lambda p: dict.fromkeys(p.names, 1.0),
                self.provider_index,
                None,
                sublinear=False,
                normalise=False,
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
        norm: int = 2,
    ) -> Matrix:
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, profile in enumerate(profiles):
            for term, value in values(profile).items():
                c = index.get(term)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    vals.append(value)
        row = np.asarray(rows, dtype=np.int64)
        col = np.asarray(cols, dtype=np.int64)
        weight = np.asarray(vals, dtype=np.float64)
        if sublinear:
            weight = 1.0 + np.log(weight)
        if idf is not None:
            weight = weight * idf[col]
        if normalise and norm == 1:
            weight = weight / np.bincount(row, weights=np.abs(weight), minlength=len(profiles))[row]
        elif normalise:
            norms = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(profiles)))
            weight = weight / norms[row]
        matrix: Matrix = sp.csr_matrix(
            (weight.astype(DTYPE), (row, col)), shape=(len(profiles), len(index)), dtype=DTYPE
        )
        # Canonical index order keeps every sum in the sparse product in the same order.
        matrix.sort_indices()
        return matrix


def _idf(n: int, df: int) -> float:
    """Smoothed inverse document frequency, as scikit-learn computes it."""
    return math.log((1 + n) / (1 + df)) + 1.0
