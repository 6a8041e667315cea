"""The directory of Malaysia: states, districts and the facilities that handle cases."""

from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.domain.facilities import FacilityType
from caseflow.models.base import Base, enum_column


class State(Base):
    __tablename__ = "states"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    iso: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(80))

    districts: Mapped[list["District"]] = relationship(
        back_populates="state", order_by="District.name"
    )


class District(Base):
    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("state_code", "name", name="state_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"), index=True)
    name: Mapped[str] = mapped_column(String(80))

    state: Mapped[State] = relationship(back_populates="districts")


class Facility(Base):
    __tablename__ = "facilities"
    __table_args__ = (
        CheckConstraint(
            "default_oscc_id IS NULL OR type = 'clinic'", name="default_oscc_only_for_clinics"
        ),
        CheckConstraint("special = false OR type = 'court'", name="special_only_for_courts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[FacilityType] = mapped_column(enum_column(FacilityType, "facility_type"))
    name: Mapped[str] = mapped_column(String(160), index=True)
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    default_oscc_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    special: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(default=True)

    state: Mapped[State] = relationship()
    district: Mapped[District | None] = relationship()
    default_oscc: Mapped[Optional["Facility"]] = relationship(remote_side=[id])

    def __str__(self) -> str:
        return self.name
