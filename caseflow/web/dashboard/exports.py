"""Every dashboard table as CSV or XLSX: the same scope as the page, filters on top, audited."""

from flask import abort, request
from flask_login import current_user

from caseflow.exports import Table
from caseflow.http import utc_now
from caseflow.http.exports import drill_header, scope_filters
from caseflow.i18n import gettext as _
from caseflow.permissions import Permission, permission_required
from caseflow.services import caseload, clock_stats, export_jobs, flow
from caseflow.services.clock_stats import ClockGrouping
from caseflow.services.exports import record_export
from caseflow.web.cases.exports import case_columns, case_rows, offer_job, send
from caseflow.web.dashboard import (
    bp,
    officer_and_metric,
    officer_name,
    period_from_args,
    supervised_scope,
)
from caseflow.web.helpers import current_actor
from caseflow.web.labels import (
    COURT_FLAG_LABELS,
    EVENT_LABELS,
    GROUPING_LABELS,
    REFERRAL_STATUS_LABELS,
    ROLE_LABELS,
    URGENCY_LABELS,
    label,
    translated,
)


@bp.route(
    "/dashboard/<any(caseload, waiting, declined, delays, court, clocks):name>.<any(csv, xlsx):fmt>"
)
@permission_required(Permission.SUPERVISE)
def export_table(name: str, fmt: str):
    facility_ids = supervised_scope()
    now = utc_now()
    period, problems = period_from_args(90)
    if problems:
        abort(400)
    filters = scope_filters(facility_ids, current_user)
    case_ids: list[int] = []
    if name == "caseload":
        loads = caseload.officer_loads(facility_ids, now)
        columns = [
            _("Officer"),
            _("Role"),
            _("Facility id"),
            _("Open cases"),
            _("High risk"),
            _("Clock due soon"),
            _("Clock breached"),
            _("New this week"),
            _("Standard"),
            _("Over the standard"),
        ]
        rows = [
            (
                officer_name(o),
                label(ROLE_LABELS, o.role) if o.role else "",
                o.facility_id,
                o.open,
                o.high_risk,
                o.due_soon,
                o.breached,
                o.new_this_week,
                o.standard,
                _("Yes") if o.over_standard else _("No"),
            )
            for o in loads
        ]
        title = _("Caseload per officer")
    elif name == "waiting":
        columns = [
            _("Receiving facility"),
            _("Urgency"),
            _("Status"),
            _("Referrals"),
            _("Oldest sent"),
        ]
        rows = [
            (
                w.facility,
                label(URGENCY_LABELS, w.urgency),
                label(REFERRAL_STATUS_LABELS, w.status),
                w.count,
                w.oldest,
            )
            for w in flow.waiting_referrals(facility_ids)
        ]
        title = _("Referrals waiting for an answer")
    elif name == "declined":
        declined = flow.declined_since(facility_ids, flow.month_began(now))
        case_ids = [r.case_id for r in declined]
        columns = [_("Case"), _("From"), _("To"), _("Declined"), _("Reason")]
        rows = [
            (
                r.case.reference,
                r.from_facility.name,
                r.to_facility.name,
                r.decided_at,
                r.decline_reason,
            )
            for r in declined
        ]
        title = _("Referrals declined this month")
    elif name == "delays":
        filters.insert(0, (_("Reported in"), period.describe()))
        columns = [
            _("State"),
            _("District"),
            _("Step"),
            _("Cases"),
            _("Median hours"),
            _("90th percentile hours"),
        ]
        rows = [
            (
                d.state,
                d.district,
                label(EVENT_LABELS, d.milestone),
                d.hours.count,
                _round(d.hours.median),
                _round(d.hours.p90),
            )
            for d in flow.delays(facility_ids, period.since, period.until)
        ]
        title = _("Time from report to the first steps")
    elif name == "court":
        court = flow.court_ageing(facility_ids, period.end)
        case_ids = [c.case_id for c in court]
        columns = [
            _("Case"),
            _("Court"),
            _("Special court"),
            _("Charge registered"),
            _("Months"),
            _("Flag"),
        ]
        rows = [
            (
                c.reference,
                c.court,
                _("Yes") if c.special else _("No"),
                c.registered_on,
                c.months,
                label(COURT_FLAG_LABELS, c.flag),
            )
            for c in court
        ]
        title = _("Court cases by months since registration")
    else:
        grouping = clock_stats.grouping_from(request.args.get("group"))
        filters.insert(0, (_("Due in"), period.describe()))
        columns = [
            label(GROUPING_LABELS, grouping),
            _("Met on time"),
            _("Met late"),
            _("Breached"),
            _("Running"),
        ]
        found = clock_stats.outcomes(facility_ids, period.since, period.until, grouping, now)
        # Policies' names are the domain's, in the catalogue; places are named as they are.
        name_of = translated if grouping is ClockGrouping.POLICY else str
        rows = [
            (name_of(o.group) if o.group else "", o.met, o.met_late, o.breached, o.running)
            for o in found.by_group
        ]
        title = _("Clocks")
    record_export(current_actor(), f"dashboard_{name}", now, dict(filters), case_ids)
    return send(Table(title, filters, columns, rows), fmt, f"caseflow-{name}")


@bp.route("/dashboard/cases.<any(csv, xlsx):fmt>")
@permission_required(Permission.SUPERVISE)
def export_cases_behind(fmt: str):
    """Up to 2,000 rows stream at once; a longer export is offered as a background job."""
    facility_ids = supervised_scope()
    officer_id, metric = officer_and_metric()
    stmt = caseload.cases_behind(facility_ids, officer_id, metric, utc_now())
    if export_jobs.count_up_to(stmt, export_jobs.SYNC_LIMIT + 1) > export_jobs.SYNC_LIMIT:
        return offer_job("dashboard_cases", fmt, request.args)
    ids = export_jobs.case_ids(stmt)
    filters = drill_header(metric, facility_ids, current_user)
    record_export(current_actor(), "dashboard_cases", utc_now(), dict(filters), ids)
    return send(Table(_("Cases"), filters, case_columns(), case_rows(ids)), fmt, "caseflow-cases")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
