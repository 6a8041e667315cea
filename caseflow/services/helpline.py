"""A helpline operator (e.g. Talian Kasih 15999) registers a case from a call or chat and refers
it, in the same step, to the Social Welfare (JKM) office of the child's district.

Seed 000 found that helplines could not pass online-abuse cases on; the ministry describes
Talian Kasih forwarding a complaint "to the nearest district welfare office for further action
on the same day" (KPWKM, reported by FMT, 10 November 2025). One transaction: a case is never
left registered at the helpline without its referral.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from caseflow import reference
from caseflow.domain import workflow
from caseflow.domain.facilities import FacilityType
from caseflow.domain.roles import Role
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, Facility, Referral
from caseflow.services import referrals
from caseflow.services.audit import Actor
from caseflow.services.cases import CaseInput, open_case
from caseflow.services.errors import ServiceError, StepRefused, ValidationFailed
from caseflow.services.steps import acting_user, commit_or_conflict


@dataclass(frozen=True)
class Sent:
    case: Case
    referral: Referral
    district_office: bool  # False: no office of the child's district is in the directory


def district_office(case: Case) -> tuple[Facility | None, bool]:
    """The JKM office of the child's district; else the one of the state's capital district."""
    offices = select(Facility).where(
        Facility.type == FacilityType.JKM, Facility.state_code == case.state_code, Facility.active
    )
    if case.district_id is not None:
        office = db.session.scalar(offices.where(Facility.district_id == case.district_id))
        if office is not None:
            return office, True
    capital = reference.load_reference()["states"].get(case.state_code, {})
    name = f"Pejabat Kebajikan Masyarakat Daerah {capital.get('capital_district', '')}"
    return db.session.scalar(offices.where(Facility.name == name)), False


def register_and_refer(
    actor: Actor, data: CaseInput, urgency: Urgency, reason: str, now: datetime
) -> Sent:
    user = acting_user(actor)
    if user.role is not Role.HELPLINE:
        raise StepRefused(workflow.Refusal.ROLE_MAY_NOT)
    try:
        case, _found = open_case(actor, data, now)
        office, exact = district_office(case)
        if office is None:
            message = _l("No Social Welfare office of this state is in the directory.")
            raise ValidationFailed(message, {"child.district": message})
        referral = referrals.send(
            actor, case, office.id, reason or str(_l("Helpline call")), urgency, now
        )
    except ServiceError:
        db.session.rollback()
        raise
    commit_or_conflict()
    return Sent(case, referral, exact)


def sent_by(user) -> list[Referral]:
    """What the helpline sent, newest first, with what became of each case."""
    stmt = (
        select(Referral)
        .where(Referral.from_facility_id == user.facility_id)
        .order_by(Referral.sent_at.desc())
        .limit(50)
    )
    return list(db.session.scalars(stmt))
