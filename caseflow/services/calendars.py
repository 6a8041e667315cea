"""One-off changes to a state's calendar, and the running clocks they move.

The `holidays` package misses short-notice state holidays ("cuti peristiwa", e.g. Terengganu
on 30 March 2025) and one-off working days. An administrator adds them here; every running
clock counted on that state's calendar is recomputed in the same transaction, and audited.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from caseflow.domain.clocks import ClockStatus, local_date
from caseflow.domain.policies import WeeklyHolidays
from caseflow.extensions import db
from caseflow.models import CalendarException, Clock, State
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.clocks import calendar_for, set_deadline, target_of
from caseflow.services.errors import ValidationFailed


def add_exception(
    actor: Actor, state_code: str, day: date, working: bool, reason: str, now: datetime
) -> int:
    """Record the change and recompute the clocks it can move; returns how many moved."""
    errors = {}
    if db.session.get(State, state_code) is None:
        errors["state_code"] = _l("Choose a state.")
    if not reason.strip():
        errors["reason"] = _l("Say why: the audit keeps it.")
    taken = db.session.scalar(
        select(CalendarException.id).where(
            CalendarException.state_code == state_code, CalendarException.day == day
        )
    )
    if taken is not None:
        errors["day"] = _l("That day already has a change for this state.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    db.session.add(
        CalendarException(
            state_code=state_code,
            day=day,
            working=working,
            reason=reason.strip(),
            created_at=now,
            created_by_id=actor.user.id if actor.user else None,
        )
    )
    db.session.flush()
    moved = _recompute(state_code, day, now)
    audit.record(
        actor,
        "calendar_changed",
        now,
        object_type="state",
        state=state_code,
        day=day.isoformat(),
        working=working,
        reason=reason.strip(),
        clocks_recomputed=moved,
    )
    db.session.commit()
    return moved


def _recompute(state_code: str, day: date, now: datetime) -> int:
    """Only clocks still running, started by that day and not yet due before it, can move."""
    calendars = {kind: calendar_for(state_code, kind) for kind in WeeklyHolidays}
    clocks = db.session.scalars(
        select(Clock).where(
            Clock.state_code == state_code,
            Clock.met_at.is_(None),
            Clock.status != ClockStatus.CANCELLED,
        )
    )
    moved = 0
    for clock in clocks:
        if local_date(clock.started_at) > day or local_date(clock.due_at) < day:
            continue
        before = clock.due_at
        cal = calendars.get(clock.policy.weekly_holidays, calendars[WeeklyHolidays.OFFICE_WEEK])
        set_deadline(clock, target_of(clock.policy), cal)
        if clock.due_at != before:
            moved += 1
            if clock.due_at > now:
                clock.status = ClockStatus.RUNNING  # the sweep warns again if it must
    return moved


def exceptions() -> list[CalendarException]:
    stmt = select(CalendarException).order_by(CalendarException.day.desc())
    return list(db.session.scalars(stmt))
