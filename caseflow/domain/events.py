"""The steps recorded on a case's timeline, what each must carry, and what each changes.

Each event has `at`, when it happened, which may be earlier than when it was recorded: the
clocks use `at`, and recording late stays visible on the timeline. Nothing is deleted; a
correction is a new event.
"""

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from caseflow.domain.ids import parse_id
from caseflow.domain.workflow import CaseStatus


class EventType(StrEnum):
    # written by the workflow's own steps
    CASE_REGISTERED = "case_registered"
    REFERRAL_SENT = "referral_sent"
    REFERRAL_ACKNOWLEDGED = "referral_acknowledged"
    REFERRAL_ACCEPTED = "referral_accepted"
    REFERRAL_DECLINED = "referral_declined"
    OFFICER_ASSIGNED = "officer_assigned"
    # recorded by a professional (API.md, "Event types")
    SCHOOL_REPORT_SENT = "school_report_sent"
    SCHOOL_FOLLOW_UP = "school_follow_up"
    SCHOOL_FULL_REPORT = "school_full_report"
    PROTECTOR_NOTIFIED = "protector_notified"
    MEDICAL_ASSESSMENT = "medical_assessment"
    INITIAL_ASSESSMENT = "initial_assessment"
    POLICE_REPORT_LODGED = "police_report_lodged"
    CHILD_INTERVIEW = "child_interview"
    CHARGE_REGISTERED = "charge_registered"
    HEARING = "hearing"
    CASE_DISPOSED = "case_disposed"
    CASE_CLOSED = "case_closed"
    FOLLOW_UP_DONE = "follow_up_done"
    # Child Act 2001 steps that start or stop a statutory clock
    CHILD_TAKEN_INTO_CUSTODY = "child_taken_into_custody"  # s.18
    CHILD_ADMITTED_TO_REFUGE = "child_admitted_to_refuge"  # s.41(4)
    CHILD_BEFORE_PROTECTOR = "child_before_protector"
    PROTECTOR_TOOK_CHILD = "protector_took_child"  # s.19
    CHILD_BEFORE_COURT = "child_before_court"
    INTERIM_ORDER_MADE = "interim_order_made"  # s.39A
    PROTECTOR_REPORT_FILED = "protector_report_filed"
    PAPERS_TO_PROSECUTOR = "papers_to_prosecutor"  # investigation papers to the Public Prosecutor
    CLOCK_PAUSED = "clock_paused"
    CLOCK_RESUMED = "clock_resumed"
    NOTE = "note"
    PACK_ISSUED = "pack_issued"  # an information pack printed for the child or caregiver
    CASE_LINKED = "case_linked"  # another case of the same child, linked to this one
    CASE_MERGED = "case_merged"  # written on both cases of a merge
    MERGE_UNDONE = "merge_undone"
    IDENTITY_CORRECTED = "identity_corrected"  # the child's or caregiver's details put right


WORKFLOW_EVENTS = frozenset(
    {
        EventType.CASE_REGISTERED,
        EventType.REFERRAL_SENT,
        EventType.REFERRAL_ACKNOWLEDGED,
        EventType.REFERRAL_ACCEPTED,
        EventType.REFERRAL_DECLINED,
        EventType.OFFICER_ASSIGNED,
        EventType.PACK_ISSUED,
        EventType.CASE_LINKED,
        EventType.CASE_MERGED,
        EventType.MERGE_UNDONE,
        EventType.IDENTITY_CORRECTED,
    }
)

#: Events a professional records directly (POST /cases/{id}/events).
RECORDABLE_EVENTS = tuple(t for t in EventType if t not in WORKFLOW_EVENTS)

#: The fields each recordable event must carry besides `at`.
REQUIRED_FIELDS: dict[EventType, tuple[str, ...]] = {
    EventType.POLICE_REPORT_LODGED: ("report_number",),
    EventType.CHILD_INTERVIEW: ("centre",),
    EventType.CHARGE_REGISTERED: ("court_id", "registered_on"),
    EventType.CASE_DISPOSED: ("outcome",),
    EventType.CASE_CLOSED: ("reason",),
    EventType.CLOCK_PAUSED: ("reason",),
    EventType.CLOCK_RESUMED: ("reason",),
    EventType.NOTE: ("text",),
}

OPTIONAL_FIELDS = ("text",)
#: The order an interim-order step records: the s.39A report clock starts only on a
#: place-of-refuge order under Child Act 2001 s.39(4).
ORDER_KINDS = ("s39_4", "other")
#: Steps that may say when the court sits next; the information pack prints it.
NEXT_HEARING_EVENTS = frozenset({EventType.CHARGE_REGISTERED, EventType.HEARING})
DATE_FIELDS = ("registered_on", "next_hearing_on")


def fields_of(kind: EventType) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields a step must carry and those it may carry, besides `at`."""
    required = REQUIRED_FIELDS.get(kind, ())
    optional = [*OPTIONAL_FIELDS]
    if kind in NEXT_HEARING_EVENTS:
        optional.append("next_hearing_on")
    if kind is EventType.INTERIM_ORDER_MADE:
        optional.append("order")
    return required, tuple(name for name in optional if name not in required)


def event_field_errors(kind: EventType, data: dict[str, Any]) -> dict[str, str]:
    """Field name -> error code ("required", "unknown", "invalid_date", "invalid_id")."""
    allowed = {name for names in fields_of(kind) for name in names}
    errors = {name: "unknown" for name in data if name not in allowed}
    for name in REQUIRED_FIELDS.get(kind, ()):
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = "required"
    for name in DATE_FIELDS:
        if name in data and name not in errors:
            try:
                date.fromisoformat(data[name])
            except (TypeError, ValueError):
                errors[name] = "invalid_date"
    if "order" in data and "order" not in errors and data["order"] not in ORDER_KINDS:
        errors["order"] = "invalid_id"
    court = data.get("court_id")
    if court is not None and "court_id" not in errors and parse_id(court) is None:
        errors["court_id"] = "invalid_id"
    return errors


#: A step written down more than an hour after it happened is marked on the timeline: the
#: clocks count from `at`, and whoever reads the record must see it was written later.
LATE_AFTER = timedelta(hours=1)


def recorded_late(at: datetime, recorded_at: datetime) -> bool:
    return recorded_at - at > LATE_AFTER


def status_after_event(kind: EventType, status: CaseStatus) -> CaseStatus:
    if kind is EventType.INITIAL_ASSESSMENT and status is CaseStatus.ASSIGNED:
        return CaseStatus.ASSESSED
    if kind is EventType.CASE_CLOSED:
        return CaseStatus.CLOSED
    return status
