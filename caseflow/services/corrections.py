"""Correcting a child's identity fields: one timeline event with old and new values, audited."""

from dataclasses import dataclass
from datetime import date, datetime

from caseflow.domain import workflow
from caseflow.domain.cases import Sex, age_band, age_in_years
from caseflow.domain.clocks import local_date
from caseflow.domain.corrections import changes
from caseflow.domain.events import EventType
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import Case
from caseflow.permissions import party_of
from caseflow.services import audit, duplicates, statistics
from caseflow.services.audit import Actor
from caseflow.services.cases import expect_version
from caseflow.services.errors import Conflict, StepRefused, ValidationFailed
from caseflow.services.registration_checks import child_age_errors
from caseflow.services.steps import acting_user, commit_or_conflict
from caseflow.services.timeline import write_event


@dataclass(slots=True)
class IdentityInput:
    """The identity as it should read; every field is given, changed or not."""

    given_name: str
    family_name: str
    sex: Sex
    date_of_birth: date | None = None
    age_estimate: int | None = None
    caregiver_name: str | None = None
    caregiver_phone: str | None = None
    caregiver_relationship: str | None = None


def identity_of(case: Case) -> dict:
    return {
        "given_name": case.child_given_name,
        "family_name": case.child_family_name,
        "date_of_birth": case.date_of_birth,
        "age_estimate": case.age_estimate,
        "sex": case.sex,
        "caregiver_name": case.caregiver_name,
        "caregiver_phone": case.caregiver_phone,
        "caregiver_relationship": case.caregiver_relationship,
    }


def may_correct(user, case: Case) -> bool:
    """Those who handle cases in the owning facility (or supervise it) correct its identity."""
    party = party_of(user)
    return party.handles_cases and party.works_at(case.owner_facility_id)


def correct_identity(
    actor: Actor,
    case: Case,
    version: int | None,
    wanted: IdentityInput,
    reason: str,
    now: datetime,
) -> Case:
    """Change the fields that differ, keep old and new on the timeline, recount the statistics.

    Who may correct is asked before the version, so that a refused user learns nothing more.
    """
    user = acting_user(actor)
    if not may_correct(user, case):
        raise StepRefused(workflow.Refusal.NOT_YOUR_CASE)
    expect_version(case, version)
    if case.anonymised_at is not None:
        raise Conflict(_l("This case has been anonymised: there is no identity to correct."))
    errors = {}
    if not wanted.given_name.strip():
        errors["given_name"] = _l("Fill in this field.")
    on = min(local_date(case.reported_at), local_date(now))
    errors.update(child_age_errors(wanted.date_of_birth, wanted.age_estimate, on))
    if not reason.strip():
        errors["reason"] = _l("Say why the details are corrected.")
    changed = changes(
        identity_of(case),
        {
            "given_name": wanted.given_name.strip(),
            "family_name": wanted.family_name.strip(),
            "date_of_birth": wanted.date_of_birth,
            "age_estimate": wanted.age_estimate,
            "sex": wanted.sex,
            "caregiver_name": wanted.caregiver_name or None,
            "caregiver_phone": wanted.caregiver_phone or None,
            "caregiver_relationship": wanted.caregiver_relationship or None,
        },
    )
    if not changed and not errors:
        errors["reason"] = _l("Nothing was changed: correct at least one field.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    before = statistics.values_of(case)
    case.child_given_name = wanted.given_name.strip()
    case.child_family_name = wanted.family_name.strip()
    case.date_of_birth, case.age_estimate = wanted.date_of_birth, wanted.age_estimate
    case.sex = wanted.sex
    case.caregiver_name = wanted.caregiver_name or None
    case.caregiver_phone = wanted.caregiver_phone or None
    case.caregiver_relationship = wanted.caregiver_relationship or None
    case.age_band = age_band(
        age_in_years(case.date_of_birth, case.age_estimate, local_date(case.reported_at))
    )
    duplicates.index_case(case)  # found under the corrected name and age, not the old ones
    write_event(
        case, EventType.IDENTITY_CORRECTED, user, now, now, changes=changed, reason=reason.strip()
    )
    statistics.recount_corrected(case, before)
    # The audit names the fields, not their values: the values stay on the case's timeline.
    audit.record(
        actor,
        "identity_corrected",
        now,
        object_type="case",
        object_id=case.id,
        fields=sorted(changed),
    )
    commit_or_conflict()
    return case
