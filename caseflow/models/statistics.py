"""Monthly counts for the analysts' statistics, kept as cases are registered.

Counting a year of a million cases at request time takes seconds; summing these rows takes
milliseconds. One row per month, per dimension or pair of dimensions, per pair of values.
"""

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base


class StatisticsCount(Base):
    __tablename__ = "statistics_counts"
    __table_args__ = (Index("ix_statistics_counts_lookup", "dimension_a", "dimension_b", "month"),)

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM, Malaysia time
    dimension_a: Mapped[str] = mapped_column(String(20), primary_key=True)
    value_a: Mapped[str] = mapped_column(String(120), primary_key=True)
    dimension_b: Mapped[str] = mapped_column(String(20), primary_key=True)  # "" for one
    value_b: Mapped[str] = mapped_column(String(120), primary_key=True)
    count: Mapped[int]
    #: The record keys of the row's cases added up, modulo KEY_RANGE (additive, like `count`):
    #: what the cell-key noise of any sum of rows is drawn from.
    key_sum: Mapped[int] = mapped_column(default=0, server_default="0")
