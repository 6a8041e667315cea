"""The supervisor's dashboard: caseload per officer, referrals and court cases waiting, and
how the clocks fared; every number leads to the cases behind it, every table exports."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_login import current_user

from caseflow.domain.caseload import AGE_BUCKETS, Metric, age_bucket
from caseflow.domain.clocks import MALAYSIA, local_date
from caseflow.domain.ids import parse_id
from caseflow.domain.statistics import MAX_PERIOD_DAYS
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.http.exports import metric_label
from caseflow.i18n import gettext as _
from caseflow.i18n import ngettext
from caseflow.models import Case, User
from caseflow.permissions import (
    Permission,
    assignable_officers,
    permission_required,
    supervised_facilities,
)
from caseflow.services import caseload, clock_stats, flow
from caseflow.services import cases as case_service
from caseflow.services.audit import ReadKind
from caseflow.services.clock_stats import ClockGrouping
from caseflow.services.errors import ServiceError
from caseflow.web.caseloads import with_caseload
from caseflow.web.charts import Bar, Series, bar_chart, line_chart
from caseflow.web.helpers import current_actor, paginate, record_read, safe_next

bp = Blueprint("dashboard", __name__)


@dataclass(frozen=True)
class Period:
    start: date  # first day, Malaysia time
    end: date  # last day, inclusive

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time(), MALAYSIA).astimezone(UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(), MALAYSIA).astimezone(UTC)

    def describe(self) -> str:
        return f"{format_date(self.start, 'medium')} \u2013 {format_date(self.end, 'medium')}"


def month_name(text: str) -> str:
    """'2026-11' as the reader says it: "November 2026" (Malay: "November 2026")."""
    return format_date(date.fromisoformat(f"{text}-01"), "LLLL yyyy")


def period_from_args(default_days: int) -> tuple[Period, list[str]]:
    """The period in the query string, or the last `default_days`; problems are explained."""
    today = local_date(utc_now())
    problems = []
    default = Period(today - timedelta(days=default_days - 1), today)

    def read(name: str, fallback: date) -> date:
        text = request.args.get(name, "").strip()
        if not text:
            return fallback
        try:
            return date.fromisoformat(text)
        except ValueError:
            problems.append(
                _("“%(text)s” is not a date: use the calendar or YYYY-MM-DD.", text=text)
            )
            return fallback

    period = Period(read("from", default.start), read("to", default.end))
    if period.start > period.end:
        problems.append(_("The period ends before it starts; showing the default period."))
        period = default
    elif (period.end - period.start).days > MAX_PERIOD_DAYS:
        problems.append(_("A period can be at most three years; showing the default period."))
        period = default
    return period, problems


def supervised_scope() -> list[int]:
    """The supervisor's facilities, or the one chosen; any other facility is not found."""
    chosen = request.args.get("facility_id")
    try:
        return caseload.scope(current_user, parse_id(chosen) if chosen else None)
    except LookupError:
        abort(404)


#: Rows of a long dashboard list (court cases past 9 months); its export holds every row.
DASHBOARD_ROWS = 25


def officer_name(load) -> str:
    return load.name or _("Not assigned")


def drill_url(base: str, load, metric: Metric) -> str:
    """The cases behind one number. The page links every number of every officer (a hundred
    and more): the route (`base`) is built once a request, and the query string written
    directly, its values being ids and the metric's plain name (nothing to escape)."""
    officer = load.officer_id or "none"
    return f"{base}?facility_id={load.facility_id}&officer={officer}&metric={metric.value}"


