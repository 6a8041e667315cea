"""The steps a user takes from the case page: refer, assign, record an event."""

from flask import flash, redirect, url_for
from flask_login import login_required

from caseflow.domain.events import DATE_FIELDS, EventType
from caseflow.domain.workflow import Urgency
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.services import cases, referrals
from caseflow.services.errors import ServiceError
from caseflow.web.cases import bp, load_visible_case
from caseflow.web.cases.detail import (
    facility_choices,
    protector_choices,
    receiver_choices,
    render_case,
)
from caseflow.web.cases.forms import AssignForm, EventForm, ReferForm
from caseflow.web.forms import show_service_errors, status_for
from caseflow.web.helpers import current_actor, local_to_utc


@bp.route("/cases/<id:case_id>/referrals", methods=["POST"])
@login_required
def refer(case_id: int):
    case = load_visible_case(case_id)
    form = ReferForm()
    form.to_facility_id.choices = receiver_choices(case)
    if form.validate_on_submit():
        try:
            cases.expect_version(case, form.version.data)
            referrals.refer(
                current_actor(),
                case,
                form.to_facility_id.data,
                form.reason.data,
                Urgency(form.urgency.data),
                utc_now(),
            )
        except ServiceError as error:
            show_service_errors(form, error)
            return render_case(case, refer_form=form, status=status_for(error))
        flash(_("Referral sent."), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return render_case(case, refer_form=form, status=422)


@bp.route("/cases/<id:case_id>/assignment", methods=["POST"])
@login_required
def assign(case_id: int):
    case = load_visible_case(case_id)
    form = AssignForm()
    form.officer_id.choices = protector_choices(case)
    if form.validate_on_submit():
        try:
            cases.expect_version(case, form.version.data)
            cases.assign_officer(current_actor(), case, form.officer_id.data, utc_now())
        except ServiceError as error:
            show_service_errors(form, error)
            return render_case(case, assign_form=form, status=status_for(error))
        flash(_("Protector assigned."), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return render_case(case, assign_form=form, status=422)


@bp.route("/cases/<id:case_id>/events", methods=["POST"])
@login_required
def record_event(case_id: int):
    case = load_visible_case(case_id)
    form = EventForm()  # every recordable step: the service refuses one not allowed, saying why
    form.court_id.choices = facility_choices(case, receivers=False, courts=True)[1]
    if form.validate_on_submit():
        now = utc_now()
        data = {
            name: getattr(form, name).data
            for name in EventForm.DATA_FIELDS
            if getattr(form, name).data not in (None, "")
        }
        for name in DATE_FIELDS:
            if name in data:
                data[name] = data[name].isoformat()
        try:
            cases.expect_version(case, form.version.data)
            cases.record_event(
                current_actor(),
                case,
                EventType(form.type.data),
                local_to_utc(form.at.data) if form.at.data else now,  # empty: now, to the second
                data,
                now,
            )
        except ServiceError as error:
            show_service_errors(form, error)
            return render_case(case, event_form=form, status=status_for(error))
        flash(_("Step recorded."), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return render_case(case, event_form=form, status=422)
