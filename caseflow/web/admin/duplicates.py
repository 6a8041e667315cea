"""The scores from which a possible duplicate is shown, and from which its owner is told."""

from flask import flash, redirect, render_template, request, url_for

from caseflow.i18n import gettext as _
from caseflow.permissions import Permission, permission_required
from caseflow.services import duplicates
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.helpers import current_actor, utc_now

FIELDS = ("show_at", "notify_at")


@bp.route("/duplicate-thresholds", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def duplicate_thresholds():
    current = duplicates.thresholds()
    typed = {
        "show_at": str(round(current.show_at * 100)),
        "notify_at": str(round(current.notify_at * 100)),
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {name: request.form.get(name, "").strip() for name in FIELDS}
        errors = {
            name: _("Give a whole number from 1 to 100.")
            for name in FIELDS
            if not typed[name].isdigit()
        }
        if not errors:
            try:
                duplicates.set_thresholds(
                    current_actor(), int(typed["show_at"]), int(typed["notify_at"]), utc_now()
                )
            except ValidationFailed as error:
                errors = {k: str(v) for k, v in error.fields.items()}
            else:
                flash(_("Duplicate thresholds saved."), "success")
                return redirect(url_for("admin.duplicate_thresholds"))
    status = 422 if errors else 200
    return render_template("admin/duplicates.html", typed=typed, errors=errors), status
