"""Monthly counts for the analysts' statistics, kept as cases are registered.

Counting three years of a million cases at request time takes seconds; summing these rows
takes milliseconds. One row per month, per dimension, pair or triple of dimensions, per
combination of values.
"""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, UTCDateTime


class StatisticsCount(Base):
    __tablename__ = "statistics_counts"
    __table_args__ = (
        Index("ix_statistics_counts_lookup", "dimension_a", "dimension_b", "dimension_c", "month"),
    )

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM, Malaysia time
    dimension_a: Mapped[str] = mapped_column(String(20), primary_key=True)
    value_a: Mapped[str] = mapped_column(String(120), primary_key=True)
    dimension_b: Mapped[str] = mapped_column(String(20), primary_key=True)  # "" for one
    value_b: Mapped[str] = mapped_column(String(120), primary_key=True)
    dimension_c: Mapped[str] = mapped_column(String(20), primary_key=True, server_default="")
    value_c: Mapped[str] = mapped_column(String(120), primary_key=True, server_default="")
    count: Mapped[int]
    #: The record keys of the row's cases added up, modulo KEY_RANGE (additive, like `count`):
    #: what the cell-key noise of any sum of rows is drawn from.
    key_sum: Mapped[int] = mapped_column(default=0, server_default="0")


class StatisticsBuild(Base):
    """The monthly counts hold every combination of up to `depth` dimensions of every case:
    written by a rebuild, or by the migration of a database with no case yet. Triples were
    added to a table that held pairs; until a rebuild counts the existing cases' triples, the
    counts of three dimensions are made from the cases."""

    __tablename__ = "statistics_builds"

    depth: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime())
