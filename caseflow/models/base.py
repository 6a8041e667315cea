"""The declarative base and column types shared by every model."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    DateTime,
    Enum,
    Index,
    Integer,
    MetaData,
    bindparam,
    literal,
    text,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Named constraints, so that Alembic can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def partial_index(name: str, *columns: str, where: str) -> Index:
    """An index of the rows matching `where` only, on PostgreSQL and SQLite alike. A query
    uses it only when its own WHERE implies `where`."""
    return Index(name, *columns, postgresql_where=text(where), sqlite_where=text(where))


def one_of(column, values) -> ColumnElement[bool]:
    """`column IN values`, the values written into the statement rather than sent beside it.

    For fixed sets a partial index is built on (the live clocks, the referrals waiting): a
    prepared statement that names them is planned once and kept, its index proven usable;
    given them as parameters, PostgreSQL plans it anew for each request to look at them, which
    cost the navigation's counts 2 to 3 ms at a million cases, ten times the counting.

    A sequence keeps its order: SQLite uses a partial index only for a query that repeats its
    condition term for term (`LIVE` is listed as the live clocks' indexes list it). A set is
    sorted, so that every app server writes the same statement."""
    ordered = sorted(values) if isinstance(values, set | frozenset) else list(values)
    return column.in_(bindparam(None, ordered, expanding=True, literal_execute=True))


def written(number: int) -> BindParameter:
    """A number (a LIMIT, an OFFSET) written into the statement, as `one_of` writes its values.
    PostgreSQL keeps one plan for a statement psycopg has prepared, made without the values
    of its parameters; not knowing the LIMIT, it assumed a tenth of the rows and joined every
    open case of the office to its officer and facility before sorting them: the work queue's
    page took 40 to 70 ms at a million cases instead of 4. Each page size and each offset makes
    a statement of its own, of the 100 psycopg keeps count of on a connection: the first pages
    of a list, read most, stay among them."""
    return literal(number, Integer, literal_execute=True)


class UTCDateTime(TypeDecorator):
    """An instant, stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Caseflow stores instants with their offset")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_class: type[StrEnum], name: str) -> Enum:
    """A portable enum: a VARCHAR holding the value, with a CHECK constraint listing them."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


def render_migration_type(type_, obj, autogen_context):
    """Write UTCDateTime into migrations as the plain column type it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
