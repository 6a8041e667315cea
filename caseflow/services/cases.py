"""Registering a case, recording its steps, assigning its protector."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from caseflow.domain import workflow
from caseflow.domain.cases import (
    ALWAYS_ONLINE,
    AbuseForm,
    RiskLevel,
    Sex,
    SourceType,
    age_band,
    age_in_years,
    case_reference,
)
from caseflow.domain.cellkey import new_record_key
from caseflow.domain.clocks import local_date
from caseflow.domain.events import (
    RECORDABLE_EVENTS,
    EventType,
    event_field_errors,
    status_after_event,
)
from caseflow.domain.ids import parse_id
from caseflow.domain.matching import identity_number
from caseflow.domain.workflow import CaseStatus
from caseflow.extensions import db, dialect_name
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case, Concern, Facility, User
from caseflow.permissions import (
    party_of,
    visibility_parameters,
    visible_cases_by_parameters,
)
from caseflow.services import audit, case_steps, duplicates
from caseflow.services.audit import Actor
from caseflow.services.errors import Conflict, ServiceError, StepRefused, ValidationFailed
from caseflow.services.registration_checks import validate_case
from caseflow.services.steps import CONFLICT_MESSAGE, acting_user, commit_or_conflict
from caseflow.services.timeline import write_event

#: What a list of cases shows beside each one (its office, the office's district, its officer),
#: joined into the list's own statement: each is one row per case, and on the work queue
#: PostgreSQL joins them to the page's rows after the sort and limit. Three statements more,
#: one per relationship, cost the work queue 3.9 ms at a million cases (bench/interleaved.py).
CASE_ROW_LOADING = (
    joinedload(Case.owner_facility).joinedload(Facility.district),
    joinedload(Case.owner_officer),
)
#: The same, with what the API's case body also carries.
CASE_BODY_LOADING = (*CASE_ROW_LOADING, selectinload(Case.concerns), selectinload(Case.referrals))

FIELD_ERRORS = {
    "required": _l("Fill in this field."),
    "unknown": _l("This field is not part of this step."),
    "invalid_date": _l("Enter a date as YYYY-MM-DD."),
    "invalid_id": _l("Choose from the list."),
}


@dataclass(slots=True)
class ConcernInput:
    form: AbuseForm
    online: bool = False
    platforms: tuple[str, ...] = ()


@dataclass(slots=True)
class CaseInput:
    """What registering a case takes: the API's registration body, flattened."""

    given_name: str
    family_name: str
    sex: Sex
    state_code: str
    risk_level: RiskLevel
    source_type: SourceType
    reported_at: datetime
    concerns: list[ConcernInput]
    date_of_birth: date | None = None
    age_estimate: int | None = None
    district: str | None = None
    source_facility_id: int | None = None
    home_language: str = "ms"
    caregiver_name: str | None = None
    caregiver_phone: str | None = None
    caregiver_relationship: str | None = None
    soca_sections: tuple[str, ...] = ()
    penal_code_sections: tuple[str, ...] = ()
    narrative: str = ""
    identity_number: str | None = None


@dataclass(frozen=True, slots=True)
class Registration:
    case: Case
    #: Possible duplicates inside the registrant's circle; never a case outside it.
    possible_duplicates: list[duplicates.Found]


def register_case(actor: Actor, data: CaseInput, now: datetime) -> Case:
    """Open a case owned by the registering officer's facility, with them as its officer."""
    return register(actor, data, now).case


def register(actor: Actor, data: CaseInput, now: datetime) -> Registration:
    """Register a case and, in the same transaction, look for the same child already known:
    shown to the registrant inside their circle, told to the owners outside it."""
    case, found = open_case(actor, data, now)
    db.session.commit()
    return Registration(case, found)


def open_case(actor: Actor, data: CaseInput, now: datetime) -> tuple[Case, list]:
    """Registration without the commit, for a step that must do more in the same transaction
    (a helpline operator registers and refers at once); with the possible duplicates."""
    user = acting_user(actor)
    if workflow.refuse_register(party_of(user)) is not None:
        raise StepRefused(workflow.Refusal.ROLE_MAY_NOT)
    district_id = validate_case(data, now)
    case = Case(
        status=CaseStatus.OPEN,
        risk_level=data.risk_level,
        child_given_name=data.given_name.strip(),
        child_family_name=data.family_name.strip(),
        date_of_birth=data.date_of_birth,
        age_estimate=data.age_estimate,
        sex=data.sex,
        record_key=new_record_key(),
        age_band=age_band(
            age_in_years(data.date_of_birth, data.age_estimate, local_date(data.reported_at))
        ),
        state_code=data.state_code,
        district_id=district_id,
        home_language=data.home_language,
        caregiver_name=data.caregiver_name or None,
        caregiver_phone=data.caregiver_phone or None,
        caregiver_relationship=data.caregiver_relationship or None,
        identity_number=identity_number(data.identity_number),
        source_type=data.source_type,
        source_facility_id=data.source_facility_id or user.facility_id,
        reported_at=data.reported_at,
        soca_sections=list(data.soca_sections),
        penal_code_sections=list(data.penal_code_sections),
        narrative=data.narrative,
        owner_facility_id=user.facility_id,
        owner_officer_id=user.id,
        registered_at=now,
        updated_at=now,
        registered_by_id=user.id,
        concerns=[
            Concern(
                form=c.form, online=c.online or c.form in ALWAYS_ONLINE, platforms=list(c.platforms)
            )
            for c in data.concerns
        ],
    )
    db.session.add(case)
    db.session.flush()
    case.reference = case_reference(now.year, case.id)
    duplicates.index_case(case)
    write_event(case, EventType.CASE_REGISTERED, user, data.reported_at, now)
    audit.record(actor, "case_registered", now, object_type="case", object_id=case.id)
    return case, duplicates.on_registration(actor, case, now)


