"""The case page: the child's facts, referrals, timeline, and the steps this user may take."""

from functools import lru_cache

from flask import flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value
from wtforms.fields.choices import SelectChoice

from caseflow import reference
from caseflow.domain.clocks import local_date
from caseflow.domain.events import EventType, recorded_late
from caseflow.domain.facilities import FacilityType
from caseflow.domain.ids import parse_id
from caseflow.domain.workflow import RECEIVING_TYPES, CaseStatus
from caseflow.domain.worklist import usual_receivers
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Case, Facility, Referral
from caseflow.permissions import assignable_officers, can_see_access_log, can_view_case, party_of
from caseflow.permissions import can_assign as can_assign_case
from caseflow.services import (
    case_steps,
    caseload,
    cases,
    corrections,
    directory,
    subject_access,
)
from caseflow.services.clocks import clocks_of
from caseflow.services.packs import choose
from caseflow.web.caseloads import with_caseload
from caseflow.web.cases import bp, load_visible_case, timeline_of
from caseflow.web.cases.duplicates import duplicates_context
from caseflow.web.cases.forms import (
    AssignForm,
    EventForm,
    PackForm,
    ReferForm,
    SubjectAccessForm,
    step_choices,
)
from caseflow.web.helpers import current_actor
from caseflow.web.timeline import step_details

#: The most recent steps the case page lists; the rest are one link away (?timeline=all).
TIMELINE_LATEST = 30


@bp.route("/cases/<id:case_id>")
@login_required
def show(case_id: int):
    case = load_visible_case(case_id, PAGE_RELATIONS)
    if case.merged_into_id is not None and can_view_case(current_user, case.merged_into_id):
        # A merged reference leads to the case it was merged into (its events are shown there).
        flash(_("%(reference)s was merged into this case.", reference=case.reference), "info")
        return redirect(url_for("cases.show", case_id=case.merged_into_id, _anchor="duplicates"))
    page = render_case(case)  # first: the view's commit would expire what the page reads
    cases.record_view(current_actor(), case, utc_now(), shown_with=g.get("cases_shown_with", ()))
    return page


def render_case(case: Case, refer_form=None, assign_form=None, event_form=None, status=200):
    """The case page, with any refused form shown again with its input and reasons. It runs
    a fixed number of statements (a test holds it to 15): each list is loaded whole, once."""
    _load_page_relations(case)
    party = party_of(current_user)
    is_open = case.status is not CaseStatus.CLOSED
    can_assign = can_assign_case(current_user, case)
    can_refer = party.works_at(case.owner_facility_id) and is_open
    receivers, courts = facility_choices(case, can_refer, party.handles_cases)
    if can_refer:
        refer_to = parse_id(request.args.get("refer_to", "")) or _first(case, receivers)
        refer_form = refer_form or ReferForm(to_facility_id=refer_to)
        refer_form.to_facility_id.choices = receivers
    if can_assign:
        assign_form = assign_form or AssignForm()
        assign_form.officer_id.choices = protector_choices(case)
        assign_form.explain = assign_hint(case, assign_form.officer_id.choices)
    latest = None if request.args.get("timeline") == "all" else TIMELINE_LATEST
    timeline, clocks = timeline_of(case, latest), clocks_of(case)
    steps = offered_steps(case, timeline.kinds) if party.handles_cases else []
    if steps:
        event_form = event_form or EventForm()  # "when" left empty: now, at the moment of Record
        event_form.type.choices = step_choices(steps)
        event_form.court_id.choices = courts
    for form in (refer_form, assign_form, event_form):
        if form is not None:
            form.show_version(case.version)
    charged = EventType.CHARGE_REGISTERED in timeline.kinds
    return render_template(
        "cases/show.html",
        case=case,
        timeline=timeline,
        clocks=clocks,
        now=utc_now(),
        no_disposal_target=charged
        and not any(c.policy.key.startswith("court_disposal") for c in clocks),
        refer_form=refer_form if can_refer else None,
        assign_form=assign_form if can_assign else None,
        event_form=event_form if steps else None,
        step_details=step_details,
        recorded_late=recorded_late,
        court_names={c.value: c.label for c in courts if c.value},
        referral_names={r.id: r.to_facility.name for r in case.referrals},
        can_see_audit=can_see_access_log(current_user, case),
        pack_form=pack_form(case) if party.handles_cases else None,
        **duplicates_context(case),
        can_correct=corrections.may_correct(current_user, case) and case.anonymised_at is None,
        subject_access_form=SubjectAccessForm()
        if subject_access.may_export(current_user, case)
        else None,
    ), status


