"""The score components: what each measures, its range, and how it is computed for many pairs at once.

Five components are dot products of L2-normalised (or share) vectors built by `features.Vectoriser`,
so the batch scorer sums them in one sparse product; the two graph- and language-based ones are
tables of (state or language) × programme that the batch scorer gathers rows from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matcher.graph import IN_REGION, IN_SUBREGION, OrgGraph, org_node, state_node
from matcher.model import Programme, Scope

# A donor that names the state in its programme's list has chosen it as a partner.
PARTNER = 0.6
# A request whose language is unknown may or may not be served in the programme's languages.
UNKNOWN_LANGUAGE = 0.5

Table = npt.NDArray[np.float32]


def _dot(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    return float(request_row.multiply(programme_row).sum())


def pair_dots(
    requests: sp.csr_matrix,
    programmes: sp.csr_matrix,
    rows: npt.NDArray[np.int64],
    columns: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """The dot product of requests[rows[p]] and programmes[columns[p]] for every pair p at once: what
    each dot-product component below computes for one pair, for all the pairs of a top-k in two sparse
    gathers and one element-wise product."""
    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(requests[rows].multiply(programmes[columns]).sum(axis=1), dtype=np.float64).ravel()


def area_fit(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    """Area fit, in [0, 1]: the share of the request's areas the programme covers.

    Each of the request's areas is weighted by its specificity (inverse frequency among the
    programmes) and, when inferred, by the tagger's confidence; a programme counts an area it
    names in full (an inferred one by the tagger's confidence). 1 when the programme covers all
    the request's areas, however many others it also covers: breadth does not dilute the fit.
    """
    return _dot(request_row, programme_row)


def concept_fit(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    """Glossary fit, in [0, 1]: cosine of TF-IDF vectors of glossary concepts mentioned.

    Concepts are language-independent ids, so this is what lets an Arabic request meet an
    English programme ("وحدة التحريات المالية" and "financial intelligence unit" are one concept).
    """
    return _dot(request_row, programme_row)


def lexical_fit(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    """Lexical fit, in [0, 1]: cosine of TF-IDF vectors of word stems and Chinese character n-grams.

    Catches what the glossary does not know: names (Egmont, ISPS, CIFTA), places, and shared
    words within one language or across related languages (stems such as "financ", "terror").
    """
    return _dot(request_row, programme_row)


def modality_fit(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    """Modality fit, in [0, 1]: share of the request's delivery cues (training, advice, equipment,
    ...) that name the programme's modality; 0 when the request gives no cue."""
    return _dot(request_row, programme_row)


def mention_fit(request_row: sp.csr_matrix, programme_row: sp.csr_matrix) -> float:
    """Mention fit, 0 or 1: whether the request names the programme's provider ("connect us to
    INTERPOL's database", "as ICAO recommends"), by id, name or alias."""
    return _dot(request_row, programme_row)


# The dot-product components by the name of their feature block (see features.Vectoriser.BLOCKS).
DOT_COMPONENTS = {
    "area": area_fit,
    "concepts": concept_fit,
    "lexical": lexical_fit,
    "modality": modality_fit,
    "mention": mention_fit,
}


def network_table(graph: OrgGraph, programmes: Sequence[Programme], states: Sequence[str]) -> Table:
    """Network fit, in [0, 1], for every (state, programme): rows follow `states`.

    The best of the provider's affinity to the state (membership, past delivery, shared
    region, see `OrgGraph.affinity`) and of how closely the programme's scope targets it:
    a member of the scope's organizations (1.0 direct), a named partner state (0.6), a state in
    a named sub-region (0.6) or broad region (0.3). Global scopes add nothing.
    """
    row = {s: i for i, s in enumerate(states)}
    scope_orgs = {o for p in programmes if p.scope.kind == "members_of" for o in p.scope.values}
    providers = sorted(
        {graph.provider_node(p.provider) for p in programmes} | {org_node(o) for o in scope_orgs}
    )
    column = {node: j for j, node in enumerate(providers)}
    affinity = np.zeros((len(states), len(providers)), dtype=np.float32)
    for state in states:
        for node, value in graph.affinities(state).items():
            if node in column:
                affinity[row[state], column[node]] = value
        if state_node(state) in column:
            affinity[row[state], column[state_node(state)]] = 1.0
    table = np.zeros((len(states), len(programmes)), dtype=np.float32)
    scope_fits: dict[Scope, npt.NDArray[np.float32]] = {}
    for j, programme in enumerate(programmes):
        own = affinity[:, column[graph.provider_node(programme.provider)]]
        if programme.scope not in scope_fits:
            scope_fits[programme.scope] = _scope_fit(graph, programme.scope, row, affinity, column)
        table[:, j] = np.maximum(own, scope_fits[programme.scope])
    return table


def _scope_fit(
    graph: OrgGraph,
    scope: Scope,
    row: Mapping[str, int],
    affinity: Table,
    column: Mapping[str, int],
) -> npt.NDArray[np.float32]:
    fit = np.zeros(len(row), dtype=np.float32)
    if scope.kind == "states":
        fit[[row[s] for s in scope.values if s in row]] = PARTNER
    elif scope.kind == "members_of":
        fit = np.max(affinity[:, [column[org_node(o)] for o in scope.values]], axis=1)
    elif scope.kind == "regions":
        wanted = {v.casefold() for v in scope.values}
        for state, i in row.items():
            levels = graph.states[state].regions
            if wanted & {r.casefold() for r in levels[1:]}:
                fit[i] = IN_SUBREGION
            elif levels and levels[0].casefold() in wanted:
                fit[i] = IN_REGION
    return fit


def programme_languages(programme: Programme) -> tuple[str, ...]:
    """Languages a programme is delivered in; its text's language when it lists none."""
    return programme.languages or ((programme.language,) if programme.language else ())


def language_table(programmes: Sequence[Programme], languages: Sequence[str]) -> Table:
    """Language fit, in [0, 1], for every (request language, programme): rows follow `languages`.

    1 when the programme is delivered in the request's language, 0 when not, 0.5 when the
    request's language is unknown ("und").
    """
    table = np.zeros((len(languages), len(programmes)), dtype=np.float32)
    for i, language in enumerate(languages):
        for j, programme in enumerate(programmes):
            if language == "und":
                table[i, j] = UNKNOWN_LANGUAGE
            elif language in programme_languages(programme):
                table[i, j] = 1.0
    return table