def load_case_for(user: User, case_id: int, version: int | None = None, options=()) -> Case:
    """The case if this user may see it; otherwise the same answer as for no case at all.

    One statement checks the circle and loads the case (with the caller's `options`)."""
    parameters = visibility_parameters(user)
    case = None
    if parameters is not None:
        stmt = _case_in_circle(dialect_name(), tuple(options))
        found = db.session.execute(stmt, {"case_id": case_id, **parameters})
        case = found.unique().scalars().first()  # unique: options may join collections
    if case is None:
        raise LookupError(case_id)
    if version is not None:
        expect_version(case, version)
    return case


@lru_cache(maxsize=16)
def _case_in_circle(dialect: str, options: tuple) -> Select:
    """Built once per set of options (every case page asks the same): SQLAlchemy then neither
    rebuilds the statement nor computes its cache key again, a third of the load's time."""
    stmt = select(Case).where(
        Case.id == bindparam("case_id"), visible_cases_by_parameters(dialect, by_id=True)
    )
    return stmt.options(*options)


def expect_version(case: Case, version: int | None) -> None:
    """A write carries the version of the case its author read; an older one is a conflict."""
    if version is None:
        message = _l("This form is out of date. Reload the page and try again.")
        raise ValidationFailed(message, {"version": message})
    if case.version != version:
        raise Conflict(CONFLICT_MESSAGE)


def record_event(
    actor: Actor, case: Case, kind: EventType, at: datetime, data: dict[str, Any], now: datetime
) -> Case:
    """Record a professional's step; the clocks hear of it in the same transaction."""
    user = acting_user(actor)
    if kind not in RECORDABLE_EVENTS:
        raise ValidationFailed(_l("Unknown event type."), {"type": _l("Choose from the list.")})
    case_steps.check_step(user, case, kind)  # who may, and whether the case is ready for it
    errors = {k: FIELD_ERRORS[v] for k, v in event_field_errors(kind, data).items()}
    if at > now:
        errors["at"] = _l("A step cannot be recorded in the future.")
    if kind is EventType.CHARGE_REGISTERED and "court_id" not in errors:
        court = db.session.get(Facility, parse_id(data["court_id"]))
        if court is None or court.type.value != "court":
            errors["court_id"] = _l("Choose a court.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    case.status = status_after_event(kind, case.status)
    case.returned_to_sender = case.returned_to_sender and kind is not EventType.CASE_CLOSED
    write_event(case, kind, user, at, now, **data)
    audit.record(
        actor, "event_recorded", now, object_type="case", object_id=case.id, event=kind.value
    )
    commit_or_conflict()
    return case


def assign_officer(actor: Actor, case: Case, officer_id: int, now: datetime) -> Case:
    """A supervisor of the owning JKM office gives the case to one of its protectors."""
    _assign(actor, case, officer_id, now)
    commit_or_conflict()
    return case


def reassign_cases(
    actor: Actor, chosen: list[tuple[Case, int | None]], officer_id: int, now: datetime
) -> dict[str, str]:
    """Several cases to one protector, from the caseload dashboard, each at the version read.

    A case changed since the page showed it, or one the rules refuse, is left as it is and
    named in the answer (reference → reason); the others move together in one transaction.
    """
    left: dict[str, str] = {}
    try:
        for case, version in chosen:
            try:
                expect_version(case, version)
                _assign(actor, case, officer_id, now)
            except (Conflict, StepRefused) as error:
                left[case.reference] = str(error.message)
    except ServiceError:
        db.session.rollback()
        raise
    commit_or_conflict()
    return left


def _assign(actor: Actor, case: Case, officer_id: int, now: datetime) -> None:
    user = acting_user(actor)
    officer = db.session.get(User, officer_id)
    if officer is None or not officer.active:
        raise ValidationFailed(_l("Choose an officer."), {"officer_id": _l("Choose an officer.")})
    refusal = workflow.refuse_assign(
        party_of(user),
        case.status,
        case.owner_facility_id,
        case.owner_facility.type,
        officer.role,
        officer.facility_id,
    )
    if refusal is not None:
        raise StepRefused(refusal)
    previous = case.owner_officer_id
    case.owner_officer_id = officer.id
    case.status = workflow.status_after_assignment(case.status)
    write_event(
        case,
        EventType.OFFICER_ASSIGNED,
        user,
        now,
        now,
        officer_id=officer.id,
        previous_officer_id=previous,
    )
    audit.record(
        actor, "officer_assigned", now, object_type="case", object_id=case.id, officer_id=officer.id
    )


def record_view(
    actor: Actor, case: Case, now: datetime, what: str = "case_viewed", shown_with=()
) -> None:
    """Every look at a child's record is audited: the PDPA breach notice needs to say whose.
    `shown_with`: the other cases the page named (its possible duplicates and links)."""
    audit.record(actor, what, now, object_type="case", object_id=case.id, cases=shown_with)
    db.session.commit()
