"""One-off changes to a state's calendar, and the running clocks they move.

The `holidays` package misses short-notice state holidays ("cuti peristiwa", e.g. Terengganu
on 30 March 2025) and one-off working days. An administrator adds them here; every running
clock counted on that state's calendar is recomputed in the same transaction, and audited.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, get_locale
from sqlalchemy import select

from caseflow.domain.calendar_changes import CalendarRefusal, public_holiday_name, refuse_change
from caseflow.domain.clocks import ClockStatus, local_date
from caseflow.domain.policies import WeeklyHolidays
from caseflow.extensions import cache, db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import CalendarException, Clock, State
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.clocks import calendar_for, set_deadline, shown_calendar, target_of
from caseflow.services.errors import ValidationFailed

REFUSALS = {
    CalendarRefusal.WEEKLY_HOLIDAY: _l(
        "%(day)s is already the weekly holiday in %(state)s: a holiday there changes no clock."
    ),
    CalendarRefusal.PUBLIC_HOLIDAY: _l(
        "%(day)s is already a public holiday in %(state)s (%(name)s): a holiday there changes no "
        "clock."
    ),
    CalendarRefusal.ALREADY_WORKING: _l("%(day)s is already a working day in %(state)s."),
}


@dataclass(frozen=True, slots=True)
class CalendarChange:
    """What an administrator asks for: a day off (or a working day) in one state, and why."""

    state_code: str
    day: date
    working: bool
    reason: str


def add_exception(actor: Actor, wanted: CalendarChange, now: datetime) -> int:
    """Record the change and recompute the clocks it can move; returns how many moved."""
    wanted = CalendarChange(wanted.state_code, wanted.day, wanted.working, wanted.reason.strip())
    _check(wanted)
    db.session.add(
        CalendarException(
            state_code=wanted.state_code,
            day=wanted.day,
            working=wanted.working,
            reason=wanted.reason,
            created_at=now,
            created_by_id=actor.user.id if actor.user else None,
        )
    )
    db.session.flush()
    moved = _recompute(wanted.state_code, wanted.day, now)
    _audit(actor, "calendar_changed", now, wanted, moved)
    db.session.commit()
    cache.delete_memoized(shown_calendar)
    return moved


def _audit(actor: Actor, action: str, now: datetime, wanted: CalendarChange, moved: int, **extra):
    """A calendar change's audit record: the day as changed and how many clocks it moved."""
    audit.record(
        actor,
        action,
        now,
        object_type="state",
        state=wanted.state_code,
        day=wanted.day.isoformat(),
        working=wanted.working,
        reason=wanted.reason,
        clocks_recomputed=moved,
        **extra,
    )


def edit_exception(
    actor: Actor, change: CalendarException, wanted: CalendarChange, now: datetime
) -> int:
    """Correct a change (a wrong day, state or kind): clocks on the old and the new day move."""
    wanted = CalendarChange(wanted.state_code, wanted.day, wanted.working, wanted.reason.strip())
    _check(wanted, change.id)
    before = {"state": change.state_code, "day": change.day.isoformat(), "working": change.working}
    old_state, old_day = change.state_code, change.day
    change.state_code, change.day = wanted.state_code, wanted.day
    change.working, change.reason = wanted.working, wanted.reason
    db.session.flush()
    moved = _recompute(old_state, old_day, now)
    moved += _recompute(wanted.state_code, wanted.day, now)
    _audit(actor, "calendar_change_edited", now, wanted, moved, before=before)
    db.session.commit()
    cache.delete_memoized(shown_calendar)
    return moved


def remove_exception(actor: Actor, change: CalendarException, now: datetime) -> int:
    """Undo a change: the day is again what the `holidays` package says it is."""
    state_code, day, working = change.state_code, change.day, change.working
    db.session.delete(change)
    db.session.flush()
    moved = _recompute(state_code, day, now)
    audit.record(
        actor,
        "calendar_change_removed",
        now,
        object_type="state",
        state=state_code,
        day=day.isoformat(),
        working=working,
        clocks_recomputed=moved,
    )
    db.session.commit()
    cache.delete_memoized(shown_calendar)
    return moved


def _check(wanted: CalendarChange, change_id: int | None = None) -> None:
    """Every reason to refuse at once; nothing is written when there is one."""
    errors = {}
    state = db.session.get(State, wanted.state_code)
    if state is None:
        errors["state_code"] = _l("Choose a state.")
    if not wanted.reason:
        errors["reason"] = _l("Say why: the audit keeps it.")
    taken = db.session.scalar(
        select(CalendarException.id).where(
            CalendarException.state_code == wanted.state_code,
            CalendarException.day == wanted.day,
            CalendarException.id != (change_id or 0),
        )
    )
    if taken is not None:
        errors["day"] = _l("That day already has a change for this state.")
    elif state is not None:
        refusal = refuse_change(state.code, wanted.day, wanted.working)
        if refusal is not None:
            errors["day"] = _refusal_message(refusal, state, wanted.day)
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)


def _refusal_message(refusal: CalendarRefusal, state: State, day: date) -> str:
    locale = get_locale()
    language = locale.language if locale else "en"
    return REFUSALS[refusal] % {
        "day": format_date(day, "full"),
        "state": state.name,
        "name": public_holiday_name(state.code, day, language) or "",
    }


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


def exceptions() -> list[tuple[State, list[CalendarException]]]:
    """The changes per state (states by name), the latest day first in each."""
    stmt = (
        select(State, CalendarException)
        .join(CalendarException, CalendarException.state_code == State.code)
        .order_by(State.name, CalendarException.day.desc(), CalendarException.id)
    )
    by_state: dict[str, tuple[State, list[CalendarException]]] = {}
    for state, change in db.session.execute(stmt):
        by_state.setdefault(state.code, (state, []))[1].append(change)
    return list(by_state.values())
