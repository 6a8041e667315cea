"""The facility directory: list, search, create, edit."""

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from caseflow.domain.facilities import FacilityType
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Facility
from caseflow.permissions import Permission, permission_required
from caseflow.services import directory
from caseflow.services.directory import FacilityDetails
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.admin.choices import district_choices, facility_choices, state_choices
from caseflow.web.admin.forms import FACILITY_TYPE_LABELS, FacilityForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor, paginate


@bp.route("/facilities")
@permission_required(Permission.MANAGE_FACILITIES)
def facilities():
    q = request.args.get("q", "").strip()
    kind = request.args.get("type", "")
    state = request.args.get("state", "")
    stmt = select(Facility)
    if q:
        stmt = stmt.where(Facility.name.ilike(f"%{q}%"))
    if kind in {t.value for t in FacilityType}:
        stmt = stmt.where(Facility.type == FacilityType(kind))
    if state:
        stmt = stmt.where(Facility.state_code == state)
    page = paginate(stmt.order_by(Facility.state_code, Facility.name, Facility.id))
    return render_template(
        "admin/facilities.html",
        page=page,
        q=q,
        kind=kind,
        state=state,
        types=FACILITY_TYPE_LABELS,
        states=state_choices(),
    )


@bp.route("/facilities/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_FACILITIES)
def new_facility():
    form = _with_choices(FacilityForm())
    if form.validate_on_submit():
        try:
            facility = directory.create_facility(current_actor(), _details(form), utc_now())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_("Facility %(name)s created.", name=facility.name), "success")
            return redirect(url_for("admin.facilities"))
    return render_template("admin/facility_form.html", form=form, facility=None)


@bp.route("/facilities/<id:facility_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_FACILITIES)
def edit_facility(facility_id: int):
    facility = db.get_or_404(Facility, facility_id)
    form = _with_choices(FacilityForm(obj=facility))
    if request.method == "GET":
        form.type.data = facility.type.value
    if form.validate_on_submit():
        try:
            directory.update_facility(current_actor(), facility, _details(form), utc_now())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_("Facility %(name)s saved.", name=facility.name), "success")
            return redirect(url_for("admin.facilities"))
    return render_template("admin/facility_form.html", form=form, facility=facility)


def _with_choices(form: FacilityForm) -> FacilityForm:
    form.state_code.choices = state_choices()
    form.district_id.choices = district_choices(blank=_("No district"))
    form.default_oscc_id.choices = facility_choices(FacilityType.OSCC, blank=_("None"))
    return form


def _details(form: FacilityForm) -> FacilityDetails:
    return FacilityDetails(
        code=form.code.data,
        name=form.name.data,
        type=FacilityType(form.type.data),
        state_code=form.state_code.data,
        district_id=form.district_id.data,
        default_oscc_id=form.default_oscc_id.data,
        special=form.special.data,
        phone=form.phone.data,
        active=form.active.data,
    )
