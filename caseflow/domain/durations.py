"""How long, in the unit a person reads at a glance.

A clock counted in hours is shown in hours while the number is small enough to picture
("overdue by 30 hours"); past two days, whole days say the same thing better than "648 hours".
"""

from dataclasses import dataclass

#: The most hours shown as hours; more read as whole days.
MOST_HOURS_SHOWN = 48
HOURS_PER_DAY = 24


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: str  # "hours", "days", "working_days" or "months"


def readable(amount: int, unit: str) -> Duration:
    """The same length in the unit to show it in: hours past 48 become whole days, rounded
    down (71 hours overdue is "2 days", never more than has passed)."""
    if unit == "hours" and amount > MOST_HOURS_SHOWN:
        return Duration(amount // HOURS_PER_DAY, "days")
    return Duration(amount, unit)
