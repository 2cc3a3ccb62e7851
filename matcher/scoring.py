"""Request × programme scoring: weighted fit components, hard eligibility, chunked top-k, explanations."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.catalogue import Catalogue
from matcher.components import language_table, network_table
from matcher.errors import MatcherError, UnknownOrganization
from matcher.explain import PairEvidence, explain
from matcher.features import DTYPE, Profile, Vectoriser, profile_programme, profile_request
from matcher.graph import OrgGraph
from matcher.model import Programme, Request, Suggestion
from matcher.ranking import top_k
from matcher.text import detect_language
from matcher.validation import duplicate_problems, programme_problems, raise_first, request_problems

# Cells of one request-chunk × programmes score block (float32): about 80 MB at this size.
CHUNK_CELLS = 20_000_000

Index = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Weights:
    """How much each fit component counts in the score; they sum to 1, so the score is in [0, 1]."""

    area: float = 0.35
    concepts: float = 0.25
    lexical: float = 0.15
    modality: float = 0.05
    network: float = 0.15
    language: float = 0.05

    def __post_init__(self) -> None:
        values = dataclasses.astuple(self)
        if any(v < 0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
            raise MatcherError("weights must be non-negative and sum to 1", record="weights", field="weights")

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Ranking:
    """Top-k result as arrays: row i holds the best columns for `row_ids[i]`, -1 / -inf past the end."""

    row_ids: tuple[str, ...]
    column_ids: tuple[str, ...]
    columns: Index
    scores: npt.NDArray[np.float32]


class Matcher:
    """The scorer's configuration: catalogue, organizations graph and component weights."""

    def __init__(
        self,
        catalogue: Catalogue,
        graph: OrgGraph,
        weights: Weights | None = None,
        *,
        min_score: float = 0.0,
    ) -> None:
        self.catalogue = catalogue
        self.graph = graph
        self.weights = weights or Weights()
        self.min_score = min_score

    def fit(self, programmes: Iterable[Programme]) -> FittedMatcher:
        """Validate and vectorise the programmes once; the result scores any number of requests."""
        return FittedMatcher(self, programmes)


@dataclass
class _Batch:
    requests: list[Request]
    profiles: list[Profile]
    blocks: dict[str, sp.csr_matrix]
    combined: sp.csr_matrix
    state_rows: Index
    language_rows: Index


