"""Evaluation on a labelled data set (shared/eval/FORMAT.md): the scorer beside two baselines, by slice."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table

from matcher.catalogue import Catalogue, load_catalogue
from matcher.errors import (
    InvalidDataset,
    InvalidRecord,
    MatcherError,
)
from matcher.graph import OrgGraph
from matcher.lab.baselines import bm25_rankings, tfidf_rankings
from matcher.lab.metrics import summarise
from matcher.learn import fit as fit_learned
from matcher.learn import pair_features
from matcher.model import REFERENCE_STATES, Organization, Programme, Request, State, Suggestion, load_states
from matcher.scoring import FittedMatcher, Matcher, Weights
from matcher.suggest import SuggestionRule, suggest
from matcher.validation import duplicate_problems, programme_problems, request_problems

# Only the first few suggestions are judged, as a reviewer only reads the first few.
CUTOFF = 5
# Folds of the learned ranker's cross-validation, split by request (a request's pairs stay together).
FOLDS = 5


@dataclass(frozen=True)
class Dataset:
    """A self-contained matching problem and its answer key."""

    name: str
    organizations: tuple[Organization, ...]
    programmes: tuple[Programme, ...]
    requests: tuple[Request, ...]
    qrels: Mapping[str, Mapping[str, int]]


def load_dataset(
    path: str | Path, states: Mapping[str, State] | None = None, catalogue: Catalogue | None = None
) -> Dataset:
    """Read and validate a data set; raise MatcherError (InvalidDataset when several) naming record and field.

    States and M49 regions are checked against `states` (default: the repository's reference file).
    """
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidRecord(f"cannot read data set: {exc}", record=str(path), field="file") from exc
    if not isinstance(raw, dict):
        raise InvalidRecord("a data set is a JSON object", record=str(path), field="file")
    problems: list[MatcherError] = []
    organizations = _parse(raw, "organizations", Organization.from_json, problems)
    programmes = _parse(raw, "programmes", Programme.from_json, problems)
    requests = _parse(raw, "requests", Request.from_json, problems)
    qrels = raw.get("qrels", {})
    if not isinstance(qrels, dict):
        problems.append(InvalidRecord("qrels must be an object", record="qrels", field="qrels"))
        qrels = {}
    problems.extend(duplicate_problems((o.id for o in organizations), "organization"))
    problems.extend(duplicate_problems((p.id for p in programmes), "programme"))
    problems.extend(duplicate_problems((r.id for r in requests), "request"))
    catalogue = catalogue or load_catalogue()
    graph = OrgGraph(load_states(REFERENCE_STATES) if states is None else states, organizations)
    for programme in programmes:
        problems.extend(programme_problems(programme, catalogue, graph))
    for request in requests:
        problems.extend(request_problems(request, catalogue, graph))
    problems.extend(_qrel_problems(qrels, {p.id for p in programmes}, {r.id for r in requests}))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InvalidDataset(problems)
    return Dataset(
        name=str(raw.get("name", Path(path).stem)),
        organizations=tuple(organizations),
        programmes=tuple(programmes),
        requests=tuple(requests),
        qrels={rid: dict(judged) for rid, judged in qrels.items()},
    )


def _parse(raw: Mapping[str, Any], key: str, parse: Any, problems: list[MatcherError]) -> list[Any]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        problems.append(InvalidRecord(f"{key} must be a list", record=key, field=key))
        return []
    parsed = []
    for item in items:
        try:
            parsed.append(parse(item))
        except MatcherError as exc:
            problems.append(exc)
    return parsed


def _qrel_problems(
    qrels: Mapping[str, Any], programme_ids: set[str], request_ids: set[str]
) -> Iterator[MatcherError]:
    for rid, judged in qrels.items():
        if rid not in request_ids:
            yield InvalidRecord(f"qrels name unknown request {rid!r}", record=rid, field="qrels")
            continue
        if not isinstance(judged, dict):
            yield InvalidRecord("judgements must be an object", record=rid, field="qrels")
            continue
        for pid, rel in judged.items():
            if pid not in programme_ids:
                yield InvalidRecord(f"qrels name unknown programme {pid!r}", record=rid, field="qrels")
            elif not isinstance(rel, int) or not 0 <= rel <= 3:
                yield InvalidRecord(f"relevance of {pid} must be 0..3", record=rid, field="qrels")


def evaluate(
    dataset: Dataset,
    catalogue: Catalogue,
    states: Mapping[str, State],
    weights: Weights | None = None,
    rule: SuggestionRule | None = None,
    *,
    learned: bool = False,
) -> dict[str, Any]:
    """The scorer's and the baselines' nDCG@5, MRR and recall@5, slices, and eligibility violations;
    then what the suggestion rule (default: the service's, k = 5) stores and which gaps it flags; with
    `learned`, the learned ranker's figures too (cross-validated by request)."""
    graph = OrgGraph(states, dataset.organizations)
    fitted = Matcher(catalogue, graph, weights).fit(dataset.programmes)
    ranking = fitted.rank(dataset.requests, k=len(dataset.programmes))
    scorer = {
        rid: [ranking.column_ids[j] for j in row if j >= 0]
        for rid, row in zip(ranking.row_ids, ranking.columns, strict=True)
    }
    requests = {r.id: r for r in dataset.requests}
    by_id = {p.id: p for p in dataset.programmes}
    violations = sum(
        not graph.eligible(by_id[pid], requests[rid].state)
        for rid, ranked in scorer.items()
        for pid in ranked[:CUTOFF]
    )

    def subset(keep: Any) -> dict[str, list[str]]:
        return {rid: ranked for rid, ranked in scorer.items() if keep(requests[rid])}

    qrels = dataset.qrels
    kept = suggest(fitted, dataset.requests, rule)
    report: dict[str, Any] = {
        "scorer": _figures(summarise(scorer, qrels)),
        "baselines": {
            "bm25": _figures(summarise(bm25_rankings(dataset.requests, dataset.programmes), qrels)),
            "tfidf": _figures(summarise(tfidf_rankings(dataset.requests, dataset.programmes), qrels)),
        },
        "slices": {
            "english": summarise(subset(lambda r: r.language == "en"), qrels),
            "non_english": summarise(subset(lambda r: r.language != "en"), qrels),
            "tagged": summarise(subset(lambda r: bool(r.areas)), qrels),
            "untagged": summarise(subset(lambda r: not r.areas), qrels),
        },
        "eligibility_violations": violations,
        "suggestions": suggestion_figures(kept, qrels),
        "gaps": gap_figures(kept, qrels),
    }
    if learned:
        report["learned"] = learned_figures(fitted, dataset, weights or Weights())
    return report


def learned_figures(fitted: FittedMatcher, dataset: Dataset, weights: Weights) -> dict[str, float]:
    """nDCG@5, MRR and recall@5 of the learned ranker, 5-fold cross-validated by request: each fold's
    model learns from the other folds' judgements read as decisions (relevance ≥ 2 accepted, 0 or
    unjudged rejected, 1 left out) over eligible pairs, and ranks the held-out requests' eligible
    programmes (so the learned ranking has no eligibility violations either)."""
    from sklearn.model_selection import GroupKFold

    ids, components, eligible = fitted.content_components(dataset.requests)
    features = pair_features(components, weights.as_dict(), eligible)
    relevance = np.zeros(eligible.shape, dtype=np.int64)  # unjudged pairs are relevance 0, as in the metrics
    for i, rid in enumerate(ids):
        for pid, rel in dataset.qrels.get(rid, {}).items():
            relevance[i, fitted.index[pid]] = rel
    decided = eligible & (relevance != 1)
    rows, cols = np.nonzero(decided)
    columns = list(fitted.index)
    rankings: dict[str, list[str]] = {}
    folds = GroupKFold(n_splits=min(FOLDS, len(ids)))
    for train, test in folds.split(np.zeros(len(ids)), groups=np.arange(len(ids))):
        mask = np.isin(rows, train)
        model = fit_learned(features[rows[mask], cols[mask]], relevance[rows[mask], cols[mask]] >= 2)
        for i in test:
            scores = np.where(eligible[i], model.score(features[i]), -np.inf)
            order = [j for j in np.argsort(-scores, kind="stable") if np.isfinite(scores[j])]
            rankings[ids[i]] = [columns[j] for j in order]
    return _figures(summarise(rankings, dataset.qrels))


def suggestion_figures(
    kept: Mapping[str, Sequence[Suggestion]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Stored suggestions: how many, the share with relevance ≥ 1 (precision), and the share of all
    (request, programme) pairs with relevance ≥ 2 that are stored (recall)."""
    stored = [(rid, s.programme_id) for rid, found in kept.items() for s in found]
    useful = sum(qrels.get(rid, {}).get(pid, 0) >= 1 for rid, pid in stored)
    good = sum(qrels.get(rid, {}).get(pid, 0) >= 2 for rid, pid in stored)
    wanted = sum(rel >= 2 for rid in kept for rel in qrels.get(rid, {}).values())
    return {
        "stored": len(stored),
        "precision": round(useful / len(stored), 4) if stored else 1.0,
        "recall": round(good / wanted, 4) if wanted else 1.0,
    }


def gap_figures(
    kept: Mapping[str, Sequence[Suggestion]], qrels: Mapping[str, Mapping[str, int]]
) -> dict[str, float]:
    """Gaps: requests with no programme of relevance ≥ 2 (true) against requests with nothing stored
    (flagged); precision, recall and F1 of the flags (1.0 when nothing is to be found and nothing is
    flagged)."""
    true = {rid for rid in kept if not any(rel >= 2 for rel in qrels.get(rid, {}).values())}
    flagged = {rid for rid, found in kept.items() if not found}
    hits = len(true & flagged)
    precision = hits / len(flagged) if flagged else float(not true)
    recall = hits / len(true) if true else float(not flagged)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true": len(true),
        "flagged": len(flagged),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _figures(summary: Mapping[str, float]) -> dict[str, float]:
    return {k: summary[k] for k in ("ndcg@5", "mrr", "recall@5")}


def report_table(report: Mapping[str, Any], title: str = "Ranking quality") -> Table:
    """The evaluation report as one Rich table: scorer, baselines, then the scorer's slices."""
    table = Table(title=title)
    for column in ("ranker", "nDCG@5", "MRR", "recall@5", "requests"):
        table.add_column(column, justify="left" if column == "ranker" else "right")
    rows: list[tuple[str, Mapping[str, float]]] = [("scorer", report["scorer"])]
    if "learned" in report:
        rows.append(("learned weights (5-fold CV)", report["learned"]))
    rows += [(f"baseline: {name}", figures) for name, figures in report["baselines"].items()]
    rows += [(f"scorer, {name.replace('_', '-')}", figures) for name, figures in report["slices"].items()]
    total = report["slices"]["english"]["requests"] + report["slices"]["non_english"]["requests"]
    for name, figures in rows:
        table.add_row(
            name,
            f"{figures['ndcg@5']:.3f}",
            f"{figures['mrr']:.3f}",
            f"{figures['recall@5']:.3f}",
            str(figures.get("requests", total)),
        )
    stored, gaps = report["suggestions"], report["gaps"]
    table.caption = "\n".join(
        [
            f"eligibility violations in the scorer's top {CUTOFF}: {report['eligibility_violations']}",
            f"stored suggestions: {stored['stored']}, precision (rel ≥ 1) {stored['precision']:.3f}, "
            f"recall (rel ≥ 2) {stored['recall']:.3f}",
            f"gaps: {gaps['true']} true, {gaps['flagged']} flagged, precision {gaps['precision']:.3f}, "
            f"recall {gaps['recall']:.3f}, F1 {gaps['f1']:.3f}",
        ]
    )
    return table
