"""Caseload maths: each officer's load against the standard for their role, and court ageing.

The seeds report one protector holding at least 80 cases; a supervisor needs to see that at a
glance, worst first, and what lies behind each number.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from caseflow.domain.roles import Role


class Metric(StrEnum):
    """The numbers per officer; each leads to the cases behind it."""

    OPEN = "open"
    HIGH_RISK = "high_risk"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    NEW_THIS_WEEK = "new_this_week"


@dataclass(frozen=True)
class OfficerLoad:
    officer_id: int | None  # None: the cases no officer holds yet
    name: str
    role: Role | None
    facility_id: int
    open: int = 0
    high_risk: int = 0
    due_soon: int = 0
    breached: int = 0
    new_this_week: int = 0
    standard: int | None = None

    @property
    def over_standard(self) -> bool:
        return self.standard is not None and self.open > self.standard

    @property
    def load(self) -> float | None:
        """Open cases as a share of the standard: 1.0 is a full caseload."""
        return self.open / self.standard if self.standard else None

    def count(self, metric: Metric) -> int:
        return getattr(self, metric.value)


def worst_first(loads: list[OfficerLoad]) -> list[OfficerLoad]:
    """Heaviest load against the standard first, then most breaches, then by name."""
    return sorted(
        loads,
        key=lambda o: (-(o.load if o.load is not None else 0), -o.open, -o.breached, o.name),
    )


def week_start(today: date) -> date:
    """Monday: "new this week" counts from the start of the working week."""
    return today - timedelta(days=today.weekday())


# --- Court ageing -------------------------------------------------------------------------

#: The Chief Justice's 12-month disposal target; the special courts aim at 6.
WARNING_MONTHS = 9
AGE_BUCKETS = ((0, 3), (3, 6), (6, 9), (9, 12), (12, None))


class CourtFlag(StrEnum):
    ON_TRACK = "on_track"
    PAST_NINE_MONTHS = "past_nine_months"
    PAST_TARGET = "past_target"


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (12 March to 11 April is 0, to 12 April 1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def court_flag(registered_on: date, today: date, target: int | None) -> CourtFlag:
    """`target`: the court's disposal target in months, None where none is known (then a case
    is flagged past nine months but never "past the target")."""
    return flag_after(months_between(registered_on, today), target)


def flag_after(months: int, target: int | None) -> CourtFlag:
    """The flag of a charge registered this many whole months ago (see `court_flag`)."""
    if target is not None and months >= target:
        return CourtFlag.PAST_TARGET
    if months >= WARNING_MONTHS:
        return CourtFlag.PAST_NINE_MONTHS
    return CourtFlag.ON_TRACK


def age_bucket(months: int) -> int:
    """The index in AGE_BUCKETS of a case this many months since registration."""
    for index, (low, high) in enumerate(AGE_BUCKETS):
        if months >= low and (high is None or months < high):
            return index
    raise ValueError(months)
