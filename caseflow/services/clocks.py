"""Clocks follow events: each event may stop, pause, resume, cancel or start clocks, inside the
transaction that writes the event (registered as a timeline listener)."""

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import joinedload

from caseflow.domain.clocks import ClockStatus, Target, WorkCalendar, deadline, paused_amount
from caseflow.domain.clocks import status_at as clock_status_at
from caseflow.domain.events import EventType
from caseflow.domain.ids import parse_id
from caseflow.domain.policies import (
    DEFAULT_POLICIES,
    CalendarOf,
    Conditions,
    EventFacts,
    WeeklyHolidays,
    applies,
    court_kind,
    region_of,
    stops_clock,
)
from caseflow.extensions import cache, db
from caseflow.models import (
    CalendarException,
    Case,
    CaseEvent,
    Clock,
    ClockPolicy,
    Facility,
    Referral,
)
from caseflow.services.timeline import on_case_event

OPEN = (ClockStatus.RUNNING, ClockStatus.DUE_SOON, ClockStatus.BREACHED)


def seed_policies(now: datetime) -> int:
    """Add version 1 of every default policy an installation lacks; returns how many."""
    have = set(db.session.scalars(select(ClockPolicy.key)))
    added = 0
    for spec in DEFAULT_POLICIES:
        if spec.key in have:
            continue
        db.session.add(
            ClockPolicy(
                key=spec.key,
                version=1,
                current=True,
                name=spec.name,
                start_event=spec.start.value,
                stop_events=[str(e) for e in spec.stops],
                target_amount=spec.target.amount,
                target_unit=spec.target.unit,
                calendar_of=spec.calendar,
                conditions=_conditions_json(spec.conditions),
                due_soon_share=spec.due_soon_share,
                pausable=spec.pausable,
                per_referral=spec.per_referral,
                series=spec.series,
                source=spec.source,
                basis=spec.basis.value,
                law_words=spec.law_words,
                created_at=now,
            )
        )
        added += 1
    db.session.commit()
    return added


def _conditions_json(conditions: Conditions) -> dict:
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name in Conditions.__slots__
        if (value := getattr(conditions, name)) not in ((), None)
    }


def _conditions(policy: ClockPolicy) -> Conditions:
    raw = policy.conditions or {}
    return Conditions(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})


def target_of(policy: ClockPolicy) -> Target:
    return Target(policy.target_amount, policy.target_unit)


def calendar_for(
    state_code: str, weekly_holidays: str = WeeklyHolidays.OFFICE_WEEK
) -> WorkCalendar:
    """The state's calendar from `holidays`, with the administrator's one-off changes; a policy
    set to count only the statutory weekly holiday works the other weekend day."""
    changes = db.session.execute(
        select(CalendarException.day, CalendarException.working).where(
            CalendarException.state_code == state_code
        )
    ).all()
    return WorkCalendar(
        state_code,
        extra_holidays=frozenset(day for day, working in changes if not working),
        extra_working_days=frozenset(day for day, working in changes if working),
        second_weekend_day_works=weekly_holidays == WeeklyHolidays.SUNDAY_OR_FRIDAY,
    )


def policy_calendar(clock: Clock) -> WorkCalendar:
    return calendar_for(clock.state_code, clock.policy.weekly_holidays)


@cache.memoize()
def shown_calendar(state_code: str, weekly_holidays: str) -> WorkCalendar:
    """The calendar a page counts the days left with ("due in 2 working days"), kept in the
    cache until an administrator's change forgets it (services.calendars). Deadlines are set
    with `calendar_for`, read afresh."""
    return calendar_for(state_code, weekly_holidays)


@on_case_event
def follow_event(case: Case, event: CaseEvent) -> None:
    kind = event.type
    clocks = list(
        db.session.scalars(select(Clock).where(Clock.case_id == case.id, Clock.status.in_(OPEN)))
    )
    acting = _acting_facility_type(event)
    _follow_owner(clocks, case)
    _stop(clocks, event, acting)
    if kind is EventType.CLOCK_PAUSED:
        _pause(clocks, event.at)
    elif kind is EventType.CLOCK_RESUMED:
        _resume(clocks, event.at)
    elif kind is EventType.CASE_CLOSED:
        for clock in clocks:
            if clock.met_at is None:
                clock.status = ClockStatus.CANCELLED
    # A clock its own event meets (a protector registering a clinic's report) is met at once.
    _stop(_start(case, event), event, acting)


