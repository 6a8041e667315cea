"""The clock engine against the Interpretation Acts' rule and each state's calendar."""

from datetime import UTC, date, datetime, timedelta

import pytest

from caseflow.domain.clocks import (
    MALAYSIA,
    ClockStatus,
    Target,
    TimeLeft,
    Unit,
    WorkCalendar,
    add_months,
    calendar_months,
    deadline,
    local_date,
    paused_amount,
    status_at,
    time_left,
)

CONCERN = datetime(2026, 3, 19, 10, 0, tzinfo=MALAYSIA)  # Thursday, before Hari Raya


def due_day(state: str, amount: int, unit: Unit = Unit.DAYS, start: datetime = CONCERN) -> date:
    return local_date(deadline(start, Target(amount, unit), WorkCalendar(state)))


@pytest.mark.parametrize(("days", "expected"), [(1, 23), (3, 25), (7, 26)])
def test_spec_example_school_in_kedah_1_3_7(days, expected):
    assert due_day("KDH", days) == date(2026, 3, expected)


def test_the_same_dates_in_selangor_skip_its_observed_raya_monday():
    assert [due_day("SGR", n) for n in (1, 3, 7)] == [
        date(2026, 3, 24),
        date(2026, 3, 26),
        date(2026, 3, 26),
    ]


def test_a_day_deadline_falls_at_the_end_of_its_last_day_malaysia_time():
    due = deadline(CONCERN, Target(1, Unit.DAYS), WorkCalendar("KDH"))
    local = due.astimezone(MALAYSIA)
    assert local.time().isoformat() == "23:59:59" and local.utcoffset() == timedelta(hours=8)
    assert due.tzinfo is not None and due.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("year", "friday_works"), [(2024, False), (2025, True)])
def test_johor_rested_on_friday_until_2024(year, friday_works):
    thursday = {
        2024: datetime(2024, 3, 7, 9, tzinfo=MALAYSIA),
        2025: datetime(2025, 3, 6, 9, tzinfo=MALAYSIA),
    }
    friday = local_date(thursday[year]) + timedelta(days=1)
    assert WorkCalendar("JHR").is_working_day(friday) is friday_works
    expected = friday if friday_works else friday + timedelta(days=2)  # Sunday in 2024
    assert due_day("JHR", 1, start=thursday[year]) == expected


def test_a_holiday_of_one_state_only():
    # Sultan of Kedah's birthday is a Kedah holiday, not a Selangor one: find it from the package.
    import holidays

    kedah = holidays.Malaysia(subdiv="KDH", years=2026)
    selangor = holidays.Malaysia(subdiv="SGR", years=2026)
    only_kedah = next(
        d for d in sorted(kedah) if d not in selangor and WorkCalendar("SGR").is_working_day(d)
    )
    assert not WorkCalendar("KDH").is_working_day(only_kedah)
    assert WorkCalendar("SGR").is_working_day(only_kedah)


def test_a_long_period_ending_on_a_weekend_moves_to_the_next_working_day():
    start = datetime(2026, 6, 2, 9, tzinfo=MALAYSIA)  # Tuesday; +11 days = Saturday 13 June
    assert due_day("SGR", 11, start=start) == date(2026, 6, 15)
    assert due_day("KDH", 10, start=start) == date(2026, 6, 14)  # Friday 12 -> Sunday 14 in Kedah


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
    ],
)
def test_months_ending_on_the_31st_end_on_the_last_day_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_calendar_months_are_cut_at_malaysian_midnight_not_utc():
    since = datetime(2026, 9, 3, tzinfo=MALAYSIA).astimezone(UTC)
    until = datetime(2026, 12, 3, tzinfo=MALAYSIA).astimezone(UTC)  # the end of 2 December
    months = calendar_months(since, until)
    assert [label for label, _ in months] == ["2026-09", "2026-10", "2026-11", "2026-12"]
    assert months[0][1] == since
    # 1 October begins at 16:00 UTC on 30 September in Kuala Lumpur.
    assert months[1][1] == datetime(2026, 9, 30, 16, tzinfo=UTC)


def test_a_period_ending_at_a_months_first_midnight_does_not_touch_that_month():
    since = datetime(2026, 11, 5, tzinfo=MALAYSIA).astimezone(UTC)
    until = datetime(2026, 12, 1, tzinfo=MALAYSIA).astimezone(UTC)  # the end of 30 November
    assert [label for label, _ in calendar_months(since, until)] == ["2026-11"]


def test_a_twelve_month_court_clock_ending_on_a_holiday_moves_on():
    registered = datetime(2025, 5, 1, 9, tzinfo=MALAYSIA)  # +12 months = 1 May 2026, Labour Day
    assert due_day("SWK", 12, Unit.MONTHS, start=registered) == date(2026, 5, 4)


def test_hours_are_wall_clock_across_holidays():
    due = deadline(CONCERN, Target(24, Unit.HOURS), WorkCalendar("KDH"))
    assert due == CONCERN.astimezone(UTC) + timedelta(hours=24)


