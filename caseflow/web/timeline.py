"""A timeline entry's details in words: each field by its label, each value as a reader says it
(a court by its name, an urgency translated), never the keys the event is stored with."""

from datetime import date

from flask_babel import format_date
from sqlalchemy import select

from caseflow.domain.ids import parse_id
from caseflow.extensions import db
from caseflow.http.labels import ORDER_LABELS, STEP_FIELD_LABELS
from caseflow.i18n import gettext as _
from caseflow.models import Facility
from caseflow.web.labels import URGENCY_LABELS

#: Ids the timeline shows as names elsewhere in the entry, or not at all.
HIDDEN = frozenset({"to_facility_id", "officer_id", "previous_officer_id", "link_id"})


def step_details(event, court_names: dict, referral_names: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for an event's recorded fields, in the order they are stored."""
    shown: list[tuple[str, str]] = []
    if event.referral_id in referral_names:
        shown.append((_("Referral to"), referral_names[event.referral_id]))
    for key, value in (event.data or {}).items():
        if key in HIDDEN or key not in STEP_FIELD_LABELS or value in (None, ""):
            continue
        shown.append((str(STEP_FIELD_LABELS[key]), _value(key, value, court_names)))
    return shown


def _value(key: str, value, court_names: dict) -> str:
    if key == "urgency":
        return str(URGENCY_LABELS.get(value, value))
    if key == "order":
        return str(ORDER_LABELS.get(value, value))
    if key == "court_id":
        return court_names.get(int(value), "—") if str(value).isdigit() else "—"
    if key in ("registered_on", "next_hearing_on"):
        try:
            return format_date(date.fromisoformat(value), "medium")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def names_for(case, events) -> tuple[dict, dict]:
    """The courts and receiving facilities the events name, in one query, for an export."""
    court_ids = {parse_id((e.data or {}).get("court_id")) for e in events} - {None}
    stmt = select(Facility.id, Facility.name).where(Facility.id.in_(court_ids))
    courts = dict(db.session.execute(stmt).tuples().all()) if court_ids else {}
    return courts, {r.id: r.to_facility.name for r in case.referrals}
