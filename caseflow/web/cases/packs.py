"""Printing a child's or caregiver's information pack from the case page."""

from flask import flash, redirect, url_for
from flask_login import login_required

from caseflow.http import utc_now
from caseflow.http.responses import pdf_response
from caseflow.i18n import gettext as _
from caseflow.services import packs
from caseflow.services.errors import ServiceError
from caseflow.web.cases import bp, load_visible_case
from caseflow.web.cases.forms import PackForm
from caseflow.web.helpers import current_actor


@bp.route("/cases/<id:case_id>/information-pack", methods=["POST"])
@login_required
def issue_pack(case_id: int):
    """A POST, not a link: issuing a pack is recorded on the timeline."""
    case = load_visible_case(case_id)
    form = PackForm()
    if form.validate_on_submit():
        try:
            pack = packs.issue_pack(
                current_actor(), case, form.version.data, form.lang.data, utc_now()
            )
        except ServiceError as error:
            flash(str(error), "error")
        else:
            return pdf_response(pack)
    else:
        flash(_("Choose a pack and a language from the lists."), "error")
    return redirect(url_for("cases.show", case_id=case.id, _anchor="pack"))