# The "6 days or less" boundary, on Selangor's Hari Raya week of 2026: Friday 20 March is a
# holiday, then the weekend, then Monday 23 (the second day's observed holiday).
RAYA_EVE = datetime(2026, 3, 18, 15, tzinfo=MALAYSIA)  # Wednesday
FRIDAY_BEFORE = datetime(2026, 3, 13, 15, tzinfo=MALAYSIA)  # a week before the holiday


def test_six_day_target_counts_working_days_past_the_raya_holidays():
    # Thu 19, Tue 24, Wed 25, Thu 26, Fri 27, Mon 30: six working days.
    assert due_day("SGR", 6, start=RAYA_EVE) == date(2026, 3, 30)


def test_seven_day_target_counts_calendar_days_through_the_raya_holidays():
    assert due_day("SGR", 7, start=RAYA_EVE) == date(2026, 3, 25)


def test_seven_day_target_rolls_past_a_holiday():
    # Friday 13 + 7 = Friday 20, a holiday, then Sat, Sun and Monday's observed holiday.
    assert due_day("SGR", 7, start=FRIDAY_BEFORE) == date(2026, 3, 24)


def test_a_six_day_target_over_a_holiday_can_end_after_a_seven_day_one():
    # Mon 16 .. Thu 19, Tue 24, Wed 25: the shorter period ends a day after the longer one.
    assert due_day("SGR", 6, start=FRIDAY_BEFORE) == date(2026, 3, 25)
    assert due_day("SGR", 6, start=FRIDAY_BEFORE) > due_day("SGR", 7, start=FRIDAY_BEFORE)


@pytest.mark.parametrize(("amount", "paused_days"), [(6, 1), (7, 5)])
def test_a_pause_over_the_holidays_counts_working_days_only_up_to_six(amount, paused_days):
    # Paused Thursday 19, resumed Tuesday 24: one working day, five calendar days.
    pause = [(datetime(2026, 3, 19, 9, tzinfo=MALAYSIA), datetime(2026, 3, 24, 9, tzinfo=MALAYSIA))]
    cal = WorkCalendar("SGR")
    assert paused_amount(Target(amount, Unit.DAYS), pause, cal) == paused_days


@pytest.mark.parametrize(
    ("amount", "expected"), [(6, (5, "working_days", False)), (7, (6, "days", False))]
)
def test_time_left_over_the_holidays_is_in_working_days_only_up_to_six(amount, expected):
    cal = WorkCalendar("SGR")
    target = Target(amount, Unit.DAYS)
    due = deadline(RAYA_EVE, target, cal)
    left = time_left(datetime(2026, 3, 19, 9, tzinfo=MALAYSIA), due, target, cal)
    assert (left.amount, left.unit, left.overdue) == expected


def test_administrator_one_off_holiday_and_working_day():
    monday = date(2026, 3, 23)
    cal = WorkCalendar("KDH", extra_holidays=frozenset({monday}))
    assert local_date(deadline(CONCERN, Target(1, Unit.DAYS), cal)) == date(2026, 3, 24)
    saturday = date(2026, 3, 28)
    worked = WorkCalendar("SGR", extra_working_days=frozenset({saturday}))
    assert worked.is_working_day(saturday)


def test_pauses_count_in_the_targets_calendar():
    cal = WorkCalendar("KDH")
    pause = [
        (datetime(2026, 3, 19, 12, tzinfo=MALAYSIA), datetime(2026, 3, 24, 9, tzinfo=MALAYSIA))
    ]
    assert paused_amount(Target(3, Unit.DAYS), pause, cal) == 2  # Thu 19 and Mon 23 (Fri-Sun off)
    assert paused_amount(Target(3, Unit.MONTHS), pause, cal) == 5
    assert paused_amount(Target(24, Unit.HOURS), pause, cal) == 117


@pytest.mark.parametrize(
    ("now_hours", "met_hours", "cancelled", "status"),
    [
        (10, None, False, ClockStatus.RUNNING),
        (19, None, False, ClockStatus.DUE_SOON),
        (25, None, False, ClockStatus.BREACHED),
        (12, 20, False, ClockStatus.MET),
        (30, 26, False, ClockStatus.MET_LATE),
        (30, None, True, ClockStatus.CANCELLED),
    ],
)
def test_status_at_an_instant(now_hours, met_hours, cancelled, status):
    start = datetime(2026, 3, 19, 0, tzinfo=UTC)
    due = start + timedelta(hours=24)
    met = start + timedelta(hours=met_hours) if met_hours is not None else None
    assert status_at(start + timedelta(hours=now_hours), start, due, 0.25, met, cancelled) is status


@pytest.mark.parametrize(
    ("now", "target", "expected"),
    [
        (
            datetime(2026, 3, 24, 9, tzinfo=MALAYSIA),
            Target(3, Unit.DAYS),
            (1, "working_days", False),
        ),
        (
            datetime(2026, 3, 20, 9, tzinfo=MALAYSIA),
            Target(3, Unit.DAYS),
            (3, "working_days", False),
        ),
        (datetime(2026, 3, 27, 9, tzinfo=MALAYSIA), Target(3, Unit.DAYS), (2, "days", True)),
        (datetime(2026, 3, 19, 12, tzinfo=MALAYSIA), Target(24, Unit.HOURS), (22, "hours", False)),
    ],
)
def test_time_left_in_the_unit_the_clock_counts(now, target, expected):
    due = deadline(CONCERN, target, WorkCalendar("KDH"))
    left = time_left(now, due, target, WorkCalendar("KDH"))
    assert (left.amount, left.unit, left.overdue) == expected


