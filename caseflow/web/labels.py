"""The words the interface shows for enum values, translated, in one place."""

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from caseflow.domain.facilities import FacilityType
from caseflow.domain.roles import Role
from caseflow.permissions import has_permission

ROLE_LABELS = {
    Role.CLINIC_STAFF: _l("Clinic staff"),
    Role.OSCC_STAFF: _l("OSCC staff"),
    Role.SCHOOL_COUNSELLOR: _l("School counsellor"),
    Role.PROTECTOR: _l("Child protector"),
    Role.POLICE_OFFICER: _l("Police officer"),
    Role.SUPERVISOR: _l("Supervisor"),
    Role.ANALYST: _l("Analyst"),
    Role.ADMINISTRATOR: _l("Administrator"),
}

FACILITY_TYPE_LABELS = {
    FacilityType.CLINIC: _l("Health clinic"),
    FacilityType.OSCC: _l("Hospital One-Stop Crisis Centre"),
    FacilityType.JKM: _l("Social Welfare (JKM) office"),
    FacilityType.POLICE: _l("Police unit"),
    FacilityType.SCHOOL: _l("School"),
    FacilityType.COURT: _l("Court"),
    FacilityType.HELPLINE: _l("Helpline"),
    FacilityType.LEGAL_COMPANION: _l("Legal Companion service"),
    FacilityType.MINISTRY: _l("Ministry"),
}

AUDIT_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_refused": _l("Sign-in refused"),
    "account_locked": _l("Account locked"),
    "user_created": _l("Account created"),
    "user_updated": _l("Account changed"),
    "user_deactivated": _l("Account deactivated"),
    "user_reactivated": _l("Account reactivated"),
    "user_unlocked": _l("Account unlocked"),
    "password_set": _l("Password set"),
    "directory_loaded": _l("Directory loaded"),
    "facility_created": _l("Facility created"),
    "facility_updated": _l("Facility changed"),
}


def role_label(role) -> str:
    return ROLE_LABELS.get(Role(role), str(role))


def facility_type_label(kind) -> str:
    return FACILITY_TYPE_LABELS.get(FacilityType(kind), str(kind))


def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        role_label=role_label,
        facility_type_label=facility_type_label,
        audit_label=audit_label,
        has_permission=has_permission,
        get_locale=get_locale,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
