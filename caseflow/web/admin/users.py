"""User accounts: list, create, edit, deactivate, unlock, set a password."""

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from caseflow.domain.roles import Role
from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import Facility, User
from caseflow.permissions import Permission, permission_required
from caseflow.services import accounts
from caseflow.services.accounts import AccountDetails
from caseflow.services.errors import ValidationFailed
from caseflow.web.admin import bp
from caseflow.web.admin.choices import facility_choices
from caseflow.web.admin.forms import (
    ROLE_LABELS,
    ConfirmForm,
    NewUserForm,
    PasswordForm,
    UserForm,
)
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor, paginate

SORTS = {"username": User.username, "name": User.display_name, "role": User.role}


@bp.route("/users")
@permission_required(Permission.MANAGE_USERS)
def users():
    q = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    sort = request.args.get("sort", "username")
    stmt = select(User).join(Facility, User.facility_id == Facility.id)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(
            or_(User.username.ilike(like), User.display_name.ilike(like), Facility.name.ilike(like))
        )
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == Role(role))
    page = paginate(stmt.order_by(SORTS.get(sort, User.username), User.id))
    return render_template(
        "admin/users.html", page=page, q=q, role=role, sort=sort, roles=ROLE_LABELS, now=utc_now()
    )


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def new_user():
    form = _with_choices(NewUserForm())
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                current_actor(), _details(form), form.password.data, utc_now()
            )
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_("Account %(username)s created.", username=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<id:user_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _with_choices(UserForm(obj=user))
    if request.method == "GET":
        form.supervised_facility_ids.data = [f.id for f in user.supervises]
        form.role.data = user.role.value
    if form.validate_on_submit():
        try:
            accounts.update_user(current_actor(), user, _details(form), utc_now())
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(_("Account %(username)s saved.", username=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/user_form.html",
        form=form,
        user=user,
        confirm=ConfirmForm(),
        password_form=PasswordForm(),
        now=utc_now(),
    )


@bp.route("/users/<id:user_id>/active", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def toggle_active(user_id: int):
    """Deactivating asks first: the person loses access at once, on every server."""
    user = db.get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            accounts.set_active(current_actor(), user, not user.active, utc_now())
        except ValidationFailed as error:
            flash(str(error.message), "error")
        else:
            message = _("Account reactivated.") if user.active else _("Account deactivated.")
            flash(message, "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/confirm_active.html", user=user, form=form)


@bp.route("/users/<id:user_id>/unlock", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def unlock_user(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.unlock(current_actor(), user, utc_now())
    flash(_("Account unlocked."), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<id:user_id>/sessions/end", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def end_sessions(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.sign_out_everywhere(current_actor(), user, utc_now())
    flash(_("The user is signed out everywhere and their API tokens are revoked."), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<id:user_id>/password", methods=["POST"])
@permission_required(Permission.MANAGE_USERS)
def set_password(user_id: int):
    user = db.get_or_404(User, user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(current_actor(), user, form.password.data, utc_now())
        except ValidationFailed as error:
            flash(str(error.message), "error")
        else:
            message = _(
                "Password set. The user is signed out everywhere and must choose a new "
                "password at the next sign-in."
            )
            flash(message, "success")
    else:
        for message in form.password.errors:
            flash(str(message), "error")
    return redirect(url_for("admin.edit_user", user_id=user.id))


def _with_choices(form: UserForm) -> UserForm:
    form.facility_id.choices = facility_choices(blank=_("Choose a facility"))
    form.supervised_facility_ids.choices = facility_choices()
    return form


def _details(form: UserForm) -> AccountDetails:
    return AccountDetails(
        username=form.username.data,
        display_name=form.display_name.data,
        role=Role(form.role.data),
        facility_id=form.facility_id.data,
        email=form.email.data,
        phone=form.phone.data,
        language=form.language.data,
        supervised_facility_ids=tuple(form.supervised_facility_ids.data or ()),
    )
