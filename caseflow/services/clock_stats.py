"""How the clocks fared: met on time, met late, breached, over a chosen period, grouped by
policy, facility, district or state, and month by month for the trend line."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import ColumnElement, Select, bindparam, case, func, select
from sqlalchemy.sql.elements import BindParameter

from caseflow.domain.clocks import ClockStatus, calendar_months
from caseflow.extensions import column_rows
from caseflow.models import Clock, ClockPolicy, District, Facility, State
from caseflow.models.base import one_of
from caseflow.services.caseload import LIVE


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


def outcome_columns(now: BindParameter) -> list[ColumnElement]:
    breached = (Clock.status == ClockStatus.BREACHED) | (
        Clock.status.in_(LIVE) & Clock.paused_at.is_(None) & (Clock.due_at <= now)
    )
    return [
        func.count(case((Clock.status == ClockStatus.MET, 1))),
        func.count(case((Clock.status == ClockStatus.MET_LATE, 1))),
        func.count(case((breached, 1))),
        func.count(case((Clock.status.in_(LIVE) & ~breached, 1))),
    ]


@dataclass(frozen=True)
class Fared:
    by_group: list[Outcomes]  # by the grouping asked for, in its order
    by_month: list[Outcomes]  # by the month due ('YYYY-MM'), months with no clock left out


def outcomes(
    facility_ids: list[int] | None,
    since: datetime,
    until: datetime,
    grouping: ClockGrouping,
    now: datetime,
) -> Fared:
    """Clocks due in the period at the facilities that had to act (all, for None), by group
    and by month. One pass over the period's clocks counts both: the month is the bucket of
    the month boundaries the due instant falls in, compared in the index's own order, where
    formatting each instant as a month in the database took as long as the rest of the page's
    clock figures together (19 ms of 31 at a million cases)."""
    months = calendar_months(since, until)
    parameters = {"since": since, "until": until, "now": now, "facilities": facility_ids}
    parameters |= {f"month_{n}": begins for n, (_, begins) in enumerate(months) if n}
    stmt = _outcomes_statement(grouping, len(months), facility_ids is not None)
    by_group: dict[str, list[int]] = {}
    by_month: dict[int, list[int]] = {}
    for row in column_rows(stmt, parameters):
        group, month, counts = row[0], row[1] if len(months) > 1 else 0, row[-4:]
        for totals, key in ((by_group, group), (by_month, month)):
            kept = totals.setdefault(key, [0, 0, 0, 0])
            for n, count in enumerate(counts):
                kept[n] += count
    return Fared(
        [Outcomes(group, *counts) for group, counts in by_group.items()],
        [Outcomes(months[month][0], *by_month[month]) for month in sorted(by_month)],
    )


@lru_cache(maxsize=64)
def _outcomes_statement(grouping: ClockGrouping, month_count: int, of_facilities: bool) -> Select:
    """Built once for each grouping and number of months, the instants and facilities as
    parameters: building and keying it anew cost about a millisecond of every dashboard."""
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
    instant = Clock.due_at.type
    later = [
        (Clock.due_at < bindparam(f"month_{n}", type_=instant), n - 1)
        for n in range(1, month_count)
    ]
    keys = [label, case(*later, else_=month_count - 1)] if later else [label]
    stmt = select(*keys, *outcome_columns(bindparam("now", type_=instant))).select_from(Clock)
    for table, on in joins:
        stmt = stmt.outerjoin(table, on) if table is District else stmt.join(table, on)
    stmt = stmt.where(
        Clock.due_at >= bindparam("since", type_=instant),
        Clock.due_at < bindparam("until", type_=instant),
        ~one_of(Clock.status, [ClockStatus.CANCELLED]),
    )
    if of_facilities:
        stmt = stmt.where(Clock.facility_id.in_(bindparam("facilities", expanding=True)))
    return stmt.group_by(*keys).order_by(label)
