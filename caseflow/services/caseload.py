"""Caseload per officer for a supervisor's facilities, and the cases behind each number.

Counts are aggregated in the database (one query for cases and their clocks), so the dashboard
costs the same with 80 cases per officer as with 8. Clock states are worked out from the
stored instants at `now`, not from the sweep's last pass, so the numbers never lag it.
"""

from datetime import datetime, time
from functools import lru_cache

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql.elements import BindParameter

from caseflow.domain.caseload import Metric, OfficerLoad, week_start, worst_first
from caseflow.domain.cases import RiskLevel
from caseflow.domain.clocks import MALAYSIA, ClockStatus, local_date
from caseflow.domain.roles import OFFICER_ROLES, Role
from caseflow.domain.workflow import OPEN_STATUSES, ReferralStatus
from caseflow.extensions import cache, column_rows, db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, CaseloadStandard, Clock, Referral, User
from caseflow.models.base import one_of
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed
from caseflow.services.steps import acting_user

LIVE = (ClockStatus.RUNNING, ClockStatus.DUE_SOON, ClockStatus.BREACHED)


@cache.memoize()
def standards() -> dict[Role, int]:
    """Read by every dashboard; kept in the cache until an administrator changes them."""
    rows = db.session.execute(select(CaseloadStandard.role, CaseloadStandard.open_cases))
    return {role: open_cases for role, open_cases in rows}


def scope(user: User, facility_id: int | None = None) -> list[int]:
    """The facilities whose caseload this supervisor sees; one of them if asked for."""
    supervised = sorted(f.id for f in user.supervises)
    if facility_id is None:
        return supervised
    if facility_id not in supervised:
        raise LookupError(facility_id)
    return [facility_id]


def breached_clock(now: datetime | BindParameter) -> ColumnElement[bool]:
    return and_(one_of(Clock.status, LIVE), Clock.paused_at.is_(None), Clock.due_at <= now)


def due_soon_clock(now: datetime | BindParameter) -> ColumnElement[bool]:
    return and_(
        one_of(Clock.status, LIVE),
        Clock.paused_at.is_(None),
        Clock.due_soon_at <= now,
        Clock.due_at > now,
    )


def _week_began(now: datetime) -> datetime:
    return datetime.combine(week_start(local_date(now)), time(), MALAYSIA)


def arrived_since(
    facility_ids: list[int] | BindParameter, since: datetime | BindParameter
) -> ColumnElement[bool]:
    """The case reached the facility that holds it at or after `since`: through the last
    referral it accepted, or, with none, by the report itself. Never the moment it was typed
    in: cases loaded in bulk (a migration, the demo) are not new.

    "The last acceptance is recent" is "some acceptance is recent": the office's recent
    acceptances are gathered once (ix_referrals_receiver_decided) instead of each open case
    looking up its referrals, 10,000 lookups at a million cases. Only a case reported since
    then is asked whether it was ever accepted.
    """
    recent = select(Referral.case_id, Referral.to_facility_id).where(
        Referral.to_facility_id.in_(facility_ids),
        one_of(Referral.status, [ReferralStatus.ACCEPTED]),
        Referral.decided_at >= since,
    )
    ever_accepted = (
        select(Referral.id)
        .where(
            Referral.case_id == Case.id,
            Referral.to_facility_id == Case.owner_facility_id,
            one_of(Referral.status, [ReferralStatus.ACCEPTED]),
            Referral.decided_at.is_not(None),
        )
        .exists()
    )
    return or_(
        tuple_(Case.id, Case.owner_facility_id).in_(recent),
        and_(Case.reported_at >= since, ~ever_accepted),
    )


def open_cases_of(facility_ids: list[int] | BindParameter) -> ColumnElement[bool]:
    return and_(Case.owner_facility_id.in_(facility_ids), one_of(Case.status, OPEN_STATUSES))


def open_caseloads(officer_ids: list[int]) -> dict[int, int]:
    """Each officer's open cases, in one grouped count (shown when a case is given to one)."""
    if not officer_ids:
        return {}
    rows = db.session.execute(
        select(Case.owner_officer_id, func.count())
        .where(Case.owner_officer_id.in_(officer_ids), one_of(Case.status, OPEN_STATUSES))
        .group_by(Case.owner_officer_id)
    )
    return {officer: count for officer, count in rows}


def officer_loads(facility_ids: list[int], now: datetime) -> list[OfficerLoad]:
    """One row per active officer of these facilities (idle ones too), plus one for the
    cases no officer holds, worst first."""
    if not facility_ids:
        return []
    parameters = {"facilities": facility_ids, "now": now, "week_began": _week_began(now)}
    fields = ("open", "high_risk", "new_this_week", "due_soon", "breached")
    counted: dict[tuple[int, int | None], dict[str, int]] = {
        (facility, officer): dict(zip(fields, numbers, strict=True))
        for facility, officer, *numbers in column_rows(_loads_statement(), parameters)
    }
    held_in: dict[int, set[int]] = {}  # each officer's facilities with cases they hold
    for facility, officer in counted:
        if officer is not None:
            held_in.setdefault(officer, set()).add(facility)
    officers = column_rows(
        _officers_statement(), {"facilities": facility_ids, "holders": list(held_in)}
    ).all()
    rules = standards()
    loads = []
    for officer in officers:
        # A case stays on the facility's row of an officer who moved or left: it is still there.
        for facility in {officer.facility_id, *held_in.get(officer.id, ())}:
            numbers = counted.pop((facility, officer.id), {})
            own = facility == officer.facility_id and facility in facility_ids
            if numbers or (own and officer.active):
                loads.append(
                    OfficerLoad(
                        officer.id,
                        officer.display_name,
                        officer.role,
                        facility,
                        standard=rules.get(officer.role),
                        **numbers,
                    )
                )
    for (facility, _), numbers in counted.items():  # cases no officer holds
        loads.append(OfficerLoad(None, "", None, facility, **numbers))
    return worst_first(loads)


