"""A child's case: register, find, read, and the steps taken on it."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, District, State
from caseflow.permissions import Permission, permission_required
from caseflow.services import case_search, cases
from caseflow.services.case_search import OPEN, CaseFilter
from caseflow.services.cases import CaseInput, ConcernInput
from caseflow.services.errors import ServiceError, ValidationFailed
from caseflow.web.admin.choices import state_choices
from caseflow.web.cases.forms import CaseForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor, local_now_for_input, local_to_utc, paginate, utc_now

bp = Blueprint("cases", __name__)

# Form field -> the service's field name for the same thing (the API's dotted names).
FORM_FIELDS = {
    "child.given_name": "given_name", "child.date_of_birth": "date_of_birth",
    "child.age_estimate": "age_estimate", "child.state": "state_code",
    "child.district": "district", "child.home_language": "home_language",
    "source.reported_at": "reported_at", "concerns": "forms", "soca_sections": "soca_sections",
}  # fmt: skip


def case_filter_from_args() -> CaseFilter:
    """The list's filters from the query string; the list and its exports read the same."""
    args = request.args
    owner = current_user.id if args.get("mine") == "1" else None
    return CaseFilter(
        q=args.get("q", "").strip(), status=args.get("status", OPEN),
        state=args.get("state", ""), owner_id=owner,
    )  # fmt: skip


@bp.route("/cases")
@login_required
def index():
    """My cases and search: by reference or name, status and state; newest activity first."""
    criteria = case_filter_from_args()
    page = paginate(case_search.search(current_user._get_current_object(), criteria))
    return render_template(
        "cases/index.html", page=page, q=criteria.q, status=criteria.status,
        state=criteria.state, mine=criteria.owner_id is not None, states=state_choices(),
    )  # fmt: skip


@bp.route("/cases/new", methods=["GET", "POST"])
@permission_required(Permission.REGISTER_CASE)
def new():
    form = _with_choices(CaseForm())
    if request.method == "GET":
        form.state_code.data = current_user.facility.state_code
        form.reported_at.data = local_now_for_input()
        form.source_type.data = _source_for(current_user.facility.type.value)
    if form.validate_on_submit():
        try:
            case = cases.register_case(current_actor(), _case_input(form), utc_now())
        except ValidationFailed as error:
            _show_case_errors(form, error)
        else:
            flash(_("Case %(reference)s registered.", reference=case.reference), "success")
            return redirect(url_for("cases.show", case_id=case.id, _anchor="refer"))
    return render_template("cases/new.html", form=form)


def _source_for(facility_type: str) -> str:
    return facility_type if facility_type in {s.value for s in SourceType} else "public"


def _with_choices(form: CaseForm) -> CaseForm:
    form.state_code.choices = state_choices()
    districts = db.session.execute(
        select(District.name, State.name).join(State).order_by(State.name, District.name)
    )
    form.district.choices = [SelectChoice("", "—")] + [
        SelectChoice(name, name, optgroup=state) for name, state in districts
    ]
    return form


def _case_input(form: CaseForm) -> CaseInput:
    online = set(form.online_forms.data or ())
    platforms = tuple(form.platforms.data or ())
    concerns = [
        ConcernInput(AbuseForm(f), online=f in online, platforms=platforms if f in online else ())
        for f in form.forms.data or ()
    ]
    return CaseInput(
        given_name=form.given_name.data, family_name=form.family_name.data or "",
        sex=Sex(form.sex.data), state_code=form.state_code.data,
        district=form.district.data or None, risk_level=RiskLevel(form.risk_level.data),
        source_type=SourceType(form.source_type.data),
        reported_at=local_to_utc(form.reported_at.data), concerns=concerns,
        date_of_birth=form.date_of_birth.data, age_estimate=form.age_estimate.data,
        home_language=form.home_language.data, caregiver_name=form.caregiver_name.data,
        caregiver_phone=form.caregiver_phone.data,
        caregiver_relationship=form.caregiver_relationship.data,
        soca_sections=tuple(form.soca_sections.data or ()), narrative=form.narrative.data or "",
    )  # fmt: skip


def _show_case_errors(form: CaseForm, error: ServiceError) -> None:
    renamed = {FORM_FIELDS.get(k, k.split(".")[0] if k.startswith("concerns") else k): v
               for k, v in error.fields.items()}  # fmt: skip
    show_service_errors(form, type(error)(error.message, renamed))


def load_visible_case(case_id: int) -> Case:
    """404 for a case outside the user's circle: never reveal that it exists."""
    try:
        return cases.load_case_for(current_user._get_current_object(), case_id)
    except LookupError:
        abort(404)


def timeline_of(case: Case) -> list[CaseEvent]:
    stmt = (
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.at, CaseEvent.id)
        .options(joinedload(CaseEvent.user), joinedload(CaseEvent.facility))  # one statement
    )
    return list(db.session.scalars(stmt))


from caseflow.web.cases import detail, exports, packs, steps  # noqa: E402, F401  (registers the routes)
