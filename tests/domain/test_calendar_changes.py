"""A one-off day off must not already be one; a one-off working day must not already work."""

from datetime import date

import pytest

from caseflow.domain.calendar_changes import CalendarRefusal, public_holiday_name, refuse_change


@pytest.mark.parametrize(
    ("state", "day", "working", "expected"),
    [
        ("KDH", date(2026, 12, 4), False, CalendarRefusal.WEEKLY_HOLIDAY),  # Friday in Kedah
        ("SGR", date(2026, 12, 4), False, None),  # a Friday works in Selangor
        ("SGR", date(2026, 12, 6), False, CalendarRefusal.WEEKLY_HOLIDAY),  # Sunday
        ("KDH", date(2026, 12, 6), False, None),  # Sunday works in Kedah
        ("KDH", date(2026, 12, 5), False, None),  # Saturday: a weekly-holiday-only policy works it
        ("KDH", date(2026, 12, 25), False, CalendarRefusal.PUBLIC_HOLIDAY),  # Christmas Day
        ("SGR", date(2026, 12, 8), False, None),  # an ordinary Tuesday
        ("SGR", date(2026, 12, 8), True, CalendarRefusal.ALREADY_WORKING),
        ("SGR", date(2026, 12, 5), True, None),  # Saturday: a replacement working day
        ("KDH", date(2026, 12, 4), True, None),
    ],
)
def test_a_change_that_changes_nothing_is_refused(state, day, working, expected):
    assert refuse_change(state, day, working) is expected


def test_a_public_holiday_is_named_in_the_interface_language():
    assert public_holiday_name("KDH", date(2026, 12, 25), "en") == "Christmas Day"
    assert public_holiday_name("KDH", date(2026, 12, 25), "ms") == "Hari Krismas"
    assert public_holiday_name("KDH", date(2026, 12, 8), "ms") is None
