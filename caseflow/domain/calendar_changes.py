"""Which one-off calendar changes make sense: a day off must not already be one, a working day
must not already be one.

An administrator adds a "cuti peristiwa" or a replacement working day that the `holidays`
package cannot know. A holiday on a day that is already a weekly or public holiday changes no
clock and hides a mistake (a Friday in Kedah, or the wrong year typed), so it is refused with
the reason, as is a working day on a day every calendar already works.
"""

from datetime import date
from enum import StrEnum
from functools import lru_cache

import holidays

from caseflow.domain.clocks import WorkCalendar

#: The languages the `holidays` package names Malaysia's holidays in, by interface language.
HOLIDAY_LANGUAGES = {"ms": "ms_MY", "en": "en_US"}


class CalendarRefusal(StrEnum):
    WEEKLY_HOLIDAY = "weekly_holiday"  # Sunday, or Friday in Kedah, Kelantan and Terengganu
    PUBLIC_HOLIDAY = "public_holiday"
    ALREADY_WORKING = "already_working"


def refuse_change(state: str, day: date, working: bool) -> CalendarRefusal | None:
    """Why this change would change nothing on the state's own calendar, or None.

    A holiday is refused only on a day off under every policy's calendar: the statutory
    weekly holiday or a public holiday. The other weekend day (Saturday) stays allowed, since
    a policy that counts only the weekly holiday works it. A working day is refused on a day
    that works even in the office week.
    """
    if working:
        return CalendarRefusal.ALREADY_WORKING if WorkCalendar(state).is_working_day(day) else None
    if public_holiday_name(state, day, "en") is not None:
        return CalendarRefusal.PUBLIC_HOLIDAY
    if not WorkCalendar(state, second_weekend_day_works=True).is_working_day(day):
        return CalendarRefusal.WEEKLY_HOLIDAY
    return None


def public_holiday_name(state: str, day: date, language: str) -> str | None:
    """The holiday's name in the interface language (Malay or English), if the day is one."""
    return _named_calendar(state, day.year, HOLIDAY_LANGUAGES.get(language, "en_US")).get(day)


@lru_cache(maxsize=64)
def _named_calendar(state: str, year: int, language: str) -> holidays.HolidayBase:
    return holidays.Malaysia(subdiv=state, years=year, language=language)
