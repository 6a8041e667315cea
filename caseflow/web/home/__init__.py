"""Each role's home page: what that person needs first when they sign in."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from caseflow.domain.roles import OFFICER_ROLES, Role
from caseflow.domain.workflow import OPEN_STATUSES
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.models import AuditRecord, Case, Facility, State, User
from caseflow.permissions import supervised_ids, visible_cases
from caseflow.services import helpline
from caseflow.services.audit import ReadKind
from caseflow.services.cases import CASE_ROW_LOADING
from caseflow.web.helpers import record_read

bp = Blueprint("home", __name__)
HOME_LIST_SIZE = 10


@bp.route("/")
@login_required
def index():
    user = current_user._get_current_object()
    context = _CONTEXT.get(user.role, lambda u: {})(user)
    record_read(ReadKind.LIST, [case.id for case in context.get("cases", ())], page="home")
    return render_template(f"home/{user.role.value}.html", user=user, **context)


def _oscc(user: User) -> dict:
    clinics = db.session.scalars(
        select(Facility).where(Facility.default_oscc_id == user.facility_id).order_by(Facility.name)
    )
    return {"referring_clinics": list(clinics)}


def _open_cases(condition) -> list[Case]:
    stmt = (
        select(Case)
        .where(condition, Case.status.in_(list(OPEN_STATUSES)))
        .order_by(Case.updated_at.desc())
        .options(*CASE_ROW_LOADING)
        .limit(HOME_LIST_SIZE)
    )
    return list(db.session.scalars(stmt))


def _protector(user: User) -> dict:
    return {"cases": _open_cases(Case.owner_officer_id == user.id)}


def _police(user: User) -> dict:
    """The police never own a case; they see those referred to their unit and acknowledged."""
    return {"cases": _open_cases(visible_cases(user))}


def _supervisor(user: User) -> dict:
    ids = supervised_ids(user)
    officers = db.session.scalars(
        select(User)
        .where(User.facility_id.in_(ids), User.role.in_(list(OFFICER_ROLES)), User.active)
        .order_by(User.display_name)
    )
    return {"officers": list(officers)}


def _analyst(user: User) -> dict:
    rows = db.session.execute(
        select(State.name, Facility.type, func.count())
        .join(State, State.code == Facility.state_code)
        .where(Facility.active)
        .group_by(State.name, Facility.type)
        .order_by(State.name)
    )
    table: dict[str, dict[str, int]] = {}
    for state, kind, count in rows:
        table.setdefault(state, {})[kind.value] = count
    return {"facility_counts": table}


def _administrator(user: User) -> dict:
    users_by_role = dict(
        db.session.execute(select(User.role, func.count()).group_by(User.role)).tuples().all()
    )
    recent = db.session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(10))
    locked = db.session.scalars(
        select(User).where(User.locked_until > utc_now()).order_by(User.username)
    )
    return {"users_by_role": users_by_role, "recent_audit": list(recent), "locked": list(locked)}


def _helpline(user: User) -> dict:
    return {"sent": helpline.sent_by(user)}


_CONTEXT = {
    Role.HELPLINE: _helpline,
    Role.PROTECTOR: _protector,
    Role.POLICE_OFFICER: _police,
    Role.OSCC_STAFF: _oscc,
    Role.SUPERVISOR: _supervisor,
    Role.ANALYST: _analyst,
    Role.ADMINISTRATOR: _administrator,
}
