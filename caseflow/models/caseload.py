"""The caseload standard per role: how many open cases one officer can carry well."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.domain.roles import Role
from caseflow.models.base import Base, UTCDateTime, enum_column


class CaseloadStandard(Base):
    __tablename__ = "caseload_standards"

    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), primary_key=True)
    open_cases: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
