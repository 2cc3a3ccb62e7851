"""The tagger behind the new-request form: a small JSON endpoint that proposes areas for a text and says
which language the text looks written in (the form warns when it differs from the chosen one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.core import detect_language
from service.pages import choices
from service.pages.deps import PageUser

router = APIRouter(prefix="/pages", include_in_schema=False)


class Suggestion(BaseModel):
    id: str
    name: str
    confidence: float


class Suggestions(BaseModel):
    areas: list[Suggestion]
    language: str  # ISO 639-1 guess, "und" when unsure
    language_name: str


@router.get("/tag", response_model=Suggestions)
def tag(
    user: PageUser,
    text: Annotated[str, Query(max_length=20_000)] = "",
    language: Annotated[str | None, Query(max_length=8)] = None,
) -> Suggestions:
    """At most three areas the text speaks of, most confident first (the official area ids)."""
    del user  # signed-in users only: it is part of the forms, not a public service
    names = choices.areas()
    guesses = choices.catalogue().tag(text, language or None)[:3] if text.strip() else []
    detected = detect_language(text) if len(text.strip()) >= 12 else "und"
    return Suggestions(
        language=detected,
        language_name=choices.LANGUAGES.get(detected, detected),
        areas=[
            Suggestion(id=g.area, name=names.get(g.area, g.area), confidence=g.confidence) for g in guesses
        ],
    )
