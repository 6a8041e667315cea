from flask import g, jsonify, request
from sqlalchemy import select

from caseflow.api import bp, token_required
from caseflow.api.cases import visible_case
from caseflow.api.serialize import clock_json, notification_json, page_args, paged
from caseflow.models import Notification
from caseflow.services.clocks import clocks_of
from caseflow.web.helpers import utc_now


@bp.get("/cases/<id:case_id>/clocks")
@token_required
def case_clocks(case_id: int):
    case = visible_case(case_id)
    now = utc_now()
    return jsonify({"items": [clock_json(c, now) for c in clocks_of(case)]})


@bp.get("/notifications")
@token_required
def notifications():
    stmt = select(Notification).where(Notification.user_id == g.api_user.id)
    if request.args.get("unread") == "true":
        stmt = stmt.where(Notification.read_at.is_(None))
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc())
    return paged(stmt, notification_json, *page_args())
