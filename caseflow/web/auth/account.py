"""The user's own account: sessions and tokens, password, two-factor sign-in."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.i18n import gettext as _
from caseflow.models import ApiToken
from caseflow.security import current_session, session_limits
from caseflow.services import accounts, api_tokens, sessions, two_factor
from caseflow.services.errors import ValidationFailed
from caseflow.web.auth import bp
from caseflow.web.auth.forms import CodeForm, EmptyForm, PasswordChangeForm
from caseflow.web.forms import show_service_errors
from caseflow.web.helpers import current_actor


def _me():
    return current_user._get_current_object()


@bp.route("/account/sessions")
@login_required
def account_sessions():
    now = utc_now()
    return render_template(
        "auth/sessions.html",
        form=EmptyForm(),
        current=current_session(),
        sessions=sessions.live_for(_me(), now, session_limits()),
        tokens=api_tokens.live_for(_me(), now),
    )


@bp.route("/account/sessions/<id:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    if EmptyForm().validate_on_submit():
        try:
            sessions.end_one(current_actor(), _me(), session_id, utc_now())
        except ValidationFailed:
            abort(404)
        flash(_("That session has ended."), "success")
    return redirect(url_for("auth.account_sessions"))


@bp.route("/account/tokens/<id:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    record = db.session.get(ApiToken, token_id)
    if record is None or record.user_id != current_user.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        api_tokens.revoke(current_actor(), record, utc_now())
        flash(_("That API token is revoked."), "success")
    return redirect(url_for("auth.account_sessions"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        record = current_session()
        try:
            accounts.change_own_password(
                current_actor(),
                _me(),
                form.current_password.data,
                form.password.data,
                utc_now(),
                record.id if record else None,
            )
        except ValidationFailed as error:
            show_service_errors(form, error)
        else:
            flash(
                _("Your password is changed. Your other sessions and tokens have ended."), "success"
            )
            return redirect(url_for("home.index"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/account/two-factor")
@login_required
def two_factor_page():
    user = _me()
    qr = uri = None
    if user.totp_secret and not user.totp_enabled:
        uri = two_factor.otpauth_uri(user)
        qr = two_factor.qr_svg(uri)
    return render_template(
        "auth/two_factor.html",
        user=user,
        qr=qr,
        uri=uri,
        start_form=EmptyForm(),
        code_form=CodeForm(),
        left=two_factor.recovery_codes_left(user),
    )


@bp.route("/account/two-factor/start", methods=["POST"])
@login_required
def two_factor_start():
    if EmptyForm().validate_on_submit():
        try:
            two_factor.begin(current_actor(), _me(), utc_now())
        except ValidationFailed as error:
            flash(str(error.message), "error")
    return redirect(url_for("auth.two_factor_page"))


@bp.route("/account/two-factor/confirm", methods=["POST"])
@login_required
def two_factor_confirm():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm(current_actor(), _me(), form.otp.data, utc_now())
        except ValidationFailed as error:
            flash(str(error.message), "error")
        else:
            # Shown on this one response only; never stored in the clear.
            return render_template("auth/recovery_codes.html", codes=codes)
    return redirect(url_for("auth.two_factor_page"))


@bp.route("/account/two-factor/remove", methods=["POST"])
@login_required
def two_factor_remove():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            two_factor.disable(current_actor(), _me(), form.otp.data, utc_now())
        except ValidationFailed as error:
            flash(str(error.message), "error")
        else:
            flash(_("Two-factor sign-in is off."), "success")
    return redirect(url_for("auth.two_factor_page"))
