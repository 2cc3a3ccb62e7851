"""A reproducible synthetic corpus for benchmarks: multilingual requests and programmes over real states."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matcher.catalogue import UN_LANGUAGES, Catalogue
from matcher.model import Organization, Programme, Request, Scope, State

# Shares of request languages, roughly as states report to the CTC.
LANGUAGE_SHARES = {"en": 0.5, "fr": 0.15, "es": 0.15, "ru": 0.08, "ar": 0.07, "zh": 0.05}
UNTAGGED_SHARE = 0.2

_TEMPLATES = {
    "en": ("{state} requests {modality} on {a}, {b} and {c}.", "The {org} needs support for {a} at {place}."),
    "fr": (
        "{state} sollicite {modality} sur {a}, {b} et {c}.",
        "Le service de {place} a besoin d'appui pour {a}.",
    ),
    "es": (
        "{state} solicita {modality} sobre {a}, {b} y {c}.",
        "La oficina de {place} necesita apoyo en {a}.",
    ),
    "ru": ("{state} просит {modality} по вопросам {a}, {b} и {c}.", "Службе в {place} нужна помощь: {a}."),
    "ar": ("تطلب {state} {modality} بشأن {a} و{b} و{c}.", "يحتاج مكتب {place} إلى دعم في {a}."),
    "zh": ("{state}请求就{a}、{b}和{c}提供{modality}。", "{place}办公室需要{a}方面的支持。"),
}

# (id, kind, M49 groupings whose states are members; empty = a global body with no member list)
_ORGANIZATIONS = (
    ("AU", "regional", ("Africa",)),
    ("ECOWAS", "subregional", ("Western Africa",)),
    ("OAS", "regional", ("Americas",)),
    ("CARICOM", "subregional", ("Caribbean",)),
    ("OSCE", "regional", ("Europe", "Central Asia", "Northern America")),
    ("COE", "regional", ("Europe",)),
    ("ASEAN", "subregional", ("South-eastern Asia",)),
    ("LAS", "regional", ("Northern Africa", "Western Asia")),
    ("SCO", "regional", ("Central Asia", "Eastern Asia")),
    ("UNODC", "global", ()),
    ("INTERPOL", "global", ()),
    ("WCO", "global", ()),
    ("ICAO", "global", ()),
    ("IMO", "global", ()),
    ("IAEA", "global", ()),
    ("IMF", "global", ()),
)


@dataclass(frozen=True)
class Corpus:
    """Organizations, programmes and requests of one synthetic run."""

    organizations: tuple[Organization, ...]
    programmes: tuple[Programme, ...]
    requests: tuple[Request, ...]


def organizations(states: Mapping[str, State]) -> tuple[Organization, ...]:
    """A few real organizations, members drawn from their M49 groupings."""
    return tuple(
        Organization(
            id=org_id,
            name=org_id,
            kind=kind,
            aliases=(org_id,),
            members=tuple(sorted(s.iso3 for s in states.values() if set(s.regions) & set(groups))),
        )
        for org_id, kind, groups in _ORGANIZATIONS
    )


class _Writer:
    """Writes texts from the glossary's own terms so every language shares the same concepts."""

    def __init__(self, catalogue: Catalogue, rng: random.Random) -> None:
        self.rng = rng
        self.terms: dict[tuple[str, str], list[str]] = {}
        for concept in (catalogue.glossary.concepts[c] for c in catalogue.concept_ids):
            for area in concept.areas or ("other",):
                for language, terms in concept.terms.items():
                    self.terms.setdefault((area, language), []).extend(terms)
        self.modality_terms = {
            lang: [t for m in catalogue.modalities.values() for t in m.keywords.get(lang, ())]
            for lang in UN_LANGUAGES
        }

    def place(self) -> str:
        # Invented place names: every real corpus is full of words no glossary knows.
        syllables = ("ka", "lo", "mi", "ta", "ru", "sen", "bar", "do", "vi", "na", "zu", "pel")
        return "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))).capitalize()

    def text(self, areas: Sequence[str], language: str, who: str) -> tuple[str, str]:
        pool = [t for a in areas for t in self.terms.get((a, language), []) or self.terms.get((a, "en"), [])]
        pool = pool or ["assistance"]
        first, second = _TEMPLATES[language]
        pick = [self.rng.choice(pool) for _ in range(6)]
        modality = self.rng.choice(self.modality_terms[language] or ["training"])
        title = f"{pick[0]} — {pick[1]}"
        description = " ".join(
            (
                first.format(state=who, modality=modality, a=pick[2], b=pick[3], c=pick[4]),
                second.format(org=who, place=self.place(), a=pick[5]),
                second.format(org=who, place=self.place(), a=pick[0]),
            )
        )
        return title, description


def corpus(
    catalogue: Catalogue, states: Mapping[str, State], n_requests: int, n_programmes: int, seed: int
) -> Corpus:
    """The same corpus for the same arguments: requests and programmes in the six UN languages."""
    rng = random.Random(seed)
    writer = _Writer(catalogue, rng)
    orgs = organizations(states)
    iso3s = sorted(states)
    areas = sorted(a for a in catalogue.areas if a != "other")
    subregions = sorted({r for s in states.values() for r in s.regions[1:]})
    modalities = sorted(catalogue.modalities)
    languages, shares = zip(*LANGUAGE_SHARES.items(), strict=True)
    programmes = []
    for j in range(n_programmes):
        provider = rng.choice([o.id for o in orgs] + rng.sample(iso3s, 3))
        tags = tuple(sorted(rng.sample(areas, rng.choice((1, 1, 2)))))
        language = rng.choices(languages, shares)[0]
        title, description = writer.text(tags, language, provider)
        programmes.append(
            Programme(
                id=f"P{j:06d}",
                provider=provider,
                title=title,
                description=description,
                areas=tags,
                languages=tuple(sorted({language, *rng.sample(UN_LANGUAGES, rng.randint(0, 3))})),
                modality=rng.choice(modalities),
                scope=_scope(rng, provider, orgs, iso3s, subregions),
                language=language,
            )
        )
    requests = []
    for i in range(n_requests):
        state = rng.choice(iso3s)
        tags = tuple(sorted(rng.sample(areas, rng.choice((1, 1, 2)))))
        language = rng.choices(languages, shares)[0]
        title, description = writer.text(tags, language, states[state].name)
        requests.append(
            Request(
                id=f"R{i:07d}",
                state=state,
                title=title,
                description=description,
                language=language,
                areas=() if rng.random() < UNTAGGED_SHARE else tags,
                stage=rng.choice("ABC"),
                priority=rng.randint(1, 5),
            )
        )
    return Corpus(orgs, tuple(programmes), tuple(requests))


def _scope(
    rng: random.Random,
    provider: str,
    orgs: Sequence[Organization],
    iso3s: Sequence[str],
    subregions: Sequence[str],
) -> Scope:
    roll = rng.random()
    own = next((o for o in orgs if o.id == provider and o.members), None)
    if own is not None and roll < 0.7:
        return Scope("members_of", (own.id,))
    if roll < 0.4:
        return Scope("global")
    if roll < 0.65:
        return Scope("members_of", (rng.choice([o.id for o in orgs if o.members]),))
    if roll < 0.85:
        return Scope("states", tuple(sorted(rng.sample(list(iso3s), rng.randint(5, 40)))))
    return Scope("regions", (rng.choice(list(subregions)),))