def offered_steps(case: Case, done: frozenset[EventType]) -> list:
    """The steps the rules allow this user now, read against the timeline already loaded."""
    return [step.kind for step in case_steps.offered(current_user, case, done)]


def _first(case: Case, choices: list[SelectChoice]) -> int | None:
    """The receiver preselected: the most usual for this facility not already referred to."""
    group, referred = usual_group(case.owner_facility), {r.to_facility_id for r in case.referrals}
    usual = [c.value for c in choices if c.optgroup == group and c.value not in referred]
    return usual[0] if usual else None


def usual_group(owner: Facility) -> str:
    return _("Usual for %(facility)s", facility=owner.name)


#: The owner facility, the officer, the reporting facility and the concerns joined to the
#: case's own statement; the referrals (with both ends) come in a second, `_referrals_of_case`.
#: Joining the referrals too made PostgreSQL plan a nine-table join each time, which cost
#: more than the second round trip (measured on the million-case database).
PAGE_RELATIONS = (
    joinedload(Case.owner_facility),
    joinedload(Case.owner_officer),
    joinedload(Case.source_facility),
    joinedload(Case.concerns),
)


@lru_cache(maxsize=1)
def _referrals_of_case() -> Select:
    """Built once: as a `selectinload`, SQLAlchemy built and keyed the referrals' statement
    anew on every case page, 2 to 3 ms of its time at a million cases (1 ms was the SQL)."""
    return (
        select(Referral)
        .where(Referral.case_id == bindparam("case_id"))
        .options(joinedload(Referral.from_facility), joinedload(Referral.to_facility))
        .order_by(Referral.id)  # the relationship's own order
    )


def _load_page_relations(case: Case) -> None:
    unloaded = inspect(case).unloaded
    if {"owner_facility", "owner_officer", "concerns"} & unloaded:  # not loaded with the case
        db.session.execute(
            select(Case).where(Case.id == case.id).options(*PAGE_RELATIONS)
        ).unique().all()
    if "referrals" in unloaded:
        referrals = db.session.scalars(_referrals_of_case(), {"case_id": case.id})
        set_committed_value(case, "referrals", list(referrals))


def pack_form(case: Case) -> PackForm:
    version, language = choose(case, None, None, local_date(utc_now()))
    return PackForm(formdata=None, version=version.value, lang=language.value)


def facility_choices(case: Case, receivers: bool, courts: bool):
    """The referral receivers and the courts, from the directory's places (kept in the cache)."""
    if not (receivers or courts):
        return [], []
    found = directory.places(receivers, courts, case.state_code)
    court_list = sorted((f for f in found if f.type is FacilityType.COURT), key=lambda f: f.name)
    return (
        receiver_choices(case, [f for f in found if f.type is not FacilityType.COURT]),
        [SelectChoice("", "—")] + [SelectChoice(f.id, f.name) for f in court_list],
    )


def receiver_choices(case: Case, facilities: list | None = None) -> list[SelectChoice]:
    """Where this facility usually refers first (its default OSCC, its district's JKM office,
    its state's D11), then every receiver by state."""
    if facilities is None:
        return facility_choices(case, receivers=True, courts=False)[0]
    owner = case.owner_facility
    candidates = [
        f for f in facilities if f.type in RECEIVING_TYPES and f.active and f.id != owner.id
    ]
    usual = usual_receivers(owner, candidates, reference.capital_office_name(owner.state_code))
    by_id = {f.id: f for f in candidates}
    group = usual_group(owner)
    return [SelectChoice(i, by_id[i].name, optgroup=group) for i in usual] + [
        SelectChoice(f.id, f.name, optgroup=f.state_name) for f in candidates if f.id not in usual
    ]


def protector_choices(case: Case) -> list[SelectChoice]:
    """The office's protectors, each with the open cases they already hold."""
    officers = list(db.session.scalars(assignable_officers([case.owner_facility_id])))
    loads = caseload.open_caseloads([u.id for u in officers])
    return [SelectChoice(u.id, with_caseload(u, loads.get(u.id, 0))) for u in officers]


def assign_hint(case: Case, choices: list[SelectChoice]) -> str | None:
    """Why the list offers no one else, when it does not."""
    if not choices:
        return _("No protector works in this office yet: an administrator adds their accounts.")
    if len(choices) == 1 and choices[0].value == case.owner_officer_id:
        return _(
            "Only %(name)s is a protector in this office, and the case is already theirs.",
            name=case.owner_officer.display_name,
        )
    return None
