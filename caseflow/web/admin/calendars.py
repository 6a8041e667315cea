"""One-off state holidays and working days, which the `holidays` package cannot know: listed
per state, added, corrected and undone, each audited."""

from flask import flash, redirect, render_template, url_for

from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import ngettext
from caseflow.models import CalendarException
from caseflow.permissions import Permission, permission_required
from caseflow.services import calendars
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.admin.choices import state_choices
from caseflow.web.admin.forms import CalendarExceptionForm, ConfirmForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor


def _moved(n: int) -> str:
    return ngettext(
        "Calendar changed; %(num)d running clock was recomputed.",
        "Calendar changed; %(num)d running clocks were recomputed.",
        n,
    )


def _wanted(form: CalendarExceptionForm) -> calendars.CalendarChange:
    return calendars.CalendarChange(
        form.state_code.data, form.day.data, form.kind.data == "working", form.reason.data
    )


@bp.route("/calendars", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def calendar_list():
    form = CalendarExceptionForm()
    form.state_code.choices = state_choices()
    if form.validate_on_submit():
        try:
            moved = calendars.add_exception(current_actor(), _wanted(form), utc_now())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_moved(moved), "success")
            return redirect(url_for("admin.calendar_list"))
    return render_template("admin/calendars.html", form=form, changes=calendars.exceptions())


@bp.route("/calendars/<id:change_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def edit_calendar_change(change_id: int):
    change = db.get_or_404(CalendarException, change_id)
    form = CalendarExceptionForm(obj=change)
    form.state_code.choices = state_choices()
    if not form.is_submitted():
        form.kind.data = "working" if change.working else "holiday"
    if form.validate_on_submit():
        try:
            moved = calendars.edit_exception(current_actor(), change, _wanted(form), utc_now())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_moved(moved), "success")
            return redirect(url_for("admin.calendar_list"))
    return render_template("admin/calendar_change.html", form=form, change=change)


@bp.route("/calendars/<id:change_id>/remove", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def remove_calendar_change(change_id: int):
    """Undoing asks first: running clocks on that state's calendar move back."""
    change = db.get_or_404(CalendarException, change_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        moved = calendars.remove_exception(current_actor(), change, utc_now())
        flash(_moved(moved), "success")
        return redirect(url_for("admin.calendar_list"))
    return render_template("admin/calendar_remove.html", form=form, change=change)
