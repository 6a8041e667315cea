"""Applying the retention schedule (caseflow.domain.retention): anonymise, delete, audit.

`run_retention(now, dry_run)` is what `flask retention run` and the task queue call. It
answers counts per rule and never names a child. Anonymising keeps what the statistics count
(age band, sex, state, district, source, forms, platforms, SOCA sections, dates) and removes
the identity: names, date of birth, caregiver, narrative and the free text of events and
referrals. The age in whole years at report is kept in place of the date of birth.
"""

from datetime import datetime

from sqlalchemy import delete, func, select

from caseflow.domain.cases import age_in_years
from caseflow.domain.clocks import local_date
from caseflow.domain.events import EventType
from caseflow.domain.retention import (
    SCHEDULE,
    Rule,
    Schedule,
    anonymise_case_on,
    anonymised_event_data,
    audit_records_before,
    earliest_closure_to_anonymise,
    sign_in_attempts_before,
    tokens_expired_before,
)
from caseflow.domain.workflow import CaseStatus
from caseflow.extensions import db
from caseflow.models import (
    ApiToken,
    AuditedCase,
    AuditRecord,
    Case,
    CaseEvent,
    Referral,
    SignInAttempt,
)
from caseflow.services import audit
from caseflow.services.audit import Actor

ACTOR = Actor(None, "retention")
#: The name left where the child's was: not a person's name, and the same in every language.
ANONYMISED_NAME = "—"


def cases_due(now: datetime, schedule: Schedule = SCHEDULE) -> list[int]:
    """Closed, not yet anonymised cases whose day under the schedule has come."""
    closed_at = (
        select(CaseEvent.case_id, func.max(CaseEvent.at).label("closed_at"))
        .where(CaseEvent.type == EventType.CASE_CLOSED)
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    stmt = (
        select(
            Case.id, closed_at.c.closed_at, Case.reported_at, Case.date_of_birth, Case.age_estimate
        )
        .join(closed_at, closed_at.c.case_id == Case.id)
        .where(
            Case.status == CaseStatus.CLOSED,
            Case.anonymised_at.is_(None),
            closed_at.c.closed_at <= earliest_closure_to_anonymise(now, schedule),
        )
        .order_by(Case.id)
    )
    today = local_date(now)
    due = []
    for case_id, closed, reported, born, age in db.session.execute(stmt):
        on = anonymise_case_on(local_date(closed), local_date(reported), born, age, schedule)
        if on <= today:
            due.append(case_id)
    return due


def anonymise_case(case: Case, now: datetime) -> None:
    """Remove the identity from one case and its timeline; its counts stay as they were."""
    case.age_estimate = age_in_years(
        case.date_of_birth, case.age_estimate, local_date(case.reported_at)
    )
    case.date_of_birth = None
    case.child_given_name, case.child_family_name = ANONYMISED_NAME, ""
    case.caregiver_name = case.caregiver_phone = case.caregiver_relationship = None
    case.narrative = ""
    # The MyKid number and the name's phonetic key identify the child as surely as the name,
    # and would still match a new registration of the same child as a possible duplicate.
    case.identity_number, case.name_key = None, ""
    case.anonymised_at = now
    case.version += 1  # a page still open on the old identity cannot write over this
    for event in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)):
        event.data = anonymised_event_data(event.data or {})
    for referral in db.session.scalars(select(Referral).where(Referral.case_id == case.id)):
        referral.reason = ""
        if referral.decline_reason is not None:
            referral.decline_reason = ""
    audit.record(ACTOR, "case_anonymised", now, object_type="case", object_id=case.id)


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def run_retention(now: datetime, dry_run: bool = False, schedule: Schedule = SCHEDULE) -> dict:
    """Apply every rule once, in one transaction; answer {rule: how many} (would be, if dry)."""
    attempts = (SignInAttempt.at < sign_in_attempts_before(now, schedule),)
    tokens = (ApiToken.expires_at < tokens_expired_before(now, schedule),)
    records = (AuditRecord.at < audit_records_before(now, schedule),)
    due = cases_due(now, schedule)
    counts = {
        Rule.ANONYMISE_CLOSED_CASES: len(due),
        Rule.DELETE_SIGN_IN_ATTEMPTS: _count(SignInAttempt, *attempts),
        Rule.DELETE_EXPIRED_TOKENS: _count(ApiToken, *tokens),
        Rule.DELETE_OLD_AUDIT_RECORDS: _count(AuditRecord, *records),
    }
    if dry_run:
        return counts
    for start in range(0, len(due), 500):
        chunk = due[start : start + 500]
        for case in db.session.scalars(select(Case).where(Case.id.in_(chunk))):
            anonymise_case(case, now)
        db.session.flush()
    db.session.execute(delete(SignInAttempt).where(*attempts))
    db.session.execute(delete(ApiToken).where(*tokens))
    old = select(AuditRecord.id).where(*records)
    db.session.execute(delete(AuditedCase).where(AuditedCase.audit_record_id.in_(old)))
    db.session.execute(delete(AuditRecord).where(*records))
    audit.record(ACTOR, "retention_run", now, **{rule.value: n for rule, n in counts.items()})
    db.session.commit()
    return counts
