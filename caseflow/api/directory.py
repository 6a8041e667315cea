from flask import g, jsonify, request
from sqlalchemy import select

from caseflow.api import bp, error, token_required
from caseflow.api.serialize import facility_json, page_args, paged
from caseflow.domain.facilities import FacilityType
from caseflow.models import Facility


@bp.get("/me")
@token_required
def me():
    user = g.api_user
    return jsonify({
        "id": user.id, "username": user.username, "display_name": user.display_name,
        "role": user.role.value, "facility": facility_json(user.facility),
        "supervises": [facility_json(f) for f in user.supervises],
    })  # fmt: skip


@bp.get("/facilities")
@token_required
def facilities():
    stmt = select(Facility).where(Facility.active).order_by(Facility.state_code, Facility.name)
    kind = request.args.get("type")
    if kind:
        if kind not in {t.value for t in FacilityType}:
            return error(422, "Unknown facility type.", {"type": "unknown"})
        stmt = stmt.where(Facility.type == FacilityType(kind))
    if request.args.get("state"):
        stmt = stmt.where(Facility.state_code == request.args["state"].upper())
    return paged(stmt, facility_json, *page_args())