@bp.route("/dashboard")
@permission_required(Permission.SUPERVISE)
def index():
    facility_ids = supervised_scope()
    now = utc_now()
    period, problems = period_from_args(90)
    for problem in problems:
        flash(problem, "error")
    grouping = clock_stats.grouping_from(request.args.get("group"))
    loads = caseload.officer_loads(facility_ids, now)
    drill = url_for("dashboard.cases")
    standards = {load.standard for load in loads if load.standard is not None}
    chart = bar_chart(
        _("Open cases per officer, worst first"),
        [Bar(officer_name(load), load.open, drill_url(drill, load, Metric.OPEN)) for load in loads],
        standard=min(standards) if len(standards) == 1 else None,
        standard_label=_("standard %(n)d", n=min(standards)) if len(standards) == 1 else "",
        over_label=_("over"),
    )
    fared = clock_stats.outcomes(facility_ids, period.since, period.until, grouping, now)
    months = fared.by_month
    trend = line_chart(
        _("Clocks by month due: met on time, met late, breached"),
        [month_name(m.group) for m in months],
        [
            Series(_("Met on time"), [m.met for m in months]),
            Series(_("Met late"), [m.met_late for m in months], dash="8 4", marker="square"),
            Series(_("Breached"), [m.breached for m in months], dash="2 3", marker="open"),
        ],
    )
    today = local_date(now)
    court = flow.court_ageing(facility_ids, today)
    buckets = [0] * len(AGE_BUCKETS)
    for item in court:
        buckets[age_bucket(item.months)] += 1
    # The longest waiting first, a page of them: the export holds the whole list.
    flagged_all = [item for item in court if item.flag != "on_track"]
    flagged = flagged_all[: current_app.config.get("DASHBOARD_ROWS", DASHBOARD_ROWS)]
    declined = flow.declined_since(facility_ids, flow.month_began(now))
    # The two lists name children's cases (a reference, a decline's reason): a read.
    record_read(ReadKind.DASHBOARD, [r.case_id for r in declined] + [c.case_id for c in flagged])
    return render_template(
        "dashboard/index.html",
        facilities=supervised_facilities(current_user),
        facility_ids=facility_ids,
        # Each officer's numbers with the link to the cases behind each, made here: the
        # template called two functions for each of 180 cells, 1 to 2 ms of Jinja's calls.
        loads=[
            (load, officer_name(load), [(drill_url(drill, load, m), load.count(m)) for m in Metric])
            for load in loads
        ],
        chart=chart,
        metrics=list(Metric),
        metric_label=metric_label,
        waiting=flow.waiting_referrals(facility_ids),
        declined=declined,
        delays=flow.delays(facility_ids, period.since, period.until),
        court=court,
        flagged=flagged,
        flagged_total=len(flagged_all),
        buckets=list(zip(AGE_BUCKETS, buckets, strict=True)),
        outcomes=fared.by_group,
        months=months,
        month_name=month_name,
        trend=trend,
        period=period,
        grouping=grouping,
        groupings=list(ClockGrouping),
        now=now,
    )


@bp.route("/dashboard/cases")
@permission_required(Permission.SUPERVISE)
def cases():
    """The cases behind one number, with a form to hand some or all to another protector."""
    facility_ids = supervised_scope()
    officer_id, metric = officer_and_metric()
    page = paginate(caseload.cases_behind(facility_ids, officer_id, metric, utc_now()))
    record_read(ReadKind.DRILL_DOWN, [case.id for case in page.items], metric=metric.value)
    officer = db.session.get(User, officer_id) if officer_id else None
    protectors = protectors_of(facility_ids)
    return render_template(
        "dashboard/cases.html",
        page=page,
        officer=officer,
        metric=metric,
        metric_label=metric_label,
        protectors=protectors,
        caseloads=caseload.open_caseloads([p.id for p in protectors]),
        with_caseload=with_caseload,
        facility_ids=facility_ids,
    )


def officer_and_metric() -> tuple[int | None, Metric]:
    officer = request.args.get("officer", "none")
    metric = request.args.get("metric", Metric.OPEN.value)
    if metric not in {m.value for m in Metric}:
        abort(404)
    if officer == "none":
        return None, Metric(metric)
    officer_id = parse_id(officer)
    if officer_id is None:
        abort(404)
    return officer_id, Metric(metric)


def protectors_of(facility_ids: list[int]) -> list[User]:
    """Who cases can be handed to: active protectors of the JKM offices in scope."""
    return list(db.session.scalars(assignable_officers(facility_ids)))


@bp.route("/dashboard/reassign", methods=["POST"])
@permission_required(Permission.SUPERVISE)
def reassign():
    back = safe_next(request.form.get("next"), "dashboard.index")
    ids = [parse_id(v) for v in request.form.getlist("case_id")]
    officer_id = parse_id(request.form.get("officer_id", ""))
    if not ids or None in ids:
        flash(_("Tick at least one case to reassign."), "error")
        return redirect(back)
    if officer_id is None:
        flash(_("Choose the protector who will hold the cases."), "error")
        return redirect(back)
    scope = caseload.scope(current_user)
    chosen = list(
        db.session.scalars(
            db.select(Case).where(Case.id.in_(ids), Case.owner_facility_id.in_(scope))
        )
    )
    if len(chosen) != len(set(ids)):
        abort(404)  # a case outside the supervisor's facilities does not exist for them
    versions = [(case, parse_id(request.form.get(f"version-{case.id}", ""))) for case in chosen]
    try:
        left = case_service.reassign_cases(current_actor(), versions, officer_id, utc_now())
    except ServiceError as error:
        flash(str(error), "error")
        return redirect(back)
    moved = len(chosen) - len(left)
    if moved:
        officer = db.session.get(User, officer_id)
        message = ngettext(
            "%(num)d case reassigned to %(name)s.",
            "%(num)d cases reassigned to %(name)s.",
            moved,
            name=officer.display_name,
        )
        flash(message, "success")
    for reference, reason in sorted(left.items()):
        message = _(
            "%(reference)s was not reassigned: %(reason)s", reference=reference, reason=reason
        )
        flash(message, "error")
    return redirect(back)


from caseflow.web.dashboard import exports, statistics  # noqa: E402, F401  (registers routes)