@lru_cache(maxsize=1)
def _officers_statement() -> Select:
    """The facilities' active officers and whoever holds one of their cases, built once."""
    return select(User.id, User.display_name, User.role, User.facility_id, User.active).where(
        (
            User.facility_id.in_(bindparam("facilities", expanding=True))
            & User.active
            & User.role.in_(list(OFFICER_ROLES))
        )
        | User.id.in_(bindparam("holders", expanding=True))
    )


@lru_cache(maxsize=1)
def _loads_statement() -> Select:
    """Built once, with the facilities and the instants as parameters: building and keying a
    statement this size anew cost about 3 ms of every dashboard."""
    facilities = bindparam("facilities", expanding=True)
    now = bindparam("now", type_=Clock.due_at.type)
    # Each case of the office with a live clock due soon or past due, once however many
    # clocks it has (ix_clocks_live_owner), joined to the office's open cases as they are
    # counted: one pass over those cases, where a second statement grouping the clocks by
    # officer read them again (27 ms to 21 ms at a million cases). A closed case's aftercare
    # clocks find no open case to join.
    pressing = (
        select(
            Clock.case_id,
            func.max(case((due_soon_clock(now), 1), else_=0)).label("due_soon"),
            func.max(case((breached_clock(now), 1), else_=0)).label("breached"),
        )
        .where(
            Clock.owner_facility_id.in_(facilities),
            one_of(Clock.status, LIVE),
            Clock.due_soon_at <= now,
        )
        .group_by(Clock.case_id)
        .subquery()
    )
    week_began = bindparam("week_began", type_=Case.reported_at.type)
    return (
        select(
            Case.owner_facility_id,
            Case.owner_officer_id,
            func.count(),
            func.count(case((Case.risk_level == RiskLevel.HIGH, 1))),
            func.count(case((arrived_since(facilities, week_began), 1))),
            func.count(case((pressing.c.due_soon == 1, 1))),
            func.count(case((pressing.c.breached == 1, 1))),
        )
        .outerjoin(pressing, pressing.c.case_id == Case.id)
        .where(open_cases_of(facilities))
        .group_by(Case.owner_facility_id, Case.owner_officer_id)
    )


def cases_behind(
    facility_ids: list[int], officer_id: int | None, metric: Metric, now: datetime
) -> Select:
    """The open cases that make one number on the dashboard, oldest report first."""
    owner = (
        Case.owner_officer_id.is_(None)
        if officer_id is None
        else (Case.owner_officer_id == officer_id)
    )
    stmt = select(Case).where(open_cases_of(facility_ids), owner)
    if metric is Metric.HIGH_RISK:
        stmt = stmt.where(Case.risk_level == RiskLevel.HIGH)
    elif metric is Metric.NEW_THIS_WEEK:
        stmt = stmt.where(arrived_since(facility_ids, _week_began(now)))
    elif metric in (Metric.DUE_SOON, Metric.BREACHED):
        clock = due_soon_clock(now) if metric is Metric.DUE_SOON else breached_clock(now)
        stmt = stmt.where(Case.id.in_(select(Clock.case_id).where(clock)))
    return stmt.order_by(Case.reported_at, Case.id)


MAX_STANDARD = 500


def set_standard(actor: Actor, role: Role, open_cases: int | None, now: datetime) -> None:
    """The administrator's caseload standard for a role (None removes it), audited."""
    user = acting_user(actor)
    if role not in OFFICER_ROLES:
        raise ValidationFailed(_l("Choose an officer role."), {"role": _l("Choose from the list.")})
    if open_cases is not None and not 1 <= open_cases <= MAX_STANDARD:
        message = _l("Give a number of cases from 1 to %(n)d.", n=MAX_STANDARD)
        raise ValidationFailed(message, {"open_cases": message})
    standard = db.session.get(CaseloadStandard, role)
    previous = standard.open_cases if standard else None
    if open_cases is None:
        if standard is not None:
            db.session.delete(standard)
    elif standard is None:
        db.session.add(
            CaseloadStandard(
                role=role, open_cases=open_cases, updated_at=now, updated_by_id=user.id
            )
        )
    else:
        standard.open_cases, standard.updated_at, standard.updated_by_id = open_cases, now, user.id
    audit.record(
        actor,
        "caseload_standard_set",
        now,
        role=role.value,
        open_cases=open_cases,
        previous=previous,
    )
    db.session.commit()
    cache.delete_memoized(standards)
