"""Roles become permissions here and nowhere else; a refused step becomes an HTTP status."""

from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from caseflow.domain.roles import Role
from caseflow.domain.workflow import Refusal


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_FACILITIES = "manage_facilities"
    MANAGE_POLICIES = "manage_policies"
    VIEW_DIRECTORY = "view_directory"
    REGISTER_CASE = "register_case"
    SUPERVISE = "supervise"
    REGISTER_AND_REFER = "register_and_refer"  # a helpline refers a new case on the spot
    VIEW_STATISTICS = "view_statistics"
    VIEW_AUDIT = "view_audit"


_CASE_WORKER = frozenset({Permission.VIEW_DIRECTORY, Permission.REGISTER_CASE})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLINIC_STAFF: _CASE_WORKER,
    Role.OSCC_STAFF: _CASE_WORKER,
    Role.SCHOOL_COUNSELLOR: _CASE_WORKER,
    Role.PROTECTOR: _CASE_WORKER,
    Role.POLICE_OFFICER: _CASE_WORKER,
    # Registers a case from a call or chat and refers it to the district JKM office at once.
    Role.HELPLINE: _CASE_WORKER | {Permission.REGISTER_AND_REFER},
    Role.SUPERVISOR: frozenset(
        {Permission.VIEW_DIRECTORY, Permission.SUPERVISE, Permission.VIEW_AUDIT}
    ),
    Role.ANALYST: frozenset({Permission.VIEW_STATISTICS}),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.MANAGE_FACILITIES,
            Permission.MANAGE_POLICIES,
            Permission.VIEW_DIRECTORY,
            Permission.VIEW_AUDIT,
        }
    ),
}


def has_permission(user, permission: Permission) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and permission in ROLE_PERMISSIONS.get(
        user.role, frozenset()
    )


def supervised_facilities(user) -> list:
    """The facilities a supervisor oversees (their dashboard, queue and caseload scope)."""
    if not has_permission(user, Permission.SUPERVISE):
        return []
    return sorted(user.supervises, key=lambda f: f.name)


def supervised_ids(user) -> list[int]:
    return sorted(f.id for f in supervised_facilities(user))


def permission_required(permission: Permission):
    """Refuse (403) a signed-in user whose role lacks the permission; send others to sign in."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


#: Refusals that are about who the user is, not the state of the record: 403, not 409.
_FORBIDDING = frozenset({Refusal.ROLE_MAY_NOT, Refusal.NOT_YOUR_CASE, Refusal.NOT_YOUR_REFERRAL})


def refusal_status(refusal: Refusal) -> int:
    """How a refused step answers over HTTP: 403 for who you are, 409 for the record's state."""
    return 403 if refusal in _FORBIDDING else 409
