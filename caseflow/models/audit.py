"""The audit trail: who saw or changed what, when and from where. Never updated, never deleted."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, UTCDateTime
from caseflow.models.users import User


class AuditRecord(Base):
    __tablename__ = "audit_records"
    __table_args__ = (
        Index("ix_audit_records_object", "object_type", "object_id"),
        Index("ix_audit_records_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(45))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()


class AuditedCase(Base):
    """Which cases an audit record touched or showed: "who has seen this child" reads this.

    Filled by one batched INSERT per audit record (a list page names its 25 cases in one
    statement), so the access log of a case is an index lookup, not a scan of the trail.
    """

    __tablename__ = "audited_cases"
    __table_args__ = (Index("ix_audited_cases_case", "case_id", "audit_record_id"),)

    audit_record_id: Mapped[int] = mapped_column(ForeignKey("audit_records.id"), primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
