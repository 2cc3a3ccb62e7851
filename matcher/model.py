"""Plain data the core works on: states, organizations, programmes, requests and suggestions."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, cast

from matcher.errors import EmptyText, InvalidRecord, UnknownState

ScopeKind = Literal["global", "members_of", "states", "regions"]
SCOPE_KINDS: tuple[ScopeKind, ...] = ("global", "members_of", "states", "regions")
STAGES = ("A", "B", "C")
# The states reference (UN members and observers with M49 regions) shipped as the package matchmaker_data.
REFERENCE_STATES: Traversable = resources.files("matchmaker_data") / "reference" / "states.csv"


@dataclass(frozen=True)
class State:
    """A UN member state or observer with its UN M49 region, sub-region and intermediate region."""

    iso3: str
    name: str
    region: str
    subregion: str
    intermediate_region: str = ""

    @property
    def regions(self) -> tuple[str, ...]:
        """Every M49 grouping the state belongs to, broadest first."""
        return tuple(r for r in (self.region, self.subregion, self.intermediate_region) if r)


@dataclass(frozen=True)
class Organization:
    """An international, regional or subregional body; `members` are state ISO3 codes."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    member_organizations: tuple[str, ...] = ()
    parent: str | None = None

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Organization:
        record = _record_id(obj, "organization")
        return cls(
            id=record,
            name=_text(obj, "name", record, required=True),
            kind=_text(obj, "kind", record) or "other",
            aliases=_strings(obj, "aliases", record),
            members=tuple(s.upper() for s in _strings(obj, "members", record)),
            member_organizations=_strings(obj, "member_organizations", record),
            parent=_text(obj, "parent", record) or None,
        )


@dataclass(frozen=True)
class Scope:
    """Who may receive a programme: everyone, members of organizations, listed states or M49 regions."""

    kind: ScopeKind
    values: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, obj: Any, record: str | None = None) -> Scope:
        """Read a FORMAT.md scope object such as `{"members_of": ["OSCE"]}` (exactly one key)."""
        if not isinstance(obj, Mapping) or len(obj) != 1:
            raise InvalidRecord("scope must be an object with exactly one key", record=record, field="scope")
        ((kind, value),) = obj.items()
        if kind not in SCOPE_KINDS:
            raise InvalidRecord(f"unknown scope kind {kind!r}", record=record, field="scope")
        if kind == "global":
            if value is not True:
                raise InvalidRecord('global scope must be {"global": true}', record=record, field="scope")
            return cls("global")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise InvalidRecord(f"scope {kind} needs a non-empty list of names", record=record, field="scope")
        values = tuple(v.upper() for v in value) if kind == "states" else tuple(value)
        return cls(cast(ScopeKind, kind), values)

    def to_json(self) -> dict[str, Any]:
        return {"global": True} if self.kind == "global" else {self.kind: list(self.values)}


@dataclass(frozen=True)
class Programme:
    """One assistance offer of one provider (an organization id or a donor state's ISO3 code)."""

    id: str
    provider: str
    title: str
    description: str
    areas: tuple[str, ...]
    languages: tuple[str, ...]
    modality: str | None
    scope: Scope
    language: str | None = None
    capacity: int | None = None
    active: bool = True

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Programme:
        record = _record_id(obj, "programme")
        title, description = _texts(obj, record)
        if "scope" not in obj:
            raise InvalidRecord("missing scope", record=record, field="scope")
        capacity = obj.get("capacity")
        if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
            raise InvalidRecord("capacity must be a non-negative integer", record=record, field="capacity")
        return cls(
            id=record,
            provider=_text(obj, "provider", record, required=True),
            title=title,
            description=description,
            areas=_strings(obj, "areas", record),
            languages=tuple(s.lower() for s in _strings(obj, "languages", record)),
            modality=_text(obj, "modality", record) or None,
            scope=Scope.from_json(obj["scope"], record),
            language=(_text(obj, "language", record) or "").lower() or None,
            capacity=capacity,
            active=bool(obj.get("active", True)),
        )


@dataclass(frozen=True)
class Request:
    """One assistance need of one state; empty `areas` means the text must be tagged."""

    id: str
    state: str
    title: str
    description: str
    language: str
    areas: tuple[str, ...]
    stage: str
    priority: int | None

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Request:
        record = _record_id(obj, "request")
        title, description = _texts(obj, record)
        stage = _text(obj, "stage", record) or "C"
        if stage not in STAGES:
            raise InvalidRecord(f"stage must be one of {', '.join(STAGES)}", record=record, field="stage")
        priority = obj.get("priority")
        if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool)):
            raise InvalidRecord("priority must be an integer", record=record, field="priority")
        return cls(
            id=record,
            state=_text(obj, "state", record, required=True).upper(),
            title=title,
            description=description,
            language=(_text(obj, "language", record) or "und").lower(),
            areas=_strings(obj, "areas", record),
            stage=stage,
            priority=priority,
        )


@dataclass(frozen=True)
class Suggestion:
    """A scored (request, programme) pair with the parts of its score and a reviewer's explanation."""

    request_id: str
    programme_id: str
    score: float
    components: dict[str, float] = field(default_factory=dict)
    explanation: dict[str, Any] = field(default_factory=dict)


def load_states(path: str | Path | Traversable) -> dict[str, State]:
    """Read the states reference (iso3, name, region, subregion, intermediate_region columns)."""
    states: dict[str, State] = {}
    source = Path(path) if isinstance(path, str) else path
    # Binary + TextIOWrapper: Traversable.open takes no newline argument, and csv wants newline="".
    with io.TextIOWrapper(source.open("rb"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = (row.get("iso3") or "").strip().upper()
            if len(iso3) != 3:
                raise UnknownState(f"bad iso3 code {iso3!r}", record=row.get("name"), field="iso3")
            states[iso3] = State(
                iso3=iso3,
                name=(row.get("name") or iso3).strip(),
                region=(row.get("region") or "").strip(),
                subregion=(row.get("subregion") or "").strip(),
                intermediate_region=(row.get("intermediate_region") or "").strip(),
            )
    return states


def _record_id(obj: Mapping[str, Any], kind: str) -> str:
    if not isinstance(obj, Mapping):
        raise InvalidRecord(f"{kind} must be a JSON object", field="id")
    value = obj.get("id")
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord(f"{kind} without an id", field="id")
    return value.strip()


def _text(obj: Mapping[str, Any], key: str, record: str, *, required: bool = False) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            raise InvalidRecord(f"missing {key}", record=record, field=key)
        return ""
    if not isinstance(value, str):
        raise InvalidRecord(f"{key} must be a string", record=record, field=key)
    if required and not value.strip():
        raise InvalidRecord(f"empty {key}", record=record, field=key)
    return value.strip()


def _texts(obj: Mapping[str, Any], record: str) -> tuple[str, str]:
    title, description = _text(obj, "title", record), _text(obj, "description", record)
    if not title and not description:
        raise EmptyText("no title or description text", record=record, field="description")
    return title, description


def _strings(obj: Mapping[str, Any], key: str, record: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidRecord(f"{key} must be a list of strings", record=record, field=key)
    return tuple(v.strip() for v in value if v.strip())
