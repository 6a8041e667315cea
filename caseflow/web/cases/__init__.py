"""A child's case: register, find, read, and the steps taken on it."""

from dataclasses import dataclass
from functools import lru_cache

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from caseflow.domain.cases import AbuseForm, RiskLevel, Sex, SourceType
from caseflow.domain.events import EventType
from caseflow.domain.workflow import Urgency
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Case, CaseEvent, District, State
from caseflow.permissions import Permission, has_permission, permission_required
from caseflow.services import case_search, cases, helpline
from caseflow.services.audit import ReadKind
from caseflow.services.case_search import OPEN, CaseFilter
from caseflow.services.cases import CaseInput, ConcernInput
from caseflow.services.errors import ServiceError, ValidationFailed
from caseflow.services.timeline import step_kinds, timeline_cases
from caseflow.web.admin.choices import state_choices
from caseflow.web.cases.forms import CaseForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import (
    current_actor,
    local_now_for_input,
    local_to_utc,
    paginate,
    record_read,
)

bp = Blueprint("cases", __name__)

# Form field -> the service's field name for the same thing (the API's dotted names).
FORM_FIELDS = {
    "child.given_name": "given_name",
    "child.date_of_birth": "date_of_birth",
    "child.age_estimate": "age_estimate",
    "child.state": "state_code",
    "child.identity_number": "identity_number",
    "child.district": "district",
    "child.home_language": "home_language",
    "source.reported_at": "reported_at",
    "concerns": "forms",
    "soca_sections": "soca_sections",
    "penal_code_sections": "penal_code_sections",
}


def case_filter_from(values) -> CaseFilter:
    owner = current_user.id if values.get("mine") == "1" else None
    return CaseFilter(
        q=values.get("q", "").strip()[:200],
        status=values.get("status", OPEN),
        state=values.get("state", ""),
        owner_id=owner,
    )


def case_filter_from_args() -> CaseFilter:
    """The list's filters: a saved search's token, or plain filters without a name.

    The list and its exports read the same.
    """
    token = request.args.get("search", "")
    if token:
        saved = case_search.load(current_user, token, utc_now())
        if saved is not None:
            return saved
    return case_filter_from(request.args.to_dict() | {"q": ""})


@bp.route("/cases/search", methods=["POST"])
@login_required
def search():
    """The search form posts here; the criteria stay on the server behind a token."""
    criteria = case_filter_from(request.form)
    token = case_search.save(current_user, criteria, utc_now())
    return redirect(url_for("cases.index", search=token), code=303)


@bp.route("/cases")
@login_required
def index():
    """My cases and search: by reference or name, status and state; newest activity first."""
    if request.args.get("q"):  # an old link or bookmark: keep the name out of what follows
        criteria = case_filter_from(request.args)
        token = case_search.save(current_user, criteria, utc_now())
        return redirect(url_for("cases.index", search=token), code=303)
    criteria = case_filter_from_args()
    user = current_user._get_current_object()
    page = paginate(case_search.search(user, criteria), case_search.total(user, criteria))
    kind = ReadKind.SEARCH if criteria.q else ReadKind.LIST
    record_read(kind, [case.id for case in page.items], page=page.page)
    return render_template(
        "cases/index.html",
        page=page,
        q=criteria.q,
        status=criteria.status,
        state=criteria.state,
        mine=criteria.owner_id is not None,
        states=state_choices(),
    )


@bp.route("/cases/new", methods=["GET", "POST"])
@permission_required(Permission.REGISTER_CASE)
def new():
    form = _with_choices(CaseForm())
    if request.method == "GET":
        form.state_code.data = current_user.facility.state_code
        form.reported_at.data = local_now_for_input()
        form.source_type.data = _source_for(current_user.facility.type.value)
    if form.validate_on_submit() and has_permission(current_user, Permission.REGISTER_AND_REFER):
        return _register_from_helpline(form)
    if form.validate_on_submit():
        try:
            done = cases.register(current_actor(), _case_input(form), utc_now())
        except ValidationFailed as error:
            _show_case_errors(form, error)
        else:
            case = done.case
            flash(_("Case %(reference)s registered.", reference=case.reference), "success")
            if done.possible_duplicates:
                flash(
                    _("This child may already have a case: see Possible duplicates below."),
                    "warning",
                )
                return redirect(url_for("cases.show", case_id=case.id, _anchor="duplicates"))
            return redirect(url_for("cases.show", case_id=case.id, _anchor="refer"))
    return render_template("cases/new.html", form=form)


