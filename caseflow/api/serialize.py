"""Records as the API shows them, and the paginated list shape every list answers with."""

from flask import jsonify, request
from sqlalchemy import Select, func, select
from werkzeug.exceptions import BadRequest

from caseflow.domain.geography import STATES_BY_CODE
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Facility, Referral
from caseflow.web.helpers import MAX_PAGE


def facility_json(f: Facility) -> dict:
    body = {
        "id": f.id, "type": f.type.value, "name": f.name, "state": f.state_code,
        "state_iso": STATES_BY_CODE[f.state_code].iso,
        "district": f.district.name if f.district else None,
    }  # fmt: skip
    if f.type.value == "clinic":
        body["default_oscc_id"] = f.default_oscc_id
    if f.type.value == "court":
        body["special"] = f.special
    return body


def case_json(case: Case) -> dict:
    officer = case.owner_officer
    return {
        "id": case.id, "reference": case.reference, "status": case.status.value,
        "risk_level": case.risk_level.value, "version": case.version,
        "child": {
            "given_name": case.child_given_name, "family_name": case.child_family_name,
            "date_of_birth": case.date_of_birth.isoformat() if case.date_of_birth else None,
            "age_estimate": case.age_estimate, "sex": case.sex.value, "state": case.state_code,
            "home_language": case.home_language,
        },
        "source": {"type": case.source_type.value, "facility_id": case.source_facility_id,
                   "reported_at": case.reported_at.isoformat()},
        "concerns": [{"form": c.form.value, "online": c.online, "platforms": c.platforms}
                     for c in case.concerns],
        "soca_sections": case.soca_sections,
        "penal_code_sections": case.penal_code_sections,
        "owner": {"facility": facility_json(case.owner_facility),
                  "officer": {"id": officer.id, "display_name": officer.display_name}
                  if officer else None},
        "returned_to_sender": case.returned_to_sender,
        "referrals": [referral_json(r) for r in case.referrals],
    }  # fmt: skip


def referral_json(r: Referral) -> dict:
    return {
        "id": r.id, "case_id": r.case_id, "from_facility_id": r.from_facility_id,
        "to_facility_id": r.to_facility_id, "reason": r.reason, "urgency": r.urgency.value,
        "status": r.status.value, "sent_at": r.sent_at.isoformat(),
        "acknowledged_at": r.acknowledged_at.isoformat() if r.acknowledged_at else None,
        "decline_reason": r.decline_reason,
    }  # fmt: skip


def event_json(e: CaseEvent) -> dict:
    return {
        "id": e.id, "type": e.type.value, "at": e.at.isoformat(),
        "recorded_at": e.recorded_at.isoformat(), "user_id": e.user_id,
        "facility_id": e.facility_id, "referral_id": e.referral_id, "data": e.data,
    }  # fmt: skip


def page_args() -> tuple[int, int]:
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 50))
    except ValueError as exc:
        raise BadRequest("page and per_page are whole numbers.") from exc
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= 200:
        raise BadRequest("page is 1 to 1000000; per_page is 1 to 200.")
    return page, per_page


def paged(stmt: Select, to_json, page: int, per_page: int):
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page))
    return jsonify({"items": [to_json(i) for i in items], "page": page, "per_page": per_page,
                    "total": total})  # fmt: skip


def clock_json(clock, now) -> dict:
    from caseflow.services.clocks import status_now

    return {
        "id": clock.id,
        "policy": {"key": clock.policy.key, "name": clock.policy.name,
                   "version": clock.policy.version, "basis": clock.policy.basis,
                   "source": clock.policy.source, "law_words": clock.policy.law_words or None,
                   "weekly_holidays": clock.policy.weekly_holidays},
        "referral_id": clock.referral_id, "calendar": clock.state_code,
        "started_at": clock.started_at.isoformat(), "due_at": clock.due_at.isoformat(),
        "paused": clock.paused_at is not None, "status": status_now(clock, now).value,
        "met_at": clock.met_at.isoformat() if clock.met_at else None,
    }  # fmt: skip


def notification_json(n) -> dict:
    return {
        "id": n.id, "kind": n.kind, "case_id": n.case_id, "reference": n.case.reference,
        "clock": n.clock.policy.name if n.clock else None,
        "created_at": n.created_at.isoformat(), "read": n.read_at is not None,
    }  # fmt: skip
