"""Who may do what: the one place where roles become permissions, checked on the server."""

from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from caseflow.domain.roles import Role


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_FACILITIES = "manage_facilities"
    VIEW_DIRECTORY = "view_directory"
    REGISTER_CASE = "register_case"
    SUPERVISE = "supervise"
    VIEW_STATISTICS = "view_statistics"
    VIEW_AUDIT = "view_audit"


_CASE_WORKER = frozenset({Permission.VIEW_DIRECTORY, Permission.REGISTER_CASE})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLINIC_STAFF: _CASE_WORKER,
    Role.OSCC_STAFF: _CASE_WORKER,
    Role.SCHOOL_COUNSELLOR: _CASE_WORKER,
    Role.PROTECTOR: _CASE_WORKER,
    Role.POLICE_OFFICER: _CASE_WORKER,
    Role.SUPERVISOR: frozenset(
        {Permission.VIEW_DIRECTORY, Permission.SUPERVISE, Permission.VIEW_AUDIT}
    ),
    Role.ANALYST: frozenset({Permission.VIEW_STATISTICS}),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.MANAGE_FACILITIES,
            Permission.VIEW_DIRECTORY,
            Permission.VIEW_AUDIT,
        }
    ),
}


def has_permission(user, permission: Permission) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and permission in ROLE_PERMISSIONS.get(
        user.role, frozenset()
    )


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
