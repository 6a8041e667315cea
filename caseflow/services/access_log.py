"""Who has seen or touched a child's case: every read, step, referral action, export and pack.

The audit trail names the cases of each record (`audited_cases`), so this is one indexed
lookup. An administrator outside the case's circle must "break the glass" first: give a
reason, which is recorded, and the owning facility's supervisors are told.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, select

from caseflow.domain.clocks import MALAYSIA
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import AuditedCase, AuditRecord, Case, Notification, User
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import ValidationFailed

#: The access log's `action` for each kind of audit record that names a case.
ACTIONS: dict[str, str] = {
    "case_viewed": "view",
    "correction_viewed": "view",
    "read_view": "view",
    "read_list": "list",
    "read_search": "search",
    "read_timeline": "timeline",
    "read_clocks": "timeline",
    "read_drill_down": "drill_down",
    "read_dashboard": "list",
    "read_referral": "referral",
    "read_access_log": "access_log",
    "export": "export",
    "pack_issued": "pack",
    "case_registered": "step",
    "event_recorded": "step",
    "officer_assigned": "step",
    "referral_sent": "referral",
    "referral_acknowledged": "referral",
    "referral_accepted": "referral",
    "referral_declined": "referral",
    "break_glass": "break_glass",
    "read_break_glass_form": "break_glass",
    "possible_duplicates_viewed": "view",
    "possible_duplicate_shown": "duplicate",
    "possible_duplicate_notified": "duplicate",
    "cases_linked": "step",
    "cases_merged": "step",
    "merge_undone": "step",
    "identity_corrected": "step",
    "case_anonymised": "step",
    "subject_access_export": "export",
}
KINDS = sorted(set(ACTIONS.values()))
BREAK_GLASS = "break_glass"
REASON_LIMIT = 400


@dataclass(frozen=True, slots=True)
class AccessFilter:
    user_id: int | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


def entries(case_id: int, chosen: AccessFilter) -> Select:
    """The case's access log, newest first, as a statement to paginate or export."""
    stmt = (
        select(AuditRecord)
        .join(AuditedCase, AuditedCase.audit_record_id == AuditRecord.id)
        .where(AuditedCase.case_id == case_id)
        .order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
    )
    if chosen.user_id is not None:
        stmt = stmt.where(AuditRecord.user_id == chosen.user_id)
    if chosen.action:
        stmt = stmt.where(AuditRecord.action.in_(audit_actions(chosen.action)))
    if chosen.since:
        stmt = stmt.where(AuditRecord.at >= start_of(chosen.since))
    if chosen.until:
        stmt = stmt.where(AuditRecord.at < start_of(chosen.until + timedelta(days=1)))
    return stmt


def audit_actions(kind: str) -> list[str]:
    return [action for action, shown in ACTIONS.items() if shown == kind] or [kind]


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(), MALAYSIA)


def action_of(record: AuditRecord) -> str:
    return ACTIONS.get(record.action, record.action)


def glass_broken(user: User, case: Case, now: datetime, minutes: int) -> bool:
    """Whether this administrator gave a reason for this case within the last `minutes`."""
    stmt = select(AuditRecord.id).where(
        and_(
            AuditRecord.action == BREAK_GLASS,
            AuditRecord.object_type == "case",
            AuditRecord.object_id == case.id,
            AuditRecord.user_id == user.id,
            AuditRecord.at > now - timedelta(minutes=minutes),
        )
    )
    return db.session.scalar(stmt.limit(1)) is not None


def break_glass(actor: Actor, case: Case, reason: str, now: datetime) -> None:
    """Record why an outsider opens the record, and tell the owning facility's supervisors."""
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_LIMIT:
        message = _l("Say why you need to open this record (at most 400 characters).")
        raise ValidationFailed(message, {"reason": message})
    audit.record(actor, BREAK_GLASS, now, object_type="case", object_id=case.id, reason=reason)
    supervisors = db.session.scalars(
        select(User.id).where(User.supervises.any(id=case.owner_facility_id), User.active)
    )
    db.session.add_all(
        Notification(user_id=user_id, case_id=case.id, kind=BREAK_GLASS, created_at=now)
        for user_id in supervisors
    )
    db.session.commit()
