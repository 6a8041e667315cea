"""Caseload standards: how many open cases one officer of each role should carry."""

from flask import flash, redirect, render_template, request, url_for

from caseflow.domain.roles import OFFICER_ROLES, Role
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.permissions import Permission, permission_required
from caseflow.services import caseload
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.helpers import current_actor


@bp.route("/caseload-standards", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def caseload_standards():
    roles = sorted(OFFICER_ROLES, key=lambda r: r.value)
    errors: dict[str, str] = {}
    typed = dict(request.form)
    if request.method == "POST":
        current = caseload.standards()
        wanted: dict[Role, int | None] = {}
        for role in roles:
            text = request.form.get(role.value, "").strip()
            if not text:
                wanted[role] = None
            elif text.isdigit():
                wanted[role] = int(text)
            else:
                errors[role.value] = _("Give a whole number of cases, or leave it empty.")
        if not errors:
            try:
                for role, number in wanted.items():
                    if current.get(role) != number:
                        caseload.set_standard(current_actor(), role, number, utc_now())
            except ValidationFailed as error:
                errors[role.value] = str(error)
            else:
                flash(_("Caseload standards saved."), "success")
                return redirect(url_for("admin.caseload_standards"))
    else:
        typed = {role.value: str(n) for role, n in caseload.standards().items()}
    status = 422 if errors else 200
    return render_template("admin/standards.html", roles=roles, typed=typed, errors=errors), status
