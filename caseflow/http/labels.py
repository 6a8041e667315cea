"""The words both front doors show for a step and its fields, translated, in one place."""

from caseflow.domain.events import EventType
from caseflow.i18n import lazy_gettext as _l

EVENT_LABELS = {
    EventType.CASE_REGISTERED: _l("Case registered"),
    EventType.REFERRAL_SENT: _l("Referral sent"),
    EventType.REFERRAL_ACKNOWLEDGED: _l("Referral acknowledged"),
    EventType.REFERRAL_ACCEPTED: _l("Referral accepted"),
    EventType.REFERRAL_DECLINED: _l("Referral declined"),
    EventType.OFFICER_ASSIGNED: _l("Protector assigned"),
    EventType.SCHOOL_REPORT_SENT: _l("School preliminary report sent"),
    EventType.SCHOOL_FOLLOW_UP: _l("School follow-up report"),
    EventType.SCHOOL_FULL_REPORT: _l("School full report"),
    EventType.PROTECTOR_NOTIFIED: _l("Protector notified"),
    EventType.MEDICAL_ASSESSMENT: _l("Medical assessment"),
    EventType.INITIAL_ASSESSMENT: _l("Protector's initial assessment"),
    EventType.POLICE_REPORT_LODGED: _l("Police report lodged"),
    EventType.CHILD_INTERVIEW: _l("Child Interview Centre interview"),
    EventType.CHARGE_REGISTERED: _l("Charge registered"),
    EventType.HEARING: _l("Hearing"),
    EventType.CASE_DISPOSED: _l("Case disposed"),
    EventType.CASE_CLOSED: _l("Case closed"),
    EventType.FOLLOW_UP_DONE: _l("Aftercare follow-up done"),
    EventType.CHILD_TAKEN_INTO_CUSTODY: _l("Child taken into temporary custody"),
    EventType.CHILD_ADMITTED_TO_REFUGE: _l("Child admitted to a place of refuge"),
    EventType.CHILD_BEFORE_PROTECTOR: _l("Child brought before a protector"),
    EventType.PROTECTOR_TOOK_CHILD: _l("Protector took the child"),
    EventType.CHILD_BEFORE_COURT: _l("Child brought before the Court for Children"),
    EventType.INTERIM_ORDER_MADE: _l("Interim placement order made"),
    EventType.PROTECTOR_REPORT_FILED: _l("Protector's report filed"),
    EventType.PAPERS_TO_PROSECUTOR: _l("Investigation papers sent to the Public Prosecutor"),
    EventType.CLOCK_PAUSED: _l("Clock paused"),
    EventType.CLOCK_RESUMED: _l("Clock resumed"),
    EventType.NOTE: _l("Note"),
    EventType.PACK_ISSUED: _l("Information pack issued"),
    EventType.CASE_LINKED: _l("Linked to another case of the same child"),
    EventType.CASE_MERGED: _l("Cases merged"),
    EventType.MERGE_UNDONE: _l("Merge undone"),
    EventType.IDENTITY_CORRECTED: _l("Child's details corrected"),
}

#: What a step's fields are called on the form and on the timeline (never their keys).
STEP_FIELD_LABELS = {
    "text": _l("Note"),
    "report_number": _l("Police report number"),
    "centre": _l("Child Interview Centre"),
    "court_id": _l("Court"),
    "registered_on": _l("Charge registered on"),
    "next_hearing_on": _l("Court sits next on"),
    "outcome": _l("Outcome"),
    "reason": _l("Reason"),
    "order": _l("Order made"),
    "urgency": _l("Urgency"),
}

#: The order an interim-order step records (domain.events.ORDER_KINDS).
ORDER_LABELS = {
    "s39_4": _l("Place of refuge (Child Act 2001 s.39(4))"),
    "other": _l("Another interim order"),
}
