"""The closed lists the pages offer in filters and forms: areas (with short names), stages, languages,
modalities, regions, providers, directory kinds."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import core
from service import models as m
from service.vocab import AREA_SHORT

# The six UN languages, each named in itself and in English.
LANGUAGES = {
    "ar": "العربية — Arabic",
    "zh": "中文 — Chinese",
    "en": "English",
    "fr": "Français — French",
    "ru": "Русский — Russian",
    "es": "Español — Spanish",
}

ENTRY_KINDS = {
    "programme": "Assistance programme",
    "model_law": "Model law",
    "best_practice": "Best practice",
    "standard": "Code or standard",
    "regional_action_plan": "Regional action plan",
}

PROVIDER_KINDS = {
    "state": "Donor state",
    "international": "International organization",
    "regional": "Regional organization",
    "subregional": "Subregional organization",
    "specialised_agency": "Specialised agency",
    "donor_agency": "Donor agency",
}

SCOPE_KINDS = {
    "global": "Every state",
    "members_of": "Members of organizations",
    "regions": "States of regions",
    "states": "Named states",
}

# The parts of a match score (matcher.explain "shares"), in reading order.
SCORE_PARTS = {
    "area": "Areas",
    "concepts": "Field terms",
    "lexical": "Shared words",
    "modality": "Modality",
    "mention": "Provider named",
    "network": "Network",
    "language": "Language",
}


def catalogue() -> core.Catalogue:
    return core.catalogue()


def areas() -> dict[str, str]:
    return {a: AREA_SHORT.get(a, a) for a in catalogue().areas}


def area_title(area: str) -> str:
    found = catalogue().areas.get(area)
    return found.title.get("en", area) if found else area


STAGE_SHORT = {"A": "legislation and financing first", "B": "executive machinery", "C": "further measures"}


def stages() -> dict[str, str]:
    return {k: f"{k} — {STAGE_SHORT.get(k, v)}" for k, v in catalogue().stages.items()}


def modalities() -> dict[str, str]:
    return {k: v.title for k, v in catalogue().modalities.items()}


def regions(session: Session) -> dict[str, str]:
    """M49 regions and sub-regions that have states, for region filters."""
    names: set[str] = set()
    for region, subregion in session.execute(select(m.State.region, m.State.subregion).distinct()):
        names.update(n for n in (region, subregion) if n)
    return {n: n for n in sorted(names)}


def providers(session: Session) -> dict[str, str]:
    """Providers that offer at least one programme, by name."""
    rows = session.execute(
        select(m.Provider.id, m.Provider.name)
        .where(m.Provider.id.in_(select(m.Programme.provider_id)))
        .order_by(m.Provider.name)
    )
    return {pid: name for pid, name in rows}


def states(session: Session) -> dict[str, str]:
    return {
        iso3: name
        for iso3, name in session.execute(select(m.State.iso3, m.State.name).order_by(m.State.name))
    }