def _register_from_helpline(form: CaseForm):
    """A call or chat: registered and referred to the district JKM office in one step."""
    urgency = Urgency.URGENT if form.risk_level.data == RiskLevel.HIGH else Urgency.ROUTINE
    try:
        sent = helpline.register_and_refer(
            current_actor(), _case_input(form), urgency, form.narrative.data or "", utc_now()
        )
    except ServiceError as error:
        _show_case_errors(form, error)
        return render_template("cases/new.html", form=form), 422
    flash(
        _(
            "Case %(reference)s registered and referred to %(office)s.",
            reference=sent.case.reference,
            office=sent.referral.to_facility.name,
        ),
        "success",
    )
    if not sent.district_office:
        flash(
            _(
                "No office of the child's district is in the directory: it went to the state "
                "capital's office. Tell that office which district the child lives in."
            ),
            "warning",
        )
    return redirect(url_for("home.index"))


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
        given_name=form.given_name.data,
        family_name=form.family_name.data or "",
        sex=Sex(form.sex.data),
        state_code=form.state_code.data,
        district=form.district.data or None,
        risk_level=RiskLevel(form.risk_level.data),
        source_type=SourceType(form.source_type.data),
        reported_at=local_to_utc(form.reported_at.data),
        concerns=concerns,
        date_of_birth=form.date_of_birth.data,
        age_estimate=form.age_estimate.data,
        home_language=form.home_language.data,
        caregiver_name=form.caregiver_name.data,
        identity_number=form.identity_number.data or None,
        caregiver_phone=form.caregiver_phone.data,
        caregiver_relationship=form.caregiver_relationship.data,
        soca_sections=tuple(form.soca_sections.data or ()),
        penal_code_sections=tuple(form.penal_code_sections.data or ()),
        narrative=form.narrative.data or "",
    )


def _show_case_errors(form: CaseForm, error: ServiceError) -> None:
    renamed = {
        FORM_FIELDS.get(k, k.split(".")[0] if k.startswith("concerns") else k): v
        for k, v in error.fields.items()
    }
    show_service_errors(form, type(error)(error.message, renamed))


def load_visible_case(case_id: int, options=()) -> Case:
    """404 for a case outside the user's circle: never reveal that it exists."""
    try:
        return cases.load_case_for(current_user._get_current_object(), case_id, options=options)
    except LookupError:
        abort(404)


@dataclass(frozen=True, slots=True)
class Timeline:
    """The steps a page shows, oldest first, and what it knows of those it leaves out."""

    events: list[CaseEvent]
    total: int
    kinds: frozenset[EventType]  # of every step, shown or not: what may be recorded next

    @property
    def hidden(self) -> int:
        return self.total - len(self.events)


def timeline_of(case: Case, latest: int | None = None) -> Timeline:
    """The case's steps (those of cases merged into it too); with `latest`, only that many of
    the most recent. A court case gathers a hundred steps, and the page grew with each."""
    parameters = {"case_id": case.id}
    if latest is None:
        events = list(db.session.scalars(_timeline_statement(None), parameters))
        return Timeline(events, len(events), frozenset(e.type for e in events))
    events = list(db.session.scalars(_timeline_statement(latest + 1), parameters))[::-1]
    if len(events) <= latest:
        return Timeline(events, len(events), frozenset(e.type for e in events))
    # Only a long timeline pays for a second statement: the kind of every step.
    kinds = step_kinds(case)
    return Timeline(events[1:], len(kinds), frozenset(kinds))


def _of_the_case():
    return CaseEvent.case_id.in_(timeline_cases(bindparam("case_id", type_=Integer)))


@lru_cache(maxsize=4)
def _timeline_statement(newest: int | None) -> Select:
    """Built once (every case page runs it): the whole timeline oldest first, or the `newest`
    steps newest first; each step's person and facility joined, not loaded one by one."""
    stmt = select(CaseEvent).where(_of_the_case())
    stmt = stmt.options(joinedload(CaseEvent.user), joinedload(CaseEvent.facility))
    if newest is None:
        return stmt.order_by(CaseEvent.at, CaseEvent.id)
    return stmt.order_by(CaseEvent.at.desc(), CaseEvent.id.desc()).limit(newest)


from caseflow.web.cases import (  # noqa: E402, F401  (registers the routes)
    access_log,
    detail,
    duplicates,
    exports,
    packs,
    rights,
    steps,
)
