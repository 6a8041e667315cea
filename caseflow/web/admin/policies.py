"""Clock policies: the targets in force, and revising them."""

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from caseflow.domain.clocks import Unit
from caseflow.domain.policies import UNSETTLED_WEEKEND, weekend_unsettled
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import ClockPolicy
from caseflow.permissions import Permission, permission_required
from caseflow.services import policies
from caseflow.services.clocks import target_of
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.admin.forms import PolicyForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor
from caseflow.web.labels import translated


@bp.route("/policies")
@permission_required(Permission.MANAGE_POLICIES)
def policy_list():
    """In the order the policies were first written: a revised one keeps its place."""
    first = aliased(ClockPolicy)
    first_written = select(func.min(first.id)).where(first.key == ClockPolicy.key)
    current = db.session.scalars(
        select(ClockPolicy)
        .where(ClockPolicy.current.is_(True))
        .order_by(first_written.scalar_subquery(), ClockPolicy.id)
    )
    return render_template("admin/policies.html", policies=list(current))


@bp.route("/policies/<key>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_POLICIES)
def edit_policy(key: str):
    policy = policies.current_policy(key) or abort(404)
    form = PolicyForm(obj=policy)
    if not form.is_submitted():
        form.target_unit.data = policy.target_unit.value
        form.due_soon_percent.data = round(policy.due_soon_share * 100)
        form.weekly_holidays.data = policy.weekly_holidays
    if form.validate_on_submit():
        change = policies.PolicyChange(
            name=form.name.data,
            target_amount=form.target_amount.data,
            target_unit=Unit(form.target_unit.data),
            due_soon_share=form.due_soon_percent.data / 100,
            weekly_holidays=form.weekly_holidays.data,
        )
        try:
            revised = policies.revise(current_actor(), policy, change, utc_now())
        except ValidationFailed as error:
            error.fields = {
                ("due_soon_percent" if k == "due_soon_share" else k): v
                for k, v in error.fields.items()
            }
            show_service_errors(form, error)
        else:
            flash(
                _(
                    "Version %(version)d of %(name)s is in force for new clocks.",
                    version=revised.version,
                    name=translated(revised.name),
                ),
                "success",
            )
            return redirect(url_for("admin.policy_list"))
    history = db.session.scalars(
        select(ClockPolicy).where(ClockPolicy.key == key).order_by(ClockPolicy.version.desc())
    )
    return render_template(
        "admin/policy_form.html",
        form=form,
        policy=policy,
        history=list(history),
        unsettled=UNSETTLED_WEEKEND if weekend_unsettled(target_of(policy)) else None,
    )
