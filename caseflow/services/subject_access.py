"""A child's whole record for a subject-access request (PDPA s.30), for the owning supervisor.

The record is built once as plain data; the JSON answer is that data and the PDF prints it.
Each export is audited, naming the case and the format, before anything leaves the server.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from caseflow.domain import workflow
from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, District
from caseflow.permissions import party_of
from caseflow.services import audit
from caseflow.services.audit import Actor
from caseflow.services.errors import StepRefused
from caseflow.services.steps import acting_user

FORMATS = ("json", "pdf")


@dataclass(frozen=True)
class SubjectAccessExport:
    record: dict
    pdf: bytes | None = None

    @property
    def filename(self) -> str:
        return f"subject-access-{self.record['case']['reference']}"


def may_export(user, case: Case) -> bool:
    """Only a supervisor of the owning facility answers a subject-access request."""
    return user.role is Role.SUPERVISOR and case.owner_facility_id in party_of(user).supervises


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def record_of(case: Case, now: datetime) -> dict:
    """Everything Caseflow holds on the child: identity, concerns, referrals, every event."""
    events = db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.at, CaseEvent.id)
        .options(selectinload(CaseEvent.user), selectinload(CaseEvent.facility))
    )
    return {
        "exported_at": now.isoformat(),
        "case": {
            "id": case.id,
            "reference": case.reference,
            "status": case.status.value,
            "risk_level": case.risk_level.value,
            "version": case.version,
            "registered_at": _iso(case.registered_at),
            "reported_at": _iso(case.reported_at),
            "source_type": case.source_type.value,
            "source_facility": case.source_facility.name if case.source_facility else None,
            "owner_facility": case.owner_facility.name,
            "owner_officer": case.owner_officer.display_name if case.owner_officer else None,
            "anonymised_at": _iso(case.anonymised_at),
        },
        "child": {
            "given_name": case.child_given_name,
            "family_name": case.child_family_name,
            "date_of_birth": _iso(case.date_of_birth),
            "age_estimate": case.age_estimate,
            "sex": case.sex.value,
            "state": case.state_code,
            "district": _district_name(case),
            "home_language": case.home_language,
        },
        "caregiver": {
            "name": case.caregiver_name,
            "phone": case.caregiver_phone,
            "relationship": case.caregiver_relationship,
        },
        "narrative": case.narrative,
        "soca_sections": list(case.soca_sections),
        "concerns": [
            {"form": c.form.value, "online": c.online, "platforms": list(c.platforms)}
            for c in case.concerns
        ],
        "referrals": [
            {
                "from": r.from_facility.name,
                "to": r.to_facility.name,
                "status": r.status.value,
                "urgency": r.urgency.value,
                "reason": r.reason,
                "sent_at": _iso(r.sent_at),
                "decided_at": _iso(r.decided_at),
                "decline_reason": r.decline_reason,
            }
            for r in case.referrals
        ],
        "timeline": [
            {
                "type": e.type.value,
                "at": _iso(e.at),
                "recorded_at": _iso(e.recorded_at),
                "by": e.user.display_name,
                "facility": e.facility.name,
                "data": dict(e.data or {}),
            }
            for e in events
        ],
    }


def _district_name(case: Case) -> str | None:
    district = db.session.get(District, case.district_id) if case.district_id else None
    return district.name if district else None


def export(actor: Actor, case: Case, fmt: str, now: datetime) -> SubjectAccessExport:
    """The record in `fmt` ("json" or "pdf") for the owning supervisor; audited, committed."""
    user = acting_user(actor)
    if not may_export(user, case):
        raise StepRefused(workflow.Refusal.ROLE_MAY_NOT)
    record = record_of(case, now)
    pdf = None
    if fmt == "pdf":
        from caseflow.packs.record_pdf import render_record

        pdf = render_record(record, author=user.display_name)
    audit.record(
        actor, "subject_access_export", now, object_type="case", object_id=case.id, format=fmt
    )
    db.session.commit()
    return SubjectAccessExport(record, pdf)
