"""Clock policies (versioned), the clocks running on cases, and the notifications they send."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.domain.clocks import ClockStatus, Unit
from caseflow.domain.policies import CalendarOf
from caseflow.models.base import Base, UTCDateTime, enum_column, partial_index
from caseflow.models.cases import Case, CaseEvent, Referral
from caseflow.models.directory import Facility


class ClockPolicy(Base):
    """One version of a policy. A change is a new row; clocks keep the version they started on."""

    __tablename__ = "clock_policies"
    __table_args__ = (UniqueConstraint("key", "version", name="key_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int]
    current: Mapped[bool] = mapped_column(default=True)
    name: Mapped[str] = mapped_column(String(120))
    start_event: Mapped[str] = mapped_column(String(40), index=True)
    stop_events: Mapped[list[str]] = mapped_column(JSON)
    target_amount: Mapped[int]
    target_unit: Mapped[Unit] = mapped_column(enum_column(Unit, "target_unit"))
    calendar_of: Mapped[CalendarOf] = mapped_column(enum_column(CalendarOf, "calendar_of"))
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due_soon_share: Mapped[float]
    pausable: Mapped[bool] = mapped_column(default=False)
    per_referral: Mapped[bool] = mapped_column(default=False)
    series: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(Text, default="")
    # statute or service standard; the Act's own words; which days a period skips (issue 16)
    basis: Mapped[str] = mapped_column(
        String(20), default="service_standard", server_default="service_standard"
    )
    law_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    weekly_holidays: Mapped[str] = mapped_column(
        String(20), default="office_week", server_default="office_week"
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


LIVE_CLOCKS = "status IN ('running', 'due_soon', 'breached')"
LIVE_ANSWERING = f"referral_id IS NOT NULL AND {LIVE_CLOCKS}"
#: What the due counts ask of a live clock, so the live indexes hold it.
LIVE_STATE = ("due_soon_at", "due_at", "paused_at")


class Clock(Base):
    """A running timer. `due_at` and `due_soon_at` are stored so "overdue" is one indexed query."""

    __tablename__ = "clocks"
    __table_args__ = (
        Index("ix_clocks_status_due_at", "status", "due_at"),
        Index("ix_clocks_status_due_soon_at", "status", "due_soon_at"),
        # A case's clock states without reading the clocks (caseload dashboard).
        Index("ix_clocks_case_state", "case_id", "status", "due_soon_at", "due_at", "paused_at"),
        # Clock outcomes of the facilities that had to act, over a period, counted from the
        # index alone on PostgreSQL (the dashboard's outcome and trend tables).
        Index(
            "ix_clocks_facility_due",
            "facility_id",
            "due_at",
            postgresql_include=["status", "paused_at", "policy_id", "state_code"],
        ),
        # Only the clocks still running: a tenth of the table. The dashboard's per-officer counts
        # read it whole (index only) and hash-join it to the office's open cases, instead of
        # probing the clocks once per case.
        partial_index("ix_clocks_live", "case_id", "status", *LIVE_STATE, where=LIVE_CLOCKS),
        # The referral clocks a facility must still answer: the navigation counts them on
        # every page, so they are found without reading the facility's other clocks.
        partial_index(
            "ix_clocks_live_answering", "facility_id", "due_soon_at", where=LIVE_ANSWERING
        ),
        # The live clocks of an office's or an officer's cases, without reading the office's
        # cases or the country's live clocks: the dashboard's per-officer counts and the
        # navigation's due count (led by the owning facility, then the officer).
        partial_index(
            "ix_clocks_live_owner",
            "owner_facility_id",
            "owner_officer_id",
            *LIVE_STATE,
            "case_id",
            "status",
            where=LIVE_CLOCKS,
        ),
        partial_index(
            "ix_clocks_live_officer",
            "owner_officer_id",
            *LIVE_STATE,
            "case_id",
            "status",
            where=LIVE_CLOCKS,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("clock_policies.id"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))  # who must act
    #: Who holds the case, copied from it: equal to the case's owner for every live clock,
    #: kept so by services/clocks.follow_event in the transaction of the step that moves the
    #: case (every owner change is a step), remade by `flask clocks rebuild-owners`.
    owner_facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    owner_officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_soon_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[ClockStatus] = mapped_column(enum_column(ClockStatus, "clock_status"))
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paused_amount: Mapped[int] = mapped_column(default=0)  # in the policy's target unit
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The step that met it: the case page and the API say which (e.g. JKM acknowledging).
    met_by_event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"))

    case: Mapped[Case] = relationship()
    policy: Mapped[ClockPolicy] = relationship()
    referral: Mapped[Referral | None] = relationship()
    met_by: Mapped[CaseEvent | None] = relationship()


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    clock_id: Mapped[int | None] = mapped_column(ForeignKey("clocks.id"))
    kind: Mapped[str] = mapped_column(String(20))  # "due_soon", "breached", "possible_duplicate"
    #: For a possible duplicate: the facility that registered the other case (never the case).
    about_facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    case: Mapped[Case] = relationship()
    clock: Mapped[Clock | None] = relationship()
    about_facility: Mapped[Facility | None] = relationship()


class CalendarException(Base):
    """An administrator's one-off holiday (or working day) for a state, e.g. a cuti peristiwa."""

    __tablename__ = "calendar_exceptions"
    __table_args__ = (UniqueConstraint("state_code", "day", name="state_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state_code: Mapped[str] = mapped_column(ForeignKey("states.code"))
    day: Mapped[date] = mapped_column(Date)
    working: Mapped[bool]  # True: a working day the package calls a holiday; False: a holiday
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
