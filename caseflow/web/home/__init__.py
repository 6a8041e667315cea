"""Each role's home page: what that person needs first when they sign in, their waiting
work before anything else; and the navigation's counts of it."""

from datetime import datetime

from flask import Blueprint, render_template
from flask_babel import format_timedelta
from flask_login import current_user, login_required
from sqlalchemy import func, select

from caseflow.domain.roles import OFFICER_ROLES, Role
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.models import AuditRecord, Facility, State, User
from caseflow.permissions import supervised_ids
from caseflow.services import helpline, worklist
from caseflow.services.audit import ReadKind
from caseflow.web.helpers import record_read

bp = Blueprint("home", __name__)
HOME_LIST_SIZE = 10


@bp.route("/")
@login_required
def index():
    user = current_user._get_current_object()
    now = utc_now()
    context = _CONTEXT.get(user.role, lambda u: {})(user)
    work = worklist.home(user, now, HOME_LIST_SIZE)
    shown = work.case_ids() + [r.case_id for r in context.get("sent", ())]
    record_read(ReadKind.LIST, list(dict.fromkeys(shown)), page="home")
    return render_template(f"home/{user.role.value}.html", user=user, work=work, now=now, **context)


@bp.app_context_processor
def work_counts():
    """Waiting referrals and due clocks for the navigation: one statement per page."""
    if not current_user.is_authenticated:
        return {"work_counts": worklist.Counts()}
    return {"work_counts": worklist.counts(current_user, utc_now())}


@bp.app_template_filter("ago")
def ago(moment: datetime, now: datetime | None = None) -> str:
    """'3 hours ago', in the user's language."""
    return format_timedelta(moment - (now or utc_now()), add_direction=True)


def _oscc(user: User) -> dict:
    clinics = db.session.scalars(
        select(Facility).where(Facility.default_oscc_id == user.facility_id).order_by(Facility.name)
    )
    return {"referring_clinics": list(clinics)}


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
    Role.OSCC_STAFF: _oscc,
    Role.SUPERVISOR: _supervisor,
    Role.ANALYST: _analyst,
    Role.ADMINISTRATOR: _administrator,
}
