"""How the clocks fared: met on time, met late, breached, over a chosen period, grouped by
policy, facility, district or state, and month by month for the trend line."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, case, func, select

from caseflow.domain.clocks import ClockStatus
from caseflow.extensions import db
from caseflow.models import Clock, ClockPolicy, District, Facility, State
from caseflow.services.caseload import LIVE
from caseflow.services.statistics import month_of


class ClockGrouping(StrEnum):
    POLICY = "policy"
    FACILITY = "facility"
    DISTRICT = "district"
    STATE = "state"


def grouping_from(text: str | None) -> ClockGrouping:
    """The grouping asked for, or by policy."""
    return next((g for g in ClockGrouping if g.value == text), ClockGrouping.POLICY)


@dataclass(frozen=True)
class Outcomes:
    group: str
    met: int
    met_late: int
    breached: int
    running: int


def outcome_columns(now: datetime) -> list[ColumnElement]:
    breached = (Clock.status == ClockStatus.BREACHED) | (
        Clock.status.in_(LIVE) & Clock.paused_at.is_(None) & (Clock.due_at <= now)
    )
    return [
        func.count(case((Clock.status == ClockStatus.MET, 1))),
        func.count(case((Clock.status == ClockStatus.MET_LATE, 1))),
        func.count(case((breached, 1))),
        func.count(case((Clock.status.in_(LIVE) & ~breached, 1))),
    ]


def _period(stmt, facility_ids: list[int] | None, since: datetime, until: datetime):
    stmt = stmt.where(
        Clock.due_at >= since, Clock.due_at < until, Clock.status != ClockStatus.CANCELLED
    )
    if facility_ids is not None:
        stmt = stmt.where(Clock.facility_id.in_(facility_ids))
    return stmt


def outcomes(
    facility_ids: list[int] | None,
    since: datetime,
    until: datetime,
    grouping: ClockGrouping,
    now: datetime,
) -> list[Outcomes]:
    """Clocks due in the period at the facilities that had to act (all, for None)."""
    if grouping is ClockGrouping.POLICY:
        label, joins = ClockPolicy.name, [(ClockPolicy, ClockPolicy.id == Clock.policy_id)]
    elif grouping is ClockGrouping.FACILITY:
        label, joins = Facility.name, [(Facility, Facility.id == Clock.facility_id)]
    elif grouping is ClockGrouping.DISTRICT:
        label = func.coalesce(District.name, "")
        joins = [
            (Facility, Facility.id == Clock.facility_id),
            (District, District.id == Facility.district_id),
        ]
    else:
        label, joins = State.name, [(State, State.code == Clock.state_code)]
    stmt = select(label, *outcome_columns(now)).select_from(Clock)
    for table, on in joins:
        stmt = stmt.outerjoin(table, on) if table is District else stmt.join(table, on)
    stmt = _period(stmt, facility_ids, since, until).group_by(label).order_by(label)
    return [Outcomes(*row) for row in db.session.execute(stmt)]


def monthly(
    facility_ids: list[int] | None, since: datetime, until: datetime, now: datetime
) -> list[Outcomes]:
    month = month_of(Clock.due_at)
    stmt = select(month, *outcome_columns(now)).select_from(Clock)
    stmt = _period(stmt, facility_ids, since, until).group_by(month).order_by(month)
    return [Outcomes(*row) for row in db.session.execute(stmt)]
