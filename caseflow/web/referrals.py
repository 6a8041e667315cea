"""A facility's incoming referrals, and the receiver's answers."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from caseflow.domain.workflow import ReferralStatus, Urgency
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Case, Referral
from caseflow.models.base import one_of, written
from caseflow.permissions import (
    can_see_referral,
    can_view_case,
    case_access_ended,
    circle_facility_ids,
)
from caseflow.services import referrals
from caseflow.services.audit import ReadKind
from caseflow.services.errors import ServiceError
from caseflow.web.cases.forms import DeclineForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor, paginate, record_read

bp = Blueprint("referrals", __name__)


@bp.route("/referrals")
@login_required
def index():
    """Incoming referrals, urgent and oldest first, with counts; and cases returned to us."""
    ids = circle_facility_ids(current_user)
    if not ids:
        abort(403)
    page = paginate(referrals.incoming(ids))
    counts = dict(
        db.session.execute(
            select(Referral.status, func.count())
            .where(
                Referral.to_facility_id.in_(ids),
                one_of(Referral.status, [ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED]),
            )
            .group_by(Referral.status)
        )
        .tuples()
        .all()
    )
    urgent = db.session.scalar(
        select(func.count()).select_from(
            referrals.incoming(ids).where(Referral.urgency == Urgency.URGENT).subquery()
        )
    )
    returned = db.session.scalars(
        select(Case)
        .where(Case.owner_facility_id.in_(ids), Case.returned_to_sender)
        .order_by(Case.updated_at.desc())
        .limit(written(50))
    ).all()
    shown = [r.case_id for r in page.items] + [case.id for case in returned]
    record_read(ReadKind.REFERRAL, shown, page=page.page)
    return render_template(
        "referrals/index.html", page=page, counts=counts, urgent=urgent, returned=returned
    )


def load_referral(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None or not can_see_referral(current_user, referral):
        abort(404)
    return referral


@bp.route("/referrals/<id:referral_id>")
@login_required
def show(referral_id: int, decline_form=None, status=200):
    """What the referral says: enough to decide, not the child's record (until acknowledged)."""
    referral = load_referral(referral_id)
    case_visible = can_view_case(current_user, referral.case_id)
    ended = not case_visible and case_access_ended(current_user, referral)
    record_read(ReadKind.REFERRAL, [referral.case_id], referral_id=referral.id)
    return render_template(
        "referrals/show.html",
        referral=referral,
        case_visible=case_visible,
        access_ended=ended,
        decline_form=decline_form or DeclineForm(),
    ), status


@bp.route("/referrals/<id:referral_id>/<any(acknowledge, accept):step>", methods=["POST"])
@login_required
def answer(referral_id: int, step: str):
    referral = load_referral(referral_id)
    try:
        getattr(referrals, step)(current_actor(), referral, utc_now())
    except ServiceError as error:
        flash(str(error.message), "error")
        return redirect(url_for("referrals.show", referral_id=referral.id))
    message = _("Referral acknowledged.") if step == "acknowledge" else _("Referral accepted.")
    flash(message, "success")
    if step == "accept":
        return redirect(url_for("cases.show", case_id=referral.case_id))
    # Acknowledged: the next decision (accept or decline) is taken on the referral's page.
    return redirect(url_for("referrals.show", referral_id=referral.id))


@bp.route("/referrals/<id:referral_id>/decline", methods=["POST"])
@login_required
def decline(referral_id: int):
    referral = load_referral(referral_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            referrals.decline(current_actor(), referral, form.reason.data, utc_now())
        except ServiceError as error:
            show_service_errors(form, error)
        else:
            flash(_("Referral declined. The case is back with the sender."), "success")
            return redirect(url_for("referrals.index"))
    return show(referral_id, decline_form=form, status=422)
