"""Request × programme scoring: weighted fit components, hard eligibility, chunked top-k, explanations."""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.catalogue import Catalogue
from matcher.components import DOT_COMPONENTS, language_table, network_table, pair_dots
from matcher.errors import MatcherError
from matcher.explain import PairEvidence, explain
from matcher.features import DTYPE, Profile, Vectoriser, profile_programme, profile_request
from matcher.graph import OrgGraph
from matcher.model import Programme, Request, Suggestion
from matcher.names import NameFinder
from matcher.ranking import top_k
from matcher.text import detect_language
from matcher.validation import duplicate_problems, programme_problems, raise_first, request_problems

# Cells of one request-chunk × programmes score block (float32): about 80 MB at this size.
CHUNK_CELLS = 20_000_000
# Below this many requests, starting worker processes costs more than it saves.
PARALLEL_FROM = 10_000

Index = npt.NDArray[np.int64]
Block = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Weights:
    """How much each fit component counts in the score; they sum to 1, so the score is in [0, 1]."""

    area: float = 0.35
    concepts: float = 0.25
    lexical: float = 0.15
    modality: float = 0.05
    mention: float = 0.05
    network: float = 0.10
    language: float = 0.05

    def __post_init__(self) -> None:
        values = dataclasses.astuple(self)
        if any(v < 0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
            raise MatcherError("weights must be non-negative and sum to 1", record="weights", field="weights")

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Ranking:
    """Top-k as arrays: row i holds the best columns for `row_ids[i]`, -1 / -inf past the last one."""

    row_ids: tuple[str, ...]
    column_ids: tuple[str, ...]
    columns: Index
    scores: Block


class Matcher:
    """The scorer's configuration: catalogue, organizations graph, component weights."""

    def __init__(
        self,
        catalogue: Catalogue,
        graph: OrgGraph,
        weights: Weights | None = None,
        *,
        min_score: float = 0.0,
        workers: int | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.graph = graph
        self.weights = weights or Weights()
        # Eligible programmes scoring no more than this are not suggestions.
        self.min_score = min_score
        self.workers = (os.cpu_count() or 1) if workers is None else workers

    def fit(self, programmes: Iterable[Programme]) -> FittedMatcher:
        """Validate and vectorise the programmes once; the result scores any number of requests."""
        return FittedMatcher(self, programmes)


@dataclass(frozen=True)
class _Batch:
    """Requests vectorised together, sorted by (state, language) so they share context rows."""

    requests: list[Request]
    positions: Index  # place of each request in the id-sorted input: the tie-break key
    profiles: list[Profile]
    blocks: dict[str, sp.csr_matrix]
    combined: sp.csr_matrix
    contexts: list[tuple[int, int]]

    def row(self, i: int) -> _Batch:
        return _Batch(
            [self.requests[i]],
            self.positions[i : i + 1],
            [self.profiles[i]],
            {name: m[i : i + 1] for name, m in self.blocks.items()},
            self.combined[i : i + 1],
            [self.contexts[i]],
        )


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
        self.finder = NameFinder(graph.organizations.values())
        self.profiles = [profile_programme(catalogue, p) for p in self.programmes]
        self.vectoriser = Vectoriser(catalogue, self.profiles)
        self.blocks = self.vectoriser.blocks(self.profiles, "programme")
        self._concept_idf = dict(
            zip(self.vectoriser.concepts, self.vectoriser.concept_idf.tolist(), strict=True)
        )
        self._transposed = sp.hstack([self.blocks[b] for b in Vectoriser.BLOCKS], format="csr").T.tocsr()
        states = sorted(graph.states)
        self._state_row = {s: i for i, s in enumerate(states)}
        self.eligibility = graph.eligibility_matrix(self.programmes, states)
        self.network = network_table(graph, self.programmes, states)
        languages = sorted({lang for p in self.programmes for lang in p.languages} | {"und"})
        self._language_row = {lang: i for i, lang in enumerate(languages)}
        # Languages no programme is delivered in share a last row of zeros.
        self.language = np.vstack(
            [language_table(self.programmes, languages), np.zeros((1, len(self.programmes)), DTYPE)]
        )
        self._context_rows: dict[tuple[int, int], Block] = {}
        self._eligible_cache: tuple[int, Index, sp.csr_matrix] = (-1, np.zeros(0, np.int64), self._transposed)

    # -- the one scoring path ------------------------------------------------------------------

    def _batches(self, ordered: Sequence[Request], *, explain: bool = True) -> Iterator[_Batch]:
        """Chunks of requests sorted by (state, language); `ordered` is id-sorted and validated.

        Without explanations and with many requests, texts are read in worker processes while
        this one scores: reading text is pure Python and would otherwise leave a core idle.
        """
        unknown = len(self._language_row)
        contexts = [
            (self._state_row[r.state], self._language_row.get(_language(r), unknown)) for r in ordered
        ]
        order = sorted(range(len(ordered)), key=lambda i: (contexts[i], i))
        size = max(1, CHUNK_CELLS // max(1, len(self.programmes)))
        chunks = [order[start : start + size] for start in range(0, len(order), size)]
        work = (self.matcher.catalogue, self.finder, self.vectoriser, self.matcher.weights)
        if explain or len(ordered) < PARALLEL_FROM or self.matcher.workers < 2:
            serial = (_vectorise(work, [ordered[i] for i in chosen], explain) for chosen in chunks)
            yield from _assemble(ordered, chunks, serial, contexts)
            return
        with ProcessPoolExecutor(
            self.matcher.workers, mp_context=get_context("fork"), initializer=_start_worker, initargs=(work,)
        ) as pool:
            parallel = pool.map(_vectorise_in_worker, [[ordered[i] for i in chosen] for chosen in chunks])
            yield from _assemble(ordered, chunks, parallel, contexts)

    def _scores(self, batch: _Batch, columns: Index | None = None) -> Block:
        """Scores of the batch against programme `columns` (default all); -inf where ineligible.

        One pair and a whole chunk go through this same code, so both give identical floats.
        """
        transposed = self._transposed if columns is None else self._transposed[:, columns]
        scores = np.asarray((batch.combined @ transposed).toarray(), dtype=DTYPE)
        start = 0
        for context, group in itertools.groupby(batch.contexts):
            stop = start + sum(1 for _ in group)
            row = self._context(*context)
            scores[start:stop] += row if columns is None else row[columns]
            start = stop
        # Components are each in [0, 1] and weights sum to 1: this only trims float rounding.
        np.minimum(scores, 1.0, out=scores)
        return scores

    def _top(self, batch: _Batch, k: int) -> tuple[Index, Block]:
        """Row-wise top-k of the batch, scoring each state's requests against its eligible programmes only.

        Requests come sorted by state, so each state is one contiguous slice; the products run
        over the same features in the same order as `_scores`, so the scores are identical.
        """
        width = min(k, len(self.programmes))
        positions = np.full((len(batch.requests), width), -1, dtype=np.int64)
        values = np.full((len(batch.requests), width), -np.inf, dtype=DTYPE)
        start = 0
        for state_row, group in itertools.groupby(batch.contexts, key=lambda c: c[0]):
            stop = start + sum(1 for _ in group)
            columns, transposed = self._eligible(state_row)
            if len(columns):
                scores = np.asarray((batch.combined[start:stop] @ transposed).toarray(), dtype=DTYPE)
                at = start
                for context, same in itertools.groupby(batch.contexts[start:stop]):
                    until = at + sum(1 for _ in same)
                    scores[at - start : until - start] += self._context(*context)[columns]
                    at = until
                np.minimum(scores, 1.0, out=scores)
                pos, val = top_k(scores, width, np.broadcast_to(columns, scores.shape))
                positions[start:stop, : pos.shape[1]] = columns[pos]
                values[start:stop, : val.shape[1]] = val
            start = stop
        return positions, values

    def _eligible(self, state_row: int) -> tuple[Index, sp.csr_matrix]:
        """Programme columns a state may receive, and the feature matrix restricted to them.

        Only the last state's is kept: requests arrive grouped by state, and keeping every
        state's copy would cost as much memory as the programmes a few hundred times over.
        """
        cached = self._eligible_cache  # one read: another thread may swap it meanwhile
        if cached[0] != state_row:
            columns = np.flatnonzero(self.eligibility[state_row]).astype(np.int64)
            cached = (state_row, columns, self._transposed[:, columns])
            self._eligible_cache = cached
        return cached[1], cached[2]

    def _context(self, state_row: int, language_row: int) -> Block:
        """Weighted network + language fit of one (state, language) against every programme, -inf
        where the state is ineligible; cached, as requests share a few hundred such pairs."""
        key = (state_row, language_row)
        row = self._context_rows.get(key)
        if row is None:
            weights = self.matcher.weights
            row = DTYPE(weights.network) * self.network[state_row]
            row += DTYPE(weights.language) * self.language[language_row]
            row[~self.eligibility[state_row]] = -np.inf
            self._context_rows[key] = row
        return row

    def _checked(self, requests: Iterable[Request]) -> list[Request]:
        ordered = sorted(requests, key=lambda r: r.id)
        raise_first(duplicate_problems((r.id for r in ordered), "request"))
        for request in ordered:
            raise_first(request_problems(request, self.matcher.catalogue, self.matcher.graph))
        return ordered

    # -- public API ----------------------------------------------------------------------------

    def rank(self, requests: Iterable[Request], k: int = 10) -> Ranking:
        """Top-k programmes of every request as arrays, no explanations: the fast path for big batches."""
        ordered = self._checked(requests)
        width = min(k, len(self.programmes))
        columns = np.full((len(ordered), width), -1, dtype=np.int64)
        scores = np.full((len(ordered), width), -np.inf, dtype=DTYPE)
        for batch in self._batches(ordered, explain=False):
            pos, val = self._top(batch, width)
            keep = val > self.matcher.min_score
            columns[batch.positions] = np.where(keep, pos, -1)
            scores[batch.positions] = np.where(keep, val, -np.inf)
        return Ranking(tuple(r.id for r in ordered), tuple(self.index), columns, scores)

    def top_programmes(self, requests: Iterable[Request], k: int = 10) -> dict[str, list[Suggestion]]:
        """For each request, its k best eligible programmes with explanations, best first."""
        ordered = self._checked(requests)
        found: dict[str, list[Suggestion]] = {}
        for batch in self._batches(ordered):
            pos, val = self._top(batch, k)
            kept = val > self.matcher.min_score
            rows = np.nonzero(kept)[0].astype(np.int64)
            columns = pos[kept].astype(np.int64)
            dots = {
                name: pair_dots(batch.blocks[name], self.blocks[name], rows, columns)
                for name in DOT_COMPONENTS
            }
            suggestions: dict[int, list[Suggestion]] = {i: [] for i in range(len(batch.requests))}
            for p, (i, j, score) in enumerate(
                zip(rows.tolist(), columns.tolist(), val[kept].tolist(), strict=True)
            ):
                computed = {name: float(values[p]) for name, values in dots.items()}
                suggestions[i].append(self._suggestion(batch, i, j, score, computed))
            for i, request in enumerate(batch.requests):
                found[request.id] = suggestions[i]
        return {r.id: found[r.id] for r in ordered}

    def top_requests(
        self, requests: Iterable[Request], k: int = 10, by: Literal["programme", "provider"] = "programme"
    ) -> dict[str, list[Suggestion]]:
        """For each programme (or provider), the k requests it fits best, with explanations, best first.

        By provider, a request's score is that of the provider's best programme for it.
        """
        if by not in ("programme", "provider"):
            raise MatcherError("by must be 'programme' or 'provider'", record="top_requests", field="by")
        ordered = self._checked(requests)
        groups = self._groups(by)
        if not groups:
            return {}
        members = np.concatenate([np.array(g, dtype=np.int64) for g in groups.values()])
        offsets = np.cumsum([0] + [len(g) for g in groups.values()])[:-1]
        best_scores = np.full((len(groups), k), -np.inf, dtype=DTYPE)
        best_rows = np.full((len(groups), k), np.iinfo(np.int64).max, dtype=np.int64)
        for batch in self._batches(ordered, explain=False):
            block = self._scores(batch)
            if by == "provider":
                block = np.maximum.reduceat(block[:, members], offsets, axis=1)
            per_group = np.ascontiguousarray(block.T)
            pos, val = top_k(per_group, k, np.broadcast_to(batch.positions, per_group.shape))
            merged_scores = np.hstack([best_scores, val])
            merged_rows = np.hstack([best_rows, batch.positions[pos]])
            keep, best_scores = top_k(merged_scores, k, merged_rows)
            best_rows = np.take_along_axis(merged_rows, keep, axis=1)
        return self._group_suggestions(groups, best_rows, best_scores, ordered)

    def score_pairs(
        self, requests: Sequence[Request], programme_ids: Sequence[str]
    ) -> list[Suggestion | None]:
        """Score each (requests[i], programme_ids[i]); None where the programme cannot serve the state."""
        if len(requests) != len(programme_ids):
            raise MatcherError(
                "requests and programme_ids differ in length", record="score_pairs", field="pairs"
            )
        for pid in programme_ids:
            if pid not in self.index:
                raise MatcherError(f"unknown programme {pid!r}", record=pid, field="programme_id")
        rows = self._rows(self._checked({r.id: r for r in requests}.values()))
        result: list[Suggestion | None] = []
        for request, pid in zip(requests, programme_ids, strict=True):
            one = rows[request.id]
            j = self.index[pid]
            score = float(self._scores(one, np.array([j], dtype=np.int64))[0, 0])
            result.append(None if score == -np.inf else self._suggestion(one, 0, j, score))
        return result

    def content_components(
        self, requests: Iterable[Request]
    ) -> tuple[list[str], dict[str, npt.NDArray[np.float64]], npt.NDArray[np.bool_]]:
        """Every component of every (request, programme) pair, eligible or not, as dense arrays
        (rows = request ids in id order, columns = programmes in `index` order), and the eligibility mask.

        Dense: meant for a few requests at a time (the gaps' closest programmes), not whole corpora.
        """
        ordered = self._checked(requests)
        n, m = len(ordered), len(self.programmes)
        names = [*DOT_COMPONENTS, "network", "language"]
        values = {name: np.zeros((n, m), dtype=np.float64) for name in names}
        eligible = np.zeros((n, m), dtype=bool)
        for batch in self._batches(ordered):
            rows = batch.positions
            for name in DOT_COMPONENTS:
                product = batch.blocks[name] @ self.blocks[name].T
                values[name][rows] = np.asarray(product.toarray(), dtype=np.float64)
            contexts = np.array(batch.contexts, dtype=np.int64).reshape(-1, 2)
            values["network"][rows] = self.network[contexts[:, 0]]
            values["language"][rows] = self.language[contexts[:, 1]]
            eligible[rows] = self.eligibility[contexts[:, 0]]
        return [r.id for r in ordered], values, eligible

    # -- helpers for explanations of the final top-k -------------------------------------------

    def _rows(self, ordered: Sequence[Request]) -> dict[str, _Batch]:
        """One single-request batch per request, vectorised together."""
        rows: dict[str, _Batch] = {}
        for batch in self._batches(ordered):
            for i, request in enumerate(batch.requests):
                rows[request.id] = batch.row(i)
        return rows

    def _groups(self, by: str) -> dict[str, list[int]]:
        if by == "programme":
            return {p.id: [j] for j, p in enumerate(self.programmes)}
        groups: dict[str, list[int]] = {}
        for j, p in enumerate(self.programmes):
            groups.setdefault(p.provider, []).append(j)
        return dict(sorted(groups.items()))

    def _group_suggestions(
        self, groups: dict[str, list[int]], rows: Index, scores: Block, ordered: list[Request]
    ) -> dict[str, list[Suggestion]]:
        chosen = {
            key: [
                (int(r), float(s))
                for r, s in zip(rows[g], scores[g], strict=True)
                if s > self.matcher.min_score
            ]
            for g, key in enumerate(groups)
        }
        needed = sorted({r for picks in chosen.values() for r, _ in picks})
        singles = self._rows([ordered[r] for r in needed])
        result: dict[str, list[Suggestion]] = {}
        for key, picks in chosen.items():
            columns = np.array(groups[key], dtype=np.int64)
            suggestions = []
            for r, score in picks:
                one = singles[ordered[r].id]
                within = self._scores(one, columns)[0]
                best = int(columns[np.lexsort((columns, -within))[0]])
                suggestions.append(self._suggestion(one, 0, best, score))
            result[key] = suggestions
        return result

    def _suggestion(
        self, batch: _Batch, i: int, j: int, score: float, dots: dict[str, float] | None = None
    ) -> Suggestion:
        """`dots`: the dot-product components when the caller computed them for a whole batch at once."""
        request, programme = batch.requests[i], self.programmes[j]
        components = dots or {
            name: fit(batch.blocks[name][i], self.blocks[name][j]) for name, fit in DOT_COMPONENTS.items()
        }
        state_row, language_row = batch.contexts[i]
        components["network"] = float(self.network[state_row, j])
        components["language"] = float(self.language[language_row, j])
        evidence = PairEvidence(
            request=request,
            programme=programme,
            request_profile=batch.profiles[i],
            programme_profile=self.profiles[j],
            components=components,
            lexical_index=self.vectoriser.lexical_index,
            lexical_idf=self.vectoriser.lexical_idf,
            concept_idf=self._concept_idf,
        )
        matcher = self.matcher
        explanation = explain(evidence, matcher.weights.as_dict(), score, matcher.graph)
        rounded = {name: round(value, 6) for name, value in components.items()}
        return Suggestion(request.id, programme.id, round(score, 6), rounded, explanation)


_Work = tuple[Catalogue, NameFinder, Vectoriser, Weights]
_Vectors = tuple[list[Profile], dict[str, sp.csr_matrix], sp.csr_matrix]
_worker: list[_Work] = []


def _vectorise(work: _Work, requests: Sequence[Request], keep_profiles: bool) -> _Vectors:
    """Profiles and blocks (kept only for explanations) and the weighted combined feature matrix."""
    catalogue, finder, vectoriser, weights = work
    profiles = [profile_request(catalogue, r, finder) for r in requests]
    blocks = vectoriser.blocks(profiles)
    combined = sp.hstack([blocks[b] * DTYPE(getattr(weights, b)) for b in Vectoriser.BLOCKS], format="csr")
    if not keep_profiles:
        return [], {}, combined.astype(DTYPE)
    return profiles, blocks, combined.astype(DTYPE)


def _start_worker(work: _Work) -> None:
    # A worker process serves one fitted matcher and keeps its state for its short life.
    _worker.append(work)


def _vectorise_in_worker(requests: list[Request]) -> _Vectors:
    return _vectorise(_worker[0], requests, False)


def _assemble(
    ordered: Sequence[Request],
    chunks: list[list[int]],
    vectorised: Iterable[_Vectors],
    contexts: list[tuple[int, int]],
) -> Iterator[_Batch]:
    for chosen, (profiles, blocks, combined) in zip(chunks, vectorised, strict=True):
        yield _Batch(
            [ordered[i] for i in chosen],
            np.array(chosen, dtype=np.int64),
            profiles,
            blocks,
            combined,
            [contexts[i] for i in chosen],
        )


def _language(request: Request) -> str:
    """The request's language, detected from its text when the record says 'und' (undetermined)."""
    if request.language and request.language != "und":
        return request.language
    return detect_language(request.text)
