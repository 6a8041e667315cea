"""What registering a case checks before anything is written, every error at once.

The API reports them together in one 422; the register form shows the same messages in one
summary, so that a person corrects the whole form in one pass, not one error per submission.
"""

from datetime import date, datetime

from flask_babel import format_date
from sqlalchemy import select

from caseflow.domain.cases import (
    HOME_LANGUAGES,
    PENAL_CODE_SECTIONS,
    PLATFORMS,
    SOCA_SECTIONS,
    AgeProblem,
    age_in_years,
    age_problems,
)
from caseflow.domain.clocks import local_date
from caseflow.domain.matching import identity_number
from caseflow.extensions import db
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import District, Facility, State
from caseflow.services.errors import ValidationFailed

NO_CONCERN = _l("Record at least one concern.")

AGE_MESSAGES = {
    AgeProblem.MISSING: _l("Give a date of birth or an estimated age."),
    AgeProblem.BORN_IN_FUTURE: _l("The date of birth is after the day the concern was reported."),
    AgeProblem.NOT_A_CHILD: _l("A child is 0 to 17 years old."),
}


def child_age_errors(
    date_of_birth: date | None, age_estimate: int | None, on: date | None
) -> dict[str, str]:
    """The domain's age rule in words, by field name ("date_of_birth", "age_estimate")."""
    errors = {}
    for name, problem in age_problems(date_of_birth, age_estimate, on).items():
        if problem is AgeProblem.DISAGREES:
            errors[name] = _l(
                "Born on %(born)s, the child was %(age)d when the concern was reported, not "
                "%(estimate)d. Correct one of them, or leave the estimated age empty.",
                born=format_date(date_of_birth, "long"),
                age=age_in_years(date_of_birth, None, on),
                estimate=age_estimate,
            )
        else:
            errors[name] = AGE_MESSAGES[problem]
    return errors


def validate_case(data, now: datetime) -> int | None:
    """Raise ValidationFailed naming every wrong field (API names); returns the district's id."""
    errors: dict[str, str] = {}
    if not data.given_name.strip():
        errors["child.given_name"] = _l("Fill in this field.")
    on = min(local_date(data.reported_at), local_date(now))
    for name, message in child_age_errors(data.date_of_birth, data.age_estimate, on).items():
        errors[f"child.{name}"] = message
    try:
        identity_number(data.identity_number)
    except ValueError:
        errors["child.identity_number"] = _l("A MyKid or MyKad number has 12 digits.")
    if data.reported_at > now:
        errors["source.reported_at"] = _l("The report cannot be in the future.")
    if db.session.get(State, data.state_code) is None:
        errors["child.state"] = _l("Choose a state.")
    if data.home_language not in HOME_LANGUAGES:
        errors["child.home_language"] = _l("Choose from the list.")
    if not data.concerns:
        errors["concerns"] = NO_CONCERN
    for n, concern in enumerate(data.concerns):
        if any(p not in PLATFORMS for p in concern.platforms):
            errors[f"concerns.{n}.platforms"] = _l("Choose platforms from the list.")
    if any(s not in SOCA_SECTIONS for s in data.soca_sections):
        errors["soca_sections"] = _l("Choose sections from the list.")
    if any(s not in PENAL_CODE_SECTIONS for s in data.penal_code_sections):
        errors["penal_code_sections"] = _l("Choose sections from the list.")
    if data.source_facility_id and db.session.get(Facility, data.source_facility_id) is None:
        errors["source.facility_id"] = _l("Choose from the list.")
    district_id = None
    if data.district:
        district_id = db.session.scalar(
            select(District.id).where(
                District.state_code == data.state_code, District.name == data.district
            )
        )
        if district_id is None:
            errors["child.district"] = _l("That district is not in the chosen state.")
    if errors:
        raise ValidationFailed(_l("Please correct the marked fields."), errors)
    return district_id
