"""A case's clocks and the user's notifications."""

from flask import g

from caseflow.api import api
from caseflow.api.cases import actor, visible_case
from caseflow.api.schemas import ClockList, NotificationOut, NotificationQuery, Paged
from caseflow.api.serialize import clock_out, notification_out, paged
from caseflow.http import utc_now
from caseflow.http.pagination import paginate
from caseflow.services import audit
from caseflow.services import notifications as notification_service
from caseflow.services.audit import ReadKind
from caseflow.services.clocks import clocks_of


@api(
    "get",
    "/cases/<id:case_id>/clocks",
    "Every clock of the case, with its status now",
    response=ClockList,
    errors=(404,),
)
def case_clocks(case_id: int):
    case = visible_case(case_id)
    now = utc_now()
    audit.record_read(actor(), ReadKind.CLOCKS, [case.id], now)
    return ClockList(items=[clock_out(c, now) for c in clocks_of(case)])


@api(
    "get",
    "/notifications",
    "The user's notifications, newest first",
    query=NotificationQuery,
    response=Paged[NotificationOut],
    errors=(422,),
)
def notifications(query: NotificationQuery):
    stmt = notification_service.listed(g.api_user.id, unread_only=query.unread == "true")
    page = paginate(stmt, query.page, query.per_page)
    shown = [n.case_id for n in page.items]
    audit.record_read(actor(), ReadKind.LIST, shown, utc_now(), page="notifications")
    return paged(page, notification_out)
