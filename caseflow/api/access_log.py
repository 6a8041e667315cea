"""Who has seen or touched a case (API.md, `access-log`), and breaking the glass to ask."""

from flask import current_app, g

from caseflow.api import NotFound, api
from caseflow.api.cases import actor
from caseflow.api.schemas import (
    AccessEntryOut,
    AccessLogQuery,
    AccessUserOut,
    BreakGlassIn,
    Paged,
)
from caseflow.api.serialize import facility_out, paged
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.http.pagination import paginate
from caseflow.http.responses import json_error
from caseflow.models import AuditRecord, Case
from caseflow.permissions import break_glass_needed, can_see_access_log
from caseflow.services import access_log, audit
from caseflow.services.access_log import AccessFilter
from caseflow.services.audit import ReadKind


def loggable_case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None or not can_see_access_log(g.api_user, case):
        raise NotFound
    return case


def entry_out(record: AuditRecord) -> AccessEntryOut:
    user = record.user
    return AccessEntryOut(
        at=record.at.isoformat(),
        user=AccessUserOut(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            facility=facility_out(user.facility),
        )
        if user
        else None,
        action=access_log.action_of(record),
        address=record.address,
    )


@api(
    "get",
    "/cases/<id:case_id>/access-log",
    "Who has seen or touched the case, newest first",
    query=AccessLogQuery,
    response=Paged[AccessEntryOut],
    errors=(403, 404),
)
def case_access_log(case_id: int, query: AccessLogQuery):
    case = loggable_case(case_id)
    minutes = current_app.config["BREAK_GLASS_MINUTES"]
    if break_glass_needed(g.api_user, case) and not access_log.glass_broken(
        g.api_user, case, utc_now(), minutes
    ):
        return json_error(
            403,
            "This case is outside your facilities: POST a reason to break-glass first.",
            code="break_glass_required",
        )
    chosen = AccessFilter(query.user, query.action, query.from_, query.to)
    page = paginate(access_log.entries(case.id, chosen), query.page, query.per_page)
    audit.record_read(actor(), ReadKind.ACCESS_LOG, [case.id], utc_now())
    return paged(page, entry_out)


@api(
    "post",
    "/cases/<id:case_id>/break-glass",
    "An administrator outside the case's circle says why they open its access log",
    status=204,
    body=BreakGlassIn,
    errors=(404,),
)
def break_glass(case_id: int, body: BreakGlassIn):
    case = loggable_case(case_id)
    access_log.break_glass(actor(), case, body.reason, utc_now())