class FittedMatcher:
    """Programmes vectorised and indexed; scores requests in chunks with sparse products."""

    def __init__(self, matcher: Matcher, programmes: Iterable[Programme]) -> None:
        self.matcher = matcher
        catalogue, graph = matcher.catalogue, matcher.graph
        ordered = sorted(programmes, key=lambda p: p.id)
        raise_first(duplicate_problems((p.id for p in ordered), "programme"))
        for programme in ordered:
            raise_first(programme_problems(programme, catalogue, graph))
        self.programmes: tuple[Programme, ...] = tuple(
            p if p.language else dataclasses.replace(p, language=detect_language(p.text)) for p in ordered
        )
        self.index = {p.id: j for j, p in enumerate(self.programmes)}
        self.profiles = [profile_programme(catalogue, p) for p in self.programmes]
        self.vectoriser = Vectoriser(catalogue, self.profiles)
        self.blocks = self.vectoriser.blocks(self.profiles)
        self._transposed = sp.hstack([self.blocks[b] for b in Vectoriser.BLOCKS], format="csr").T.tocsr()
        self.states = sorted(graph.states)
        self._state_row = {s: i for i, s in enumerate(self.states)}
        self.eligibility = graph.eligibility_matrix(self.programmes, self.states)
        self.network = network_table(graph, self.programmes, self.states)
        self.languages = sorted({lang for p in self.programmes for lang in p.languages} | {"und"})
        self._language_row = {lang: i for i, lang in enumerate(self.languages)}
        # Languages no programme is delivered in all share one row of zeros.
        self.language = np.vstack(
            [language_table(self.programmes, self.languages), np.zeros((1, len(self.programmes)), DTYPE)]
        )

    # -- batch scoring -----------------------------------------------------------------------

    def _prepare(self, requests: Sequence[Request]) -> _Batch:
        catalogue, graph = self.matcher.catalogue, self.matcher.graph
        profiles = [profile_request(catalogue, r) for r in requests]
        blocks = self.vectoriser.blocks(profiles)
        weights = self.matcher.weights
        combined = sp.hstack([blocks[b] * getattr(weights, b) for b in Vectoriser.BLOCKS], format="csr")
        combined = combined.astype(DTYPE)
        del graph
        unknown = len(self.languages)
        return _Batch(
            requests=list(requests),
            profiles=profiles,
            blocks=blocks,
            combined=combined,
            state_rows=np.array([self._state_row[r.state] for r in requests], dtype=np.int64),
            language_rows=np.array(
                [self._language_row.get(_language(r), unknown) for r in requests], dtype=np.int64
            ),
        )

    def _scores(self, batch: _Batch, columns: Index | None = None) -> npt.NDArray[np.float32]:
        """Scores of the batch's requests against programme `columns` (all by default); -inf if ineligible.

        The same code path serves one pair and a whole chunk, so both give identical floats.
        """
        transposed = self._transposed if columns is None else self._transposed[:, columns]
        scores = np.asarray((batch.combined @ transposed).toarray(), dtype=DTYPE)
        weights = self.matcher.weights
        network = self.network[batch.state_rows]
        language = self.language[batch.language_rows]
        eligible = self.eligibility[batch.state_rows]
        if columns is not None:
            network, language, eligible = network[:, columns], language[:, columns], eligible[:, columns]
        scores += DTYPE(weights.network) * network
        scores += DTYPE(weights.language) * language
        np.clip(scores, 0.0, 1.0, out=scores)
        scores[~eligible] = -np.inf
        return scores

    def _chunks(self, requests: Sequence[Request]) -> Iterable[tuple[int, _Batch]]:
        size = max(1, CHUNK_CELLS // max(1, len(self.programmes)))
        for start in range(0, len(requests), size):
            yield start, self._prepare(requests[start : start + size])

    def _checked(self, requests: Iterable[Request]) -> list[Request]:
        ordered = sorted(requests, key=lambda r: r.id)
        raise_first(duplicate_problems((r.id for r in ordered), "request"))
        for request in ordered:
            raise_first(request_problems(request, self.matcher.catalogue, self.matcher.graph))
        return ordered

    def rank(self, requests: Iterable[Request], k: int = 10) -> Ranking:
        """Top-k programmes of every request as arrays (no explanations): the fast path for big batches."""
        ordered = self._checked(requests)
        width = min(k, len(self.programmes))
        columns = np.full((len(ordered), width), -1, dtype=np.int64)
        scores = np.full((len(ordered), width), -np.inf, dtype=DTYPE)
        for start, batch in self._chunks(ordered):
            block = self._scores(batch)
            pos, val = top_k(block, width)
            keep = val > self.matcher.min_score
            stop = start + len(batch.requests)
            columns[start:stop] = np.where(keep, pos, -1)
            scores[start:stop] = np.where(keep, val, -np.inf)
        return Ranking(tuple(r.id for r in ordered), tuple(self.index), columns, scores)

    def top_programmes(self, requests: Iterable[Request], k: int = 10) -> dict[str, list[Suggestion]]:
        """For each request, its k best eligible programmes with explanations, best first."""
        ordered = self._checked(requests)
        result: dict[str, list[Suggestion]] = {}
        for _, batch in self._chunks(ordered):
            block = self._scores(batch)
            pos, val = top_k(block, min(k, len(self.programmes)))
            for i, request in enumerate(batch.requests):
                result[request.id] = [
                    self._suggestion(batch, i, int(j), float(s))
                    for j, s in zip(pos[i], val[i], strict=True)
                    if s > self.matcher.min_score
                ]
        return result

    def top_requests(
        self, requests: Iterable[Request], k: int = 10, by: Literal["programme", "provider"] = "programme"
    ) -> dict[str, list[Suggestion]]:
        """For each programme (or provider), the k requests its programmes fit best, with explanations.

        By provider, a request's score is that of the provider's best programme for it.
        """
        if by not in ("programme", "provider"):
            raise MatcherError("by must be 'programme' or 'provider'", record="top_requests", field="by")
        ordered = self._checked(requests)
        groups = self._groups(by)
        starts = np.array([g[0] for g in groups.values()], dtype=np.int64)
        order = np.concatenate([np.array(g, dtype=np.int64) for g in groups.values()]) if groups else starts
        best_scores = np.full((len(groups), k), -np.inf, dtype=DTYPE)
        best_rows = np.full((len(groups), k), np.iinfo(np.int64).max, dtype=np.int64)
        batches: dict[int, _Batch] = {}
        for start, batch in self._chunks(ordered):
            block = self._scores(batch)
            if by == "provider":
                block = np.maximum.reduceat(block[:, order], _group_offsets(groups), axis=1)
            keys = np.arange(start, start + block.shape[0], dtype=np.int64)
            pos, val = top_k(np.ascontiguousarray(block.T), k, np.broadcast_to(keys, block.T.shape))
            merged_scores = np.hstack([best_scores, val])
            merged_rows = np.hstack([best_rows, pos + start])
            keep, best_scores = top_k(merged_scores, k, merged_rows)
            best_rows = np.take_along_axis(merged_rows, keep, axis=1)
            batches[start] = batch
        del starts
        return self._column_suggestions(groups, best_rows, best_scores, ordered, by)

    def _groups(self, by: str) -> dict[str, list[int]]:
        if by == "programme":
            return {p.id: [j] for j, p in enumerate(self.programmes)}
        groups: dict[str, list[int]] = {}
        for j, p in enumerate(self.programmes):
            groups.setdefault(p.provider, []).append(j)
        return dict(sorted(groups.items()))

    def _column_suggestions(
        self,
        groups: dict[str, list[int]],
        rows: Index,
        scores: npt.NDArray[np.float32],
        ordered: list[Request],
        by: str,
    ) -> dict[str, list[Suggestion]]:
        result: dict[str, list[Suggestion]] = {}
        for g, (key, members) in enumerate(groups.items()):
            chosen = [
                (int(r), float(s))
                for r, s in zip(rows[g], scores[g], strict=True)
                if s > self.matcher.min_score
            ]
            batch = self._prepare([ordered[r] for r, _ in chosen])
            suggestions = []
            for i, (_, score) in enumerate(chosen):
                cols = np.array(members, dtype=np.int64)
                row_scores = self._scores(_slice(batch, i), cols)[0]
                best = int(cols[np.lexsort((cols, -row_scores))[0]])
                suggestions.append(self._suggestion(_slice(batch, i), 0, best, score))
            result[key] = suggestions
        del by
        return result

    def score_pairs(
        self, requests: Sequence[Request], programme_ids: Sequence[str]
    ) -> list[Suggestion | None]:
        """Score each (requests[i], programme_ids[i]) pair; None where the programme can't serve the state."""
        if len(requests) != len(programme_ids):
            raise MatcherError(
                "requests and programme_ids differ in length", record="score_pairs", field="pairs"
            )
        for pid in programme_ids:
            if pid not in self.index:
                raise UnknownOrganization(f"unknown programme {pid!r}", record=pid, field="programme_id")
        checked = {r.id: r for r in self._checked({r.id: r for r in requests}.values())}
        result: list[Suggestion | None] = []
        for request, pid in zip(requests, programme_ids, strict=True):
            batch = self._prepare([checked[request.id]])
            j = self.index[pid]
            score = float(self._scores(batch, np.array([j], dtype=np.int64))[0, 0])
            result.append(None if score == -np.inf else self._suggestion(batch, 0, j, score))
        return result

    # -- explanations --------------------------------------------------------------------------

    def _suggestion(self, batch: _Batch, i: int, j: int, score: float) -> Suggestion:
        request, programme = batch.requests[i], self.programmes[j]
        components = {
            name: float(batch.blocks[name][i].multiply(self.blocks[name][j]).sum())
            for name in Vectoriser.BLOCKS
        }
        components["network"] = float(self.network[batch.state_rows[i], j])
        components["language"] = float(self.language[batch.language_rows[i], j])
        evidence = PairEvidence(
            request=request,
            programme=programme,
            request_profile=batch.profiles[i],
            programme_profile=self.profiles[j],
            components=components,
            lexical_weights=self.vectoriser.lexical_index,
            lexical_idf=self.vectoriser.lexical_idf,
            concept_idf=dict(
                zip(self.vectoriser.concepts, self.vectoriser.concept_idf.tolist(), strict=True)
            ),
        )
        explanation = explain(
            evidence, self.matcher.weights.as_dict(), score, self.matcher.graph, self.matcher.catalogue
        )
        return Suggestion(
            request.id,
            programme.id,
            round(score, 6),
            {k: round(v, 6) for k, v in components.items()},
            explanation,
        )


def _language(request: Request) -> str:
    return (
        request.language if request.language and request.language != "und" else detect_language(request.text)
    )


def _slice(batch: _Batch, i: int) -> _Batch:
    return _Batch(
        requests=[batch.requests[i]],
        profiles=[batch.profiles[i]],
        blocks={name: m[i : i + 1] for name, m in batch.blocks.items()},
        combined=batch.combined[i : i + 1],
        state_rows=batch.state_rows[i : i + 1],
        language_rows=batch.language_rows[i : i + 1],
    )


def _group_offsets(groups: dict[str, list[int]]) -> Index:
    sizes = np.array([len(g) for g in groups.values()], dtype=np.int64)
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