#: A referral's answer is the receiver's act, whoever of its staff or supervisors gave it.
ANSWERS = (EventType.REFERRAL_ACKNOWLEDGED, EventType.REFERRAL_ACCEPTED)


def _acting_facility_type(event: CaseEvent) -> str | None:
    """The kind of facility that acted, for stop events qualified by it (policies.done_by)."""
    if event.type in ANSWERS and event.referral_id is not None:
        return db.session.get(Referral, event.referral_id).to_facility.type.value
    facility = db.session.get(Facility, event.facility_id)
    return facility.type.value if facility else None


def _stop(clocks: list[Clock], event: CaseEvent, acting: str | None) -> None:
    matching = [
        c
        for c in clocks
        if c.met_at is None
        and stops_clock(c.policy.stop_events, event.type.value, acting)
        and (not c.policy.per_referral or c.referral_id == event.referral_id)
    ]
    seen_series: set[str] = set()
    for clock in sorted(matching, key=lambda c: c.due_at):
        if clock.policy.series:
            if clock.policy.series in seen_series:
                continue  # one follow-up meets one clock of the series, the earliest due
            seen_series.add(clock.policy.series)
        clock.met_at = event.at
        clock.met_by_event_id = event.id
        clock.paused_at = None
        clock.status = ClockStatus.MET if event.at <= clock.due_at else ClockStatus.MET_LATE


def _follow_owner(clocks: list[Clock], case: Case) -> None:
    """The live clocks name who holds the case now (an acceptance or an assignment moves it):
    the dashboard and the navigation count them by owner without reading every case. An
    unchanged owner writes nothing: the ORM updates only what differs."""
    for clock in clocks:
        clock.owner_facility_id = case.owner_facility_id
        clock.owner_officer_id = case.owner_officer_id


def _naming_another_holder(facility, officer) -> ColumnElement[bool]:
    """A live clock whose copied owner is not (facility, officer)."""
    return and_(
        Clock.status.in_(OPEN),
        or_(
            Clock.owner_facility_id.is_distinct_from(facility),
            Clock.owner_officer_id.is_distinct_from(officer),
        ),
    )


