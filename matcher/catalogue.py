"""The area taxonomy, stages, modalities and directory entry kinds, and the tagger for free text."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from matcher.errors import MatcherError
from matcher.glossary import Concept, Glossary, Hit
from matcher.text import Token

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
ENTRY_KINDS = ("programme", "model_law", "best_practice", "standard", "regional_action_plan")

# Evidence below this share of the strongest area's is noise (one stray word), not a need.
RELATIVE_CUTOFF = 0.3
# Evidence at which confidence reaches one half: one defining term, or two or three generic ones.
HALF_CONFIDENCE = 1.0
# Area keywords name an area outright, so they count more than the glossary's related terms.
KEYWORD_WEIGHT = 1.5
# Words in a title state the need itself; the description adds context.
TITLE_WEIGHT = 1.5
MODALITY_PREFIX = "modality:"


@dataclass(frozen=True)
class Area:
    """One area of the resolution 1373 taxonomy: stable id, titles per language, paragraph codes."""

    id: str
    title: Mapping[str, str]
    paragraphs: tuple[str, ...]
    keywords: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Modality:
    """A way assistance is delivered (training, advice, equipment, ...) with its cue words per language."""

    id: str
    title: str
    keywords: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class AreaGuess:
    """An area the tagger proposes for a text, with a confidence in (0, 1)."""

    area: str
    confidence: float


class Catalogue:
    """Everything the core knows about the field, loaded from data files; tags free text with areas."""

    def __init__(
        self,
        areas: Mapping[str, Area],
        stages: Mapping[str, str],
        modalities: Mapping[str, Modality],
        concepts: list[Concept],
        entry_kinds: tuple[str, ...] = ENTRY_KINDS,
    ) -> None:
        self.areas = dict(areas)
        self.stages = dict(stages)
        self.modalities = dict(modalities)
        self.entry_kinds = entry_kinds
        for concept in concepts:
            unknown = [a for a in concept.areas if a not in self.areas]
            if unknown:
                raise MatcherError(f"unknown area {unknown[0]!r}", record=concept.id, field="areas")
            if concept.id in self.areas:
                raise MatcherError("concept id collides with an area id", record=concept.id, field="id")
        keyword_concepts = [
            Concept(area.id, (area.id,), area.keywords, KEYWORD_WEIGHT) for area in self.areas.values()
        ]
        self.concept_ids = tuple(sorted(c.id for c in keyword_concepts + concepts))
        # One glossary for concepts and delivery cues, so a text is read once; cues carry a prefix.
        cue_concepts = [Concept(MODALITY_PREFIX + m.id, (), m.keywords) for m in self.modalities.values()]
        self.glossary = Glossary(keyword_concepts + concepts + cue_concepts)

    def tag(self, text: str, language: str | None = None) -> list[AreaGuess]:
        """Areas `text` speaks of, most confident first, in any of the six UN languages.

        `language` is accepted for symmetry with records but not needed: the glossary's terms
        are matched in every language at once, so a mislabelled text is tagged all the same.
        """
        title_end = text.find("\n")
        return self.tag_hits(self.read(text)[0], title_end if title_end >= 0 else 0)

    def read(self, text: str, tokens: list[Token] | None = None) -> tuple[list[Hit], dict[str, float]]:
        """Glossary hits and the share of delivery cues per modality (empty if none) of one text."""
        hits: list[Hit] = []
        cues: dict[str, int] = {}
        for hit in self.glossary.find(text, tokens):
            if hit.concept.startswith(MODALITY_PREFIX):
                cue = hit.concept[len(MODALITY_PREFIX) :]
                cues[cue] = cues.get(cue, 0) + 1
            else:
                hits.append(hit)
        total = sum(cues.values())
        return hits, {m: cues[m] / total for m in sorted(cues)}

    def tag_hits(self, hits: list[Hit], title_end: int = 0) -> list[AreaGuess]:
        """Areas from glossary hits already found; hits before `title_end` count as title words."""
        counts: dict[tuple[str, bool], int] = {}
        for hit in hits:
            key = (hit.concept, hit.start < title_end)
            counts[key] = counts.get(key, 0) + 1
        evidence: dict[str, float] = {}
        for (concept_id, in_title), count in counts.items():
            concept = self.glossary.concepts[concept_id]
            # Repeats add evidence with diminishing returns; a concept pointing to several areas splits it.
            strength = concept.weight * math.sqrt(count) * (TITLE_WEIGHT if in_title else 1.0)
            for area in concept.areas:
                evidence[area] = evidence.get(area, 0.0) + strength / len(concept.areas)
        if not evidence:
            return []
        strongest = max(evidence.values())
        guesses = [
            AreaGuess(area, round(value / (value + HALF_CONFIDENCE), 6))
            for area, value in evidence.items()
            if value >= RELATIVE_CUTOFF * strongest
        ]
        return sorted(guesses, key=lambda g: (-g.confidence, g.area))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read areas.json, modalities.json and glossary.json from `path` (default: the package's resources)."""
    base: Any = Path(path) if path is not None else resources.files("matcher") / "resources"

    def read(name: str) -> Any:
        return json.loads((base / name).read_text(encoding="utf-8"))

    taxonomy, modalities, glossary = read("areas.json"), read("modalities.json"), read("glossary.json")
    areas = {
        a["id"]: Area(
            id=a["id"],
            title=a["title"],
            paragraphs=tuple(a["paragraphs"]),
            keywords={lang: tuple(words) for lang, words in a.get("keywords", {}).items()},
        )
        for a in taxonomy["areas"]
    }
    concepts = [
        Concept(
            id=c["id"],
            areas=tuple(c["areas"]),
            terms={lang: tuple(c[lang]) for lang in (*UN_LANGUAGES, "pt") if lang in c},
            weight=float(c.get("weight", 1.0)),
        )
        for c in glossary["concepts"]
    ]
    return Catalogue(
        areas=areas,
        stages={s["id"]: s["title"] for s in taxonomy["stages"]},
        modalities={
            m["id"]: Modality(m["id"], m["title"], {k: tuple(v) for k, v in m["keywords"].items()})
            for m in modalities["modalities"]
        },
        concepts=concepts,
        entry_kinds=tuple(k["id"] for k in taxonomy.get("entry_kinds", [])) or ENTRY_KINDS,
    )
