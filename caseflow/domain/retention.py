"""How long Caseflow keeps what, as data: the retention schedule and the dates it gives.

Closed cases are anonymised 7 years after closure or when the child would be 25, whichever is
later (a survivor may come back as a young adult); sign-in attempts go after a year; expired
API tokens 30 days after expiry; audit records after 10 years. Everything takes `now`.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class Rule(StrEnum):
    ANONYMISE_CLOSED_CASES = "anonymise_closed_cases"
    DELETE_SIGN_IN_ATTEMPTS = "delete_sign_in_attempts"
    DELETE_EXPIRED_TOKENS = "delete_expired_tokens"
    DELETE_OLD_AUDIT_RECORDS = "delete_old_audit_records"


@dataclass(frozen=True)
class Schedule:
    case_years_after_closure: int = 7
    case_until_age: int = 25
    sign_in_attempts: timedelta = timedelta(days=365)
    expired_tokens: timedelta = timedelta(days=30)
    audit_years: int = 10


SCHEDULE = Schedule()


def add_years(day: date | datetime, years: int):
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def anonymise_case_on(
    closed_on: date,
    reported_on: date,
    date_of_birth: date | None,
    age_estimate: int | None,
    schedule: Schedule = SCHEDULE,
) -> date:
    """The day a closed case is anonymised: the later of closure + 7 years and age 25.

    With only an estimated age at report, the child is taken as born as late as that age
    allows, so the case is never anonymised early.
    """
    after_closure = add_years(closed_on, schedule.case_years_after_closure)
    if date_of_birth is not None:
        at_age = add_years(date_of_birth, schedule.case_until_age)
    elif age_estimate is not None:
        at_age = add_years(reported_on, schedule.case_until_age - age_estimate)
    else:
        return after_closure
    return max(after_closure, at_age)


def earliest_closure_to_anonymise(now: datetime, schedule: Schedule = SCHEDULE) -> datetime:
    """No case closed after this instant can be due yet: a cheap first filter for the query."""
    return add_years(now, -schedule.case_years_after_closure)


def sign_in_attempts_before(now: datetime, schedule: Schedule = SCHEDULE) -> datetime:
    return now - schedule.sign_in_attempts


def tokens_expired_before(now: datetime, schedule: Schedule = SCHEDULE) -> datetime:
    return now - schedule.expired_tokens


def audit_records_before(now: datetime, schedule: Schedule = SCHEDULE) -> datetime:
    return add_years(now, -schedule.audit_years)


#: Event data kept when a case is anonymised: ids, dates and choices, never free text.
KEPT_EVENT_FIELDS = frozenset(
    {
        "court_id",
        "registered_on",
        "next_hearing_on",
        "officer_id",
        "previous_officer_id",
        "to_facility_id",
        "urgency",
        "version",
        "language",
    }
)


def anonymised_event_data(data: dict[str, Any]) -> dict[str, Any]:
    """An event's data without free text; a correction keeps which fields changed, no values."""
    kept = {k: v for k, v in data.items() if k in KEPT_EVENT_FIELDS}
    if isinstance(data.get("changes"), dict):
        kept["fields"] = sorted(data["changes"])
    return kept