def rebuild_owners() -> int:
    """Make every live clock name its case's owner again; how many were changed. For a
    database changed outside the services (a restore, a hand-made fix):
    `flask clocks rebuild-owners`."""
    facility = select(Case.owner_facility_id).where(Case.id == Clock.case_id).scalar_subquery()
    officer = select(Case.owner_officer_id).where(Case.id == Clock.case_id).scalar_subquery()
    changed = db.session.execute(
        update(Clock)
        .where(_naming_another_holder(facility, officer))
        .values(owner_facility_id=facility, owner_officer_id=officer)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return changed


def owners_out_of_step() -> int:
    """Live clocks whose copied owner differs from their case's (zero when all is well)."""
    stmt = (
        select(func.count())
        .select_from(Clock)
        .join(Case, Case.id == Clock.case_id)
        .where(_naming_another_holder(Case.owner_facility_id, Case.owner_officer_id))
    )
    return db.session.scalar(stmt) or 0


def _pause(clocks: list[Clock], at: datetime) -> None:
    for clock in clocks:
        if clock.policy.pausable and clock.met_at is None and clock.paused_at is None:
            clock.paused_at = at


def _resume(clocks: list[Clock], at: datetime) -> None:
    """Add the pause, counted in the target's calendar, and recompute the stored deadline."""
    for clock in clocks:
        if clock.paused_at is None or clock.met_at is not None:
            continue
        target, cal = target_of(clock.policy), policy_calendar(clock)
        clock.paused_amount += paused_amount(target, [(clock.paused_at, at)], cal)
        clock.paused_at = None
        set_deadline(clock, target, cal)
        clock.status = ClockStatus.RUNNING


def set_deadline(clock: Clock, target: Target, cal: WorkCalendar) -> None:
    clock.due_at = deadline(clock.started_at, target, cal, clock.paused_amount)
    share = clock.policy.due_soon_share
    clock.due_soon_at = clock.due_at - (clock.due_at - clock.started_at) * share


def _start(case: Case, event: CaseEvent) -> list[Clock]:
    """Start the clocks this event starts; returns them."""
    # In one order on every database (PostgreSQL returns rows in any order), so two clocks
    # that fall due at the same moment are listed, and picked as "next", alike everywhere.
    policies = db.session.scalars(
        select(ClockPolicy)
        .where(ClockPolicy.start_event == event.type.value, ClockPolicy.current.is_(True))
        .order_by(ClockPolicy.key)
    ).all()
    if not policies:
        return []
    referral = db.session.get(Referral, event.referral_id) if event.referral_id else None
    court = _court_of(event)
    facts = EventFacts(
        source_type=case.source_type.value,
        risk_level=case.risk_level.value,
        abuse_forms=frozenset(c.form.value for c in case.concerns),
        urgency=referral.urgency.value if referral else None,
        receiver_type=referral.to_facility.type.value if referral else None,
        special_court=court.special if court else None,
        court_code=court.code if court else None,
        court_kind=court_kind(court.name, court.special) if court else None,
        region=region_of(court.state_code) if court else None,
        order=(event.data or {}).get("order"),
        in_custody=_in_custody(case, event),
    )
    started = []
    for policy in policies:
        if not applies(_conditions(policy), facts):
            continue
        facility = _working_facility(policy.calendar_of, case, referral, court)
        clock = Clock(
            case_id=case.id,
            policy=policy,
            referral_id=referral.id if referral else None,
            state_code=facility.state_code,
            facility_id=facility.id,
            owner_facility_id=case.owner_facility_id,
            owner_officer_id=case.owner_officer_id,
            started_at=event.at,
            status=ClockStatus.RUNNING,
            paused_amount=0,
        )
        set_deadline(
            clock, target_of(policy), calendar_for(facility.state_code, policy.weekly_holidays)
        )
        db.session.add(clock)
        started.append(clock)
    return started


CUSTODY_EVENTS = (EventType.CHILD_TAKEN_INTO_CUSTODY.value, EventType.PROTECTOR_TOOK_CHILD.value)


def _in_custody(case: Case, event: CaseEvent) -> bool:
    """Child Act s.25 applies to a child in temporary custody: asked only on a medical step."""
    if event.type is not EventType.MEDICAL_ASSESSMENT:
        return False
    stmt = select(CaseEvent.id).where(
        CaseEvent.case_id == case.id, CaseEvent.type.in_(CUSTODY_EVENTS), CaseEvent.at <= event.at
    )
    return db.session.scalar(stmt.limit(1)) is not None


def _court_of(event: CaseEvent) -> Facility | None:
    court_id = parse_id(event.data.get("court_id")) if event.data else None
    return db.session.get(Facility, court_id) if court_id else None


def _working_facility(
    calendar_of: CalendarOf, case: Case, referral: Referral | None, court: Facility | None
) -> Facility:
    """The facility that must act, whose state's calendar counts the clock."""
    if calendar_of is CalendarOf.RECEIVER and referral is not None:
        return referral.to_facility
    if calendar_of is CalendarOf.COURT and court is not None:
        return court
    if calendar_of is CalendarOf.SOURCE and case.source_facility is not None:
        return case.source_facility
    return case.owner_facility


def clocks_of(case: Case) -> list[Clock]:
    stmt = (
        select(Clock)
        .where(Clock.case_id == case.id)
        .order_by(Clock.due_at, Clock.id)
        .options(joinedload(Clock.policy))  # the page shows each clock's policy: one statement
    )
    return list(db.session.scalars(stmt))


def status_now(clock: Clock, now: datetime) -> ClockStatus:
    """The status at this instant, whether or not the sweep has caught up; paused clocks wait."""
    if clock.status is ClockStatus.CANCELLED or clock.met_at is not None:
        return clock.status
    if clock.paused_at is not None:
        return ClockStatus.RUNNING
    share = clock.policy.due_soon_share
    return clock_status_at(now, clock.started_at, clock.due_at, share)
