"""Who has seen this child: the case's access log, for its supervisors and administrators."""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_login import current_user, login_required
from sqlalchemy import select

from caseflow.exports import Table
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Case, User
from caseflow.permissions import break_glass_needed, can_see_access_log
from caseflow.services import access_log
from caseflow.services.access_log import AccessFilter
from caseflow.services.audit import ReadKind
from caseflow.services.errors import ValidationFailed
from caseflow.web.cases import bp
from caseflow.web.cases.exports import send
from caseflow.web.helpers import current_actor, paginate, record_read
from caseflow.web.labels import ACCESS_KIND_LABELS, label


def loggable_case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None or not can_see_access_log(current_user, case):
        abort(404)
    return case


def glass_needed(case: Case) -> bool:
    if not break_glass_needed(current_user, case):
        return False
    minutes = current_app.config["BREAK_GLASS_MINUTES"]
    return not access_log.glass_broken(current_user, case, utc_now(), minutes)


def chosen_filter() -> AccessFilter:
    args = request.args

    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(args.get(name, ""))
        except ValueError:
            return None

    user_id = args.get("user", type=int)
    action = args.get("action") if args.get("action") in access_log.KINDS else None
    return AccessFilter(user_id=user_id, action=action, since=day("from"), until=day("to"))


def ask_for_reason(case: Case, status: int = 200):
    """The form asking an outsider why; it names the case by its reference, which is a read."""
    page = render_template("cases/break_glass.html", case=case)
    record_read(ReadKind.BREAK_GLASS_FORM, [case.id])
    return page, status


@bp.route("/cases/<id:case_id>/audit")
@login_required
def audit(case_id: int):
    """Every read, step, referral action, export and pack that held this child's record."""
    case = loggable_case(case_id)
    if glass_needed(case):
        return ask_for_reason(case)
    chosen = chosen_filter()
    page = paginate(access_log.entries(case.id, chosen))
    record_read(ReadKind.ACCESS_LOG, [case.id])
    people = db.session.scalars(
        select(User).where(User.id.in_({r.user_id for r in page.items if r.user_id}))
    )
    return render_template(
        "cases/audit.html",
        case=case,
        page=page,
        chosen=chosen,
        kinds=access_log.KINDS,
        people=list(people),
        action_of=access_log.action_of,
    )


@bp.route("/cases/<id:case_id>/audit", methods=["POST"])
@login_required
def break_glass(case_id: int):
    """An administrator outside the circle says why; the owning supervisors are told."""
    case = loggable_case(case_id)
    try:
        access_log.break_glass(current_actor(), case, request.form.get("reason", ""), utc_now())
    except ValidationFailed as error:
        flash(str(error.message), "error")
        return ask_for_reason(case, 422)
    return redirect(url_for("cases.audit", case_id=case.id))


@bp.route("/cases/<id:case_id>/audit.csv")
@login_required
def export_audit(case_id: int):
    case = loggable_case(case_id)
    if glass_needed(case):
        abort(404)
    chosen = chosen_filter()
    records = list(db.session.scalars(access_log.entries(case.id, chosen)))
    record_read(ReadKind.ACCESS_LOG, [case.id], exported=True)
    table = Table(
        title=_("Who has seen %(reference)s", reference=case.reference),
        filters=[
            (_("Exported by"), current_user.display_name),
            (_("Exported at"), format_datetime(utc_now(), "yyyy-MM-dd HH:mm")),
        ],
        columns=[_("When"), _("Who"), _("Facility"), _("What"), _("From")],
        rows=[
            (
                r.at,
                r.user.display_name if r.user else _("system"),
                r.user.facility.name if r.user else "",
                label(ACCESS_KIND_LABELS, access_log.action_of(r)),
                r.address or "",
            )
            for r in records
        ],
    )
    return send(table, "csv", f"{case.reference}-access-log")
