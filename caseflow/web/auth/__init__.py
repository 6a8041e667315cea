"""Signing in (password, then a second factor when the user has one) and out, and language."""

from datetime import timedelta

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
from flask_login import current_user, login_user, logout_user

from caseflow.extensions import db
from caseflow.http import utc_now
from caseflow.http.sign_in import lockout_policy
from caseflow.i18n import gettext as _
from caseflow.models import User
from caseflow.services import accounts, sessions, sign_in
from caseflow.services.errors import ValidationFailed
from caseflow.services.sign_in import SignInOutcome, SignInResult
from caseflow.web.auth.forms import CodeForm, LanguageForm, LoginForm
from caseflow.web.helpers import safe_next

bp = Blueprint("auth", __name__)
PENDING_FOR = timedelta(minutes=5)  # between a right password and its second factor


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        result = sign_in.sign_in(
            form.username.data,
            form.password.data,
            request.remote_addr,
            utc_now(),
            lockout_policy(),
            otp=form.otp.data or None,
        )
        if result.outcome is SignInOutcome.CODE_NEEDED:
            fresh_session()
            session["pending_user"] = result.user.id
            session["pending_at"] = utc_now().timestamp()
            session["pending_next"] = safe_next(form.next.data)
            return redirect(url_for("auth.login_code"))
        return _answer(result, form, "auth/login.html", form.next.data)
    return render_template("auth/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """The second step: the user's password was right moments ago in this browser."""
    user = _pending_user()
    if user is None:
        session.pop("pending_user", None)
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        result = sign_in.second_factor(
            user, form.otp.data, request.remote_addr, utc_now(), lockout_policy()
        )
        return _answer(result, form, "auth/code.html", session.get("pending_next"))
    return render_template("auth/code.html", form=form)


def _pending_user() -> User | None:
    ident, since = session.get("pending_user"), session.get("pending_at")
    if not isinstance(ident, int) or not isinstance(since, float):
        return None
    if utc_now().timestamp() - since > PENDING_FOR.total_seconds():
        return None
    user = db.session.get(User, ident)
    return user if user is not None and user.active else None


def _answer(result: SignInResult, form, template: str, target: str | None):
    """One place turns a sign-in outcome into a page, so both steps answer alike."""
    status, headers = 401, {}
    if result.outcome is SignInOutcome.SIGNED_IN:
        start_session(result.user)
        return redirect(safe_next(target))
    if result.outcome is SignInOutcome.THROTTLED:
        status, headers = 429, {"Retry-After": str(result.retry_after)}
        form.form_errors.append(_("Too many sign-in attempts. Wait a minute and try again."))
    elif result.outcome is SignInOutcome.LOCKED:
        session.pop("pending_user", None)
        until = format_datetime(result.locked_until, "short")
        form.form_errors.append(
            _(
                "This account is locked after too many failed sign-ins. Try again after "
                "%(until)s, or ask an administrator to unlock it.",
                until=until,
            )
        )
    elif result.outcome is SignInOutcome.CODE_WRONG:
        form.form_errors.append(_("That code is not right. Enter the code your app shows now."))
    else:
        form.form_errors.append(_("Wrong username or password."))
    return render_template(template, form=form), status, headers


def fresh_session() -> str | None:
    """Empty the cookie before a sign-in step, keeping only the language chosen on the sign-in
    page (nothing else from before sign-in may survive it). Returns that choice."""
    chosen = session.get("language")
    session.clear()
    if chosen:
        session["language"] = chosen
    return chosen


def start_session(user: User) -> None:
    """A fresh cookie naming a fresh server-side session (never one from before sign-in). A
    language chosen before signing in becomes the user's: they picked it a moment ago."""
    chosen = fresh_session()
    session.permanent = True
    agent = request.headers.get("User-Agent")
    session["sid"] = sessions.start(user, request.remote_addr, agent, utc_now())
    login_user(user)
    if chosen and chosen != user.language:
        accounts.set_language(user, chosen)


@bp.route("/logout", methods=["POST"])
def logout():
    from caseflow.security import current_session

    record = current_session()
    if record is not None:
        sessions.sign_out(record, utc_now())
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
    return redirect(safe_next(form.next.data))


@bp.app_context_processor
def language_form():
    current = get_locale().language
    # Shown on every page, submitted only to /language: never read this request's body.
    form = LanguageForm(formdata=None, language=current, next=request.full_path.rstrip("?"))
    return {"language_form": form}


from caseflow.web.auth import account  # noqa: E402, F401
