"""Declarative base, naming convention (stable constraint names for Alembic) and shared column helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, MetaData, TypeDecorator, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, Session, declared_attr, mapped_column

from service.clock import stamp

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The real clock, for the security instants only (see service/clock.py); every other stamp is
    `clock.stamp(session)`."""
    return datetime.now(UTC)


def stamped(*, on_update: bool = False, **kwargs: Any) -> MappedColumn[Any]:
    """A column the service stamps from the session's clock: filled at insert when left empty (and, with
    `on_update`, rewritten whenever the row changes) by the before-flush hook below, never by a default
    that would read the real clock."""
    return mapped_column(info={"stamp": "update" if on_update else "insert"}, **kwargs)


@cache
def _stamp_columns(mapper: Any) -> list[tuple[str, str]]:
    """(attribute, "insert" | "update") for each stamped column of a mapped class."""
    found = [(attr.key, attr.columns[0].info.get("stamp")) for attr in mapper.column_attrs]
    return [(key, kind) for key, kind in found if kind is not None]


@event.listens_for(Session, "before_flush")
def _fill_stamps(session: Session, _context: object, _instances: object) -> None:
    # session.new and .dirty build a new set on each access: read each once (an import flushes
    # thousands of rows, and a membership test per row made the flush quadratic).
    new, dirty = list(session.new), list(session.dirty)
    now: datetime | None = None
    for objects, is_new in ((new, True), (dirty, False)):
        for obj in objects:
            state = inspect(obj)
            columns = _stamp_columns(state.mapper)
            if not columns or (not is_new and not session.is_modified(obj)):
                continue
            for key, kind in columns:
                if not is_new and kind != "update":
                    continue
                if is_new and getattr(obj, key) is not None:
                    continue  # given explicitly (an import's or the demo's own date)
                if not is_new and state.attrs[key].history.has_changes():
                    continue  # set explicitly in this unit of work
                now = now or stamp(session)
                setattr(obj, key, now)


class UTCDateTime(TypeDecorator[datetime]):
    """Instants stored in UTC and always read back timezone-aware: SQLite keeps no offset, so without
    this the same column would come back naive there and aware on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Versioned:
    """Optimistic concurrency: SQLAlchemy bumps `version` on every UPDATE and refuses a stale one."""

    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.version}


class Timestamps:
    created_at: Mapped[datetime] = stamped()
    updated_at: Mapped[datetime] = stamped(on_update=True)