def test_counting_only_the_weekly_holiday_works_the_saturday_but_not_a_public_holiday():
    from datetime import date as day

    from caseflow.domain.clocks import WorkCalendar

    office, statutory = WorkCalendar("SGR"), WorkCalendar("SGR", second_weekend_day_works=True)
    saturday, sunday = day(2026, 3, 14), day(2026, 3, 15)
    assert not office.is_working_day(saturday) and statutory.is_working_day(saturday)
    assert not statutory.is_working_day(sunday)
    kedah = WorkCalendar("KDH", second_weekend_day_works=True)  # Friday-Saturday weekend
    assert kedah.is_working_day(saturday) and not kedah.is_working_day(day(2026, 3, 13))
    assert not statutory.is_working_day(day(2026, 8, 31))  # Merdeka Day: a public holiday


def test_months_roll_into_the_next_year():
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_the_malaysian_date_of_a_late_utc_evening_is_the_next_day():
    assert local_date(datetime(2026, 3, 19, 20, 0, tzinfo=UTC)) == date(2026, 3, 20)


def test_deadlines_are_kept_in_utc():
    due = deadline(CONCERN, Target(3, Unit.DAYS), WorkCalendar("KDH"))
    assert due.tzinfo is UTC
    assert due == datetime(2026, 3, 25, 15, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("target", "paused", "due"),
    [
        (Target(24, Unit.HOURS), 5, datetime(2026, 3, 20, 15, 0, tzinfo=MALAYSIA)),
        (Target(3, Unit.DAYS), 2, datetime(2026, 3, 29, 23, 59, 59, tzinfo=MALAYSIA)),
        (Target(10, Unit.DAYS), 2, datetime(2026, 3, 31, 23, 59, 59, tzinfo=MALAYSIA)),
        (Target(1, Unit.MONTHS), 3, datetime(2026, 4, 22, 23, 59, 59, tzinfo=MALAYSIA)),
    ],
)
def test_a_paused_clock_is_due_later_by_the_paused_amount(target, paused, due):
    # Kedah from Thursday 19 March: 3 working days + 2 skip the Fri-Sat weekend and Raya.
    assert deadline(CONCERN, target, WorkCalendar("KDH"), paused) == due


def test_every_pause_counts_not_only_the_first_or_the_last():
    cal = WorkCalendar("SGR")
    hours = [
        (datetime(2026, 6, 1, 8, tzinfo=UTC), datetime(2026, 6, 1, 10, 30, tzinfo=UTC)),
        (datetime(2026, 6, 2, 8, tzinfo=UTC), datetime(2026, 6, 2, 11, tzinfo=UTC)),
    ]
    assert paused_amount(Target(24, Unit.HOURS), hours, cal) == 5  # 2 whole hours, then 3
    days = [
        (datetime(2026, 3, 9, 9, tzinfo=MALAYSIA), datetime(2026, 3, 11, 9, tzinfo=MALAYSIA)),
        (datetime(2026, 3, 16, 9, tzinfo=MALAYSIA), datetime(2026, 3, 17, 9, tzinfo=MALAYSIA)),
    ]
    assert paused_amount(Target(3, Unit.DAYS), days, cal) == 3
    assert paused_amount(Target(10, Unit.DAYS), days, cal) == 3
    assert paused_amount(Target(2, Unit.MONTHS), days, cal) == 3


def test_status_at_the_exact_edges():
    start = datetime(2026, 3, 19, 0, tzinfo=UTC)
    due = start + timedelta(hours=24)
    warn_from = due - timedelta(hours=6)  # the default last quarter
    assert status_at(due, start, due) is ClockStatus.DUE_SOON  # due, not yet breached
    assert status_at(warn_from, start, due) is ClockStatus.DUE_SOON
    assert status_at(warn_from - timedelta(seconds=1), start, due) is ClockStatus.RUNNING
    assert status_at(due + timedelta(seconds=1), start, due) is ClockStatus.BREACHED
    assert status_at(due, start, due, met_at=due) is ClockStatus.MET  # met on the last second


def test_time_left_at_the_deadline_itself_is_not_overdue():
    cal = WorkCalendar("KDH")
    hours = Target(24, Unit.HOURS)
    due = deadline(CONCERN, hours, cal)
    just_before = time_left(due - timedelta(milliseconds=500), due, hours, cal)
    assert (just_before.amount, just_before.overdue) == (0, False)
    assert time_left(due, due, hours, cal) == TimeLeft(0, "hours", False)
    assert time_left(due + timedelta(hours=2), due, hours, cal) == TimeLeft(2, "hours", True)
    days = Target(3, Unit.DAYS)
    day_due = deadline(CONCERN, days, cal)
    assert time_left(day_due, day_due, days, cal) == TimeLeft(0, "working_days", False)
