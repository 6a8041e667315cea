"""Deadlines and clock status, counted the way Malaysian law counts time.

The rule (Interpretation Acts 1948 and 1967, s.54 "computation of time"; docs/clocks.md),
on the calendar of the state where the clock's work is done:

1. A period of days runs from the day *after* the event.
2. A period of 6 days or less skips weekly holidays and public holidays: it counts working days.
3. A longer period counts calendar days (or months); if its last day is a weekly or public
   holiday, it ends on the next day that is not.
4. A day-based deadline falls at the end of its last day, 23:59:59 Malaysia time.
5. A period in hours is wall-clock time: every hour counts.

Weekly holidays differ by state (Friday-Saturday in Kedah, Kelantan and Terengganu, and in
Johor from 2014 to 2024); the `holidays` package knows them and the state holidays, and
`is_working_day` follows each state's weekend. An administrator's one-off holidays and
working days (e.g. a "cuti peristiwa") are passed in as `extra_holidays` / `extra_working_days`.

Nothing here reads a clock: `now` is always an argument.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MALAYSIA = ZoneInfo("Asia/Kuala_Lumpur")
END_OF_DAY = time(23, 59, 59)
SATURDAY = 5
SHORT_PERIOD_DAYS = 6  # Interpretation Acts: "6 days or less" skips holidays


class Unit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"


class ClockStatus(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met_late"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Target:
    amount: int
    unit: Unit


@lru_cache(maxsize=512)
def _state_calendar(state: str, year: int) -> holidays.HolidayBase:
    return holidays.Malaysia(subdiv=state, years=year)


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """One state's working days, with the administrator's one-off changes."""

    state: str
    extra_holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    #: Count only the statutory weekly holiday (Sunday, or Friday in the Friday states): the
    #: Saturday of either weekend works unless it is a public holiday. See `WeeklyHolidays`.
    second_weekend_day_works: bool = False

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_holidays:
            return False
        state_calendar = _state_calendar(self.state, day.year)
        if self.second_weekend_day_works and day.weekday() == SATURDAY:
            return day not in state_calendar
        return state_calendar.is_working_day(day)

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        while count > 0:
            day += timedelta(days=1)
            count -= self.is_working_day(day)
        return day


def local_date(moment: datetime) -> date:
    return moment.astimezone(MALAYSIA).date()


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, MALAYSIA).astimezone(UTC)


def calendar_months(since: datetime, until: datetime) -> list[tuple[str, datetime]]:
    """The Malaysian calendar months the interval [since, until) touches, each as 'YYYY-MM'
    with the instant it begins there (the first one begins at `since`): the boundaries a
    count by month is cut at."""
    first, last = local_date(since), local_date(until - timedelta(microseconds=1))
    months = [(f"{first:%Y-%m}", since)]
    month = first.replace(day=1)
    while (month := add_months(month, 1)) <= last:
        begins = datetime.combine(month, time(), MALAYSIA).astimezone(UTC)
        months.append((f"{month:%Y-%m}", begins))
    return months


def add_months(day: date, months: int) -> date:
    """31 January plus one month is the last day of February, not 3 March."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline(start: datetime, target: Target, cal: WorkCalendar, paused: int = 0) -> datetime:
    """When a clock started at `start` is due; `paused` extends it, counted in the target's unit
    (hours for an hour clock, days on the same rule for a day clock, days for a month clock)."""
    if target.unit is Unit.HOURS:
        return start + timedelta(hours=target.amount + paused)
    day = local_date(start)
    if target.unit is Unit.MONTHS:
        last = add_months(day, target.amount) + timedelta(days=paused)
        return end_of_day(cal.next_working_day(last))
    days = target.amount + paused
    if target.amount <= SHORT_PERIOD_DAYS:
        return end_of_day(cal.add_working_days(day, days))
    return end_of_day(cal.next_working_day(day + timedelta(days=days)))


def paused_amount(
    target: Target, pauses: list[tuple[datetime, datetime]], cal: WorkCalendar
) -> int:
    """How much the pauses extend a clock, in the same calendar as the target."""
    total = 0
    for paused_at, resumed_at in pauses:
        if target.unit is Unit.HOURS:
            total += int((resumed_at - paused_at).total_seconds() // 3600)
            continue
        first, last = local_date(paused_at), local_date(resumed_at)
        if target.unit is Unit.DAYS and target.amount <= SHORT_PERIOD_DAYS:
            total += sum(
                cal.is_working_day(first + timedelta(days=n)) for n in range((last - first).days)
            )
        else:
            total += (last - first).days
    return total


def status_at(
    now: datetime,
    start: datetime,
    due: datetime,
    due_soon_share: float = 0.25,
    met_at: datetime | None = None,
    cancelled: bool = False,
) -> ClockStatus:
    """A clock warns in the last `due_soon_share` of its time, and breaches after `due`."""
    if cancelled:
        return ClockStatus.CANCELLED
    if met_at is not None:
        return ClockStatus.MET if met_at <= due else ClockStatus.MET_LATE
    if now > due:
        return ClockStatus.BREACHED
    if now >= due - (due - start) * due_soon_share:
        return ClockStatus.DUE_SOON
    return ClockStatus.RUNNING


@dataclass(frozen=True, slots=True)
class TimeLeft:
    """How long until (or since) a deadline, in the unit the clock counts in."""

    amount: int
    unit: str  # "hours", "working_days" or "days"
    overdue: bool


def time_left(now: datetime, due: datetime, target: Target, cal: WorkCalendar) -> TimeLeft:
    if target.unit is Unit.HOURS:
        seconds = (due - now).total_seconds()
        return TimeLeft(int(abs(seconds) // 3600), "hours", seconds < 0)  # whole hours
    today, last = local_date(now), local_date(due)
    if now > due:
        return TimeLeft((today - last).days, "days", True)
    if target.unit is Unit.DAYS and target.amount <= SHORT_PERIOD_DAYS:
        days = (last - today).days
        working = sum(cal.is_working_day(today + timedelta(days=n)) for n in range(1, days + 1))
        return TimeLeft(working, "working_days", False)
    return TimeLeft((last - today).days, "days", False)
