"""Possible duplicates: the administrator's thresholds, and links and merges between cases."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, UTCDateTime
from caseflow.models.cases import Case


class DuplicateSettings(Base):
    """One row: the scores (in percent) from which a match is shown, and from which the owning
    facility outside the registrant's circle is notified. Changed by an administrator, audited."""

    __tablename__ = "duplicate_settings"
    __table_args__ = (
        CheckConstraint(
            "show_at BETWEEN 1 AND 100 AND notify_at BETWEEN 1 AND 100", name="percentages"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    show_at: Mapped[int]
    notify_at: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CaseLink(Base):
    """Two cases of the same child. A "link" shows each to those who see both; a "merge" also
    hides `case` behind `other_case` until it is undone (within 30 days)."""

    __tablename__ = "case_links"
    __table_args__ = (
        CheckConstraint("case_id <> other_case_id", name="two_cases"),
        CheckConstraint("kind IN ('link', 'merge')", name="link_kind"),
        Index("ix_case_links_case", "case_id"),
        Index("ix_case_links_other_case", "other_case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    other_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    other_case: Mapped[Case] = relationship(foreign_keys=[other_case_id])
