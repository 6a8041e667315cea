"""One-off state holidays and working days, which the `holidays` package cannot know."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from caseflow.http import utc_now
from caseflow.permissions import Permission, permission_required
from caseflow.services import calendars
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.admin.choices import state_choices
from caseflow.web.admin.forms import CalendarExceptionForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor


@bp.route("/calendars", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def calendar_list():
    form = CalendarExceptionForm()
    form.state_code.choices = state_choices()
    if form.validate_on_submit():
        try:
            moved = calendars.add_exception(
                current_actor(),
                form.state_code.data,
                form.day.data,
                form.kind.data == "working",
                form.reason.data,
                utc_now(),
            )
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_("Calendar changed; %(n)d running clocks were recomputed.", n=moved), "success")
            return redirect(url_for("admin.calendar_list"))
    return render_template("admin/calendars.html", form=form, changes=calendars.exceptions())
