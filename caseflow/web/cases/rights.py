"""The child's data rights from the case page: correcting identity, subject-access export."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow.domain.cases import Sex
from caseflow.http import utc_now
from caseflow.http.responses import record_response
from caseflow.i18n import gettext as _
from caseflow.models import Case
from caseflow.services import cases, corrections, subject_access
from caseflow.services.corrections import IdentityInput
from caseflow.services.errors import ServiceError
from caseflow.web.cases import bp, load_visible_case
from caseflow.web.cases.forms import CorrectionForm, SubjectAccessForm
from caseflow.web.forms import show_service_errors, status_for
from caseflow.web.helpers import current_actor


def correctable_case(case_id: int) -> Case:
    """404 outside the circle (as everywhere); 403 for those in it who may not correct."""
    case = load_visible_case(case_id)
    if not corrections.may_correct(current_user, case):
        abort(403)
    return case


@bp.route("/cases/<id:case_id>/correction", methods=["GET", "POST"])
@login_required
def correct(case_id: int):
    case = correctable_case(case_id)
    form = CorrectionForm()
    if not form.is_submitted():
        form = CorrectionForm(formdata=None, data=_identity_data(case))
        form.show_version(case.version)
        page = render_template("cases/correct.html", case=case, form=form)
        # The form shows the child's and the caregiver's identity as recorded: a read. After
        # the page is made: the record's commit would expire what the page reads.
        cases.record_view(current_actor(), case, utc_now(), what="correction_viewed")
        return page
    elif form.validate():
        try:
            corrections.correct_identity(
                current_actor(),
                case,
                form.version.data,
                _identity_input(form),
                form.reason.data,
                utc_now(),
            )
        except ServiceError as error:
            show_service_errors(form, error)
            form.show_version(case.version)
            return render_template("cases/correct.html", case=case, form=form), status_for(error)
        flash(_("The child's details were corrected."), "success")
        return redirect(url_for("cases.show", case_id=case.id, _anchor="timeline"))
    else:
        return render_template("cases/correct.html", case=case, form=form), 422


def _identity_data(case: Case) -> dict:
    return {
        "given_name": case.child_given_name,
        "family_name": case.child_family_name,
        "date_of_birth": case.date_of_birth,
        "age_estimate": case.age_estimate,
        "sex": case.sex.value,
        "caregiver_name": case.caregiver_name,
        "caregiver_relationship": case.caregiver_relationship,
        "caregiver_phone": case.caregiver_phone,
    }


def _identity_input(form: CorrectionForm) -> IdentityInput:
    return IdentityInput(
        given_name=form.given_name.data or "",
        family_name=form.family_name.data or "",
        sex=Sex(form.sex.data),
        date_of_birth=form.date_of_birth.data,
        age_estimate=form.age_estimate.data,
        caregiver_name=form.caregiver_name.data,
        caregiver_phone=form.caregiver_phone.data,
        caregiver_relationship=form.caregiver_relationship.data,
    )


@bp.route("/cases/<id:case_id>/subject-access", methods=["POST"])
@login_required
def subject_access_export(case_id: int):
    """The child's whole record for the owning supervisor, audited, never cached."""
    case = load_visible_case(case_id)
    if not subject_access.may_export(current_user, case):
        abort(403)
    form = SubjectAccessForm()
    if not form.validate_on_submit():
        abort(400)
    done = subject_access.export(current_actor(), case, form.format.data, utc_now())
    return record_response(done, form.format.data)
