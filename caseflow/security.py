"""Sign-in sessions and the HTTP security headers every response carries.

The signed cookie holds only the user id and a random session key; whether that session is
still live (not signed out, not idle, not past its absolute limit) is asked of the database
on each request, so a sign-out on one app server holds on all of them.
"""

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from flask_login import LoginManager, current_user, logout_user

from caseflow.domain.roles import Role
from caseflow.http import utc_now
from caseflow.i18n import lazy_gettext as _l
from caseflow.models import User, UserSession
from caseflow.services import sessions
from caseflow.services.sessions import SessionLimits

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.before_request(refuse_nul_characters)
    app.before_request(end_idle_session)
    app.before_request(require_account_steps)
    app.after_request(add_security_headers)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def refuse_nul_characters():
    """No text in Caseflow holds a NUL character, and PostgreSQL cannot store one: refuse the
    request at the door (400) rather than fail deep inside a query."""
    parts = [request.path, *request.args.values(), *request.form.values()]
    if any(_has_nul(part) for part in parts) or (
        request.is_json and _has_nul(request.get_json(silent=True))
    ):
        abort(400, "Text may not contain NUL characters.")


def session_limits() -> SessionLimits:
    config = current_app.config
    return SessionLimits(idle=config["IDLE_TIMEOUT"], absolute=config["SESSION_ABSOLUTE_LIMIT"])


def current_session() -> UserSession | None:
    """The live server-side session the cookie names, looked up once per request."""
    if "user_session" not in g:
        key = session.get("sid")
        g.user_session, g.session_state = sessions.find(key, utc_now(), session_limits())
    return g.user_session


def load_user(user_id: str) -> User | None:
    """A user is signed in only while the session record the cookie names is live."""
    ident, _, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    record = current_session()
    if record is None or record.user_id != int(ident):
        return None
    user = record.user
    if not user.active or user.session_token != token:
        return None
    return user


def end_idle_session():
    """A cookie whose session has ended is dropped; after a timeout, say why."""
    if request.endpoint == "static" or request.blueprint == "api" or "_user_id" not in session:
        return None
    if current_user.is_authenticated:
        return None
    state = g.get("session_state")
    logout_user()
    session.clear()
    if state == "idle":
        minutes = int(current_app.config["IDLE_TIMEOUT"].total_seconds() // 60)
        message = _l(
            "Your session expired after %(minutes)d minutes without activity. "
            "Please sign in again.",
            minutes=minutes,
        )
    elif state == "absolute":
        hours = int(current_app.config["SESSION_ABSOLUTE_LIMIT"].total_seconds() // 3600)
        message = _l(
            "Your session ended %(hours)d hours after you signed in. Please sign in again.",
            hours=hours,
        )
    else:
        return None
    flash(message, "warning")
    return redirect(url_for("auth.login"))


#: Pages a user may still open while a password change or two-factor set-up is owed.
ACCOUNT_STEP_ENDPOINTS = {
    "static",
    "auth.logout",
    "auth.language",
    "auth.change_password",
    "auth.two_factor_page",
    "auth.two_factor_start",
    "auth.two_factor_confirm",
}
TWO_FACTOR_ROLES = {Role.SUPERVISOR, Role.ADMINISTRATOR, Role.ANALYST}


def needs_two_factor(user: User) -> bool:
    return (
        bool(current_app.config.get("REQUIRE_2FA"))
        and user.role in TWO_FACTOR_ROLES
        and not user.totp_enabled
    )


def require_account_steps():
    """Send a user who owes a new password or two-factor set-up there before anything else."""
    if request.blueprint == "api" or request.endpoint in ACCOUNT_STEP_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return None
    if current_user.must_change_password:
        flash(_l("Choose a new password before you go on."), "warning")
        return redirect(url_for("auth.change_password"))
    if needs_two_factor(current_user):
        flash(_l("Your role needs two-factor sign-in. Set it up before you go on."), "warning")
        return redirect(url_for("auth.two_factor_page"))
    return None


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    # is_anonymous reads no column: after a view's commit, is_authenticated would reload the
    # user with one more statement on every signed-in page.
    if request.blueprint == "api" or not current_user.is_anonymous:
        response.headers.setdefault("Cache-Control", "no-store")
    return response
