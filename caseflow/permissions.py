"""Who may do what: the one place where roles become permissions, checked on the server."""

from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, false, or_, select

from caseflow.domain.roles import Role
from caseflow.domain.workflow import Party
from caseflow.extensions import db
from caseflow.models import Case, Referral


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_FACILITIES = "manage_facilities"
    MANAGE_POLICIES = "manage_policies"
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
    # Registers a case from a call or chat and refers it to the district JKM office at once.
    Role.HELPLINE: _CASE_WORKER,
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


# --- Need-to-know access to a child's case -------------------------------------------------
# A case is seen by the staff of its owning facility, of facilities that sent it a referral or
# acknowledged one, and by the supervisors of those facilities. Everyone else is told it does
# not exist (404), never "forbidden", which would reveal that it does.


def party_of(user) -> Party:
    return Party(user.role, user.facility_id, frozenset(f.id for f in user.supervises))


def circle_facility_ids(user) -> frozenset[int]:
    """The facilities whose cases this user may see: their own and those they supervise."""
    party = party_of(user)
    if not party.handles_cases:
        return frozenset()
    return frozenset({party.facility_id}) | party.supervises


def visible_cases(user) -> ColumnElement[bool]:
    """A WHERE clause: the cases in this user's circle. The only definition of visibility."""
    ids = circle_facility_ids(user)
    if not ids:
        return false()
    # IN-subqueries rather than a correlated EXISTS: each side is served by an index, so the
    # database reads the circle's cases instead of testing every case in the country.
    sent = select(Referral.case_id).where(Referral.from_facility_id.in_(ids))
    acknowledged = select(Referral.case_id).where(
        Referral.to_facility_id.in_(ids), Referral.acknowledged_at.is_not(None)
    )
    return or_(Case.owner_facility_id.in_(ids), Case.id.in_(sent), Case.id.in_(acknowledged))


def can_view_case(user, case_id: int) -> bool:
    stmt = select(Case.id).where(Case.id == case_id, visible_cases(user))
    return db.session.scalar(stmt) is not None


def can_see_referral(user, referral) -> bool:
    """Before acknowledging, a receiver sees the referral (not the case); the sender sees it too."""
    ids = circle_facility_ids(user)
    return referral.to_facility_id in ids or referral.from_facility_id in ids
