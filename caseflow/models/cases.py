"""A child's case, its concerns, referrals and timeline events."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.cellkey import new_record_key
from caseflow.domain.events import EventType
from caseflow.domain.workflow import CaseStatus, ReferralStatus, Urgency
from caseflow.models.base import Base, UTCDateTime, enum_column, partial_index
from caseflow.models.directory import Facility
from caseflow.models.users import User

#: A case still in the lists: not merged into another.
LISTED = "merged_into_id IS NULL"


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint(
            "status NOT IN ('assigned', 'assessed') OR owner_officer_id IS NOT NULL",
            name="assigned_case_has_officer",
        ),
        CheckConstraint(
            "date_of_birth IS NOT NULL OR age_estimate IS NOT NULL", name="child_has_an_age"
        ),
        Index("ix_cases_owner_status", "owner_facility_id", "status"),
        Index("ix_cases_officer_status", "owner_officer_id", "status"),
        # The office's open cases by officer with their ids, from the index alone: the
        # per-officer clock counts hash-join them to the live clocks.
        Index(
            "ix_cases_owner_status_officer", "owner_facility_id", "status", "owner_officer_id", "id"
        ),
        # The caseload dashboard counts from this index alone, without reading the cases
        # ("new this week" goes by the report, services/caseload.arrived_since).
        Index(
            "ix_cases_caseload",
            "owner_facility_id",
            "status",
            "owner_officer_id",
            "risk_level",
            "reported_at",
            "id",
        ),
        Index("ix_cases_child_name", "child_family_name", "child_given_name"),
        # Possible duplicates are looked up here, never by scanning (domain/matching.py).
        Index("ix_cases_name_key_year", "name_key", "birth_year"),
        Index("ix_cases_identity_number", "identity_number"),
        CheckConstraint(
            "merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_itself"
        ),
        # The case page asks which cases were merged into this one: without it, a scan of
        # every case in the country (0.5 s at a million). Only the merged few are indexed.
        partial_index("ix_cases_merged_into", "merged_into_id", where="merged_into_id IS NOT NULL"),
        # The lists and the navigation count the cases still listed (not merged away) from
        # these alone, without reading a case: an office's open cases for the work queue's
        # total, an officer's held cases for the "due soon and overdue" count.
        partial_index(
            "ix_cases_listed_owner_status", "owner_facility_id", "status", "id", where=LISTED
        ),
        # The few cases sent back by a declined referral, per owning facility, newest first:
        # the receivers' home and referrals page list them. Queries must say
        # `Case.returned_to_sender` (not `.is_(True)`), which is what this predicate matches.
        Index(
            "ix_cases_returned",
            "owner_facility_id",
            "updated_at",
            postgresql_where=text("returned_to_sender"),
            sqlite_where=text("returned_to_sender = 1"),
        ),
        partial_index("ix_cases_listed_officer", "owner_officer_id", "id", where=LISTED),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Bumped on every change: a writer holding an older version gets a conflict, not a
    # silent overwrite (API.md, "Writes ... send the version they read").
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus, "case_status"), index=True)
    risk_level: Mapped[RiskLevel] = mapped_column(enum_column(RiskLevel, "risk_level"))

    child_given_name: Mapped[str] = mapped_column(String(80))
    child_family_name: Mapped[str] = mapped_column(String(80), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    age_estimate: Mapped[int | None]
    #: The age band when reported, kept so statistics count without reading a date of birth.
    age_band: Mapped[str] = mapped_column(String(8), default="unknown", server_default="unknown")
    #: Fixed random key (0-255) behind the statistics' cell-key noise; never shown.
    record_key: Mapped[int] = mapped_column(SmallInteger, default=new_record_key)
    sex: Mapped[Sex] = mapped_column(enum_column(Sex, "sex"))
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    home_language: Mapped[str] = mapped_column(String(8), default="ms")
    #: MyKid or MyKad number, 12 digits without dashes; optional.
    identity_number: Mapped[str | None] = mapped_column(String(12))
    #: The phonetic key of the child's own name and the year of birth (or estimated year),
    #: kept at registration so that possible duplicates come from an index.
    name_key: Mapped[str] = mapped_column(String(40), default="", server_default="")
    birth_year: Mapped[int | None]
    caregiver_name: Mapped[str | None] = mapped_column(String(120))
    caregiver_phone: Mapped[str | None] = mapped_column(String(40))
    caregiver_relationship: Mapped[str | None] = mapped_column(String(60))

    source_type: Mapped[SourceType] = mapped_column(enum_column(SourceType, "source_type"))
    source_facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    soca_sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    penal_code_sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    narrative: Mapped[str] = mapped_column(Text, default="")

    owner_facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    owner_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Set when a referral is declined: the case is back in its owner's queue, flagged.
    returned_to_sender: Mapped[bool] = mapped_column(default=False)
    # The version is bumped by hand, once per timeline event (services.timeline.write_event);
    # SQLAlchemy still checks it in every UPDATE's WHERE clause.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    #: Set while this case is merged into another: hidden from lists, shown on the survivor.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Touched by every event, so every step bumps the version and sorts work queues.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: Set when the retention schedule removed the child's identity; the counts stay.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner_facility: Mapped[Facility] = relationship(foreign_keys=[owner_facility_id])
    owner_officer: Mapped[User | None] = relationship(foreign_keys=[owner_officer_id])
    source_facility: Mapped[Facility | None] = relationship(foreign_keys=[source_facility_id])
    concerns: Mapped[list["Concern"]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Concern.id"
    )
    referrals: Mapped[list["Referral"]] = relationship(
        back_populates="case", foreign_keys="Referral.case_id", order_by="Referral.id"
    )

    @property
    def child_name(self) -> str:
        return child_name(self.child_given_name, self.child_family_name)


def child_name(given: str, family: str) -> str:
    """The name as the child is called, for a case read whole or a row of its columns."""
    return f"{given} {family}".strip()


class Concern(Base):
    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form: Mapped[AbuseForm] = mapped_column(enum_column(AbuseForm, "abuse_form"))
    online: Mapped[bool] = mapped_column(default=False)
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)

    case: Mapped[Case] = relationship(back_populates="concerns")


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint("from_facility_id <> to_facility_id", name="not_to_itself"),
        CheckConstraint(
            "status <> 'declined' OR decline_reason IS NOT NULL", name="decline_has_reason"
        ),
        Index("ix_referrals_receiver_status", "to_facility_id", "status"),
        # A facility's recent acceptances: the dashboard's "new this week".
        Index("ix_referrals_receiver_decided", "to_facility_id", "status", "decided_at", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"), index=True)
    to_facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    reason: Mapped[str] = mapped_column(Text)
    urgency: Mapped[Urgency] = mapped_column(enum_column(Urgency, "urgency"))
    status: Mapped[ReferralStatus] = mapped_column(enum_column(ReferralStatus, "referral_status"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decline_reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="referrals", foreign_keys=[case_id])
    from_facility: Mapped[Facility] = relationship(foreign_keys=[from_facility_id])
    to_facility: Mapped[Facility] = relationship(foreign_keys=[to_facility_id])
    sent_by: Mapped[User] = relationship(foreign_keys=[sent_by_id])

    @property
    def is_open(self) -> bool:
        return self.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)


class CaseEvent(Base):
    """One step on a case's timeline: `at` is when it happened, `recorded_at` when written."""

    __tablename__ = "case_events"
    __table_args__ = (
        Index("ix_case_events_case_at", "case_id", "at"),
        # court ageing finds the charges and disposals of an office without reading every event
        Index("ix_case_events_type_case", "type", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    type: Mapped[EventType] = mapped_column(enum_column(EventType, "event_type"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User] = relationship()
    facility: Mapped[Facility] = relationship()
