"""Handing a case to another facility, and the receiver's answers."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from caseflow.domain import workflow
from caseflow.domain.events import EventType
from caseflow.domain.workflow import ReferralStatus, Urgency
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, Facility, Referral
from caseflow.models.base import one_of
from caseflow.permissions import party_of
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import Conflict, StepRefused, ValidationFailed
from caseflow.services.steps import acting_user, commit_or_conflict
from caseflow.services.timeline import write_event

ANSWERED_MESSAGE = _l("This referral has just been answered by someone else. Reload it.")


def refer(
    actor: Actor, case: Case, to_facility_id: int, reason: str, urgency: Urgency, now: datetime
) -> Referral:
    referral = send(actor, case, to_facility_id, reason, urgency, now)
    commit_or_conflict()
    return referral


def send(
    actor: Actor, case: Case, to_facility_id: int, reason: str, urgency: Urgency, now: datetime
) -> Referral:
    """The referral without the commit: the caller commits (or rolls back) the whole step."""
    user = acting_user(actor)
    receiver = db.session.get(Facility, to_facility_id)
    if receiver is None or not receiver.active:
        message = _l("Choose a facility.")
        raise ValidationFailed(message, {"to_facility_id": message})
    if not reason.strip():
        message = _l("Say why the case is referred.")
        raise ValidationFailed(message, {"reason": message})
    open_receivers = frozenset(r.to_facility_id for r in case.referrals if r.is_open)
    refusal = workflow.refuse_refer(
        party_of(user),
        case.status,
        case.owner_facility_id,
        receiver.id,
        receiver.type,
        open_receivers,
    )
    if refusal is not None:
        raise StepRefused(refusal)
    referral = Referral(
        case_id=case.id,
        from_facility_id=case.owner_facility_id,
        to_facility_id=receiver.id,
        reason=reason.strip(),
        urgency=urgency,
        status=ReferralStatus.SENT,
        sent_at=now,
        sent_by_id=user.id,
    )
    db.session.add(referral)
    db.session.flush()
    case.returned_to_sender = False
    write_event(
        case,
        EventType.REFERRAL_SENT,
        user,
        now,
        now,
        referral_id=referral.id,
        to_facility_id=receiver.id,
        urgency=urgency.value,
    )
    audit.record(
        actor, "referral_sent", now, object_type="referral", object_id=referral.id, case_id=case.id
    )
    return referral


def acknowledge(actor: Actor, referral: Referral, now: datetime) -> Referral:
    _answer(actor, referral, "acknowledge")
    _move(referral, ReferralStatus.ACKNOWLEDGED, acknowledged_at=now)
    return _finish(actor, referral, EventType.REFERRAL_ACKNOWLEDGED, "referral_acknowledged", now)


def accept(actor: Actor, referral: Referral, now: datetime) -> Referral:
    """Ownership moves to the receiver, except to the police, who investigate beside JKM."""
    user = _answer(actor, referral, "accept")
    case = referral.case
    outcome = workflow.accept(referral.to_facility.type, case.status)
    _move(referral, ReferralStatus.ACCEPTED, decided_at=now, decided_by_id=user.id)
    if outcome.transfers_ownership:
        case.owner_facility_id = referral.to_facility_id
        case.owner_officer_id = user.id if outcome.officer_becomes_owner else None
        case.status = outcome.status
    db.session.add(case)
    return _finish(actor, referral, EventType.REFERRAL_ACCEPTED, "referral_accepted", now)


def decline(actor: Actor, referral: Referral, reason: str, now: datetime) -> Referral:
    """The case goes back to the sender's queue, flagged, never into a void."""
    user = _answer(actor, referral, "decline", reason)
    _move(
        referral,
        ReferralStatus.DECLINED,
        decided_at=now,
        decided_by_id=user.id,
        decline_reason=reason.strip(),
    )
    referral.case.returned_to_sender = True
    db.session.add(referral.case)
    return _finish(
        actor, referral, EventType.REFERRAL_DECLINED, "referral_declined", now, reason=reason
    )


def _answer(actor: Actor, referral: Referral, step: str, reason: str = ""):
    user = acting_user(actor)
    refusal = workflow.refuse_answer(
        party_of(user), referral.status, referral.to_facility_id, step, reason
    )
    if refusal is workflow.Refusal.REASON_REQUIRED:
        message = _l("Give the reason for declining.")
        raise ValidationFailed(message, {"reason": message})
    if refusal is not None:
        raise StepRefused(refusal)
    return user


def _move(referral: Referral, to: ReferralStatus, **columns) -> None:
    """Move the referral only from the status this answer read: a second answer is a conflict.

    The UPDATE names the old status, so of two answers racing, the second finds no row.
    """
    moved = db.session.execute(
        update(Referral)
        .where(Referral.id == referral.id, Referral.status == referral.status)
        .values(status=to, **columns)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.rollback()
        raise Conflict(ANSWERED_MESSAGE)
    referral.status = to
    for name, value in columns.items():
        setattr(referral, name, value)


def _finish(
    actor: Actor, referral: Referral, kind: EventType, action: str, now: datetime, **data
) -> Referral:
    write_event(referral.case, kind, actor.user, now, now, referral_id=referral.id, **data)
    audit.record(
        actor, action, now, object_type="referral", object_id=referral.id, case_id=referral.case_id
    )
    commit_or_conflict()
    return referral


def incoming(facility_ids: frozenset[int]):
    """Referrals waiting for an answer at these facilities: urgent first, then oldest first."""
    open_statuses = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
    return (
        select(Referral)
        .where(Referral.to_facility_id.in_(facility_ids), one_of(Referral.status, open_statuses))
        .order_by((Referral.urgency == Urgency.URGENT).desc(), Referral.sent_at, Referral.id)
        .options(
            selectinload(Referral.case),
            selectinload(Referral.from_facility),
            selectinload(Referral.to_facility),
        )
    )
