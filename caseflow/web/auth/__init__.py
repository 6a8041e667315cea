"""Signing in and out, and choosing the interface language."""

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from caseflow.http import utc_now
from caseflow.http.sign_in import lockout_policy
from caseflow.services import accounts
from caseflow.services.accounts import SignInOutcome
from caseflow.services.errors import ValidationFailed
from caseflow.web.auth.forms import LanguageForm, LoginForm
from caseflow.web.helpers import is_safe_local_url

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        result = accounts.sign_in(
            form.username.data, form.password.data, request.remote_addr, utc_now(), lockout_policy()
        )
        if result.outcome is SignInOutcome.SIGNED_IN:
            session.clear()
            session.permanent = True
            login_user(result.user)
            session["last_seen"] = utc_now().timestamp()
            target = form.next.data
            return redirect(target if is_safe_local_url(target) else url_for("home.index"))
        if result.outcome is SignInOutcome.LOCKED:
            until = format_datetime(result.locked_until, "short")
            form.form_errors.append(
                _(
                    "This account is locked after too many failed sign-ins. Try again after "
                    "%(until)s, or ask an administrator to unlock it.",
                    until=until,
                )
            )
        else:
            form.form_errors.append(_("Wrong username or password."))
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            try:
                accounts.set_language(current_user._get_current_object(), form.language.data)
            except ValidationFailed as error:
                flash(str(error.message), "error")
        session["language"] = form.language.data
    target = form.next.data
    return redirect(target if is_safe_local_url(target) else url_for("home.index"))


@bp.app_context_processor
def language_form():
    current = get_locale().language
    # Shown on every page, submitted only to /language: never read this request's body.
    form = LanguageForm(formdata=None, language=current, next=request.full_path.rstrip("?"))
    return {"language_form": form}
